// The agent's footprint on a host, against Debian's prometheus-node-exporter on the same host in the
// same run: resident memory and CPU of the agent's single executable (default collectors: host and
// GPU every 5 s, paired with a real console and streaming to it) and of node_exporter (its default
// collectors, scraped every 5 s), plus the same agent bundle on the system's Node without the
// executable's flags. Then the command lines' start time against `node -e 0`.
// The executable runs three times: the file as the build wrote it (and read it again for its
// checksum), a copy written and synced as a package manager installs it and left in the page cache,
// as right after an install, and a copy dropped from the page cache first, as after a reboot. How
// much of the file sits in the cache, and in what pieces, decides how many pages the kernel maps
// around each page the agent touches, so the three differ only in the executable's own pages.
// Memory is counted three ways from /proc/PID/smaps_rollup: RSS, PSS (shared pages divided among
// the processes that map them) and private (anonymous memory: the heap, never the executable's own
// pages, which are clean and shared with the page cache).
// AGENT_FOOTPRINT_SECONDS shortens the measured window (default 300 s).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  agentExecutable,
  freePort,
  startAgentProcess,
  type AgentProcess,
} from '../test/helpers/agentExecutable.ts';
import { machineLine, startBenchConsole, type BenchConsole } from './support/console.ts';
import { cpuSeconds } from './support/cpu.ts';
import { cachedMb, copyExecutable, memoryMb, type Memory } from './support/memory.ts';

const SECONDS = Number(process.env.AGENT_FOOTPRINT_SECONDS ?? 300);
const WARM_UP_S = Math.min(15, Math.ceil(SECONDS / 4));
const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
const STARTS = 11;
const root = resolve(import.meta.dirname, '..');

if (!Number.isFinite(SECONDS) || SECONDS < 10) {
  console.error('AGENT_FOOTPRINT_SECONDS must be a number of seconds, at least 10');
  process.exit(2);
}

interface Measured {
  name: string;
  pid: number;
  memory: Memory[];
  cpu0: number;
  cpu1: number;
}

/** An agent from `command`, with its own identity and spool, enrolled with the bench console. */
async function startEnrolledAgent(
  name: string,
  command: string[],
  site: BenchConsole,
  dir: string,
): Promise<AgentProcess> {
  const home = join(dir, name);
  const [file, ...prefix] = command as [string, ...string[]];
  const init = execFileSync(file, [...prefix, 'init', '--dir', join(home, 'identity')], {
    encoding: 'utf8',
  });
  const pairingCode = /^Pairing code.*\n(\S+)$/m.exec(init)?.[1];
  if (!pairingCode) throw new Error(`no pairing code from ${name}:\n${init}`);
  const port = await freePort();
  const config = join(home, 'agent.yaml');
  writeFileSync(
    config,
    [
      `listen: { host: 127.0.0.1, port: ${port} }`,
      'identityDir: identity',
      'spool: { dir: spool }',
      'collectors:',
      '  host: { intervalMs: 5000 }',
      '  gpu: { intervalMs: 5000 }',
    ].join('\n'),
  );
  const agent = startAgentProcess(file, [...prefix, 'run', '--config', config], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home },
  });
  await agent.logged('agent started');
  await site.admin.must('fleet.enrol', {
    address: `127.0.0.1:${port}`,
    pairingCode,
    name,
    clusterId: site.clusterId,
  });
  await agent.logged('paired with console');
  return agent;
}

/** node_exporter on a free port, and a scraper that reads it every 5 s as Prometheus would. */
async function startNodeExporter(): Promise<{ pid: number; stop(): void } | null> {
  if (!existsSync(NODE_EXPORTER)) return null;
  const port = await freePort();
  const child = spawn(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/metrics`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      if (i > 100) throw new Error('node_exporter did not answer');
      await sleep(100);
    }
  }
  const scraper = setInterval(() => {
    fetch(url)
      .then((response) => response.text())
      .catch(() => undefined);
  }, 5000);
  return {
    pid: child.pid!,
    stop() {
      clearInterval(scraper);
      child.kill('SIGTERM');
    },
  };
}

/** Returns the summary line: the executable's figures and the peer's (or the idle Node's). */
async function footprint(): Promise<string> {
  const executable = await agentExecutable();
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-footprint-'));
  const site = await startBenchConsole();
  const agents: AgentProcess[] = [];
  let exporter: Awaited<ReturnType<typeof startNodeExporter>> = null;
  let stopIdle = () => {};
  try {
    // Two copies of the executable, so that neither maps pages the other brought into the cache.
    const installed = copyExecutable(executable, join(dir, 'installed'), true);
    const rebooted = copyExecutable(executable, join(dir, 'rebooted'), false);
    const cachedBefore = cachedMb(rebooted);
    agents.push(await startEnrolledAgent('executable-built', [executable], site, dir));
    agents.push(await startEnrolledAgent('executable-installed', [installed], site, dir));
    agents.push(await startEnrolledAgent('executable-rebooted', [rebooted], site, dir));
    agents.push(
      await startEnrolledAgent(
        'node-bundle',
        [process.execPath, join(root, 'out/agent/mirqab-agent.cjs')],
        site,
        dir,
      ),
    );
    exporter = await startNodeExporter();
    // The floor any Node program starts from: an idle Node process.
    const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    stopIdle = () => idle.kill('SIGTERM');
    const measured: Measured[] = [
      { name: 'executable, as the build wrote it', pid: agents[0]!.child.pid! },
      { name: 'executable, file in page cache (installed)', pid: agents[1]!.child.pid! },
      { name: 'executable, file read from disk (rebooted)', pid: agents[2]!.child.pid! },
      { name: `bundle on node ${process.version}, no flags`, pid: agents[3]!.child.pid! },
      { name: `idle node ${process.version} (baseline)`, pid: idle.pid! },
      ...(exporter ? [{ name: 'prometheus-node-exporter (peer)', pid: exporter.pid }] : []),
    ].map((m) => ({ ...m, memory: [], cpu0: 0, cpu1: 0 }));
    const cached = cachedMb(rebooted);
    if (cached !== null)
      console.log(
        `page cache held ${cachedBefore?.toFixed(0)} MB of the rebooted copy before it started, ${cached.toFixed(0)} MB after`,
      );
    console.log(`warming up ${WARM_UP_S} s, then measuring ${SECONDS} s ...`);
    await sleep(WARM_UP_S * 1000);
    for (const m of measured) m.cpu0 = cpuSeconds(m.pid) ?? NaN;
    const started = performance.now();
    while (performance.now() - started < SECONDS * 1000) {
      for (const m of measured) {
        const memory = memoryMb(m.pid);
        if (memory) m.memory.push(memory);
      }
      await sleep(1000);
    }
    const elapsed = (performance.now() - started) / 1000;
    for (const m of measured) m.cpu1 = cpuSeconds(m.pid) ?? NaN;
    console.log(`\nover ${elapsed.toFixed(0)} s (memory sampled every second, means in MB):`);
    const mean = (m: Measured, field: keyof Memory) =>
      m.memory.reduce((sum, sample) => sum + sample[field], 0) / m.memory.length;
    const figures = (m: Measured) =>
      `RSS ${mean(m, 'rss').toFixed(1)}, PSS ${mean(m, 'pss').toFixed(1)}, private ${mean(m, 'priv').toFixed(1)} MB, CPU ${(((m.cpu1 - m.cpu0) / elapsed) * 100).toFixed(2)} % of a core`;
    for (const m of measured)
      console.log(
        `  ${m.name.padEnd(44)} ${figures(m)}, RSS max ${Math.max(...m.memory.map((x) => x.rss)).toFixed(1)}`,
      );
    if (!exporter)
      console.log(
        `  prometheus-node-exporter: not installed (apt-get install prometheus-node-exporter), peer skipped`,
      );
    const peer = measured.at(-1)!;
    return `agentFootprint: installed ${figures(measured[1]!)}; rebooted ${figures(measured[2]!)} (baseline: ${peer.name}: ${figures(peer)})`;
  } finally {
    exporter?.stop();
    stopIdle();
    for (const agent of agents) agent.child.kill('SIGTERM');
    await Promise.all(agents.map((a) => a.exited));
    site.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall time of `command` over STARTS runs, interleaved with the other commands. */
function startTimes(commands: { name: string; argv: string[] }[]): void {
  const times = commands.map(() => [] as number[]);
  for (let run = 0; run < STARTS; run++) {
    commands.forEach(({ argv: [file, ...args] }, i) => {
      const t0 = performance.now();
      const result = spawnSync(file!, args, { stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.status}`);
      times[i]!.push(performance.now() - t0);
    });
  }
  console.log(`\nstart time, median of ${STARTS} runs:`);
  commands.forEach(({ name }, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(40)} ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(3)} s`,
    );
  });
}

console.log(machineLine());
const summary = await footprint();
startTimes([
  { name: 'node -e 0 (baseline)', argv: [process.execPath, '-e', '0'] },
  { name: 'mirqab --help', argv: [process.execPath, join(root, 'bin/mirqab.mjs'), '--help'] },
  {
    name: 'mirqab-agent --help',
    argv: [process.execPath, join(root, 'bin/mirqab-agent.mjs'), '--help'],
  },
  { name: 'single executable --help', argv: [await agentExecutable(), '--help'] },
]);
console.log(summary);
