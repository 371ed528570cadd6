// The drill's own clock between two status reports: while running it moves speed× faster than this
// machine's clock, never past the drill's end; paused or preparing it stands still.
import { useEffect, useState } from 'react';
import type { LiveDrill } from '../../../shared/ipc/drillSchemas.ts';

export function drillTimeAt(live: LiveDrill, statusAtMs: number, nowMs: number): number {
  const reported = Date.parse(live.drillNow);
  if (live.state !== 'running') return reported;
  const moved = reported + Math.max(0, nowMs - statusAtMs) * live.speed;
  return Math.min(moved, Date.parse(live.drillEndsAt));
}

/** The drill minute at that drill time (0 at the start), for the progress bar. */
export function drillMinuteAt(live: LiveDrill, drillMs: number): number {
  const minute = (drillMs - Date.parse(live.drillStartedAt)) / 60_000;
  return Math.min(live.durationMinutes, Math.max(0, minute));
}

/** "14:05" in the site's zone, with Latin digits so it reads the same in both languages. */
export function formatDrillClock(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

/** Re-renders once a second while the drill runs, and returns the drill time now. */
export function useDrillTime(live: LiveDrill | null, statusAtMs: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  const running = live?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return live ? drillTimeAt(live, statusAtMs, now) : null;
}
