// Specs and synthetic per-minute histories for the SLO tests: steady traffic with outages placed
// exactly where the test needs them.
import {
  SloSpecSchema,
  type SloSpec,
  type SloSpecInput,
} from '../../../shared/domain/slo/index.ts';
import type { MinutePoint, MinuteSeries } from '../../../shared/domain/slo/index.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A 30-day, 99.9 % availability SLO on the Workbook's default alerts unless overridden. */
export function sloSpec(overrides: Partial<SloSpecInput> = {}): SloSpec {
  return SloSpecSchema.parse({
    name: 'checkout-availability',
    service: { model: 'checkout-ranker' },
    indicator: { type: 'availability', source: { kind: 'canonical' } },
    window: { type: 'rolling', days: 30 },
    objective: 0.999,
    ...overrides,
  });
}

export interface Outage {
  startMs: number;
  minutes: number;
  /** Share of requests failing during the outage (1 = total outage). */
  errorRate: number;
}

/** A history as columns the test can still edit. */
export interface EditableSeries extends MinuteSeries {
  good: Float64Array;
  total: Float64Array;
}

/** `minutes` minutes from `startMs`, `perMinute` requests each, failing as the outages say. */
export function steadyTraffic(
  startMs: number,
  minutes: number,
  perMinute: number,
  outages: readonly Outage[] = [],
): EditableSeries {
  const good = new Float64Array(minutes).fill(perMinute);
  const total = new Float64Array(minutes).fill(perMinute);
  for (const o of outages) {
    const from = Math.round((o.startMs - startMs) / MINUTE);
    for (let i = Math.max(0, from); i < Math.min(minutes, from + o.minutes); i += 1)
      good[i] = perMinute * (1 - o.errorRate);
  }
  return { startMs, good, total };
}

export function toPoints(series: MinuteSeries): MinutePoint[] {
  return Array.from({ length: series.total.length }, (_, i) => ({
    t: series.startMs + i * MINUTE,
    good: series.good[i] ?? 0,
    total: series.total[i] ?? 0,
  }));
}
