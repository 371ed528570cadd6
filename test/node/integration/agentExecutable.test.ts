// The agent as installed on a host: its single executable file, copied alone into an empty folder,
// run with no Node on PATH and no node_modules anywhere near it. It creates its identity, pairs
// with a real console over wss with mutual TLS on 127.0.0.1, streams host telemetry, and goes
// through SIGTERM/start cycles (as `systemctl restart` does) while the console is away, without
// losing a batch: every seq of its one spool epoch reaches the store exactly once.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  agentExecutable,
  freePort,
  startAgentProcess,
  type AgentProcess,
} from '../../helpers/agentExecutable.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';

let executable = '';
beforeAll(async () => {
  executable = await agentExecutable();
}, 240_000);

const running: AgentProcess[] = [];
let site: FleetSite | undefined;
afterEach(() => {
  for (const agent of running.splice(0)) agent.child.kill('SIGKILL');
  site?.cleanup();
});

it('runs alone with no Node, pairs, streams, and keeps every batch through SIGTERM/start cycles', async () => {
  const dir = tempDir('mirqab-agent-exe-');
  const bin = join(dir, 'bin');
  const emptyPath = join(dir, 'empty-path');
  mkdirSync(bin);
  mkdirSync(emptyPath);
  const agentFile = join(bin, 'mirqab-agent');
  copyFileSync(executable, agentFile);
  expect(readdirSync(bin)).toEqual(['mirqab-agent']);
  // Nothing to find on PATH: no node, no npm, no shell tools.
  const env = { PATH: emptyPath, HOME: dir, LANG: 'C.UTF-8' };
  const run = (args: string[]) => promisify(execFile)(agentFile, args, { cwd: dir, env });

  expect((await run(['--version'])).stdout.trim()).toBe('0.1.0');
  const init = await run(['init', '--dir', join(dir, 'identity'), '--name', 'gpu-node-07']);
  const pairingCode = /^Pairing code.*\n(\S+)$/m.exec(init.stdout)?.[1] ?? '';
  expect(pairingCode).not.toBe('');

  const port = await freePort();
  const config = join(dir, 'mirqab-agent.yaml');
  writeFileSync(
    config,
    [
      `listen: { host: 127.0.0.1, port: ${port} }`,
      'identityDir: identity',
      'spool: { dir: spool }',
      'batchIntervalMs: 200',
      'collectors:',
      '  host: { intervalMs: 250 }',
    ].join('\n'),
  );
  const start = async () => {
    const agent = startAgentProcess(agentFile, ['run', '--config', config], { cwd: dir, env });
    running.push(agent);
    await agent.logged('agent started');
    return agent;
  };
  const stop = async (agent: AgentProcess) => {
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    running.splice(running.indexOf(agent), 1);
    expect(agent.lines.map((l) => l.message)).toContain('agent stopped');
    expect(agent.lines.filter((l) => l.level === 'error')).toEqual([]);
  };

  site = await setUpFleetSite();
  const s = site;
  let agent = await start();
  const host = await s.admin.must('fleet.enrol', {
    address: `127.0.0.1:${port}`,
    pairingCode,
    name: 'gpu-node-07',
    clusterId: s.clusterId,
  });
  await agent.logged('paired with console');
  const storedSeqs = () =>
    s.query<{ epoch: string; n: number; distinctSeqs: number; minSeq: number; maxSeq: number }>(
      'SELECT epoch, count(*) AS n, count(DISTINCT seq) AS distinctSeqs, min(seq) AS minSeq, max(seq) AS maxSeq FROM ingest_log WHERE host_id = ? GROUP BY epoch',
      host.id,
    );
  const storedUpTo = (seq: number, what: string, timeout = 10_000) =>
    vi.waitFor(() => expect(storedSeqs()[0]?.maxSeq ?? 0, what).toBeGreaterThanOrEqual(seq), {
      timeout,
      interval: 100,
    });
  await storedUpTo(3, 'the first host telemetry batches stored');
  const [first] = storedSeqs();
  expect(first).toMatchObject({ minSeq: 1 });
  expect(s.query('SELECT count(*) AS n FROM series WHERE host_id = ?', host.id)).not.toEqual([
    { n: 0 },
  ]);

  // The console goes away; the agent keeps spooling and is restarted three times meanwhile.
  s.app.close();
  for (let cycle = 0; cycle < 3; cycle++) {
    await stop(agent);
    agent = await start();
  }
  await s.restart();

  // Back: the spool's backlog and what follows arrive, each batch once, in the same epoch.
  const before = first?.maxSeq ?? 0;
  await agent.logged('console connected');
  await storedUpTo(before + 10, 'the backlog spooled across the restarts delivered', 20_000);
  await s.waitForHosts(
    (hosts) => hosts.some((h) => h.id === host.id && h.state === 'online'),
    'the host online again',
  );
  await stop(agent);
  const log = storedSeqs();
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ epoch: first?.epoch, minSeq: 1 });
  expect(log[0]?.n).toBe(log[0]?.maxSeq);
  expect(log[0]?.distinctSeqs).toBe(log[0]?.maxSeq);
  expect(log[0]?.maxSeq).toBeGreaterThanOrEqual(before + 10);
});
