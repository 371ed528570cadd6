import type { IncidentState } from '../../../shared/domain/incidents/index.ts';

/** The words for a move depend on where it starts: In Progress from Resolved is a reopen. */
export function transitionKey(from: IncidentState, to: IncidentState): string {
  if (to !== 'in_progress') return to;
  if (from === 'resolved') return 'reopen';
  return from === 'on_hold' ? 'resume' : 'start';
}
