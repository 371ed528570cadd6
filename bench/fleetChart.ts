// Fleet chart: one GPU series with 30 days of 1-minute roll-ups (43,200 minutes written directly into
// the store's hourly blocks, then the console's own 1 h roll-up), timed through the `fleet.series` API
// call for range '30d' with maxPoints 1000 (query + LTTB), median of 20. Baseline: reading every one of
// those minutes (720 blocks) with one plain SELECT, undecoded.
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import { HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';
import { labelsKey } from '../main/telemetry/labels.ts';
import { addMinuteRollups, type MinuteAggregate } from '../main/telemetry/minuteRollups.ts';
import { rollUpHours } from '../main/telemetry/rollUp.ts';
import { ROLLUP_REDO_KEY } from '../main/telemetry/samples.ts';
import { machineLine, median, startBenchConsole } from './support/console.ts';

const RUNS = 20;
const POINTS = 30 * 24 * 60;
const LABELS = { gpu: '0', uuid: 'GPU-bench-0' };

console.log(machineLine());
let c = await startBenchConsole();
const { dataDir, recoveryKey, clusterId } = c;
c.close();

const nowMs = Date.now();
const firstBucket = nowMs - (nowMs % MINUTE_MS) - (POINTS - 1) * MINUTE_MS;
let db = openStore(dataDir, parseRecoveryKey(recoveryKey));
let hostId: number;
try {
  hostId = Number(
    db
      .prepare(
        `INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, revoked_at)
    VALUES ('bench-agent', 'gpu-bench', '127.0.0.1:1', ?, 'x', ?, ?)`,
      )
      .run(clusterId, new Date().toISOString(), new Date().toISOString()).lastInsertRowid,
  );
  const seriesId = Number(
    db
      .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
      .run(hostId, 'gpu_utilization_percent', labelsKey(LABELS)).lastInsertRowid,
  );
  const minutes: MinuteAggregate[] = [];
  for (let i = 0; i < POINTS; i++) {
    const v = 50 + 40 * Math.sin(i / 300) + (i % 7);
    const bucket = firstBucket + i * MINUTE_MS;
    minutes.push({
      seriesId,
      bucket,
      count: 12,
      sum: v * 12,
      min: v - 5,
      max: v + 5,
      last: v,
      lastTs: bucket + 55_000,
    });
  }
  db.transaction(() => addMinuteRollups(db, minutes))();
  // The 30-day range reads 1 h roll-ups: build them the way the console does, from the 1 min ones.
  db.prepare(
    'INSERT INTO fleet_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(ROLLUP_REDO_KEY, firstBucket - (firstBucket % HOUR_MS));
  const hours = await rollUpHours(db, nowMs, 1000);
  const counts = db
    .prepare(
      'SELECT (SELECT count(*) FROM rollup_minutes) AS m, (SELECT count(*) FROM rollups_1h) AS h',
    )
    .get() as { m: number; h: number };
  console.log(
    `data: ${POINTS} minutes in ${counts.m} hourly blocks, ${counts.h} rows in rollups_1h (${hours} hours rolled up)`,
  );
} finally {
  closeStore(db);
}

c = await startBenchConsole.reopen(dataDir, recoveryKey);
try {
  const request = {
    hostId,
    metric: 'gpu_utilization_percent',
    labels: LABELS,
    range: '30d' as const,
    maxPoints: 1000,
  };
  const first = await c.admin.must('fleet.series', request); // warm: statement cache, page cache
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await c.admin.must('fleet.series', request);
    runs.push(performance.now() - start);
  }
  // The same call for 7d reads the 1-minute blocks (10,080 minutes): the 1-minute path, for reference.
  const week: number[] = [];
  let weekPoints = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    weekPoints = (await c.admin.must('fleet.series', { ...request, range: '7d' })).points.length;
    week.push(performance.now() - start);
  }
  c.close();
  db = openStore(dataDir, parseRecoveryKey(recoveryKey));
  const scan = db.prepare('SELECT * FROM rollup_minutes').raw();
  scan.all();
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    scan.all();
    base.push(performance.now() - start);
  }
  closeStore(db);
  console.log(
    `30d: source ${first.source}, ${first.points.length} points returned (maxPoints 1000), runs (ms): ${runs.map((v) => v.toFixed(2)).join(', ')}`,
  );
  console.log(
    `7d (source 1m, ${weekPoints} points from 10,080 minutes): median ${median(week).toFixed(2)} ms`,
  );
  console.log('render: not measured here (renderer out of scope for this bench)');
  console.log(
    `fleetChart: ${median(runs).toFixed(2)} ms fleet.series 30d median of ${RUNS} (baseline: ${median(base).toFixed(2)} ms reading the blocks of all ${POINTS} minutes)`,
  );
} finally {
  c.cleanup();
}
