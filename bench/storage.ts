// Storage: a simulated fleet's real-shaped telemetry (agent/simulator: GPU, host and model-service
// signals, every SAMPLE_MS) for a simulated day, written through the real ingest path (TelemetryIngest
// group commits, folds, the hourly roll-up and the retention pass every 10 minutes, as the console
// runs them) into a real encrypted store; then a checkpoint and
// (database + WAL bytes) / samples. Baseline in the same run: the same samples as one row per sample
// (the samples_raw layout: series id, timestamp, value, primary key on the first two) in another
// encrypted store, its growth over the empty store per sample. Also printed: the bytes of each tier
// (raw samples, 1-minute and 1-hour roll-ups) and the disk projected for 1,000 hosts × 8 GPUs at the
// same interval under the default retention (raw 48 h, 1-minute roll-ups 30 days, 1-hour 400 days).
// Env: HOSTS (2), GPUS (8), SAMPLE_MS (5000), HOURS (24).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from '../agent/simulator/model.ts';
import { DEFAULT_MODELS } from '../agent/simulator/fleet.ts';
import { insertCluster } from '../main/fleet/clusters.ts';
import { insertHost } from '../main/fleet/hosts.ts';
import { TelemetryIngest, type PendingBatch } from '../main/fleet/ingest.ts';
import { DEFAULT_RETENTION, runRetention } from '../main/fleet/retention.ts';
import { DEFAULT_FLEET_CONFIG } from '../main/fleet/config.ts';
import { closeStore, createStore, DB_FILE } from '../main/store/db.ts';
import type { ReadableDb } from '../main/store/types.ts';
import { rollUpHours } from '../main/telemetry/rollUp.ts';
import { foldAll } from '../main/telemetry/sampleBuffer.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';
import { machineLine } from './support/console.ts';

const HOSTS = Number(process.env.HOSTS ?? 2);
const GPUS = Number(process.env.GPUS ?? 8);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 5000);
const HOURS = Number(process.env.HOURS ?? 24);
const PROJECT_HOSTS = 1000;
const START = Date.parse('2026-11-02T00:00:00.000Z');

/** Bytes on disk of a store: the database file and its WAL, after a checkpoint. */
function storeBytes(db: ReadableDb, dataDir: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(dataDir, DB_FILE);
  return statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
}

const TIERS: Record<string, 'raw' | '1m' | '1h'> = {
  samples_raw: 'raw',
  samples_recent: 'raw',
  series_chunks: 'raw',
  series_heads: 'raw',
  sample_log: 'raw',
  rollup_minutes: '1m',
  rollups_1m: '1m',
  rollups_1h: '1h',
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Bytes of each telemetry tier (tables and their indexes), from SQLite's dbstat. */
function tierBytes(db: ReadableDb): Record<'raw' | '1m' | '1h' | 'other', number> {
  const rows = db
    .prepare(
      `SELECT coalesce(m.tbl_name, s.name) AS tbl, sum(s.pgsize) AS bytes FROM dbstat s
       LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY tbl`,
    )
    .all() as { tbl: string; bytes: number }[];
  const out = { raw: 0, '1m': 0, '1h': 0, other: 0 };
  for (const r of rows) out[TIERS[r.tbl] ?? 'other'] += r.bytes;
  const free =
    Number(db.pragma('freelist_count', { simple: true })) *
    Number(db.pragma('page_size', { simple: true }));
  const rest = rows
    .filter((r) => !TIERS[r.tbl])
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6)
    .map((r) => `${r.tbl} ${mb(r.bytes)}`);
  console.log(`the rest: ${rest.join(', ')}; free pages ${mb(free)}`);
  return out;
}

console.log(machineLine());
console.log(
  `load: ${HOSTS} simulated hosts × ${GPUS} GPUs (${DEFAULT_MODELS.join(', ')}), a sample every ${SAMPLE_MS / 1000} s, for ${HOURS} simulated hours`,
);
const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-storage-'));
const passphrase = 'bench passphrase 123';
const { db } = await createStore({ dataDir: join(dir, 'store'), passphrase });
const { db: rowDb } = await createStore({ dataDir: join(dir, 'rows'), passphrase });
try {
  rowDb.exec(`CREATE TABLE samples_rows (
    series_id INTEGER NOT NULL, ts_ms INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (series_id, ts_ms)) STRICT, WITHOUT ROWID`);
  const rowEmpty = storeBytes(rowDb, join(dir, 'rows'));
  const insertRow = rowDb.prepare('INSERT OR IGNORE INTO samples_rows VALUES (?, ?, ?)');
  const rowIds = new Map<string, number>();
  let rows: [number, number, number][] = [];
  const insertRows = rowDb.transaction((list: [number, number, number][]) => {
    for (const row of list) insertRow.run(...row);
  });

  const now = new Date(START);
  const cluster = insertCluster(
    db,
    { name: 'pod', site: '', kind: 'gpu_cluster', labels: {} },
    now,
  );
  const hosts = Array.from({ length: HOSTS }, (_, i) =>
    insertHost(
      db,
      {
        agentId: `agent-${i}`,
        name: `sim-${i}`,
        address: `127.0.0.1:${10_000 + i}`,
        clusterId: cluster.id,
        fingerprint: String(i).padStart(64, '0'),
        simulated: true,
      },
      now,
    ),
  );
  const sim = new Simulation({
    hosts: HOSTS,
    gpusPerHost: GPUS,
    models: DEFAULT_MODELS,
    seed: 'storage bench',
    startMs: START,
    stepMs: SAMPLE_MS,
  });
  const ingest = new TelemetryIngest(db);
  const seqs = hosts.map(() => 0);
  // Epochs shaped as an agent's spool names them (ep_ and 24 hex digits).
  const epochs = hosts.map((_, i) => `ep_${i.toString(16).padStart(24, '0')}`);
  let samples = 0;
  let group: PendingBatch[] = [];
  const started = performance.now();
  const end = START + HOURS * HOUR_MS;
  for (let t = START + SAMPLE_MS; t <= end; t += SAMPLE_MS) {
    sim.advanceTo(t);
    hosts.forEach((host, i) => {
      const batch = sim.samples(i);
      samples += batch.length;
      group.push({
        host,
        frame: {
          type: 'telemetry',
          epoch: epochs[i]!,
          seq: ++seqs[i]!,
          samples: batch,
          events: [],
        },
      });
      for (const s of batch) {
        const key = `${i}|${s.metric}|${JSON.stringify(s.labels)}`;
        let id = rowIds.get(key);
        if (id === undefined) rowIds.set(key, (id = rowIds.size + 1));
        rows.push([id, s.tsMs, s.value]);
      }
    });
    // A commit a simulated minute (agents batch every second; the console groups what arrives).
    if (t % MINUTE_MS === 0 || t === end) {
      ingest.commit(group, new Date(t));
      group = [];
      insertRows(rows);
      rows = [];
      foldAll(db);
    }
    if (t % HOUR_MS === 0) await rollUpHours(db, t);
    if (t % DEFAULT_FLEET_CONFIG.retentionEveryMs === 0) await runRetention(db, t);
  }
  const seconds = (performance.now() - started) / 1000;
  const bytes = storeBytes(db, join(dir, 'store'));
  const tiers = tierBytes(db);
  const rowBytes = storeBytes(rowDb, join(dir, 'rows')) - rowEmpty;
  console.log(
    `wrote ${samples} samples (${rowIds.size} series) in ${seconds.toFixed(1)} s; store ${mb(bytes)} (database + WAL after a checkpoint)`,
  );
  console.log(
    `tiers: raw ${mb(tiers.raw)}, 1-minute roll-ups ${mb(tiers['1m'])}, 1-hour roll-ups ${mb(tiers['1h'])}, the rest of the store ${mb(tiers.other)}`,
  );
  // Projection: each tier's bytes per host per day, times the days the default retention keeps it.
  const perHostDay = (b: number) => b / HOSTS / (HOURS / 24);
  const r = DEFAULT_RETENTION;
  const projected =
    PROJECT_HOSTS *
    (perHostDay(tiers.raw) * (r.rawMs / DAY_MS) +
      perHostDay(tiers['1m']) * (r.rollup1mMs / DAY_MS) +
      perHostDay(tiers['1h']) * (r.rollup1hMs / DAY_MS));
  const projectedRows = PROJECT_HOSTS * (rowBytes / HOSTS / (HOURS / 24)) * (r.rawMs / DAY_MS);
  console.log(
    `projected for ${PROJECT_HOSTS} hosts × ${GPUS} GPUs, a sample every ${SAMPLE_MS / 1000} s, default retention (raw ${r.rawMs / HOUR_MS} h, 1-minute ${r.rollup1mMs / DAY_MS} d, 1-hour ${r.rollup1hMs / DAY_MS} d): ${(projected / 1e9).toFixed(1)} GB (raw as one row per sample alone: ${(projectedRows / 1e9).toFixed(1)} GB)`,
  );
  console.log(
    `storage: ${(bytes / samples).toFixed(2)} bytes/sample (baseline: ${(rowBytes / samples).toFixed(2)} bytes/sample as one row per sample, raw only, same encryption)`,
  );
} finally {
  closeStore(db);
  closeStore(rowDb);
  rmSync(dir, { recursive: true, force: true });
}
