// The ITIL incident lifecycle: New → In Progress → On Hold → Resolved → Closed, or Canceled; a
// resolved incident may reopen. Every transition goes through checkTransition.
import { z } from 'zod';
import { INCIDENT_STATES, type IncidentState } from './states.ts';

export { INCIDENT_STATES, type IncidentState } from './states.ts';
export const IncidentStateSchema = z.enum(INCIDENT_STATES);

/** States in which the incident is still being worked (alerts join it, clocks may run). */
export const OPEN_STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold'];

export const TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  new: ['in_progress', 'on_hold', 'resolved', 'canceled'],
  in_progress: ['on_hold', 'resolved', 'canceled'],
  on_hold: ['in_progress', 'resolved', 'canceled'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  canceled: [],
};

export function isOpenState(state: IncidentState): boolean {
  return OPEN_STATES.includes(state);
}

export type TransitionCheck = { ok: true } | { ok: false; message: string };

/** Whether `from → to` is allowed; when not, a message that names the allowed moves. */
export function checkTransition(from: IncidentState, to: IncidentState): TransitionCheck {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return { ok: true };
  const options = allowed.length === 0 ? 'none: it is final' : allowed.join(', ');
  return {
    ok: false,
    message: `An incident cannot move from ${from} to ${to}. From ${from} it may move to: ${options}.`,
  };
}
