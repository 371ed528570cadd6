// kill -9 the console mid-ingest and restart it, with a real agent sampling throughout: every
// (agent, seq) is stored exactly once and the encrypted store passes PRAGMA integrity_check.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it, vi } from 'vitest';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { startTestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';
import { countStoredSamples, storedMinuteTotals } from '../fleet/storedSamples.ts';

const SCRIPT = fileURLToPath(new URL('../fleet/consoleProcess.mjs', import.meta.url));
const TOTAL = 300;
const PER_BATCH = 200;

let site: FleetSite | undefined;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  site?.cleanup();
});

function startConsole(dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [SCRIPT, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

function batch(n: number): Sample[] {
  const tsMs = 1_700_000_000_000 + n * 1000;
  return Array.from({ length: PER_BATCH }, (_, k) => ({
    metric: `gpu_metric_${k % 100}`,
    labels: { gpu: String(k >= 100 ? 1 : 0) },
    value: n,
    tsMs,
  }));
}

it('a console killed with SIGKILL mid-ingest loses and duplicates nothing once restarted', async () => {
  site = await setUpFleetSite();
  const agent = await startTestAgent();
  await site.admin.must('fleet.enrol', {
    address: `127.0.0.1:${agent.agent.port}`,
    pairingCode: agent.pairingCode,
    name: 'gpu-node-01',
    clusterId: site.clusterId,
  });
  site.app.close(); // from here on only the child process is the console

  // The agent keeps sampling throughout, into its spool, whatever the console is doing; its second
  // half waits for the kill, so the console always dies with batches still to come.
  let produced = 0;
  let afterKill!: () => void;
  const killed = new Promise<void>((resolve) => (afterKill = resolve));
  const producing = (async () => {
    while (produced < TOTAL) {
      if (produced === TOTAL / 2) await killed;
      await agent.produce({ samples: batch(produced + 1), events: [] });
      produced += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  const first = startConsole(site.dataDir);
  await vi.waitFor(() => expect(agent.agent.spool.ackedSeq).toBeGreaterThanOrEqual(60), {
    timeout: 30_000,
    interval: 20,
  });
  first.kill('SIGKILL');
  await exited(first);
  afterKill();
  expect(agent.agent.spool.ackedSeq).toBeLessThan(TOTAL);

  startConsole(site.dataDir);
  await producing;
  const head = agent.agent.spool.headSeq;
  await vi.waitFor(() => expect(agent.agent.spool.ackedSeq).toBe(head), {
    timeout: 60_000,
    interval: 50,
  });
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));

  const seqs = site.query<{ seq: number; samples: number }>(
    'SELECT seq, samples FROM ingest_log ORDER BY seq',
  );
  expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  const stored = seqs.reduce((sum, r) => sum + r.samples, 0);
  expect(stored).toBe(TOTAL * PER_BATCH);
  expect(countStoredSamples(site)).toBe(TOTAL * PER_BATCH);
  expect(storedMinuteTotals(site).n).toBe(TOTAL * PER_BATCH);
  expect(site.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
}, 120_000);
