// Which sample names belong to a family of each type (the suffixes both formats define).
import type { MetricType } from './types.ts';

export const TYPE_SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: ['_total', '_created'],
  gauge: [],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['_count', '_sum', '_created'],
  info: ['_info'],
  stateset: [],
  untyped: [],
  unknown: [],
};

/** The suffix that ties a sample to its family, '' for the bare name, undefined when it is not one of the family's. */
export function suffixInFamily(
  familyName: string,
  type: MetricType,
  sampleName: string,
  allowBare: boolean,
): string | undefined {
  if (sampleName === familyName) return allowBare ? '' : undefined;
  if (!sampleName.startsWith(familyName)) return undefined;
  const suffix = sampleName.slice(familyName.length);
  return TYPE_SUFFIXES[type].includes(suffix) ? suffix : undefined;
}

/** OpenMetrics: which types may carry a sample named exactly like the family. */
export function bareNameAllowed(type: MetricType): boolean {
  return type !== 'counter' && type !== 'histogram' && type !== 'gaugehistogram' && type !== 'info';
}
