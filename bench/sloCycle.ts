// SLO evaluation cycle through the console's own evaluator over the encrypted store: 1,000 SLOs (50 model
// services × 20 objectives/windows) over 30 days of 1-minute roll-ups written straight into the store
// (its hourly blocks, as the console's fold writes them).
// Reports the first cycle (each tracker built from 30 days of stored history: the full recompute), then
// the incremental cycle after one more minute arrives (median of 5). Baseline in the same run: plain
// SELECTs of the blocks one incremental cycle reads, undecoded.
import { EventBus } from '../main/core/events.ts';
import { silentLogger } from '../main/log.ts';
import { Enforcer } from '../main/slo/enforcement.ts';
import { SloEvaluator } from '../main/slo/evaluator.ts';
import { upsertSlo } from '../main/slo/sloRepository.ts';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import { addMinuteRollups, type MinuteAggregate } from '../main/telemetry/minuteRollups.ts';
import { SloSpecSchema } from '../shared/domain/slo/spec.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';
import { machineLine, median, startBenchConsole } from './support/console.ts';

const SERVICES = Number(process.env.SERVICES ?? 50);
const PER_SERVICE = 20;
const DAYS = 30;
const RUNS = 5;

console.log(machineLine());
const c = await startBenchConsole();
const { dataDir, recoveryKey, clusterId } = c;
c.close();
const db = openStore(dataDir, parseRecoveryKey(recoveryKey));

let nowMs = Date.now() - (Date.now() % MINUTE_MS);
const start = nowMs - (DAYS * 24 * 60 + 120) * MINUTE_MS;
let pending: MinuteAggregate[] = [];
const rollup = (seriesId: number, t: number, v: number) =>
  pending.push({
    seriesId,
    bucket: t,
    count: 1,
    sum: v,
    min: v,
    max: v,
    last: v,
    lastTs: t + 30_000,
  });
/** Writes the minutes gathered so far (one block per series and hour). */
function flush(): void {
  addMinuteRollups(db, pending);
  pending = [];
}
const counters: { requests: number; errors: number; r: number; e: number }[] = [];
let written = 0;

function writeMinute(i: number, t: number): void {
  const s = counters[i]!;
  const traffic = 600 + 400 * Math.sin((t / DAY_MS) * 2 * Math.PI + i);
  // A 20-minute outage once a week per service, at a different hour for each.
  const isDown =
    Math.floor(t / MINUTE_MS) % (7 * 1440) >= 1440 * (i % 7) &&
    Math.floor(t / MINUTE_MS) % (7 * 1440) < 1440 * (i % 7) + 20;
  s.r += Math.round(traffic);
  s.e += isDown ? Math.round(traffic) : Math.round(traffic * 0.0005);
  rollup(s.requests, t, s.r);
  rollup(s.errors, t, s.e);
  written += 2;
}

let t0 = performance.now();
db.transaction(() => {
  for (let i = 0; i < SERVICES; i++) {
    const at = new Date().toISOString();
    const hostId = Number(
      db
        .prepare(
          `INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, revoked_at, state)
      VALUES (?, ?, '127.0.0.1:1', ?, 'x', ?, ?, 'revoked')`,
        )
        .run(`bench-${i}`, `infer-${i}`, clusterId, at, at).lastInsertRowid,
    );
    const series = (metric: string) =>
      Number(
        db
          .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
          .run(hostId, metric, JSON.stringify({ model: `model-${i}`, version: 'v1' }))
          .lastInsertRowid,
      );
    counters.push({
      requests: series('requests_total'),
      errors: series('errors_total'),
      r: 0,
      e: 0,
    });
  }
  for (let t = start; t < nowMs; t += MINUTE_MS) {
    for (let i = 0; i < SERVICES; i++) writeMinute(i, t);
    if ((t + MINUTE_MS) % HOUR_MS === 0) flush();
  }
  flush();
  const objectives = [0.99, 0.995, 0.999, 0.9995, 0.9999];
  const windows = [7, 14, 28, 30] as const;
  for (let i = 0; i < SERVICES; i++) {
    for (let k = 0; k < PER_SERVICE; k++) {
      const spec = SloSpecSchema.parse({
        name: `model-${i}-slo-${k}`,
        service: { model: `model-${i}` },
        indicator:
          k % 5 === 4
            ? { type: 'throughput', signal: 'requests_per_second', floor: 5 }
            : { type: 'availability', source: { kind: 'canonical' } },
        budgetingMethod: k % 5 === 4 ? 'Timeslices' : 'Occurrences',
        window: { type: 'rolling', days: windows[k % 4] },
        objective: objectives[k % 5],
      });
      upsertSlo(db, spec, 'bench', new Date());
    }
  }
})();
console.log(
  `data: ${written} 1-minute roll-ups (${SERVICES} services × ${DAYS} days), ${SERVICES * PER_SERVICE} SLOs, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const events = new EventBus();
const clock = { now: () => new Date(nowMs) };
const enforcer = new Enforcer({
  store: () => db,
  runAction: () => Promise.reject(new Error('no agents in this bench')),
  clock,
  events,
});
const evaluator = new SloEvaluator({
  store: () => db,
  events,
  clock,
  logger: silentLogger,
  timeZone: () => 'Asia/Dubai',
  enforcer,
  config: { evaluateEveryMs: HOUR_MS },
});

t0 = performance.now();
await evaluator.evaluateNow();
const fullMs = performance.now() - t0;
const statuses = evaluator.allEntries().map((e) => e.status?.status ?? 'none');
console.log(
  `memory after loading every tracker: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB RSS (the trackers keep each SLO's window minute by minute)`,
);
console.log(
  `full recompute (first cycle, 30 days from the store): ${fullMs.toFixed(0)} ms for ${statuses.length} SLOs; statuses ${JSON.stringify(Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])))}`,
);

const cycles: number[] = [];
const baselines: number[] = [];
const readBack = db.prepare(
  'SELECT hour_ts, data FROM rollup_minutes WHERE series_id = ? AND hour_ts > ? AND hour_ts < ?',
);
for (let run = 0; run < RUNS; run++) {
  db.transaction(() => {
    for (let i = 0; i < SERVICES; i++) writeMinute(i, nowMs);
    flush();
  })();
  nowMs += MINUTE_MS;
  t0 = performance.now();
  await evaluator.evaluateNow();
  cycles.push(performance.now() - t0);
  // Baseline: the rows an incremental cycle reads (6 minutes of two counters per SLO), plain SELECTs.
  t0 = performance.now();
  for (let k = 0; k < SERVICES * PER_SERVICE; k++) {
    const s = counters[k % SERVICES]!;
    readBack.all(s.requests, nowMs - 6 * MINUTE_MS - HOUR_MS, nowMs);
    readBack.all(s.errors, nowMs - 6 * MINUTE_MS - HOUR_MS, nowMs);
  }
  baselines.push(performance.now() - t0);
}
const cycle = median(cycles);
const baseline = median(baselines);
console.log(
  `incremental cycle (1 new minute, 1,000 SLOs, store reads + trackers + alert stream): median ${cycle.toFixed(0)} ms of ${cycles.map((x) => x.toFixed(0)).join(', ')} (target < 1000 ms)`,
);
console.log(`baseline: plain SELECTs of the same rows ${baseline.toFixed(0)} ms`);
evaluator.stop();
closeStore(db);
c.cleanup();
console.log(
  `sloCycle: ${cycle.toFixed(0)} ms per incremental cycle, full recompute ${fullMs.toFixed(0)} ms (baseline: ${baseline.toFixed(0)} ms)`,
);
