// The 1-hour roll-ups, computed from the 1-minute ones in short transactions, one hour each, so
// ingest and the UI never wait long.
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { WritableDb } from '../store/types.ts';
import { firstMinuteHourFrom } from './minuteRollups.ts';
import { rollUpHour, rollupRedoFrom, setRollupRedoFrom } from './samples.ts';

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
    const hour = db.transaction(() => {
      const cursor = rollupRedoFrom(db);
      if (cursor === null) return null;
      // Hours with no 1-minute data are skipped: after a long outage that is most of them.
      const next = firstMinuteHourFrom(db, cursor - (cursor % HOUR_MS));
      const h = next !== null ? Math.min(next, currentHour) : currentHour;
      if (h > currentHour) return null;
      rollUpHour(db, h);
      setRollupRedoFrom(db, Math.min(h + HOUR_MS, currentHour));
      return h;
    })();
    if (hour === null) break;
    done++;
    if (hour >= currentHour) break;
    await yieldToLoop();
  }
  return done;
}
