// kill -9 the console mid-ingest and restart it: every (agent, seq) is stored exactly once and the
// encrypted store passes PRAGMA integrity_check.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { FakeAgentPeer, samplesAt } from './fakeAgentPeer.ts';
import { setUpFleetSite, type FleetSite } from './fleetSite.ts';

const SCRIPT = fileURLToPath(new URL('./consoleProcess.mjs', import.meta.url));
const TOTAL = 300;
const PER_BATCH = 200;

let site: FleetSite | undefined;
let agent: FakeAgentPeer | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  site?.cleanup();
  await agent?.close();
});

function startConsole(dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [SCRIPT, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

it('a console killed with SIGKILL mid-ingest loses and duplicates nothing once restarted', async () => {
  site = await setUpFleetSite();
  agent = await FakeAgentPeer.start();
  const a = agent;
  await site.admin.must('fleet.enrol', { address: a.address, pairingCode: a.pairingCode, name: 'gpu-node-01', clusterId: site.clusterId });
  site.app.close(); // from here on only the child process is the console

  // The agent keeps sampling throughout, as a real one would.
  let produced = 0;
  const producer = setInterval(() => {
    for (let i = 0; i < 5 && produced < TOTAL; i++, produced++) {
      const series = Object.fromEntries(Array.from({ length: PER_BATCH / 2 }, (_, k) => [`gpu_metric_${k}`, produced]));
      a.enqueue([...samplesAt(1_700_000_000_000 + produced * 1000, series, { gpu: '0' }), ...samplesAt(1_700_000_000_000 + produced * 1000, series, { gpu: '1' })]);
    }
  }, 5);

  const first = startConsole(site.dataDir);
  await a.waitFor(() => a.lastAck >= 60, 'the first console to ingest', 30_000);
  first.kill('SIGKILL');
  await exited(first);
  const ackedBeforeKill = a.lastAck;
  expect(ackedBeforeKill).toBeLessThan(TOTAL);

  startConsole(site.dataDir);
  await a.waitFor(() => produced === TOTAL && a.lastAck === TOTAL, 'the restarted console to catch up', 60_000);
  clearInterval(producer);
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));

  const seqs = site.query<{ seq: number; samples: number }>('SELECT seq, samples FROM ingest_log ORDER BY seq');
  expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  expect(seqs.every((r) => r.samples === PER_BATCH)).toBe(true);
  expect(site.query('SELECT count(*) AS n FROM samples_raw')).toEqual([{ n: TOTAL * PER_BATCH }]);
  expect(site.query('SELECT sum(count) AS n FROM rollups_1m')).toEqual([{ n: TOTAL * PER_BATCH }]);
  expect(site.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});
