// Child process for bench/ingest.ts: N real agents (agent/agent.ts startAgent: real identities,
// spools, wss + mutual TLS on 127.0.0.1) each with a synthetic collector of S distinct series.
// Prints one JSON line per agent ({address, pairingCode, name}), then "READY"; collection starts
// when the parent writes "GO\n" on stdin and stops on "STOP\n" (then the process exits). "COUNT\n" is
// answered with "PRODUCED <n>": samples collected so far, to tell the offered load from what was reached.
// Env: AGENTS (50), SERIES (500), COLLECT_MS (250), BATCH_MS (250), DURABLE (1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startAgent, type RunningAgent } from '../../agent/agent.ts';
import type { Collector } from '../../agent/collectors/collector.ts';
import { parseAgentConfig } from '../../agent/config.ts';
import { initAgent } from '../../agent/identity.ts';
import { silentLogger } from '../../agent/log.ts';
import type { Sample } from '../../shared/agent-protocol/index.ts';

const AGENTS = Number(process.env.AGENTS ?? 50);
const SERIES = Number(process.env.SERIES ?? 500);
const COLLECT_MS = Number(process.env.COLLECT_MS ?? 250);
const BATCH_MS = Number(process.env.BATCH_MS ?? 250);
const DURABLE = process.env.DURABLE !== '0';

/** When GO arrived; null before it and after STOP. */
let startedAt: number | null = null;
let produced = 0;
const root = mkdtempSync(join(tmpdir(), 'mirqab-bench-agents-'));

function syntheticCollector(index: number): Collector {
  // Label objects are built once: the agent serialises them per batch anyway.
  const labels = Array.from({ length: SERIES }, (_, s) => ({
    gpu: String(s % 8),
    series: `s${s}`,
    host: `bench-${index}`,
  }));
  let ticks = 0;
  return {
    name: 'synthetic',
    intervalMs: COLLECT_MS,
    collect() {
      if (startedAt === null) return Promise.resolve({ samples: [], events: [] });
      // 50 agents share one event loop here, so timers run late: catch up on every tick due since GO,
      // each stamped with the time it was due, so the offered load is met and lateness shows as latency.
      const due = Math.floor((Date.now() - startedAt) / COLLECT_MS) + 1;
      const samples: Sample[] = [];
      for (; ticks < due; ticks++) {
        const tsMs = startedAt + ticks * COLLECT_MS;
        for (let s = 0; s < SERIES; s++)
          samples.push({
            metric: 'bench_metric',
            labels: labels[s]!,
            value: (s * 7 + ticks) % 100,
            tsMs,
          });
      }
      produced += samples.length;
      return Promise.resolve({ samples, events: [] });
    },
  };
}

const agents: RunningAgent[] = [];
async function startOne(i: number) {
  const dir = join(root, `a${i}`);
  const { pairingCode } = await initAgent(join(dir, 'identity'), { name: `bench-${i}` });
  const parsed = parseAgentConfig(
    [
      'listen: { host: 127.0.0.1, port: 0 }',
      'identityDir: identity',
      'spool: { dir: spool }',
      `batchIntervalMs: ${BATCH_MS}`,
    ].join('\n'),
    dir,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const agent = await startAgent(parsed.config, {
    logger: silentLogger,
    extraCollectors: [syntheticCollector(i)],
    durableSpool: DURABLE,
  });
  agents[i] = agent;
  process.stdout.write(
    `${JSON.stringify({ address: `127.0.0.1:${agent.port}`, pairingCode, name: `bench-${i}` })}\n`,
  );
}

let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < AGENTS) await startOne(next++);
  }),
);
process.stdout.write('READY\n');

const stop = async () => {
  startedAt = null;
  await Promise.all(agents.map((a) => a.stop()));
  rmSync(root, { recursive: true, force: true });
  process.exit(0);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'GO') startedAt = Date.now();
  if (line === 'COUNT') process.stdout.write(`PRODUCED ${produced}\n`);
  if (line === 'STOP') void stop();
});
process.stdin.on('end', () => void stop());
