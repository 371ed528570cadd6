// Family-level OpenMetrics rules: how samples group into metric points, and what makes a histogram
// consistent (ordered buckets, a +Inf bucket, _count equal to it, _sum/_gsum only where meaningful).
import type { MetricType, ParseIssue, Sample } from './types.ts';

export interface SampleAt {
  sample: Sample;
  line: number;
}

/** The labels that identify a metric point: everything but le/quantile/the stateset's own label. */
export function groupKey(familyName: string, type: MetricType, sample: Sample): string {
  if (type === 'info') return '{}';
  const dropped =
    type === 'summary' && sample.name === familyName
      ? 'quantile'
      : type === 'stateset'
        ? familyName
        : (type === 'histogram' || type === 'gaugehistogram') &&
            sample.name === `${familyName}_bucket`
          ? 'le'
          : undefined;
  const entries = Object.entries(sample.labels)
    .filter(([k]) => k !== dropped)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

interface Point {
  line: number;
  bound?: number;
  value: number;
  count?: number;
  hasSum: boolean;
  hasGsum: boolean;
  hasNegativeBucket: boolean;
  negativeSum: boolean;
}

function pointIssues(name: string, p: Point): string[] {
  const out: string[] = [];
  if (p.bound !== Infinity)
    out.push(`histogram ${name} has no le="+Inf" bucket as its last bucket`);
  else if (p.count !== undefined && p.count !== p.value)
    out.push(`histogram ${name}: count ${p.count} differs from the +Inf bucket ${p.value}`);
  if (p.hasSum && p.count === undefined) out.push(`histogram ${name} has _sum without _count`);
  if (p.hasGsum && p.count === undefined)
    out.push(`gauge histogram ${name} has _gsum without _gcount`);
  if (!p.hasSum && !p.hasGsum && p.count !== undefined)
    out.push(`histogram ${name} has a count without a sum`);
  if (p.hasNegativeBucket && p.hasSum)
    out.push(`histogram ${name} has negative buckets, so it cannot have _sum`);
  if (!p.hasNegativeBucket && p.negativeSum)
    out.push(`histogram ${name} has a negative sum but no negative buckets`);
  return out;
}

export function checkHistogramFamily(name: string, samples: readonly SampleAt[]): ParseIssue[] {
  const issues: ParseIssue[] = [];
  let point: Point | undefined;
  let key: string | undefined;
  const close = () => {
    if (point)
      for (const message of pointIssues(name, point)) issues.push({ line: point.line, message });
  };
  for (const { sample, line } of samples) {
    const suffix = sample.name.slice(name.length);
    if (suffix === '_created') continue;
    const k = `${groupKey(name, 'histogram', sample)}@${sample.timestampMs ?? ''}`;
    if (k !== key || !point) {
      close();
      key = k;
      point = {
        line,
        value: 0,
        hasSum: false,
        hasGsum: false,
        hasNegativeBucket: false,
        negativeSum: false,
      };
    }
    point.line = line;
    if (suffix === '_bucket') {
      const le = sample.labels.le ?? '';
      const bound = le === '+Inf' ? Infinity : Number(le);
      if (bound < 0) point.hasNegativeBucket = true;
      if (point.bound !== undefined && bound <= point.bound)
        issues.push({ line, message: `buckets of ${name} are out of order at le="${le}"` });
      if (sample.value < point.value)
        issues.push({ line, message: `bucket counts of ${name} decrease at le="${le}"` });
      point.bound = bound;
      point.value = sample.value;
    } else if (suffix === '_count' || suffix === '_gcount') {
      point.count = sample.value;
    } else if (suffix === '_sum') {
      point.hasSum = true;
      if (sample.value < 0) point.negativeSum = true;
    } else if (suffix === '_gsum') {
      point.hasGsum = true;
      if (sample.value < 0) point.negativeSum = true;
    }
  }
  close();
  return issues;
}
