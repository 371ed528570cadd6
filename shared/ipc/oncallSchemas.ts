// The shapes the on-call and escalation channels carry. Times are ISO 8601 (UTC); the UI shows them
// in the site's zone.
import { z } from 'zod';
import { LayerSchema, PolicySpecSchema } from '../domain/oncall/index.ts';

const iso = z.string();

export const OnCallOverrideSchema = z.object({
  id: z.number().int(),
  scheduleId: z.number().int(),
  username: z.string(),
  startsAt: iso,
  endsAt: iso,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: iso,
});
export type OnCallOverride = z.infer<typeof OnCallOverrideSchema>;

export const OnCallScheduleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  layers: z.array(LayerSchema),
  /** Overrides that have not ended yet, and those of the last week. */
  overrides: z.array(OnCallOverrideSchema),
  /** The escalation policies whose tiers page this schedule. */
  usedBy: z.array(z.object({ id: z.number().int(), name: z.string() })),
  updatedBy: z.string(),
  updatedAt: iso,
});
export type OnCallSchedule = z.infer<typeof OnCallScheduleSchema>;

/** Someone who may be put on a rota or named in a tier. */
export const OnCallPersonSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  isDisabled: z.boolean(),
});
export type OnCallPerson = z.infer<typeof OnCallPersonSchema>;

export const ShiftSourceSchema = z.enum(['rotation', 'override']);

export const OnCallShiftSchema = z.object({
  username: z.string(),
  startsAt: iso,
  endsAt: iso,
  source: ShiftSourceSchema,
  /** The rotation layer's index for a rotation shift. */
  layer: z.number().int().nullable(),
  overrideId: z.number().int().nullable(),
});
export type OnCallShift = z.infer<typeof OnCallShiftSchema>;

export const OnCallNowSchema = z.object({
  scheduleId: z.number().int(),
  scheduleName: z.string(),
  /** Null: nobody is on call for this schedule at that moment. */
  onCall: z
    .object({
      username: z.string(),
      source: ShiftSourceSchema,
      layer: z.number().int().nullable(),
      overrideId: z.number().int().nullable(),
      /** Null when the shift began (or ends) further away than the console looks (five weeks or a turn). */
      since: iso.nullable(),
      until: iso.nullable(),
    })
    .nullable(),
  next: z.object({ username: z.string(), at: iso }).nullable(),
});
export type OnCallNow = z.infer<typeof OnCallNowSchema>;

export const OnCallWhoSchema = z.object({
  at: iso,
  timeZone: z.string(),
  schedules: z.array(OnCallNowSchema),
});
export type OnCallWho = z.infer<typeof OnCallWhoSchema>;

export const OnCallShiftsSchema = z.object({
  from: iso,
  to: iso,
  timeZone: z.string(),
  schedules: z.array(
    z.object({
      scheduleId: z.number().int(),
      scheduleName: z.string(),
      shifts: z.array(OnCallShiftSchema),
    }),
  ),
});
export type OnCallShifts = z.infer<typeof OnCallShiftsSchema>;

export const EscalationPolicyViewSchema = PolicySpecSchema.extend({
  id: z.number().int(),
  updatedBy: z.string(),
  updatedAt: iso,
});
export type EscalationPolicyView = z.infer<typeof EscalationPolicyViewSchema>;
