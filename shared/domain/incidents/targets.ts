// Response and resolution targets per priority. The clocks run in wall time from when the incident
// opened and pause while it is On Hold (waiting on a vendor or a change window is not our delay).
import { z } from 'zod';
import { PRIORITIES, type Priority } from './priority.ts';

export const TargetSchema = z.object({
  respondMinutes: z.number().int().min(1).max(525_600),
  resolveMinutes: z.number().int().min(1).max(525_600),
});
export type Target = z.infer<typeof TargetSchema>;
export type Targets = Record<Priority, Target>;
export const TargetsSchema = z.object(
  Object.fromEntries(PRIORITIES.map((p) => [p, TargetSchema])) as Record<
    Priority,
    typeof TargetSchema
  >,
);

export const DEFAULT_TARGETS: Targets = {
  P1: { respondMinutes: 15, resolveMinutes: 240 },
  P2: { respondMinutes: 30, resolveMinutes: 480 },
  P3: { respondMinutes: 240, resolveMinutes: 1440 },
  P4: { respondMinutes: 480, resolveMinutes: 4320 },
  P5: { respondMinutes: 1440, resolveMinutes: 10080 },
};

/** A warning goes out once this share of a target has elapsed. */
export const AT_RISK_SHARE = 0.75;

export const CLOCK_STATUSES = ['running', 'at_risk', 'breached', 'met', 'missed'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface ClockInput {
  openedAtMs: number;
  /** Total time spent On Hold so far, not counting a hold in progress. */
  holdMs: number;
  /** Set while the incident is On Hold. */
  holdSinceMs: number | null;
}

/** Elapsed target time at `atMs`: wall time since opening less the time On Hold. */
export function elapsedMs(clock: ClockInput, atMs: number): number {
  const holding = clock.holdSinceMs === null ? 0 : Math.max(0, atMs - clock.holdSinceMs);
  return Math.max(0, atMs - clock.openedAtMs - clock.holdMs - holding);
}

export interface ClockView {
  status: ClockStatus;
  /** Target time used (ms); when stopped, the elapsed time at the stop. */
  elapsedMs: number;
  targetMs: number;
  /** When the target will be missed if the clock keeps running (null once stopped or paused). */
  dueAtMs: number | null;
}

/**
 * One target clock. `stoppedElapsedMs` is the elapsed time when the clock stopped (acknowledged for
 * response, resolved for resolution), or null while it runs.
 */
export function clockView(
  clock: ClockInput,
  targetMinutes: number,
  stoppedElapsedMs: number | null,
  nowMs: number,
): ClockView {
  const targetMs = targetMinutes * 60_000;
  if (stoppedElapsedMs !== null) {
    return {
      status: stoppedElapsedMs <= targetMs ? 'met' : 'missed',
      elapsedMs: stoppedElapsedMs,
      targetMs,
      dueAtMs: null,
    };
  }
  const elapsed = elapsedMs(clock, nowMs);
  const status: ClockStatus =
    elapsed > targetMs ? 'breached' : elapsed >= targetMs * AT_RISK_SHARE ? 'at_risk' : 'running';
  return {
    status,
    elapsedMs: elapsed,
    targetMs,
    dueAtMs: clock.holdSinceMs === null ? nowMs + (targetMs - elapsed) : null,
  };
}
