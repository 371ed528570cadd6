// Host metrics from Linux /proc and statfs. Parsing is pure (tested on captured /proc text); the
// reader is a thin shell that keeps the previous reading, since CPU % and network rates are deltas.
import { readFile, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sample } from '../../shared/agent-protocol/index.ts';
import type { Collector } from './collector.ts';

export interface CpuTimes {
  /** Jiffies across all CPUs. */
  total: number;
  /** idle + iowait jiffies. */
  idle: number;
}

export interface NetCounters {
  rxBytes: number;
  txBytes: number;
}

export interface DiskUsage {
  mount: string;
  totalBytes: number;
  usedBytes: number;
}

export interface HostReading {
  tsMs: number;
  cpu: CpuTimes | null;
  load: [number, number, number] | null;
  memory: { totalBytes: number; availableBytes: number } | null;
  net: Map<string, NetCounters>;
  disks: DiskUsage[];
}

export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((n) => !Number.isFinite(n))) return null;
  // user nice system idle iowait irq softirq steal; guest time is already counted in user.
  return { total: f.reduce((a, b) => a + b, 0), idle: f[3]! + (f[4] ?? 0) };
}

export function parseLoadAvg(text: string): [number, number, number] | null {
  const [a, b, c] = text.trim().split(/\s+/).map(Number);
  return [a, b, c].every((n) => n !== undefined && Number.isFinite(n)) ? [a!, b!, c!] : null;
}

export function parseMemInfo(text: string): { totalBytes: number; availableBytes: number } | null {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m) kb.set(m[1]!, Number(m[2]));
  }
  const total = kb.get('MemTotal');
  if (total === undefined) return null;
  // Kernels before 3.14 lack MemAvailable; free + buffers + cache is the classic estimate.
  const available =
    kb.get('MemAvailable') ??
    (kb.get('MemFree') ?? 0) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  return { totalBytes: total * 1024, availableBytes: available * 1024 };
}

export function parseNetDev(text: string): Map<string, NetCounters> {
  const result = new Map<string, NetCounters>();
  for (const line of text.split('\n')) {
    const m = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2]!.trim().split(/\s+/).map(Number);
    if (f.length < 9 || !Number.isFinite(f[0]) || !Number.isFinite(f[8])) continue;
    result.set(m[1]!, { rxBytes: f[0]!, txBytes: f[8]! });
  }
  return result;
}

/** Turns two consecutive readings into canonical samples; rates and CPU % need the previous one. */
export function hostSamples(previous: HostReading | null, current: HostReading): Sample[] {
  const tsMs = current.tsMs;
  const samples: Sample[] = [];
  const add = (metric: string, value: number, labels: Record<string, string> = {}) => {
    if (Number.isFinite(value)) samples.push({ metric, labels, value, tsMs });
  };
  if (previous?.cpu && current.cpu) {
    const total = current.cpu.total - previous.cpu.total;
    const idle = current.cpu.idle - previous.cpu.idle;
    if (total > 0 && idle >= 0)
      add('host_cpu_utilization', Math.min(100, Math.max(0, (100 * (total - idle)) / total)));
  }
  if (current.load) {
    add('host_load1', current.load[0]);
    add('host_load5', current.load[1]);
    add('host_load15', current.load[2]);
  }
  if (current.memory) {
    add('host_memory_total_bytes', current.memory.totalBytes);
    add('host_memory_used_bytes', current.memory.totalBytes - current.memory.availableBytes);
  }
  for (const disk of current.disks) {
    add('host_disk_total_bytes', disk.totalBytes, { mount: disk.mount });
    add('host_disk_used_bytes', disk.usedBytes, { mount: disk.mount });
  }
  const seconds = previous ? (current.tsMs - previous.tsMs) / 1000 : 0;
  if (previous && seconds > 0) {
    for (const [iface, now] of current.net) {
      const before = previous.net.get(iface);
      // Loopback traffic says nothing about the host's service; a counter reset skips one interval.
      if (!before || iface === 'lo' || now.rxBytes < before.rxBytes || now.txBytes < before.txBytes)
        continue;
      add('host_network_rx_bytes_per_second', (now.rxBytes - before.rxBytes) / seconds, { iface });
      add('host_network_tx_bytes_per_second', (now.txBytes - before.txBytes) / seconds, { iface });
    }
  }
  return samples;
}

export interface HostSource {
  readText(path: string): Promise<string>;
  diskUsage(mount: string): Promise<DiskUsage>;
}

export const linuxHostSource: HostSource = {
  readText: (path) => readFile(path, 'utf8'),
  async diskUsage(mount) {
    const s = await statfs(mount);
    return { mount, totalBytes: s.blocks * s.bsize, usedBytes: (s.blocks - s.bfree) * s.bsize };
  },
};

export async function readHost(
  source: HostSource,
  procRoot: string,
  mounts: string[],
  tsMs: number,
): Promise<HostReading> {
  const text = (file: string) => source.readText(join(procRoot, file)).catch(() => '');
  const [stat, loadavg, meminfo, netdev] = await Promise.all([
    text('stat'),
    text('loadavg'),
    text('meminfo'),
    text('net/dev'),
  ]);
  const disks = await Promise.all(mounts.map((m) => source.diskUsage(m).catch(() => null)));
  return {
    tsMs,
    cpu: parseProcStat(stat),
    load: parseLoadAvg(loadavg),
    memory: parseMemInfo(meminfo),
    net: parseNetDev(netdev),
    disks: disks.filter((d): d is DiskUsage => d !== null),
  };
}

export interface HostCollectorOptions {
  intervalMs: number;
  mounts: string[];
  procRoot?: string;
  source?: HostSource;
  now?: () => number;
}

export function createHostCollector(options: HostCollectorOptions): Collector {
  const source = options.source ?? linuxHostSource;
  const now = options.now ?? Date.now;
  let previous: HostReading | null = null;
  return {
    name: 'host',
    intervalMs: options.intervalMs,
    async collect() {
      const current = await readHost(source, options.procRoot ?? '/proc', options.mounts, now());
      const samples = hostSamples(previous, current);
      previous = current;
      return { samples, events: [] };
    },
  };
}
