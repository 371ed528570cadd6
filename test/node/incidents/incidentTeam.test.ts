// Working an incident as a team: priority changes with a reason, command roles handed over, the
// cross-functional team, notes kept verbatim, and the per-priority targets the clocks run against.
import { describe, expect, it } from 'vitest';
import {
  COMMANDER,
  declareIncident,
  HOUR,
  MINUTE,
  refusal,
  RESPONDER,
  setUpIncidents,
} from './incidentSite.ts';

describe('priority, roles, team and notes', () => {
  it('setting impact and urgency recomputes the priority with the matrix and records the reason', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site, 'low', 'medium');
    const detail = site.incidents.setPriority(
      id,
      'high',
      'medium',
      'the ministry portal is down',
      COMMANDER,
    );
    expect(detail).toMatchObject({ priority: 'P2', impact: 'high', urgency: 'medium' });
    // The P2 targets apply from now on.
    expect(detail.respond.targetMs).toBe(30 * MINUTE);
    expect(detail.timeline.at(-1)).toMatchObject({
      kind: 'priority',
      actor: 'omar',
      text: 'Priority P4 → P2 (impact high, urgency medium): the ministry portal is down',
      details: { from: 'P4', to: 'P2', reason: 'the ministry portal is down' },
    });
    expect(site.audit('incident.priority')).toEqual([
      expect.objectContaining({
        actor: 'omar',
        details: {
          from: 'P4',
          to: 'P2',
          impact: 'high',
          urgency: 'medium',
          reason: 'the ministry portal is down',
        },
      }),
    ]);
  });

  it('handing the commander role over records it from one operator to the other', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    const first = site.incidents.assignRole(id, 'commander', 'amal', COMMANDER);
    expect(first.commander).toBe('amal');
    expect(first.timeline.at(-1)!.text).toBe('amal is incident commander.');
    site.clock.advance(HOUR);
    const handed = site.incidents.assignRole(id, 'commander', 'omar', COMMANDER);
    expect(handed.commander).toBe('omar');
    expect(handed.roles).toEqual([
      { role: 'commander', username: 'omar', assignedAt: site.clock.now().toISOString() },
    ]);
    expect(handed.timeline.at(-1)).toMatchObject({
      kind: 'role',
      text: 'incident commander handed from amal to omar.',
      details: { role: 'commander', from: 'amal', to: 'omar' },
    });
    expect(site.audit('incident.role').map((e) => e.details)).toEqual([
      { role: 'commander', from: null, to: 'amal' },
      { role: 'commander', from: 'amal', to: 'omar' },
    ]);
    // Giving the role to the person who holds it changes nothing.
    site.incidents.assignRole(id, 'commander', 'omar', COMMANDER);
    expect(site.audit('incident.role')).toHaveLength(2);
  });

  it('refuses a role or team place for someone who is not an operator', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    expect(refusal(() => site.incidents.assignRole(id, 'scribe', 'mallory', COMMANDER))).toEqual({
      code: 'BAD_REQUEST',
      message: 'There is no active operator named "mallory".',
    });
    expect(
      refusal(() => site.incidents.setTeamMember(id, 'mallory', 'ml_engineer', COMMANDER)).code,
    ).toBe('BAD_REQUEST');
    expect(site.incidents.detail(id).roles).toEqual([]);
  });

  it('builds the cross-functional team and lets people leave it', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    const joined = site.incidents.setTeamMember(id, 'amal', 'ml_engineer', COMMANDER);
    expect(joined.team).toEqual([
      { username: 'amal', function: 'ml_engineer', addedAt: site.clock.now().toISOString() },
    ]);
    expect(joined.timeline.at(-1)!.text).toBe('amal joined the team as ml engineer.');
    const left = site.incidents.setTeamMember(id, 'amal', null, COMMANDER);
    expect(left.team).toEqual([]);
    expect(left.timeline.at(-1)!.text).toBe('amal left the team.');
  });

  it('keeps notes verbatim, markup included, for the renderer to escape', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    const xss = '<img src=x onerror=alert(1)> and "quotes" & ‹arabic: تم التحقق›';
    const detail = site.incidents.addNote(id, xss, RESPONDER);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'note', actor: 'amal', text: xss });
    expect(site.audit('incident.note').at(-1)!.details).toEqual({ length: xss.length });
  });

  it('renames, recategorises and marks a major incident, saying what changed', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    const detail = site.incidents.update(
      id,
      { title: 'Ministry portal outage', category: 'gpu_infrastructure', isMajor: true },
      COMMANDER,
    );
    expect(detail).toMatchObject({
      title: 'Ministry portal outage',
      category: 'gpu_infrastructure',
      isMajor: true,
    });
    expect(detail.timeline.at(-1)!.text).toBe(
      'Changed: title "Ministry portal outage"; category gpu_infrastructure; declared a major incident.',
    );
    const again = site.incidents.update(id, { isMajor: true }, COMMANDER);
    expect(again.timeline).toHaveLength(detail.timeline.length);
    expect(site.audit('incident.update')).toHaveLength(1);
  });
});

describe('targets', () => {
  it('refuses a response target longer than the resolution target', () => {
    const site = setUpIncidents();
    const targets = site.incidents.targets();
    expect(
      refusal(() =>
        site.incidents.setTargets(
          { ...targets, P2: { respondMinutes: 600, resolveMinutes: 480 } },
          COMMANDER,
        ),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'P2: the response target must not be longer than the resolution target.',
    });
  });

  it('new targets apply to open incidents and are audited with before and after', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    const before = site.incidents.targets();
    const after = { ...before, P1: { respondMinutes: 5, resolveMinutes: 60 } };
    expect(site.incidents.setTargets(after, COMMANDER)).toEqual(after);
    expect(site.incidents.detail(id).respond.targetMs).toBe(5 * MINUTE);
    expect(site.audit('incident.targets').at(-1)!.details).toEqual({ before, after });
  });
});
