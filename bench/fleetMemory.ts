// Fleet memory: the console (this process, real encrypted store) with 200 simulated agents × 8 GPUs
// (agent/simulator/fleet.ts in a child process: real agents, wss + mutual TLS) all enrolled and
// streaming; console RSS after STEADY_S seconds of steady streaming, after a forced GC when exposed
// (run.ts starts benches without --expose-gc, so this bench re-executes itself with it).
// Baseline in the same run: the console's RSS with the store open and no agents.
// Env: HOSTS (200), GPUS (8), SAMPLE_MS (5000), STEADY_S (30).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { enrolAll, machineLine, startBenchConsole } from './support/console.ts';

if (typeof globalThis.gc !== 'function' && !process.env.MIRQAB_BENCH_CHILD) {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)],
    { stdio: 'inherit', env: { ...process.env, MIRQAB_BENCH_CHILD: '1' } },
  );
  process.exit(r.status ?? 1);
}

const HOSTS = Number(process.env.HOSTS ?? 200);
const GPUS = Number(process.env.GPUS ?? 8);
const STEADY_S = Number(process.env.STEADY_S ?? 30);
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rss = async () => {
  globalThis.gc?.();
  await sleep(50);
  globalThis.gc?.();
  return process.memoryUsage().rss;
};

console.log(machineLine());
let samples = 0;
const c = await startBenchConsole({}, (b) => void (samples += b.samples));
await c.admin.must('fleet.list', {}); // the fleet started: store open, identity loaded
await sleep(500);
const baseline = await rss();
console.log(
  `baseline: console RSS ${(baseline / MB).toFixed(0)} MB, store open, no agents (gc ${typeof globalThis.gc === 'function' ? 'forced' : 'not exposed'})`,
);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'support', 'simFleet.ts')],
  {
    env: { ...process.env, HOSTS: String(HOSTS), GPUS: String(GPUS) },
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
try {
  const agents: { address: string; pairingCode: string; name: string }[] = [];
  let start = performance.now();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY') resolve();
      else if (line.startsWith('{')) agents.push(JSON.parse(line) as (typeof agents)[number]);
    });
  });
  console.log(
    `simulator: ${agents.length} agents × ${GPUS} GPUs up in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  start = performance.now();
  await enrolAll(c, agents);
  for (;;) {
    const hosts = await c.admin.must('fleet.list', {});
    if (hosts.filter((h) => h.state === 'online').length === agents.length) break;
    await sleep(200);
  }
  console.log(
    `enrolled and online: ${agents.length} hosts in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  const before = samples;
  await sleep(STEADY_S * 1000);
  const streamed = samples - before;
  const hosts = await c.admin.must('fleet.list', {});
  const online = hosts.filter((h) => h.state === 'online').length;
  const gpus = hosts.reduce((a, h) => a + h.gpuCount, 0);
  const steady = await rss();
  const heap = process.memoryUsage();
  console.log(
    `steady: ${STEADY_S} s, ${online}/${hosts.length} online, ${gpus} GPUs, ${streamed} samples committed (${Math.round(streamed / STEADY_S)}/s); heapUsed ${(heap.heapUsed / MB).toFixed(0)} MB, external ${(heap.external / MB).toFixed(0)} MB`,
  );
  console.log(
    `fleetMemory: ${(steady / MB).toFixed(0)} MB console RSS with ${agents.length} agents streaming (baseline: ${(baseline / MB).toFixed(0)} MB store open, no agents)`,
  );
  child.stdin.write('STOP\n');
  await Promise.race([exited, sleep(20_000)]);
} finally {
  if (child.exitCode === null) child.kill('SIGTERM');
  c.cleanup();
}
