// Prediction logs are followed as `tail -F` follows them: appends, rotation by rename, truncation,
// CSV with its header, and the fixed histogram edges that later windows are binned by.
import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftLogSchema } from '../../../agent/drift/config.ts';
import { LogFollower } from '../../../agent/drift/follow.ts';
import { startDriftMonitor } from '../../../agent/drift/monitor.ts';
import { CategoryHasher, DriftWindowAccumulator } from '../../../agent/drift/window.ts';
import type { DriftWindow } from '../../../shared/agent-protocol/drift.ts';
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES } from '../../../shared/agent-protocol/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('following a prediction log', () => {
  it('reads appended lines, finishes a rotated file, then reads the new one from its start', () => {
    const path = join(tempDir('mirqab-follow-'), 'p.jsonl');
    writeFileSync(path, 'old-1\n');
    const follower = new LogFollower(path, 'end');
    appendFileSync(path, 'a\nb');
    expect(follower.poll().lines).toEqual(['a']);
    appendFileSync(path, '\n');
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, 'c\n'); // written by the server just before it reopened
    writeFileSync(path, 'd\n');
    expect(follower.poll().lines).toEqual(['b', 'c', 'd']);
    follower.close();
  });

  it('starts again from the top of a file truncated in place', () => {
    const path = join(tempDir('mirqab-follow-'), 'p.jsonl');
    writeFileSync(path, 'one\ntwo\n');
    const follower = new LogFollower(path, 'beginning');
    expect(follower.poll().lines).toEqual(['one', 'two']);
    truncateSync(path, 0);
    appendFileSync(path, 'x\n');
    expect(follower.poll().lines).toEqual(['x']);
    follower.close();
  });

  it('waits for a log that does not exist yet and reads it whole once it appears', () => {
    const path = join(tempDir('mirqab-follow-'), 'later.jsonl');
    const follower = new LogFollower(path, 'end');
    expect(follower.poll().lines).toEqual([]);
    writeFileSync(path, 'first\n');
    expect(follower.poll().lines).toEqual(['first']);
    follower.close();
  });
});

describe('drift windows from a CSV log', () => {
  it('reads rows against the header, counts bad lines, and bins later windows by the reference edges', () => {
    const dir = tempDir('mirqab-drift-csv-');
    const path = join(dir, 'p.csv');
    writeFileSync(path, 'id,amount,channel\n');
    const config = DriftLogSchema.parse({
      model: 'm',
      version: '1',
      path,
      startAt: 'beginning',
      referenceRows: 100,
      numeric: ['amount'],
      categorical: ['channel'],
    });
    let clock = 60_000;
    const windows: DriftWindow[] = [];
    const monitor = startDriftMonitor({
      logs: [config],
      stateDir: join(dir, 'state'),
      onWindow: (w) => windows.push(w),
      now: () => clock,
    });
    const lines = (from: number) =>
      Array.from({ length: 200 }, (_, i) => `${from + i},${(from + i) % 100},"web, mobile"`);
    appendFileSync(path, [...lines(0), 'not,enough'].join('\n') + '\n');
    monitor.tick();
    clock += 60_000;
    appendFileSync(path, lines(200).join('\n') + '\n');
    monitor.tick();
    clock += 60_000;
    monitor.tick();
    monitor.stop();
    expect(windows.map((w) => [w.rows, w.unreadable])).toEqual([
      [200, 1],
      [200, 0],
    ]);
    const [first, second] = windows.map((w) => w.features.find((f) => f.name === 'amount'));
    expect(first?.kind === 'numeric' && first.histogram).toBeNull();
    const histogram = second?.kind === 'numeric' ? second.histogram : null;
    expect(histogram?.edges.length).toBe(9);
    // Deciles of 0..99: about a tenth of the rows in each bin.
    for (const count of histogram?.counts ?? []) expect(count).toBeGreaterThan(10);
    expect(histogram?.counts.reduce((a, b) => a + b, 0)).toBe(200);
  });
});

describe('drift window size', () => {
  it('keeps a window of 200 wide-ranging numeric features inside one valid frame', () => {
    const names = Array.from({ length: 200 }, (_, i) => `f${i}`);
    const config = DriftLogSchema.parse({
      model: 'm',
      version: '1',
      path: '/unused',
      numeric: names,
    });
    const acc = new DriftWindowAccumulator(config, new CategoryHasher('k'), () => null);
    for (let r = 0; r < 2000; r++) {
      const row: Record<string, number> = {};
      // Values from 1e-6 to 1e6 and negative too: as many sketch bins as a feature can have.
      for (const n of names) row[n] = (r % 2 ? -1 : 1) * 10 ** (((r * 7919) % 1200) / 100 - 6);
      acc.add(row);
    }
    const window = acc.close(0, 60_000);
    const text = encodeFrame({
      type: 'telemetry',
      epoch: 'ep',
      seq: 1,
      samples: [],
      events: [],
      drift: [window],
    });
    expect(text.length).toBeLessThan(MAX_FRAME_BYTES);
    const decoded = decodeFrame(text);
    expect(decoded.ok).toBe(true);
  });
});
