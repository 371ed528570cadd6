// The ingest bench's peer: Debian's Prometheus scraping local targets that serve the same series
// count at the same interval as the console's agents. Targets serve exposition text encoded once
// (a few value variants in turn), so serving costs little; Prometheus's own CPU comes from /proc and
// its appended samples from its own counter. Returns null (and says why) when Prometheus is absent.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds } from './cpu.ts';

export interface PromFigures {
  version: string;
  samplesPerSec: number;
  cores: number;
  perCpuSecond: number;
}

const VARIANTS = 16;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function prometheusVersion(): string | null {
  const run = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  return /version (\S+)/.exec(`${run.stdout}${run.stderr}`)?.[1] ?? 'unknown';
}

function exposition(target: number, series: number, variant: number): string {
  const lines = ['# TYPE bench_metric gauge'];
  for (let s = 0; s < series; s++) {
    const value = ((s * 7 + variant * 13) % 100) + variant / 8;
    lines.push(`bench_metric{gpu="${s % 8}",series="s${s}",host="bench-${target}"} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Counter value from Prometheus's own /metrics, or null while it is not up yet. */
async function promCounter(port: number, name: string): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    // Summed over its labels (2.42 splits appended samples by type).
    const lines = text
      .split('\n')
      .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return lines.length > 0 ? lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0) : null;
  } catch {
    return null;
  }
}

export async function runPrometheusBaseline(options: {
  targets: number;
  series: number;
  intervalMs: number;
  warmupS: number;
  measureS: number;
}): Promise<PromFigures | null> {
  const version = prometheusVersion();
  if (!version) {
    console.log(
      'baseline: Prometheus is not installed (apt-get install -y prometheus); skipping the peer',
    );
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-prom-'));
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let t = 0; t < options.targets; t++) {
    const texts = Array.from({ length: VARIANTS }, (_, v) =>
      Buffer.from(exposition(t, options.series, v)),
    );
    let scrapes = 0;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(texts[scrapes++ % VARIANTS]);
    });
    servers.push(server);
    ports.push(await listen(server));
  }
  const probe = createServer();
  const promPort = await listen(probe); // a free port for Prometheus's web listener
  await new Promise((resolve) => probe.close(resolve));
  const interval = `${options.intervalMs}ms`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  scrape_timeout: ${interval}`,
      'scrape_configs:',
      '  - job_name: bench',
      '    static_configs:',
      `      - targets: [${ports.map((p) => `'127.0.0.1:${p}'`).join(', ')}]`,
    ].join('\n'),
  );
  const prom = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--log.level=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const appended = () => promCounter(promPort, 'prometheus_tsdb_head_samples_appended_total');
  try {
    while ((await appended()) === null) {
      if (prom.exitCode !== null) throw new Error(`prometheus exited with ${prom.exitCode}`);
      await sleep(200);
    }
    await sleep(options.warmupS * 1000);
    const from = { at: Date.now(), cpu: cpuSeconds(prom.pid), samples: (await appended()) ?? 0 };
    await sleep(options.measureS * 1000);
    const to = { at: Date.now(), cpu: cpuSeconds(prom.pid), samples: (await appended()) ?? 0 };
    const seconds = (to.at - from.at) / 1000;
    const cpu = (to.cpu ?? 0) - (from.cpu ?? 0);
    const samples = to.samples - from.samples;
    return {
      version,
      samplesPerSec: Math.round(samples / seconds),
      cores: cpu / seconds,
      perCpuSecond: Math.round(samples / Math.max(cpu, 0.01)),
    };
  } finally {
    prom.kill('SIGTERM');
    await new Promise((resolve) =>
      prom.exitCode === null ? prom.once('exit', resolve) : resolve(0),
    );
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  }
}
