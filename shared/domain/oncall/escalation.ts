// Escalation policies: ordered tiers (L1 responders → L2 specialists → L3 leads), each paging a
// schedule's on-call person and/or named operators, waiting its timeout before the next tier; the
// chain repeats N times and stops when someone acknowledges.
import { z } from 'zod';
import { IncidentCategorySchema, PrioritySchema, type Priority } from '../incidents/index.ts';
import { ParticipantSchema } from './schedule.ts';

/** How a tier escalates: first responders, to a team with the skill (functional), or up to a lead (hierarchical). */
export const TIER_KINDS = ['first_line', 'functional', 'hierarchical'] as const;
export type TierKind = (typeof TIER_KINDS)[number];

export const TierTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('schedule'), scheduleId: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('operator'), username: ParticipantSchema }).strict(),
]);
export type TierTarget = z.infer<typeof TierTargetSchema>;

export const MAX_TIER_TIMEOUT_MINUTES = 1440;

export const TierSchema = z
  .object({
    kind: z.enum(TIER_KINDS),
    /** e.g. "L2 ML engineer"; shown on the timeline and in the page. */
    label: z.string().trim().max(80).default(''),
    targets: z
      .array(TierTargetSchema)
      .min(1, 'a tier must page someone: add a schedule or an operator')
      .max(20),
    /** Minutes without an acknowledgement before the next tier is paged. */
    timeoutMinutes: z.number().int().min(1).max(MAX_TIER_TIMEOUT_MINUTES),
  })
  .strict();
export type Tier = z.infer<typeof TierSchema>;

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

export const PolicySpecSchema = z
  .object({
    name: z.string().trim().min(1, 'a policy needs a name').max(80),
    description: z.string().trim().max(500).default(''),
    /** Takes the incidents of its priorities that no other policy matches. */
    isDefault: z.boolean().default(false),
    priorities: z
      .array(PrioritySchema)
      .min(1, 'a policy applies to at least one priority')
      .refine(unique, 'names a priority twice'),
    /** Empty: any category. */
    categories: z
      .array(IncidentCategorySchema)
      .default([])
      .refine(unique, 'names a category twice'),
    /** Empty: any service. */
    services: z
      .array(z.string().trim().min(1).max(200))
      .max(50)
      .default([])
      .refine(unique, 'names a service twice'),
    /** How many more times the whole chain runs after the last tier (0: once). */
    repeat: z.number().int().min(0).max(10).default(0),
    tiers: z
      .array(TierSchema)
      .min(1, 'a policy needs at least one tier')
      .max(10, 'a policy has at most 10 tiers'),
  })
  .strict();
export type PolicySpec = z.infer<typeof PolicySpecSchema>;
export type PolicySpecInput = z.input<typeof PolicySpecSchema>;

export interface EscalationPolicy extends PolicySpec {
  id: number;
}

export interface IncidentMatch {
  priority: Priority;
  /** An IncidentCategory; stored incidents carry it as text. */
  category: string;
  service: string | null;
}

function matches(policy: PolicySpec, incident: IncidentMatch): boolean {
  return (
    policy.priorities.includes(incident.priority) &&
    (policy.categories.length === 0 ||
      (policy.categories as string[]).includes(incident.category)) &&
    (policy.services.length === 0 ||
      (incident.service !== null && policy.services.includes(incident.service)))
  );
}

const specificity = (p: PolicySpec) =>
  (p.services.length > 0 ? 2 : 0) + (p.categories.length > 0 ? 1 : 0);

/**
 * The policy for an incident: the most specific matching one (a service beats a category beats
 * priority alone; the oldest wins a tie), else the default policy when it lists the priority.
 */
export function policyFor<P extends EscalationPolicy>(
  policies: readonly P[],
  incident: IncidentMatch,
): P | null {
  const candidates = policies
    .filter((p) => !p.isDefault && matches(p, incident))
    .sort((a, b) => specificity(b) - specificity(a) || a.id - b.id);
  if (candidates[0]) return candidates[0];
  return policies.find((p) => p.isDefault && p.priorities.includes(incident.priority)) ?? null;
}

/** What walking the chain needs: each tier's timeout, and the repeats. */
export interface EscalationChain {
  tiers: readonly Pick<Tier, 'timeoutMinutes'>[];
  repeat: number;
}

export interface EscalationStep {
  /** Index into the policy's tiers. */
  tier: number;
  /** 0 for the first pass through the chain. */
  repeat: number;
}

/** The step after `step`: the next tier, or the first tier of the next pass, or null when the chain ends. */
export function nextStep(policy: EscalationChain, step: EscalationStep): EscalationStep | null {
  if (step.tier + 1 < policy.tiers.length) return { tier: step.tier + 1, repeat: step.repeat };
  if (step.repeat < policy.repeat) return { tier: 0, repeat: step.repeat + 1 };
  return null;
}

/** Every step with the minutes after the incident opens when it pages (if nobody acknowledges). */
export function escalationTimeline(
  policy: EscalationChain,
): (EscalationStep & { atMinute: number })[] {
  const out: (EscalationStep & { atMinute: number })[] = [];
  let step: EscalationStep | null = { tier: 0, repeat: 0 };
  let atMinute = 0;
  while (step) {
    out.push({ ...step, atMinute });
    atMinute += policy.tiers[step.tier]?.timeoutMinutes ?? 0;
    step = nextStep(policy, step);
  }
  return out;
}

/** The schedules a policy's tiers page. */
export function scheduleIdsOf(policy: Pick<PolicySpec, 'tiers'>): number[] {
  return [
    ...new Set(
      policy.tiers.flatMap((t) =>
        t.targets.flatMap((target) => (target.type === 'schedule' ? [target.scheduleId] : [])),
      ),
    ),
  ];
}
