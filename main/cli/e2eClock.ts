// Test hooks for `mirqab serve`, active only under MIRQAB_E2E=1 (the production CLI never builds this
// clock): MIRQAB_E2E_START=<ISO time> starts the console's clock there, and it moves on in real time;
// a line `advance <minutes>` on stdin moves it forward at once. The demo site's simulated agents run
// on the same clock, so an end-to-end spec sees an hour of SLO history in seconds instead of waiting.
import type { Clock } from '../core/clock.ts';
import { CliError } from './secrets.ts';

export interface E2eClock extends Clock {
  advance(ms: number): void;
}

export function e2eClock(startIso: string | undefined): E2eClock {
  let offsetMs = 0;
  if (startIso) {
    const start = Date.parse(startIso);
    if (Number.isNaN(start))
      throw new CliError(`MIRQAB_E2E_START must be an ISO time, not "${startIso}".`);
    offsetMs = start - Date.now();
  }
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms) {
      offsetMs += ms;
    },
  };
}

/** Reads a stdin line as an `advance <minutes>` hook; returns the minutes, or null for any other line. */
export function advanceMinutes(line: string): number | null {
  const match = /^advance (\d+(?:\.\d+)?)$/.exec(line.trim());
  return match ? Number(match[1]) : null;
}
