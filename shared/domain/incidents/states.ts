// The incident states, in lifecycle order (see lifecycle.ts), in a module of their own with no
// dependencies, so a command line can name them in its help without loading the schemas.
export const INCIDENT_STATES = [
  'new',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
  'canceled',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
