// The trailing-edge batch both the renderer's refetches and the backend's change notices use.
import { describe, expect, it } from 'vitest';
import { throttledBatch, type BatchTimer } from '../../../shared/util/throttledBatch.ts';

/** A hand-driven clock: advance() runs whatever came due. */
function manualTimer() {
  let now = 1_000_000;
  const due: { at: number; run: () => void }[] = [];
  const timer: BatchTimer = {
    now: () => now,
    schedule(run, ms) {
      const entry = { at: now + ms, run };
      due.push(entry);
      return () => {
        const i = due.indexOf(entry);
        if (i >= 0) due.splice(i, 1);
      };
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const entry of due.filter((e) => e.at <= now)) {
      due.splice(due.indexOf(entry), 1);
      entry.run();
    }
  };
  return { timer, advance, pending: () => due.length };
}

describe('throttledBatch', () => {
  it('hands on every host named in a burst of changes once, at most once per interval', () => {
    const clock = manualTimer();
    const runs: number[][] = [];
    const batch = throttledBatch(500, (ids) => runs.push(ids), clock.timer);

    batch.add([3, 1]);
    batch.add([1, 2]);
    clock.advance(0);
    expect(runs).toEqual([[3, 1, 2]]);

    batch.add([4]);
    clock.advance(100);
    batch.add([5]);
    expect(runs).toHaveLength(1);
    clock.advance(400);
    expect(runs).toEqual([
      [3, 1, 2],
      [4, 5],
    ]);
  });

  it('still runs for a change that names nothing, and never after it is cancelled', () => {
    const clock = manualTimer();
    const runs: string[][] = [];
    const batch = throttledBatch<string>(1000, (names) => runs.push(names), clock.timer);

    batch.add([]);
    clock.advance(0);
    expect(runs).toEqual([[]]);

    batch.add(['checkout-latency']);
    batch.cancel();
    expect(clock.pending()).toBe(0);
    clock.advance(5000);
    expect(runs).toEqual([[]]);
  });
});
