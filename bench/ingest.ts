// Ingest: 50 agents (a child process, bench/support/ingestAgents.ts: real agent endpoints with
// their own identities, wss + mutual TLS, replaying frames encoded once so the offered load costs
// the agents' side little) stream telemetry into a console in this process (real encrypted store in
// a temp dir). The load runs twice, each with a fresh console and agents: first with JSON
// telemetry frames, then with the compact binary frame (series named once per session, columns per
// batch); the JSON run is the baseline for the compact one. After a warm-up: samples committed per second of the console's CPU, sample-to-commit
// latency (commit wall time − oldest sample of the batch, weighted by samples) from the fleet's
// batch-committed listener, and the backlog at the start and end of the window (what the agents
// still hold unsent or unacked, and what waits in the store's buffer or log): it must not grow. The
// console's unfolded samples are read each second (they rise and fall with each fold), with its
// intake pauses (backpressure) from fleet.storageStatus.
// Baseline in the same run: Debian's Prometheus scraping local targets serving the same series at
// the same interval (bench/support/promBaseline.ts), its samples per CPU-second from /proc.
// Env: AGENTS (50), SERIES per agent (1500), COLLECT_MS (250), BATCH_MS (250), WARMUP_S (10),
// MEASURE_S (20), PEER (1; 0 skips Prometheus), FRAMES (json,columns).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import type { ReadableDb } from '../main/store/types.ts';
import type { BatchCommitted } from '../main/fleet/ingestEvents.ts';
import { enrolAll, machineLine, startBenchConsole } from './support/console.ts';
import { cpuSeconds } from './support/cpu.ts';
import { runPrometheusBaseline } from './support/promBaseline.ts';

const AGENTS = Number(process.env.AGENTS ?? 50);
const SERIES = Number(process.env.SERIES ?? 1500);
const COLLECT_MS = Number(process.env.COLLECT_MS ?? 250);
const BATCH_MS = Number(process.env.BATCH_MS ?? 250);
const WARMUP_S = Number(process.env.WARMUP_S ?? 10);
const MEASURE_S = Number(process.env.MEASURE_S ?? 20);
const PEER = process.env.PEER !== '0';
/** Which runs to make (both by default; the compact one is measured against the JSON one). */
const FRAMES = (process.env.FRAMES ?? 'json,columns').split(',');
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

/**
 * Rows still waiting in the store to be folded into long-term storage: the sample buffer and any
 * telemetry log the store keeps until its chunks are written (whichever of them this schema has).
 */
function storeBacklog(db: ReadableDb): { text: string; samples: number } {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'samples_recent' OR (name LIKE '%log%' AND (name LIKE '%sample%' OR name LIKE '%chunk%')))",
    )
    .pluck()
    .all() as string[];
  if (tables.length === 0) return { text: 'no buffer or log table', samples: 0 };
  let total = 0;
  const text = tables
    .map((t) => {
      const rows = Number(db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get());
      // A log of encoded batches says how many samples each row holds.
      const counted = (db.pragma(`table_info("${t}")`) as { name: string }[]).some(
        (c) => c.name === 'count',
      );
      const samples = counted
        ? Number(db.prepare(`SELECT coalesce(sum(count), 0) FROM "${t}"`).pluck().get())
        : rows;
      total += samples;
      return `${t} ${rows} rows, ${samples} samples`;
    })
    .join(', ');
  return { text, samples: total };
}

function readBacklog(dataDir: string, recoveryKey: string): { text: string; samples: number } {
  const db = openStore(dataDir, parseRecoveryKey(recoveryKey));
  try {
    return storeBacklog(db);
  } finally {
    closeStore(db);
  }
}

console.log(machineLine());
console.log(
  `load: ${AGENTS} agents × ${SERIES} series every ${COLLECT_MS} ms (offered ${offered} samples/s), agent send interval ${BATCH_MS} ms`,
);

/** One run of the whole load with one kind of telemetry frame; prints its figures. */
async function measure(frame: 'json' | 'columns'): Promise<{ perCpuSecond: number; p99: number }> {
  console.log(
    `── ${frame === 'json' ? 'JSON telemetry frames' : 'compact telemetry frames (columns)'} ──`,
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
      FRAME: frame,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const childExit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let perCpuSecond = 0;
  let p99 = NaN;
  try {
    const agents: { address: string; pairingCode: string; name: string }[] = [];
    type Counts = { due: number; sent: number; acked: number };
    const producedCounts: ((n: Counts) => void)[] = [];
    /** Samples due, sent and acked so far on the agents' side. */
    const produced = () =>
      new Promise<Counts>((resolve) => {
        producedCounts.push(resolve);
        child.stdin.write('COUNT\n');
      });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`agents process exited with ${code}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line === 'READY') resolve();
        else if (line.startsWith('{')) agents.push(JSON.parse(line) as (typeof agents)[number]);
        else if (line.startsWith('PRODUCED ')) {
          const [due, sent, acked] = line.slice(9).split(' ').map(Number);
          producedCounts.shift()?.({ due: due!, sent: sent!, acked: acked! });
        }
      });
    });
    const start = performance.now();
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
    const backlogFrom = readBacklog(c.dataDir, c.recoveryKey);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const from = Date.now();
    const cpuFrom = { console: cpuSeconds(), agents: cpuSeconds(child.pid) };
    const countsFrom = await produced();
    // The unfolded log rises and falls with each fold: its peaks in each half of the window say whether it grows.
    const unfolded: number[] = [];
    while (Date.now() - from < MEASURE_S * 1000) {
      await sleep(Math.min(1000, MEASURE_S * 1000 - (Date.now() - from)));
      unfolded.push((await c.admin.must('fleet.storageStatus', {})).intake?.unfoldedSamples ?? 0);
    }
    const to = Date.now();
    const cpuTo = { console: cpuSeconds(), agents: cpuSeconds(child.pid) };
    const countsTo = await produced();
    loopDelay.disable();
    const backlogTo = readBacklog(c.dataDir, c.recoveryKey);
    const { intake } = await c.admin.must('fleet.storageStatus', {});
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
    p99 = weightedPercentile(lat, 0.99);
    const max = Math.max(...lat.map((l) => l.v));
    const sinceGo = batches
      .filter((b) => b.committedAtMs >= goAt)
      .reduce((a, b) => a + b.samples, 0);
    const seconds = (to - from) / 1000;
    const used = (side: 'console' | 'agents') => {
      const [a, b] = [cpuFrom[side], cpuTo[side]];
      return a === null || b === null ? NaN : b - a;
    };
    perCpuSecond = Math.round(committed / used('console'));
    console.log(
      `window: ${MEASURE_S} s after ${WARMUP_S} s warm-up; ${window.length} batches, ${committed} samples committed (${perSec} samples/s, ${Math.round(committed / Math.max(1, window.length))} per batch)`,
    );
    console.log(
      `sample-to-commit latency (weighted by samples): p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`,
    );
    console.log(`committed since GO: ${sinceGo} samples in ${((to - goAt) / 1000).toFixed(1)} s`);
    console.log(
      `agents sent ${Math.round((countsTo.sent - countsFrom.sent) / seconds)} samples/s in the window (offered ${offered})`,
    );
    const backlog = (n: Counts) => `${n.due - n.sent} unsent, ${n.sent - n.acked} unacked`;
    console.log(
      `backlog at the agents: window start ${backlog(countsFrom)}; end ${backlog(countsTo)} samples`,
    );
    console.log(`backlog in the store: window start ${backlogFrom.text}; end ${backlogTo.text}`);
    const held = (n: Counts, store: { samples: number }) => n.due - n.acked + store.samples;
    const grew = held(countsTo, backlogTo) - held(countsFrom, backlogFrom);
    console.log(
      `backlog (agents' unsent + unacked, and the store's log): ${held(countsFrom, backlogFrom)} → ${held(countsTo, backlogTo)} samples, ${grew > 0 ? `grew by ${grew}` : 'did not grow'}; the console's bound on unfolded samples ${intake?.maxUnfoldedSamples ?? '?'}`,
    );
    const half = Math.ceil(unfolded.length / 2);
    const peak = (xs: number[]) => Math.max(0, ...xs);
    console.log(
      `unfolded samples each second of the window: peak ${peak(unfolded.slice(0, half))} in the first half, ${peak(unfolded.slice(half))} in the second (${peak(unfolded.slice(half)) > peak(unfolded.slice(0, half)) ? 'higher' : 'not higher'}), low ${Math.min(...unfolded)}`,
    );
    console.log(
      `intake paused ${intake?.pauses ?? 0} times for ${((intake?.pausedMs ?? 0) / 1000).toFixed(1)} s in all (paused at the end: ${intake?.paused ?? false})`,
    );
    const ms = (ns: number) => Math.round(ns / 1e6);
    console.log(
      `console event-loop delay in the window: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms`,
    );
    console.log(
      `cores used in the window: console ${(used('console') / seconds).toFixed(2)}, agents ${(used('agents') / seconds).toFixed(2)}; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    await childExit;
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    c.cleanup();
  }
  return { perCpuSecond, p99 };
}

const skipped = { perCpuSecond: NaN, p99: NaN };
const json = FRAMES.includes('json') ? await measure('json') : skipped;
const columns = FRAMES.includes('columns') ? await measure('columns') : skipped;

const peer = PEER
  ? await runPrometheusBaseline({
      targets: AGENTS,
      series: SERIES,
      intervalMs: COLLECT_MS,
      warmupS: WARMUP_S,
      measureS: MEASURE_S,
    })
  : null;
if (peer)
  console.log(
    `baseline: Prometheus ${peer.version} scraping ${AGENTS} local targets × ${SERIES} series every ${COLLECT_MS} ms: ${peer.samplesPerSec} samples/s on ${peer.cores.toFixed(2)} cores`,
  );
console.log(
  `ingest: ${columns.perCpuSecond} samples per console CPU-second, p99 ${columns.p99} ms (baseline: JSON frames ${json.perCpuSecond} samples per console CPU-second, p99 ${json.p99} ms; ${
    peer
      ? `Prometheus ${peer.version} ${peer.perCpuSecond} samples per CPU-second`
      : 'Prometheus not run'
  })`,
);
