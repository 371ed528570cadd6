// Threshold rule channels: the rules operators write on any fleet signal, and the signals and label
// values the editor offers. Spread into contract.ts's map.
import { z } from 'zod';
import { ThresholdRuleSchema, ThresholdRuleSpecSchema } from '../domain/alertRules/index.ts';
import { channel } from './channel.ts';

const id = z.number().int().positive();

export const KnownSignalsSchema = z.object({
  metrics: z.array(z.object({ name: z.string(), labelNames: z.array(z.string()) })),
  labelValues: z.record(z.string(), z.array(z.string())),
});
export type KnownSignals = z.infer<typeof KnownSignalsSchema>;

export const alertRuleChannels = {
  'alertRules.list': channel({
    input: z.object({}).strict(),
    output: z.array(ThresholdRuleSchema),
    access: 'incidents.read',
  }),
  /** Every signal the fleet has reported, with its label names, and values for the usual labels. */
  'alertRules.signals': channel({
    input: z.object({}).strict(),
    output: KnownSignalsSchema,
    access: 'incidents.read',
  }),
  /** Creates a rule (no id) or replaces one; audited. A renamed rule's alerts resolve. */
  'alertRules.save': channel({
    input: z.object({ id: id.optional(), rule: ThresholdRuleSpecSchema }).strict(),
    output: ThresholdRuleSchema,
    access: 'slo.manage',
  }),
  /** Deletes a rule (audited); its open alerts resolve at the next evaluation. */
  'alertRules.delete': channel({
    input: z.object({ id }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: 'slo.manage',
  }),
} as const;
