// How a target clock reads in the queue and the header: time left, at risk, breached, paused while
// On Hold, or met/missed once stopped. Counted on the client from dueAt, so it ticks between pushes.
import { AT_RISK_SHARE } from '../../../shared/domain/incidents/targets.ts';
import type { IncidentState } from '../../../shared/domain/incidents/index.ts';
import type { IncidentSummary } from '../../../shared/ipc/contract.ts';

export type ClockView = IncidentSummary['respond'];
export type ClockReading =
  | { kind: 'left' | 'at_risk' | 'paused' | 'breached'; ms: number }
  | { kind: 'met' | 'missed' | 'stopped' };

const MINUTE = 60_000;

export function readClock(clock: ClockView, state: IncidentState, nowMs: number): ClockReading {
  if (clock.status === 'met' || clock.status === 'missed') return { kind: clock.status };
  if (state === 'resolved' || state === 'closed' || state === 'canceled')
    return { kind: 'stopped' };
  if (clock.dueAt === null || state === 'on_hold') {
    const left = clock.targetMs - clock.elapsedMs;
    return left < 0 ? { kind: 'breached', ms: -left } : { kind: 'paused', ms: left };
  }
  const left = Date.parse(clock.dueAt) - nowMs;
  if (left < 0) return { kind: 'breached', ms: -left };
  const elapsed = clock.targetMs - left;
  return { kind: elapsed >= clock.targetMs * AT_RISK_SHARE ? 'at_risk' : 'left', ms: left };
}

export interface Span {
  key: 'lessThanMinute' | 'minutes' | 'hours' | 'days';
  d: number;
  h: number;
  m: number;
}

/** A span the way an operator says it: "12 min", "3 h 5 min", "2 d 4 h". */
export function toSpan(ms: number): Span {
  const minutes = Math.floor(ms / MINUTE);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (minutes < 1) return { key: 'lessThanMinute', d, h, m };
  if (minutes < 60) return { key: 'minutes', d, h, m };
  if (minutes < 1440) return { key: 'hours', d, h, m };
  return { key: 'days', d, h, m };
}
