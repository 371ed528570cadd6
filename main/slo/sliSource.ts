// Reads an SLO's indicator from the fleet's roll-ups as per-minute good/total counts: event
// indicators from counter increases (requests, errors, latency buckets), slice indicators by judging
// each minute's value against the SLO's threshold. Data older than the 1-minute roll-ups' retention
// comes from the 1-hour roll-ups, one point per hour.
import type { Indicator, SloService, SloSpec } from '../../shared/domain/slo/spec.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { ReadableDb } from '../store/types.ts';
import {
  firstMinuteOf,
  hourSampleCount,
  lastBefore,
  minuteSampleCount,
  rollupBuckets,
  type RollupBucket,
} from '../telemetry/samples.ts';
import { seriesOfHost, seriesOfModel, type SeriesRef } from '../telemetry/series.ts';

/** One minute (or, where only 1-hour roll-ups are left, one hour) of an indicator. */
export interface SliPoint {
  t: number;
  good: number;
  total: number;
}

interface Bucket {
  t: number;
  last: number;
  mean: number;
}

/** A request is good when at most `threshold` seconds; buckets whose `le` brackets it are interpolated. */
function goodUnder(threshold: number, byLe: Map<number, number>): number {
  const bounds = [...byLe.keys()].sort((a, b) => a - b);
  let lower = 0;
  let lowerCount = 0;
  for (const le of bounds) {
    const count = byLe.get(le) ?? 0;
    if (Math.abs(le - threshold) <= 1e-9 * Math.max(1, threshold)) return count;
    if (le > threshold) {
      if (!Number.isFinite(le)) return lowerCount; // above the last finite bound: only what we know is faster
      return lowerCount + ((count - lowerCount) * (threshold - lower)) / (le - lower);
    }
    lower = le;
    lowerCount = count;
  }
  return lowerCount;
}

function judge(value: number, indicator: Indicator): boolean {
  switch (indicator.type) {
    case 'throughput':
      return value >= indicator.floor;
    case 'quality':
      return indicator.signal === 'accuracy'
        ? value >= indicator.threshold
        : value <= indicator.threshold;
    case 'gpu_saturation':
      return value <= indicator.ceilingPercent;
    default:
      return true; // event indicators are counted, not judged; threshold ones are read through PromQL
  }
}

export class SliReader {
  constructor(
    private readonly db: ReadableDb,
    /** Which series count (a report leaves simulated hosts out); every series by default. */
    private readonly keep: (series: SeriesRef) => boolean = () => true,
  ) {}

  /** The series of one canonical signal for a model service (versions and site applied). */
  seriesOf(metric: string, service: SloService): SeriesRef[] {
    const found = seriesOfModel(this.db, metric, service.model, service.site).filter(this.keep);
    if (service.versions.length === 0) return found;
    const versions = new Set(service.versions);
    return found.filter((s) => versions.has(s.labels.version ?? ''));
  }

  /**
   * Where one series' 1-minute roll-ups take over from the 1-hour ones: the hour of its first kept
   * minute, unless retention already dropped earlier minutes of that hour (its 1-hour bucket counts
   * more samples than the minutes left), in which case the next hour, so no sample is counted twice.
   */
  private minutesFrom(seriesId: number, from: number, to: number): number {
    const first = firstMinuteOf(this.db, seriesId);
    if (first === null) return to;
    const hour = first - (first % HOUR_MS);
    // A read that starts after that hour (every cycle's few minutes) is all minutes either way.
    if (from >= hour + HOUR_MS) return hour;
    const hourly = hourSampleCount(this.db, seriesId, hour);
    const kept = minuteSampleCount(this.db, seriesId, hour, hour + HOUR_MS);
    return hourly !== null && hourly > kept ? hour + HOUR_MS : hour;
  }

  /** Buckets of one series in [from, to): per hour before its kept minutes, per minute after. */
  private buckets(
    seriesId: number,
    from: number,
    to: number,
  ): { buckets: Bucket[]; previousLast: number | null } {
    const out: Bucket[] = [];
    const toBucket = (r: RollupBucket) => ({
      t: r.t,
      last: r.last,
      mean: r.count > 0 ? r.sum / r.count : r.last,
    });
    const minutesFrom = this.minutesFrom(seriesId, from, to);
    const split = Math.max(from, Math.min(to, minutesFrom));
    if (from < split) {
      out.push(
        ...rollupBuckets(this.db, '1h', seriesId, from - (from % HOUR_MS), split).map(toBucket),
      );
      this.hourlyBefore = Math.max(this.hourlyBefore, split);
    }
    if (split < to) out.push(...rollupBuckets(this.db, '1m', seriesId, split, to).map(toBucket));
    const previousLast =
      from >= minutesFrom
        ? lastBefore(this.db, '1m', seriesId, from)
        : lastBefore(this.db, '1h', seriesId, from - (from % HOUR_MS));
    return { buckets: out, previousLast };
  }

  /** Per-bucket counter increases summed over the series (a drop is a counter restart from 0). */
  increases(series: readonly SeriesRef[], from: number, to: number): Map<number, number> {
    const sums = new Map<number, number>();
    for (const s of series) {
      const { buckets, previousLast } = this.buckets(s.id, from, to);
      let previous = previousLast;
      for (const b of buckets) {
        if (previous !== null) {
          const increase = b.last >= previous ? b.last - previous : b.last;
          sums.set(b.t, (sums.get(b.t) ?? 0) + increase);
        }
        previous = b.last;
      }
    }
    return sums;
  }

  /** Per-bucket mean of a gauge over the series (each series' own mean, then averaged). */
  means(series: readonly SeriesRef[], from: number, to: number): Map<number, number> {
    const acc = new Map<number, { sum: number; n: number }>();
    for (const s of series) {
      for (const b of this.buckets(s.id, from, to).buckets) {
        const a = acc.get(b.t) ?? { sum: 0, n: 0 };
        a.sum += b.mean;
        a.n += 1;
        acc.set(b.t, a);
      }
    }
    return new Map([...acc].map(([t, a]) => [t, a.sum / a.n]));
  }

  /** Buckets older than the first kept minute of any series read are hourly. */
  private hourlyBefore = Number.NEGATIVE_INFINITY;

  private isHourly(t: number): boolean {
    return t < this.hourlyBefore;
  }

  /** The GPUs' series of one signal on the hosts that serve the model. */
  private gpuSeries(metric: string, service: SloService): SeriesRef[] {
    const hosts = new Set(this.seriesOf('requests_total', service).map((s) => s.hostId));
    return [...hosts].flatMap((hostId) => seriesOfHost(this.db, hostId, metric));
  }

  /**
   * The indicator's good/total per bucket in [from, to), sorted by time; buckets without data are
   * absent. PromQL sources are read by the PromQL evaluator, not here.
   */
  read(spec: SloSpec, from: number, to: number): SliPoint[] {
    const { indicator, service } = spec;
    this.hourlyBefore = Number.NEGATIVE_INFINITY;
    const points: SliPoint[] = [];
    const slices = (values: Map<number, number>) => {
      for (const [t, value] of values) {
        const isGood = judge(value, indicator);
        // An hourly bucket (on the hour, before the kept minutes) stands for its 60 minutes.
        const weight = this.isHourly(t) ? 60 : 1;
        points.push({ t, good: isGood ? weight : 0, total: weight });
      }
    };
    switch (indicator.type) {
      case 'availability': {
        const total = this.increases(this.seriesOf('requests_total', service), from, to);
        const errors = this.increases(this.seriesOf('errors_total', service), from, to);
        for (const [t, n] of total)
          points.push({ t, good: Math.max(0, n - (errors.get(t) ?? 0)), total: n });
        break;
      }
      case 'latency': {
        const buckets = this.seriesOf('latency_seconds_bucket', service);
        const byLe = new Map<number, SeriesRef[]>();
        for (const s of buckets) {
          const le = s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le);
          if (Number.isNaN(le)) continue;
          byLe.set(le, [...(byLe.get(le) ?? []), s]);
        }
        const perLe = new Map([...byLe].map(([le, refs]) => [le, this.increases(refs, from, to)]));
        const inf =
          perLe.get(Number.POSITIVE_INFINITY) ??
          this.increases(this.seriesOf('latency_seconds_count', service), from, to);
        for (const [t, total] of inf) {
          const counts = new Map([...perLe].map(([le, m]) => [le, m.get(t) ?? 0]));
          points.push({
            t,
            good: Math.min(total, Math.max(0, goodUnder(indicator.thresholdSeconds, counts))),
            total,
          });
        }
        break;
      }
      case 'throughput': {
        const metric =
          indicator.signal === 'requests_per_second' ? 'requests_total' : 'tokens_generated_total';
        const perBucket = this.increases(this.seriesOf(metric, service), from, to);
        slices(new Map([...perBucket].map(([t, n]) => [t, n / (this.isHourly(t) ? 3600 : 60)])));
        break;
      }
      case 'quality': {
        const metric = {
          accuracy: 'model_accuracy_ratio',
          drift: 'prediction_drift_score',
          freshness: 'data_pipeline_lag_seconds',
        }[indicator.signal];
        slices(this.means(this.seriesOf(metric, service), from, to));
        break;
      }
      case 'gpu_saturation': {
        if (indicator.signal === 'utilization') {
          slices(this.means(this.gpuSeries('gpu_utilization_percent', service), from, to));
        } else {
          const used = this.means(this.gpuSeries('gpu_memory_used_bytes', service), from, to);
          const total = this.means(this.gpuSeries('gpu_memory_total_bytes', service), from, to);
          slices(
            new Map(
              [...used]
                .filter(([t]) => (total.get(t) ?? 0) > 0)
                .map(([t, u]) => [t, (100 * u) / (total.get(t) ?? 1)]),
            ),
          );
        }
        break;
      }
      case 'threshold':
        throw new Error('a threshold indicator is read through PromQL');
    }
    return points.sort((a, b) => a.t - b.t);
  }
}
