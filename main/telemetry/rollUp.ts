// The 1-hour roll-ups, computed from the 1-minute ones in short transactions, a slice of series
// each, so ingest and the UI never wait long (the current hour, recomputed every 30 s, holds a block
// for every series of the fleet).
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { WritableDb } from '../store/types.ts';
import { firstMinuteHourFrom } from './minuteRollups.ts';
import {
  lowerRollupRedoFrom,
  rollingHour,
  rollUpHour,
  rollupRedoFrom,
  setRollingHour,
  setRollupRedoFrom,
} from './samples.ts';
import { seriesIdsAfter } from './series.ts';

/** Series whose hour is rolled up per transaction. */
const SLICE_SERIES = 2000;

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings 1 h roll-ups up to date: every hour from the redo cursor (lowered by ingest when late data
 * arrives) to the current one. The cursor stays on the current hour, which is still filling.
 */
export async function rollUpHours(
  db: WritableDb,
  nowMs: number,
  maxHoursPerRun = 48,
): Promise<number> {
  const currentHour = nowMs - (nowMs % HOUR_MS);
  let done = 0;
  while (done < maxHoursPerRun) {
    // Read and advance in one transaction: ingest may have lowered the cursor while we yielded.
    // The cursor moves past the hour before its slices are written, and the hour is marked as
    // rolling: late data for it meanwhile sends the cursor back, and so does a stop part way.
    const hour = db.transaction(() => {
      const interrupted = rollingHour(db);
      if (interrupted !== null) lowerRollupRedoFrom(db, interrupted);
      const cursor = rollupRedoFrom(db);
      if (cursor === null) return null;
      // Hours with no 1-minute data are skipped: after a long outage that is most of them.
      const next = firstMinuteHourFrom(db, cursor - (cursor % HOUR_MS));
      const h = next !== null ? Math.min(next, currentHour) : currentHour;
      if (h > currentHour) return null;
      setRollupRedoFrom(db, Math.min(h + HOUR_MS, currentHour));
      setRollingHour(db, h);
      return h;
    })();
    if (hour === null) break;
    let after = 0;
    for (;;) {
      const slice = db.transaction(() => {
        const last = seriesIdsAfter(db, after, SLICE_SERIES).at(-1);
        if (last !== undefined) rollUpHour(db, hour, after, last);
        else setRollingHour(db, null);
        return last ?? null;
      })();
      if (slice === null) break;
      after = slice;
      await yieldToLoop();
    }
    done++;
    if (hour >= currentHour) break;
    await yieldToLoop();
  }
  return done;
}
