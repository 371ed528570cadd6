// On-call schedules and escalation policies: everyone who reads incidents sees who is on call; those
// who own the rota (oncall.manage) edit it. Spread into contract.ts's map.
import { z } from 'zod';
import { ParticipantSchema, PolicySpecSchema, ScheduleSpecSchema } from '../domain/oncall/index.ts';
import { channel } from './channel.ts';
import {
  EscalationPolicyViewSchema,
  OnCallPersonSchema,
  OnCallScheduleSchema,
  OnCallShiftsSchema,
  OnCallWhoSchema,
} from './oncallSchemas.ts';

const ok = z.object({ done: z.literal(true) });
const id = z.number().int().positive();
const instant = z.iso.datetime({ offset: true });

export const oncallChannels = {
  'oncall.schedules': channel({
    input: z.object({}).strict(),
    output: z.array(OnCallScheduleSchema),
    access: 'incidents.read',
  }),
  /** The operators a rota or a tier may name (usernames and display names only). */
  'oncall.people': channel({
    input: z.object({}).strict(),
    output: z.array(OnCallPersonSchema),
    access: 'incidents.read',
  }),
  /** Creates a schedule, or replaces one's rotations (id given). */
  'oncall.saveSchedule': channel({
    input: z.object({ id: id.optional(), spec: ScheduleSpecSchema }).strict(),
    output: OnCallScheduleSchema,
    access: 'oncall.manage',
  }),
  'oncall.deleteSchedule': channel({
    input: z.object({ id }).strict(),
    output: ok,
    access: 'oncall.manage',
  }),
  /** Someone covers a time range instead of the rotation; overlapping overrides are allowed (the latest wins). */
  'oncall.addOverride': channel({
    input: z
      .object({
        scheduleId: id,
        username: ParticipantSchema,
        startsAt: instant,
        endsAt: instant,
        reason: z.string().trim().max(500).default(''),
      })
      .strict(),
    output: OnCallScheduleSchema,
    access: 'oncall.manage',
  }),
  'oncall.removeOverride': channel({
    input: z.object({ id }).strict(),
    output: OnCallScheduleSchema,
    access: 'oncall.manage',
  }),
  /** Who is on call for each schedule now (or at `at`). */
  'oncall.who': channel({
    input: z.object({ at: instant.optional() }).strict(),
    output: OnCallWhoSchema,
    access: 'incidents.read',
  }),
  /** The shifts of every schedule over a range of at most 62 days, for the calendar. */
  'oncall.shifts': channel({
    input: z.object({ from: instant, to: instant }).strict(),
    output: OnCallShiftsSchema,
    access: 'incidents.read',
  }),
  'escalation.policies': channel({
    input: z.object({}).strict(),
    output: z.array(EscalationPolicyViewSchema),
    access: 'incidents.read',
  }),
  /** Creates a policy, or replaces one (id given). */
  'escalation.savePolicy': channel({
    input: z.object({ id: id.optional(), spec: PolicySpecSchema }).strict(),
    output: EscalationPolicyViewSchema,
    access: 'oncall.manage',
  }),
  'escalation.deletePolicy': channel({
    input: z.object({ id }).strict(),
    output: ok,
    access: 'oncall.manage',
  }),
} as const;

export const oncallEvents = {
  /** A schedule, an override or an escalation policy changed. */
  'oncall.changed': z.object({}),
} as const;
