// How Mirqab's own fields travel inside OpenSLO: a `Mirqab` metric source for the canonical signals, and
// `mirqab.io/…` annotations for what OpenSLO has no field for. Import and export both read this table.
import type { Comparison, Indicator } from './spec.ts';

export const MIRQAB_SOURCE_TYPE = 'Mirqab';

export const ANNOTATION = {
  /** On the indicator: availability or latency (a ratio SLI cannot say which). */
  indicatorType: 'mirqab.io/indicator-type',
  latencyThresholdSeconds: 'mirqab.io/latency-threshold-seconds',
  /** On the SLO, for PromQL-sourced SLOs (a Mirqab metric source carries these itself). */
  modelVersions: 'mirqab.io/model-versions',
  site: 'mirqab.io/site',
  minEvents: 'mirqab.io/min-events',
  /** "disabled" when the SLO's alerts are switched off. */
  alerting: 'mirqab.io/alerting',
  /** "none" for an SLO that names no burn-rate windows at all (not even the defaults). */
  alertWindows: 'mirqab.io/alert-windows',
  /** On an alert condition: the budget share, which OpenSLO's threshold alone cannot give back exactly. */
  budgetFraction: 'mirqab.io/budget-fraction',
  /** "derived" when the threshold was computed from the budget share rather than set. */
  threshold: 'mirqab.io/threshold',
} as const;

/** The canonical signals a ratio reads: good (or bad) requests over all requests. */
export const RATIO_SIGNALS = {
  good: 'good_requests',
  bad: 'bad_requests',
  total: 'requests',
} as const;

type ThresholdIndicator = Exclude<Indicator, { type: 'availability' | 'latency' | 'threshold' }>;

interface ThresholdSignal {
  /** The comparison that makes a slice good, fixed by what the signal means. */
  op: Comparison;
  toIndicator: (value: number) => ThresholdIndicator;
}

/** Canonical signals judged per slice against a value (OpenSLO thresholdMetric with a Mirqab source). */
export const THRESHOLD_SIGNALS: Record<string, ThresholdSignal> = {
  requests_per_second: {
    op: 'gte',
    toIndicator: (floor) => ({ type: 'throughput', signal: 'requests_per_second', floor }),
  },
  tokens_per_second: {
    op: 'gte',
    toIndicator: (floor) => ({ type: 'throughput', signal: 'tokens_per_second', floor }),
  },
  accuracy: {
    op: 'gte',
    toIndicator: (threshold) => ({ type: 'quality', signal: 'accuracy', threshold }),
  },
  drift: {
    op: 'lte',
    toIndicator: (threshold) => ({ type: 'quality', signal: 'drift', threshold }),
  },
  freshness: {
    op: 'lte',
    toIndicator: (threshold) => ({ type: 'quality', signal: 'freshness', threshold }),
  },
  gpu_utilization: {
    op: 'lte',
    toIndicator: (ceilingPercent) => ({
      type: 'gpu_saturation',
      signal: 'utilization',
      ceilingPercent,
    }),
  },
  gpu_memory: {
    op: 'lte',
    toIndicator: (ceilingPercent) => ({ type: 'gpu_saturation', signal: 'memory', ceilingPercent }),
  },
};

/** The signal, comparison and value a per-slice canonical indicator exports as. */
export function thresholdSignalOf(indicator: ThresholdIndicator): {
  signal: string;
  op: Comparison;
  value: number;
} {
  switch (indicator.type) {
    case 'throughput':
      return { signal: indicator.signal, op: 'gte', value: indicator.floor };
    case 'quality':
      return {
        signal: indicator.signal,
        op: THRESHOLD_SIGNALS[indicator.signal]?.op ?? 'gte',
        value: indicator.threshold,
      };
    case 'gpu_saturation':
      return { signal: `gpu_${indicator.signal}`, op: 'lte', value: indicator.ceilingPercent };
  }
}

export function isThresholdIndicator(indicator: Indicator): indicator is ThresholdIndicator {
  return (
    indicator.type === 'throughput' ||
    indicator.type === 'quality' ||
    indicator.type === 'gpu_saturation'
  );
}

/** Model versions as one text (OpenSLO tools flatten fields to text): `v1,v2`, or a JSON list when needed. */
export function formatVersions(versions: readonly string[]): string {
  const isPlain =
    !versions.some((version) => version.includes(',')) && !versions[0]?.startsWith('[');
  return isPlain ? versions.join(',') : JSON.stringify(versions);
}

export function parseVersions(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: read it as a comma-separated list like any other.
    }
  }
  return value
    .split(',')
    .map((version) => version.trim())
    .filter((version) => version !== '');
}
