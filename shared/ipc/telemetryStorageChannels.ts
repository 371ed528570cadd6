// Telemetry storage in Settings: how much disk the store uses, the disk budget in force (an admin
// sets it here unless the command line did), the age retention, the oldest data kept and the last
// time the budget dropped data. Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';

const bytes = z.number().int().nonnegative();
const iso = z.string();

export const TelemetryStorageSchema = z.object({
  /** The store's file and its write-ahead log, as they stand on disk. */
  databaseBytes: bytes,
  walBytes: bytes,
  /** What the budget is measured against: the file's pages in use (free pages are reused first). */
  usedBytes: bytes,
  diskBudget: z.object({
    bytes: bytes.nullable(),
    /** 'commandLine': `mirqab serve --telemetry-disk-budget` or its environment variable; it wins. */
    source: z.enum(['settings', 'commandLine']),
  }),
  retention: z.object({ rawMs: bytes, rollup1mMs: bytes, rollup1hMs: bytes }),
  /** The oldest time still held in each tier; null where the tier holds nothing. */
  oldest: z.object({ raw: iso.nullable(), rollup1m: iso.nullable(), rollup1h: iso.nullable() }),
  /** The newest `fleet.diskBudget` audit entry: when the budget last dropped data, and what went. */
  lastBudgetDrop: z
    .object({
      at: iso,
      met: z.boolean(),
      budgetBytes: bytes,
      afterBytes: bytes,
      droppedRawSamples: bytes,
      droppedRollups1m: bytes,
      droppedRollups1h: bytes,
    })
    .nullable(),
});
export type TelemetryStorage = z.infer<typeof TelemetryStorageSchema>;

export const telemetryStorageChannels = {
  'telemetryStorage.get': channel({
    input: z.object({}).strict(),
    output: TelemetryStorageSchema,
    access: 'settings.read',
  }),
  /** Sets the disk budget ("50 GB"; empty: none); audited, and a retention pass starts at once. */
  'telemetryStorage.setDiskBudget': channel({
    input: z.object({ diskBudget: z.string().trim().max(40) }).strict(),
    output: TelemetryStorageSchema,
    access: 'settings.manage',
  }),
} as const;

export const telemetryStorageEvents = {
  /** The budget was changed, or a retention pass it started has finished. */
  'telemetryStorage.changed': z.object({}),
} as const;
