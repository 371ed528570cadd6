// The spool keeps batches as columns with a series dictionary beside them: it survives a restart
// and a torn write, starts afresh with a new epoch, and still sends what an older agent spooled.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../agent/log.ts';
import { Spool } from '../../../agent/spool.ts';
import { ColumnsDecoder } from '../../../shared/agent-protocol/columns.ts';
import { decodeFrame, type Sample } from '../../../shared/agent-protocol/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const MAX = 4 * 1024 * 1024;
const gpu = (n: number, value = 1): Sample[] =>
  Array.from({ length: n }, (_, i) => ({
    metric: 'gpu_utilization_percent',
    labels: { gpu: String(i), host: 'gpu-node-01' },
    value: value + i,
    tsMs: 1_700_000_000_000 + i,
  }));

/** What a console taking compact frames receives for every batch, in one session. */
function compactSession(spool: Spool): Sample[][] {
  const decoder = new ColumnsDecoder();
  const named = new Set<number>();
  const out: Sample[][] = [];
  for (let b = spool.next(0); b; b = spool.next(b.seq)) {
    const frame = spool.columnsFrame(b, named);
    const decoded = frame ? decoder.decode(frame) : decodeFrame(spool.telemetryFrame(b));
    if (!decoded.ok || decoded.frame.type !== 'telemetry') throw new Error('undecodable batch');
    out.push(decoded.frame.samples);
  }
  return out;
}

/** A spool file as an older agent wrote it: magic MQSPOOL1 and JSON records. */
function writeOldSpool(dir: string, epoch: string, batches: Sample[][]): void {
  const json = Buffer.from(JSON.stringify({ epoch, ackedSeq: 0 }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const records = batches.map((samples, i) => {
    const payload = Buffer.from(JSON.stringify({ samples, events: [] }));
    const record = Buffer.alloc(20 + payload.length);
    record.writeUInt32LE(payload.length, 0);
    record.writeDoubleLE(i + 1, 8);
    record.writeUInt32LE(samples.length, 16);
    payload.copy(record, 20);
    record.writeUInt32LE(crc32(payload, crc32(record.subarray(8, 20))), 4);
    return record;
  });
  writeFileSync(
    join(dir, 'spool.dat'),
    Buffer.concat([Buffer.from('MQSPOOL1'), length, json, ...records]),
  );
}

describe('the spool as columns', () => {
  it('reads its series names back after a restart, and cuts a name torn by a kill -9', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: MAX });
    spool.append(gpu(4), []);
    spool.append(gpu(6, 10), []);
    spool.close();
    // A kill -9 while naming a series for a batch that was never written.
    appendFileSync(join(dir, 'series.jsonl'), '["gpu_power_watts",{"gp');
    const logs = memoryLogger();
    const reopened = Spool.open({ dir, maxBytes: MAX, logger: logs });
    expect(compactSession(reopened)).toEqual([gpu(4), gpu(6, 10)]);
    expect(logs.records.some((r) => r.message.includes('torn series name'))).toBe(true);
    reopened.append(gpu(7, 20), []);
    expect(compactSession(reopened).at(-1)).toEqual(gpu(7, 20));
    // Six GPUs, then a seventh: each named once, in the order first used.
    const lines = readFileSync(join(dir, 'series.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 7);
    reopened.close();
    const again = Spool.open({ dir, maxBytes: MAX });
    expect(compactSession(again)).toEqual([gpu(4), gpu(6, 10), gpu(7, 20)]);
    again.close();
  });

  it('says which series a batch names that a damaged dictionary lost, rather than send it wrong', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: MAX });
    spool.append(gpu(2), []);
    spool.close();
    const path = join(dir, 'series.jsonl');
    const [header, , second] = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, `${header}\n{"not":"a name"}\n${second}\n`);
    const logs = memoryLogger();
    const reopened = Spool.open({ dir, maxBytes: MAX, logger: logs });
    expect(logs.records.map((r) => r.message)).toContain(
      'spool: a series name is unreadable; batches that use it cannot be sent',
    );
    const batch = reopened.next(0)!;
    expect(() => reopened.columnsFrame(batch, new Set())).toThrow(
      'spool record names series 1, which the spool never named',
    );
    expect(() => reopened.telemetryFrame(batch)).toThrow(/series 1, which the spool never named/);
    // Its id is never given to another series; the intact name after it still stands.
    reopened.append([{ ...gpu(1)[0]!, labels: { gpu: '9' } }, gpu(2)[1]!], []);
    const frame = reopened.columnsFrame(reopened.next(1)!, new Set());
    const decoded = new ColumnsDecoder().decode(frame!);
    expect(decoded.ok && decoded.frame.samples.map((s) => s.labels.gpu)).toEqual(['9', '1']);
    expect(readFileSync(path, 'utf8').trim().split('\n').at(-1)).toBe(
      '["gpu_utilization_percent",{"gpu":"9"}]',
    );
    reopened.close();
  });

  it('starts an empty dictionary with a new epoch', () => {
    const dir = tempDir();
    const spool = Spool.open({ dir, maxBytes: MAX });
    spool.append(gpu(8), []);
    spool.close();
    rmSync(join(dir, 'spool.dat'));
    const fresh = Spool.open({ dir, maxBytes: MAX });
    fresh.append(gpu(2, 5), []);
    const lines = readFileSync(join(dir, 'series.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ epoch: fresh.epoch });
    expect(lines).toHaveLength(1 + 2);
    expect(compactSession(fresh)).toEqual([gpu(2, 5)]);
    fresh.close();
  });

  it('sends the batches an older agent spooled, then spools new ones as columns', () => {
    const dir = tempDir();
    writeOldSpool(dir, 'ep_older', [gpu(3), gpu(3, 7)]);
    const spool = Spool.open({ dir, maxBytes: MAX });
    expect(spool.epoch).toBe('ep_older');
    expect(spool.append(gpu(3, 9), []).seq).toBe(3);
    const old = spool.next(0)!;
    expect(spool.columnsFrame(old, new Set())).toBeNull(); // a JSON record goes as a JSON frame
    expect(compactSession(spool)).toEqual([gpu(3), gpu(3, 7), gpu(3, 9)]);
    // The file now says it holds columns, so an older agent would not misread it.
    expect(readFileSync(join(dir, 'spool.dat')).subarray(0, 8).toString()).toBe('MQSPOOL2');
    spool.close();
  });
});
