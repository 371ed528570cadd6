// The last 24 hours of an SLO's per-minute good/total, kept beside its tracker for the list's
// sparkline (one value per hour), so the list never reads the store.
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { SliPoint } from './sliSource.ts';

const SLOTS = 24 * 60;

export class RecentMinutes {
  private readonly minute = new Float64Array(SLOTS).fill(-1);
  private readonly good = new Float64Array(SLOTS);
  private readonly total = new Float64Array(SLOTS);

  /** A minute seen again (a late correction) replaces what was there. */
  record(points: readonly SliPoint[]): void {
    for (const p of points) {
      const m = Math.floor(p.t / MINUTE_MS);
      const slot = m % SLOTS;
      this.minute[slot] = m;
      this.good[slot] = p.good;
      this.total[slot] = p.total;
    }
  }

  /** good/total per hour for the 24 hours ending at `endMs` (null: no data that hour). */
  hourly(endMs: number): (number | null)[] {
    const last = Math.floor(endMs / MINUTE_MS) - 1;
    const out: (number | null)[] = [];
    for (let h = 23; h >= 0; h--) {
      let good = 0;
      let total = 0;
      for (let m = last - h * 60 - 59; m <= last - h * 60; m++) {
        const slot = ((m % SLOTS) + SLOTS) % SLOTS;
        if (this.minute[slot] !== m) continue;
        good += this.good[slot]!;
        total += this.total[slot]!;
      }
      out.push(total > 0 ? good / total : null);
    }
    return out;
  }
}
