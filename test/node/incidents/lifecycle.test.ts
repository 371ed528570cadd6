// The ITIL lifecycle: every move between the six states is either allowed by the table or refused
// with a message that tells the operator where the incident may go instead.
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  INCIDENT_STATES,
  isOpenState,
  TRANSITIONS,
  type IncidentState,
} from '../../../shared/domain/incidents/index.ts';

// Written out by hand so a change to TRANSITIONS has to change this test too.
const ALLOWED: Record<IncidentState, IncidentState[]> = {
  new: ['in_progress', 'on_hold', 'resolved', 'canceled'],
  in_progress: ['on_hold', 'resolved', 'canceled'],
  on_hold: ['in_progress', 'resolved', 'canceled'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  canceled: [],
};

const ALL_PAIRS = INCIDENT_STATES.flatMap((from) =>
  INCIDENT_STATES.map((to) => [from, to] as const),
);

describe('incident lifecycle', () => {
  it('the table of allowed moves is the ITIL lifecycle', () => {
    expect(TRANSITIONS).toEqual(ALLOWED);
  });

  it('checks all 36 moves between the six states', () => {
    expect(ALL_PAIRS).toHaveLength(36);
  });

  it.each(ALL_PAIRS)('%s → %s follows the table', (from, to) => {
    const check = checkTransition(from, to);
    if (ALLOWED[from].includes(to)) {
      expect(check).toEqual({ ok: true });
      return;
    }
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain(`from ${from} to ${to}`);
    for (const allowed of ALLOWED[from]) expect(check.message).toContain(allowed);
  });

  it('no state moves to itself', () => {
    for (const state of INCIDENT_STATES) expect(checkTransition(state, state).ok).toBe(false);
  });

  it.each(['closed', 'canceled'] as const)('%s is final and says so', (state) => {
    for (const to of INCIDENT_STATES) {
      const check = checkTransition(state, to);
      expect(check).toEqual({
        ok: false,
        message: `An incident cannot move from ${state} to ${to}. From ${state} it may move to: none: it is final.`,
      });
    }
  });

  it('a resolved incident may reopen to in progress, or close, and nothing else', () => {
    expect(checkTransition('resolved', 'in_progress')).toEqual({ ok: true });
    expect(checkTransition('resolved', 'closed')).toEqual({ ok: true });
    const refused = checkTransition('resolved', 'on_hold');
    expect(refused).toEqual({
      ok: false,
      message:
        'An incident cannot move from resolved to on_hold. From resolved it may move to: in_progress, closed.',
    });
  });

  it('an incident must be resolved before it can be closed', () => {
    for (const from of ['new', 'in_progress', 'on_hold'] as const)
      expect(checkTransition(from, 'closed').ok).toBe(false);
  });

  it('no incident moves back to new', () => {
    for (const from of INCIDENT_STATES) expect(checkTransition(from, 'new').ok).toBe(false);
  });

  it('counts New, In Progress and On Hold as open, the rest as no longer worked', () => {
    expect(INCIDENT_STATES.filter(isOpenState)).toEqual(['new', 'in_progress', 'on_hold']);
  });
});
