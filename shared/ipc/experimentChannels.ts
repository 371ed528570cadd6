// Model A/B experiment channels: plan, start on the real routing, stop, analyse and decide.
// Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  DecisionInputSchema,
  ExperimentPlanSchema,
  ExperimentSchema,
  PowerInputSchema,
  StopInputSchema,
} from './experimentSchemas.ts';

const byId = z.object({ id: z.number().int() }).strict();

export const experimentChannels = {
  'experiments.list': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(ExperimentSchema) }),
    access: 'fleet.read',
  }),
  'experiments.get': channel({ input: byId, output: ExperimentSchema, access: 'fleet.read' }),
  /** Units per arm for a minimum detectable effect at α and power (the editor's calculator). */
  'experiments.sampleSize': channel({
    input: PowerInputSchema.extend({ primaryMetric: z.enum(['latency', 'errors', 'accuracy']) }),
    output: z.object({ perArm: z.number().int() }),
    access: 'fleet.read',
  }),
  /** A draft: nothing is routed until it starts; audited. */
  'experiments.create': channel({
    input: ExperimentPlanSchema,
    output: ExperimentSchema,
    access: 'experiments.manage',
  }),
  /** Applies the split on every host serving the model through set_traffic_split; audited. */
  'experiments.start': channel({
    input: byId,
    output: ExperimentSchema,
    access: 'experiments.manage',
  }),
  /** Stops it and sends all traffic back to control; audited. */
  'experiments.stop': channel({
    input: StopInputSchema,
    output: ExperimentSchema,
    access: 'experiments.manage',
  }),
  /** Ship / keep control / continue, with a reason; shipping opens a governed change; audited. */
  'experiments.decide': channel({
    input: DecisionInputSchema,
    output: ExperimentSchema,
    access: 'experiments.manage',
  }),
} as const;

export const experimentEvents = {
  /** An experiment was planned, started, analysed, stopped or decided. */
  'experiments.changed': z.object({ id: z.number().int() }),
} as const;
