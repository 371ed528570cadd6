// One entry point for an SLO's indicator data: canonical signals through SliReader, PromQL queries
// through the shared evaluator over the fleet's 1-minute roll-ups (any metric an agent sent, with
// its labels). Either way the result is per-minute good/total, what the SLO tracker counts.
import {
  evaluateScalarSeries,
  labelsMatch,
  parsePromQl,
  type LabelMatcher,
  type MinuteSeriesSource,
  type SourceSeries,
} from '../../shared/domain/slo/promql/index.ts';
import { missingPart, type Indicator, type SloSpec } from '../../shared/domain/slo/spec.ts';
import { DomainError } from '../core/errors.ts';
import type { ReadableDb } from '../store/types.ts';
import { minuteLasts } from '../telemetry/samples.ts';
import { seriesOfMetric, type SeriesRef } from '../telemetry/series.ts';
import { SliReader, type SliPoint } from './sliSource.ts';

/** The fleet's roll-ups as PromQL sees them: series by metric name and labels, one point per minute. */
class StoreSeriesSource implements MinuteSeriesSource {
  constructor(
    private readonly db: ReadableDb,
    private readonly keep: SeriesFilter,
  ) {}

  select(metric: string, matchers: LabelMatcher[], fromMs: number, toMs: number): SourceSeries[] {
    return seriesOfMetric(this.db, metric)
      .filter((s) => this.keep(s) && labelsMatch(s.labels, matchers))
      .map((s) => ({ labels: s.labels, points: minuteLasts(this.db, s.id, fromMs, toMs) }));
  }
}

/** Which series an SLI may count (a report leaves simulated hosts out); every series by default. */
export type SeriesFilter = (series: SeriesRef) => boolean;

/** The indicator cannot be read: an unsupported or failing query, named for the operator. */
const unreadable = (message: string) => new DomainError('BAD_REQUEST', message);

function query(
  text: string,
  source: MinuteSeriesSource,
  fromMs: number,
  toMs: number,
): Map<number, number> {
  const plan = parsePromQl(text);
  if (!plan.ok) throw unreadable(plan.error.message);
  const values = evaluateScalarSeries(plan.value, source, fromMs, toMs, { ratesAsIncreases: true });
  if (!values.ok) throw unreadable(values.error.message);
  return new Map(values.value.map((p) => [p.t, p.value]));
}

function compare(value: number, indicator: Extract<Indicator, { type: 'threshold' }>): boolean {
  return {
    lt: value < indicator.value,
    lte: value <= indicator.value,
    gt: value > indicator.value,
    gte: value >= indicator.value,
  }[indicator.op];
}

export class SliData {
  private readonly reader: SliReader;
  private readonly source: StoreSeriesSource;

  constructor(db: ReadableDb, keep: SeriesFilter = () => true) {
    this.reader = new SliReader(db, keep);
    this.source = new StoreSeriesSource(db, keep);
  }

  /**
   * Good/total per minute over [fromMs, toMs), sorted; minutes without data are absent. Canonical data
   * whose minutes retention already dropped comes from the 1-hour roll-ups.
   */
  read(spec: SloSpec, fromMs: number, toMs: number): SliPoint[] {
    const { indicator } = spec;
    const missing = missingPart(indicator);
    if (missing !== null) throw unreadable(missing);
    if (indicator.type === 'threshold') {
      const values = query(indicator.query!, this.source, fromMs, toMs);
      return [...values]
        .map(([t, v]) => ({ t, good: compare(v, indicator) ? 1 : 0, total: 1 }))
        .sort((a, b) => a.t - b.t);
    }
    if (
      (indicator.type === 'availability' || indicator.type === 'latency') &&
      indicator.source.kind === 'promql'
    ) {
      const { good, bad, total } = indicator.source;
      const totals = query(total, this.source, fromMs, toMs);
      const part = query((good ?? bad)!, this.source, fromMs, toMs);
      const points: SliPoint[] = [];
      for (const [t, n] of totals) {
        if (!(n > 0)) continue;
        const counted = Math.min(n, Math.max(0, part.get(t) ?? 0));
        points.push({ t, good: good !== undefined ? counted : n - counted, total: n });
      }
      return points.sort((a, b) => a.t - b.t);
    }
    return this.reader.read(spec, fromMs, toMs);
  }
}
