// A real encrypted store holding 47 hours of 4 GPUs' utilisation every 30 s, rolled up, for the
// disk-budget and telemetry-storage tests; with its size before any telemetry and after.
import { HOUR_MS, SECOND_MS } from '../../../shared/domain/time.ts';
import { storeUsedBytes } from '../../../main/fleet/diskBudget.ts';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import { rollUpHours } from '../../../main/telemetry/rollUp.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';
import { insertTestHost } from './testHost.ts';

export const NOW = Date.parse('2026-11-26T06:00:00.000Z');
export const METRIC = 'gpu_utilization_percent';
/** The first sample's time. */
export const FIRST_SAMPLE_MS = NOW - 47 * HOUR_MS;
const GPUS = 4;
const STEP_MS = 30 * SECOND_MS;
const BATCH_MS = 12 * HOUR_MS;

export async function storeWithTelemetry() {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  const emptyBytes = storeUsedBytes(db);
  const now = new Date(NOW);
  const host = insertTestHost(db, now);
  const ingest = new TelemetryIngest(db);
  let seq = 0;
  for (let from = FIRST_SAMPLE_MS; from < NOW; from += BATCH_MS) {
    const samples = [];
    for (let t = from; t < from + BATCH_MS && t <= NOW; t += STEP_MS)
      for (let gpu = 0; gpu < GPUS; gpu++)
        samples.push({
          metric: METRIC,
          labels: { gpu: String(gpu) },
          tsMs: t,
          value: Math.round(50 + 40 * Math.sin(t / 3_600_000 + gpu) + ((t / STEP_MS) % 7)),
        });
    ingest.ingest(host, { type: 'telemetry', epoch: 'e1', seq: ++seq, samples, events: [] }, now);
  }
  await rollUpHours(db, NOW, 100_000);
  return { db, hostId: host.id, emptyBytes, fullBytes: storeUsedBytes(db) };
}
