// Model version channels: each model service's versions (what runs where, last known good, suspect
// marks, the history) and the marks ML engineers make. Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  ModelNameSchema,
  ModelServiceSummarySchema,
  ModelVersionSchema,
  ModelVersionsDetailSchema,
  VersionPolicySchema,
} from './modelSchemas.ts';

const ok = z.object({ done: z.literal(true) });
const mark = z
  .object({
    model: ModelNameSchema,
    version: ModelVersionSchema,
    reason: z.string().trim().min(1, 'Say why').max(500),
  })
  .strict();

export const modelChannels = {
  /** Every model service the fleet has reported a version of. */
  'models.list': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(ModelServiceSummarySchema) }),
    access: 'fleet.read',
  }),
  'models.versions': channel({
    input: z.object({ model: ModelNameSchema }).strict(),
    output: ModelVersionsDetailSchema,
    access: 'fleet.read',
  }),
  /** A person vouches for a version: known good whatever the soak rule says; audited. */
  'models.markGood': channel({ input: mark, output: ok, access: 'models.manage' }),
  /** Never a rollback target until marked good again; audited. */
  'models.markSuspect': channel({ input: mark, output: ok, access: 'models.manage' }),
  /** The soak period and the window in which an incident marks a new version suspect; audited. */
  'models.setPolicy': channel({
    input: VersionPolicySchema.strict(),
    output: VersionPolicySchema,
    access: 'models.manage',
  }),
} as const;

export const modelEvents = {
  /** A version arrived somewhere, or a mark or the policy changed: the models named. */
  'models.changed': z.object({ models: z.array(z.string()) }),
} as const;
