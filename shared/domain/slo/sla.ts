// An SLA: a commitment to a customer or business unit over one or more SLOs, with its target, the
// measurement period, maintenance windows excluded from the calculation and a service-credit table.
import { z } from 'zod';
import { SloNameSchema } from './spec.ts';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-10-04T22:00:00+04:00',
});

export const MaintenanceWindowSchema = z
  .object({
    start: isoInstant,
    end: isoInstant,
    reason: text(500).min(1, 'say why (it appears in the report)'),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'must end after it starts',
    path: ['end'],
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

/** Credit owed when attainment falls below `below` (a fraction, e.g. 0.999 → 10 % credit). */
export const ServiceCreditSchema = z.object({
  below: z.number().gt(0).max(1),
  creditPercent: z.number().gt(0).max(100),
});
export type ServiceCredit = z.infer<typeof ServiceCreditSchema>;

export const SlaSpecSchema = z
  .object({
    name: SloNameSchema,
    displayName: text(200).default(''),
    /** Who the commitment is to: a customer or a business unit. */
    customer: text(200).min(1, 'must not be empty'),
    /** The SLOs this SLA covers; attainment is judged per SLO and the SLA is met when every SLO meets `target`. */
    slos: z.array(SloNameSchema).min(1, 'name at least one SLO').max(50),
    /** The committed attainment, e.g. 0.995. */
    target: z.number().gt(0).lt(1),
    period: z.enum(['month', 'quarter']).default('month'),
    maintenance: z.array(MaintenanceWindowSchema).max(500).default([]),
    credits: z.array(ServiceCreditSchema).max(20).default([]),
  })
  .superRefine((sla, ctx) => {
    if (new Set(sla.slos).size !== sla.slos.length)
      ctx.addIssue({ code: 'custom', path: ['slos'], message: 'lists an SLO twice' });
    const bounds = sla.credits.map((c) => c.below);
    if (new Set(bounds).size !== bounds.length)
      ctx.addIssue({
        code: 'custom',
        path: ['credits'],
        message: 'two credit rows have the same threshold',
      });
  });
export type SlaSpec = z.infer<typeof SlaSpecSchema>;
export type SlaSpecInput = z.input<typeof SlaSpecSchema>;

/** The credit owed for an attainment: the row with the lowest threshold still above it. */
export function serviceCreditFor(credits: readonly ServiceCredit[], attainment: number): number {
  let owed = 0;
  let tightest = Number.POSITIVE_INFINITY;
  for (const c of credits) {
    if (attainment < c.below && c.below < tightest) {
      tightest = c.below;
      owed = c.creditPercent;
    }
  }
  return owed;
}

/**
 * What to do when one of an SLO's burn-rate alerts fires: propose (or run, once approved or when no
 * approval is required) one of an agent's declared actions, at most `maxPerDay` times and not within
 * `cooldownMinutes` of the last one.
 */
export const EnforcementPolicySchema = z.object({
  isEnabled: z.boolean().default(true),
  onSeverity: z.enum(['page', 'ticket', 'any']).default('page'),
  hostId: z.number().int().positive(),
  /** An action the agent declares in its own config (e.g. scale_replicas, failover). */
  action: z.string().trim().min(1).max(64),
  params: z
    .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .default({}),
  requiresApproval: z.boolean().default(true),
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  maxPerDay: z.number().int().min(1).max(100).default(3),
});
export type EnforcementPolicy = z.infer<typeof EnforcementPolicySchema>;
export type EnforcementPolicyInput = z.input<typeof EnforcementPolicySchema>;
