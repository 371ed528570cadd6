// Host metrics parsed from captured /proc text, and the reader's deltas across two readings.
import { describe, expect, it } from 'vitest';
import {
  createHostCollector,
  hostSamples,
  parseLoadAvg,
  parseMemInfo,
  parseNetDev,
  parseProcStat,
  type HostSource,
} from '../../../agent/collectors/host.ts';

const STAT_1 = `cpu  123601 526 19779 416549 1096 0 226 66 0 0
cpu0 56521 267 9531 214371 207 0 39 34 0 0
intr 1234 0 0
ctxt 5678
`;
const STAT_2 = `cpu  123901 526 19879 416949 1196 0 226 66 0 0
cpu0 56671 267 9581 214571 257 0 39 34 0 0
`;
const LOADAVG = '4.28 2.54 1.64 3/143 3110\n';
const MEMINFO = `MemTotal:       24684096 kB
MemFree:        21234020 kB
MemAvailable:   22742768 kB
Buffers:           45528 kB
Cached:          1537528 kB
HugePages_Total:       0
`;
const NETDEV_1 = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 17103511    2897    0    0    0     0          0         0 17103511    2897    0    0    0     0       0          0
  eth0: 925676834   28290    0    0    0     0          0         0  3087153   20429    0    0    0     0       0          0
`;
const NETDEV_2 = NETDEV_1.replace('925676834', '935676834').replace('3087153', '3587153');

describe('host collector', () => {
  it('parses /proc/stat, /proc/loadavg, /proc/meminfo and /proc/net/dev', () => {
    expect(parseProcStat(STAT_1)).toEqual({
      total: 123601 + 526 + 19779 + 416549 + 1096 + 0 + 226 + 66,
      idle: 416549 + 1096,
    });
    expect(parseLoadAvg(LOADAVG)).toEqual([4.28, 2.54, 1.64]);
    expect(parseMemInfo(MEMINFO)).toEqual({
      totalBytes: 24684096 * 1024,
      availableBytes: 22742768 * 1024,
    });
    expect(parseNetDev(NETDEV_1).get('eth0')).toEqual({ rxBytes: 925676834, txBytes: 3087153 });
    expect(parseProcStat('garbage')).toBeNull();
    expect(parseLoadAvg('')).toBeNull();
    expect(parseMemInfo('MemFree: 1 kB')).toBeNull();
  });

  it('falls back to free + buffers + cache on kernels without MemAvailable', () => {
    expect(
      parseMemInfo('MemTotal: 100 kB\nMemFree: 10 kB\nBuffers: 5 kB\nCached: 20 kB\n'),
    ).toEqual({ totalBytes: 102400, availableBytes: 35 * 1024 });
  });

  it('turns two readings 2 s apart into CPU %, rates and gauges', async () => {
    const files = new Map([
      ['stat', STAT_1],
      ['loadavg', LOADAVG],
      ['meminfo', MEMINFO],
      ['net/dev', NETDEV_1],
    ]);
    const source: HostSource = {
      readText: (path) => Promise.resolve(files.get(path.replace('/proc/', '')) ?? ''),
      diskUsage: (mount) =>
        mount === '/'
          ? Promise.resolve({ mount, totalBytes: 1000, usedBytes: 400 })
          : Promise.reject(new Error('ENOENT')),
    };
    let now = 1_700_000_000_000;
    const collector = createHostCollector({
      intervalMs: 2000,
      mounts: ['/', '/missing'],
      source,
      now: () => now,
    });
    const first = await collector.collect();
    expect(first.samples.find((s) => s.metric === 'host_cpu_utilization')).toBeUndefined();
    files.set('stat', STAT_2).set('net/dev', NETDEV_2);
    now += 2000;
    const { samples } = await collector.collect();
    const value = (metric: string, labels: Record<string, string> = {}) =>
      samples.find(
        (s) => s.metric === metric && JSON.stringify(s.labels) === JSON.stringify(labels),
      )?.value;
    // 900 jiffies passed: 300 user + 100 system busy, 400 idle + 100 iowait not.
    expect(value('host_cpu_utilization')).toBeCloseTo((100 * 400) / 900, 5);
    expect(value('host_load1')).toBe(4.28);
    expect(value('host_memory_used_bytes')).toBe((24684096 - 22742768) * 1024);
    expect(value('host_disk_used_bytes', { mount: '/' })).toBe(400);
    expect(value('host_disk_used_bytes', { mount: '/missing' })).toBeUndefined();
    expect(value('host_network_rx_bytes_per_second', { iface: 'eth0' })).toBe(5_000_000);
    expect(value('host_network_tx_bytes_per_second', { iface: 'eth0' })).toBe(250_000);
    expect(value('host_network_rx_bytes_per_second', { iface: 'lo' })).toBeUndefined();
    expect(samples.every((s) => s.tsMs === now)).toBe(true);
  });

  it('skips a rate when a counter went backwards (interface reset)', () => {
    const reading = (rx: number, tsMs: number) => ({
      tsMs,
      cpu: null,
      load: null,
      memory: null,
      net: new Map([['eth0', { rxBytes: rx, txBytes: 0 }]]),
      disks: [],
    });
    expect(hostSamples(reading(1000, 0), reading(10, 1000))).toEqual([]);
  });

  it("reads this machine's /proc", async () => {
    const collector = createHostCollector({ intervalMs: 1000, mounts: ['/'] });
    await collector.collect();
    const { samples } = await collector.collect();
    expect(samples.map((s) => s.metric)).toEqual(
      expect.arrayContaining(['host_load1', 'host_memory_total_bytes', 'host_disk_used_bytes']),
    );
  });
});
