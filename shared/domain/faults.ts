// The faults a simulated fleet can be given (for drills and demos): the spec both the console's API
// and the simulator's control endpoint validate. Their effects live in agent/simulator/faults.ts.
import { z } from 'zod';
import { FAULT_KINDS, GPU_FAULTS, MODEL_FAULTS } from './faultKinds.ts';

export {
  FAULT_KINDS,
  GPU_FAULTS,
  HOST_FAULTS,
  MODEL_FAULTS,
  type FaultKind,
} from './faultKinds.ts';

export const FaultSpecSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    target: z.strictObject({
      /** The simulated host's name, as `simulate` prints it. */
      host: z.string().min(1).max(200),
      /** GPU faults: one GPU index; omitted means every GPU of the host. */
      gpu: z.number().int().min(0).max(255).optional(),
      /** Model faults: one model service; omitted means every model on the host. */
      model: z.string().min(1).max(200).optional(),
    }),
    durationSeconds: z
      .number()
      .positive()
      .max(7 * 86_400),
    params: z
      .strictObject({
        /** latency_spike: latency multiplier (default 5); traffic_surge: arrivals multiplier (default 3). */
        factor: z.number().min(1).max(1000).optional(),
        /** error_burst: share of requests that fail (default 0.25); label_shift: the positive class's share (0.6). */
        ratio: z.number().min(0).max(1).optional(),
        /** gpu_xid_error: the XID code reported (default 79, "GPU has fallen off the bus"). */
        xid: z.number().int().min(1).max(999).optional(),
        /** power_cap: the lowered board power limit in watts (default 350). */
        powerLimitW: z.number().min(100).max(700).optional(),
        /** accuracy_drop: how far accuracy falls, as a ratio (default 0.2). */
        drop: z.number().min(0).max(1).optional(),
        /** bad_model_deploy: the version to deploy (default: the model's bad version). */
        version: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, 'a version is letters, digits, . _ + -')
          .optional(),
      })
      .prefault({}),
  })
  .superRefine((spec, ctx) => {
    const isGpu = (GPU_FAULTS as readonly string[]).includes(spec.kind);
    const isModel = (MODEL_FAULTS as readonly string[]).includes(spec.kind);
    if (!isGpu && spec.target.gpu !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'gpu'],
        message: `${spec.kind} targets a host or model, not a GPU`,
      });
    if (spec.params.version !== undefined && spec.kind !== 'bad_model_deploy')
      ctx.addIssue({
        code: 'custom',
        path: ['params', 'version'],
        message: 'only bad_model_deploy takes a version',
      });
    if (!isModel && spec.target.model !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'model'],
        message: `${spec.kind} targets a host or GPU, not a model`,
      });
  });
export type FaultSpec = z.infer<typeof FaultSpecSchema>;
export type FaultInput = z.input<typeof FaultSpecSchema>;
