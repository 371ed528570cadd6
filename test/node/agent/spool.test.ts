// The on-disk spool: durable appends, cumulative acks, crash recovery, and a full spool that drops
// the oldest data and says so.
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../../agent/spool.ts';
import { memoryLogger } from '../../../agent/log.ts';
import { decodeFrame, type Sample } from '../../../shared/agent-protocol/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const samples = (n: number, base = 0): Sample[] =>
  Array.from({ length: n }, (_, i) => ({
    metric: 'gpu_utilization',
    labels: { gpu: String(i % 8), host: 'gpu-node-01' },
    value: base + i,
    tsMs: 1_700_000_000_000 + i,
  }));

const seqs = (spool: Spool) => {
  const out: number[] = [];
  for (let b = spool.next(0); b; b = spool.next(b.seq)) out.push(b.seq);
  return out;
};

describe('the telemetry spool', () => {
  it('keeps batches across a reopen until they are acked, with the same epoch', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: 4 * 1024 * 1024 });
    for (let i = 0; i < 5; i++) expect(spool.append(samples(10, i * 10), []).seq).toBe(i + 1);
    spool.ack(2);
    expect(seqs(spool)).toEqual([3, 4, 5]);
    const frame = decodeFrame(spool.telemetryFrame(spool.next(2)!));
    expect(frame.ok && frame.frame.type === 'telemetry' && frame.frame.samples[0]!.value).toBe(20);
    const epoch = spool.epoch;
    spool.close();

    const reopened = Spool.open({ dir, maxBytes: 4 * 1024 * 1024 });
    expect(reopened.epoch).toBe(epoch);
    expect(reopened.headSeq).toBe(5);
    // The ack was not compacted yet, so batches 1 and 2 come back: the console drops duplicates.
    expect(seqs(reopened)).toEqual([1, 2, 3, 4, 5]);
    expect(reopened.append(samples(1), []).seq).toBe(6);
    reopened.close();
  });

  it('compacts acked data and keeps counting seqs after everything is acked', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: 16 * 1024 * 1024 });
    // Compact records take 16 bytes a sample: 30 × 5,000 samples pass the 1 MiB compaction threshold.
    for (let i = 0; i < 30; i++) spool.append(samples(5000), []);
    const before = spool.sizeBytes;
    spool.ack(30);
    expect(spool.sizeBytes).toBeLessThan(before / 10);
    expect(spool.next(0)).toBeUndefined();
    spool.close();
    const reopened = Spool.open({ dir, maxBytes: 16 * 1024 * 1024 });
    expect(reopened.ackedSeq).toBe(30);
    expect(reopened.append(samples(1), []).seq).toBe(31);
    reopened.close();
  });

  it('drops a torn last record after a crash mid-write and carries on', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: 4 * 1024 * 1024 });
    for (let i = 0; i < 3; i++) spool.append(samples(20), []);
    spool.close();
    const file = join(dir, 'spool.dat');
    truncateSync(file, statSync(file).size - 37); // kill -9 halfway through the third record
    const logs = memoryLogger();
    const reopened = Spool.open({ dir, maxBytes: 4 * 1024 * 1024, logger: logs });
    expect(seqs(reopened)).toEqual([1, 2]);
    expect(logs.records.some((r) => r.message.includes('torn record'))).toBe(true);
    expect(reopened.append(samples(1), []).seq).toBe(3);
    reopened.close();
    expect(seqs(Spool.open({ dir, maxBytes: 4 * 1024 * 1024 }))).toEqual([1, 2, 3]);
  });

  it('detects a corrupted record by its checksum', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: 4 * 1024 * 1024 });
    for (let i = 0; i < 3; i++) spool.append(samples(5), []);
    spool.close();
    const file = join(dir, 'spool.dat');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(file, bytes); // one flipped byte inside the last record's payload
    const reopened = Spool.open({ dir, maxBytes: 4 * 1024 * 1024 });
    expect(seqs(reopened)).toEqual([1, 2]);
    reopened.close();
  });

  it('drops the oldest batches when full and reports the gap with its size in the next batch', () => {
    const dir = tempDir();
    const maxBytes = 1024 * 1024;
    const spool = Spool.open({ dir, maxBytes });
    let gap = null;
    let n = 0;
    while (!gap) gap = spool.append(samples(100, n++ * 100), []).gap;
    expect(gap.fromSeq).toBe(1);
    expect(gap.batches).toBe(gap.toSeq - gap.fromSeq + 1);
    expect(gap.samples).toBe(gap.batches * 100);
    expect(spool.sizeBytes).toBeLessThanOrEqual(maxBytes);
    const remaining = seqs(spool);
    expect(remaining[0]).toBe(gap.toSeq + 1);
    const last = spool.next(remaining.at(-2)!)!;
    const decoded = decodeFrame(spool.telemetryFrame(last));
    const events = decoded.ok && decoded.frame.type === 'telemetry' ? decoded.frame.events : [];
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'gap',
        details: {
          fromSeq: gap.fromSeq,
          toSeq: gap.toSeq,
          batches: gap.batches,
          samples: gap.samples,
        },
      }),
    ]);
    spool.close();
    // The gap survives a restart: it was written in the same atomic rewrite.
    expect(seqs(Spool.open({ dir, maxBytes }))).toEqual(remaining);
  });

  it('starts a new epoch when the spool is wiped', () => {
    const dir = tempDir();
    const first = Spool.open({ dir, maxBytes: 1024 * 1024 });
    first.append(samples(1), []);
    first.close();
    rmSync(join(dir, 'spool.dat'));
    const second = Spool.open({ dir, maxBytes: 1024 * 1024 });
    expect(second.epoch).not.toBe(first.epoch);
    expect(second.append(samples(1), []).seq).toBe(1);
    second.close();
  });

  it('spools 2,000 samples per second with room to spare (20 s of data, fsync on)', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: 64 * 1024 * 1024 });
    const batch = samples(2000);
    const started = performance.now();
    for (let i = 0; i < 20; i++) spool.append(batch, []);
    for (let b = spool.next(0); b; b = spool.next(b.seq)) spool.telemetryFrame(b);
    spool.ack(20);
    const elapsed = performance.now() - started;
    // 20 s of data must take a small fraction of 20 s; the bound is loose for slow CI disks.
    expect(elapsed).toBeLessThan(5000);
    spool.close();
  });
});
