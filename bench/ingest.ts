// Ingest: 50 real agents (a child process, bench/support/ingestAgents.ts) stream synthetic telemetry
// over wss + mutual TLS into a console in this process (real encrypted store in a temp dir). After a
// warm-up, sustained committed samples/s and sample-to-commit latency (commit wall time − oldest sample
// of the batch, weighted by samples) come from the fleet's batch-committed listener. Baseline in the same
// run: plain INSERTs into samples_raw of the same store (as many rows as were committed, at most 1 M),
// no network. Also printed, as this machine is shared: what the agents actually collected, each side's
// CPU, the console's event-loop delay, and how much still waits in the sample buffer at the end.
// Env: AGENTS (50), SERIES per agent (500), COLLECT_MS (250), BATCH_MS (250), WARMUP_S (10), MEASURE_S (20).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import type { BatchCommitted } from '../main/fleet/ingestEvents.ts';
import { enrolAll, machineLine, startBenchConsole } from './support/console.ts';
import { cpuSeconds } from './support/cpu.ts';

const AGENTS = Number(process.env.AGENTS ?? 50);
const SERIES = Number(process.env.SERIES ?? 500);
const COLLECT_MS = Number(process.env.COLLECT_MS ?? 250);
const BATCH_MS = Number(process.env.BATCH_MS ?? 250);
const WARMUP_S = Number(process.env.WARMUP_S ?? 10);
const MEASURE_S = Number(process.env.MEASURE_S ?? 20);
/** The baseline's rate needs no more rows than this (on a large store each takes longer). */
const BASELINE_MAX_ROWS = 1_000_000;
const offered = Math.round((AGENTS * SERIES * 1000) / COLLECT_MS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Weighted percentile: the smallest value v such that at least q of the weight is ≤ v. */
function weightedPercentile(items: { v: number; w: number }[], q: number): number {
  const sorted = [...items].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((a, b) => a + b.w, 0);
  let acc = 0;
  for (const item of sorted) {
    acc += item.w;
    if (acc >= q * total) return item.v;
  }
  return sorted.at(-1)?.v ?? NaN;
}

console.log(machineLine());
console.log(
  `load: ${AGENTS} agents × ${SERIES} series every ${COLLECT_MS} ms (offered ${offered} samples/s), agent batch interval ${BATCH_MS} ms`,
);

const batches: BatchCommitted[] = [];
const c = await startBenchConsole({}, (info) => void batches.push(info));
const childPath = join(dirname(fileURLToPath(import.meta.url)), 'support', 'ingestAgents.ts');
const child = spawn(process.execPath, ['--import', 'tsx', childPath], {
  env: {
    ...process.env,
    AGENTS: String(AGENTS),
    SERIES: String(SERIES),
    COLLECT_MS: String(COLLECT_MS),
    BATCH_MS: String(BATCH_MS),
  },
  stdio: ['pipe', 'pipe', 'inherit'],
});
const childExit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
try {
  const agents: { address: string; pairingCode: string; name: string }[] = [];
  const producedCounts: ((n: number) => void)[] = [];
  /** Samples the agents have collected so far (they may fall short of the offered load). */
  const produced = () =>
    new Promise<number>((resolve) => {
      producedCounts.push(resolve);
      child.stdin.write('COUNT\n');
    });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`agents process exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY') resolve();
      else if (line.startsWith('{')) agents.push(JSON.parse(line) as (typeof agents)[number]);
      else if (line.startsWith('PRODUCED ')) producedCounts.shift()?.(Number(line.slice(9)));
    });
  });
  let start = performance.now();
  await enrolAll(c, agents);
  console.log(
    `enrolled ${agents.length} agents in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  for (;;) {
    const hosts = await c.admin.must('fleet.list', {});
    if (hosts.filter((h) => h.state === 'online').length === agents.length) break;
    await sleep(100);
  }

  child.stdin.write('GO\n');
  const goAt = Date.now();
  await sleep(WARMUP_S * 1000);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const from = Date.now();
  const cpuFrom = { console: cpuSeconds(), agents: cpuSeconds(child.pid) };
  const producedFrom = await produced();
  await sleep(MEASURE_S * 1000);
  const to = Date.now();
  const cpuTo = { console: cpuSeconds(), agents: cpuSeconds(child.pid) };
  const producedTo = await produced();
  loopDelay.disable();
  child.stdin.write('STOP\n');

  const window = batches.filter(
    (b) => b.committedAtMs >= from && b.committedAtMs < to && b.samples > 0,
  );
  const committed = window.reduce((a, b) => a + b.samples, 0);
  const perSec = Math.round((committed / (to - from)) * 1000);
  const lat = window.map((b) => ({
    v: b.committedAtMs - (b.oldestSampleMs ?? b.committedAtMs),
    w: b.samples,
  }));
  const p50 = weightedPercentile(lat, 0.5);
  const p99 = weightedPercentile(lat, 0.99);
  const max = Math.max(...lat.map((l) => l.v));
  const sinceGo = batches.filter((b) => b.committedAtMs >= goAt).reduce((a, b) => a + b.samples, 0);
  console.log(
    `window: ${MEASURE_S} s after ${WARMUP_S} s warm-up; ${window.length} batches, ${committed} samples committed (${Math.round(committed / Math.max(1, window.length))} per batch)`,
  );
  console.log(
    `sample-to-commit latency (weighted by samples): p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`,
  );
  console.log(`committed since GO: ${sinceGo} samples in ${((to - goAt) / 1000).toFixed(1)} s`);
  const cores = (side: 'console' | 'agents') => {
    const [a, b] = [cpuFrom[side], cpuTo[side]];
    return a === null || b === null ? '?' : ((b - a) / ((to - from) / 1000)).toFixed(2);
  };
  console.log(
    `agents collected ${Math.round(((producedTo - producedFrom) / (to - from)) * 1000)} samples/s in the window (offered ${offered})`,
  );
  const ms = (ns: number) => Math.round(ns / 1e6);
  console.log(
    `console event-loop delay in the window: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms`,
  );
  console.log(
    `cores used in the window: console ${cores('console')}, agents ${cores('agents')}; load average ${loadavg()[0]!.toFixed(1)}`,
  );

  await childExit;
  c.close();

  // Baseline: the same number of rows into the same store's samples_raw, no network, no validation.
  const db = openStore(c.dataDir, parseRecoveryKey(c.recoveryKey));
  let rawPerSec: number;
  try {
    // Folding must keep up: what is still buffered should be at most one fold interval's worth.
    const store = db
      .prepare(
        'SELECT (SELECT count(*) FROM samples_raw) AS folded, (SELECT count(*) FROM samples_recent) AS buffered',
      )
      .get() as { folded: number; buffered: number };
    console.log(
      `store after the run: ${store.folded} samples folded into samples_raw, ${store.buffered} still in the sample buffer`,
    );
    const ids = db.prepare('SELECT id FROM series ORDER BY id').pluck().all() as number[];
    const insert = db.prepare('INSERT INTO samples_raw (series_id, ts_ms, value) VALUES (?, ?, ?)');
    const t0 = Date.now() + 365 * 86_400_000; // later than anything ingested
    const CHUNK = 10_000;
    const rows = Math.min(committed, BASELINE_MAX_ROWS);
    const chunk = db.transaction((first: number, n: number) => {
      for (let i = first; i < first + n; i++)
        insert.run(ids[i % ids.length]!, t0 + Math.floor(i / ids.length), i % 100);
    });
    start = performance.now();
    for (let i = 0; i < rows; i += CHUNK) chunk(i, Math.min(CHUNK, rows - i));
    rawPerSec = Math.round((rows / (performance.now() - start)) * 1000);
  } finally {
    closeStore(db);
  }
  console.log(
    `baseline: ${Math.min(committed, BASELINE_MAX_ROWS)} rows into samples_raw (${10_000} per transaction, across ${AGENTS * SERIES} series) at ${rawPerSec} rows/s`,
  );
  console.log(
    `ingest: ${perSec} samples/s sustained, p99 ${p99} ms (baseline: ${rawPerSec} rows/s raw samples_raw inserts, no network)`,
  );
} finally {
  if (child.exitCode === null) child.kill('SIGTERM');
  c.cleanup();
}
