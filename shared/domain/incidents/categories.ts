// What kind of incident this is, the ML-specific kinds included, and who works a major one.
import { z } from 'zod';

export const INCIDENT_CATEGORIES = [
  'gpu_infrastructure',
  'data_pipeline',
  'model_accuracy',
  'inference_anomaly',
  'security_privacy',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const IncidentCategorySchema = z.enum(INCIDENT_CATEGORIES);

/** The command roles of a major incident; hand-offs are recorded on the timeline. */
export const INCIDENT_ROLES = ['commander', 'scribe', 'communications'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
export const IncidentRoleSchema = z.enum(INCIDENT_ROLES);

/** The cross-functional team's functions. */
export const TEAM_FUNCTIONS = ['ml_engineer', 'platform_operator', 'data_scientist'] as const;
export type TeamFunction = (typeof TEAM_FUNCTIONS)[number];
export const TeamFunctionSchema = z.enum(TEAM_FUNCTIONS);
