// OpenSLO indicators (inline or by indicatorRef) → what the SLO's indicator will be built from.
import { latencyBucketSeconds, splitRatioQuery, wrapCountersInIncrease } from './promql/index.ts';
import { ANNOTATION, MIRQAB_SOURCE_TYPE, parseVersions } from './opensloMirqab.ts';
import { checkQuery } from './specCheck.ts';
import type { SliSource } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

export type ReferencedKind = 'SLI' | 'AlertPolicy' | 'AlertCondition' | 'DataSource';

/** Named objects in the same file that an SLO may refer to; remembers which ones were used. */
export class OpenSloRefs {
  private readonly named = new Map<string, FieldReader>();
  private readonly used = new Set<string>();

  add(kind: ReferencedKind, name: string, reader: FieldReader): void {
    this.named.set(`${kind}/${name}`, reader);
  }

  find(kind: ReferencedKind, name: string): FieldReader | undefined {
    const key = `${kind}/${name}`;
    if (this.named.has(key)) this.used.add(key);
    return this.named.get(key);
  }

  /** Objects no SLO referred to (so nothing of theirs was imported). */
  unused(): { kind: string; reader: FieldReader }[] {
    return [...this.named.entries()]
      .filter(([key]) => !this.used.has(key))
      .map(([key, reader]) => ({ kind: key.split('/')[0] ?? '', reader }));
  }
}

/** Service fields a Mirqab metric source names (they win over the SLO's `service`). */
export interface SourceService {
  model?: string;
  versions?: string[];
  site?: string;
}

export type IndicatorDraft =
  | {
      kind: 'ratio';
      type: 'availability' | 'latency';
      latencySeconds?: number;
      source: SliSource;
      service: SourceService;
    }
  | {
      kind: 'threshold';
      query?: string;
      isQueryMissing?: boolean;
      signal?: string;
      service: SourceService;
      at: FieldReader;
    };

interface MetricSourceRead {
  mirqab?: SourceService & { signal?: string; thresholdSeconds?: number };
  query?: string;
  queryAt: FieldReader;
}

const PROMETHEUS_LIKE = [
  'prometheus',
  'thanos',
  'cortex',
  'mimir',
  'victoriametrics',
  'promql',
  'mirqab-promql',
];

/** The indicator of an SLO's spec; problems are reported at the fields that cause them. */
export function readIndicator(spec: FieldReader, refs: OpenSloRefs): IndicatorDraft | undefined {
  const inline = spec.at('indicator');
  const ref = spec.at('indicatorRef');
  if (inline.exists && ref.exists)
    return ref.problem('give either indicator or indicatorRef, not both');
  let indicator = inline;
  if (!inline.exists) {
    const name = ref.string();
    if (name === undefined)
      return spec
        .at('indicator')
        .problem('is required (or indicatorRef naming an SLI in the same file)');
    const found = refs.find('SLI', name);
    if (!found) return ref.problem(`no SLI named "${name}" in this file`);
    indicator = found.reportingTo(ref);
  }
  const annotations = indicator.at('metadata', 'annotations').stringMap();
  const body = indicator.at('spec');
  body.warnUnknown(['thresholdMetric', 'ratioMetric', 'description']);
  const ratio = body.at('ratioMetric');
  const threshold = body.at('thresholdMetric');
  if (ratio.exists === threshold.exists)
    return body.problem('give exactly one of ratioMetric or thresholdMetric');
  if (threshold.exists) {
    const read = readMetricSource(threshold, refs);
    if (!read) return undefined;
    if (read.mirqab)
      return {
        kind: 'threshold',
        signal: read.mirqab.signal,
        service: read.mirqab,
        at: read.queryAt,
      };
    if (read.query === undefined) {
      // Kept (a team's spec is not thrown away), but it cannot be evaluated until the query is written.
      read.queryAt.warn(
        'is missing: the SLO is imported without a query and shows as needing one until it is set in the editor',
      );
      return { kind: 'threshold', isQueryMissing: true, service: {}, at: read.queryAt };
    }
    return checkQuery(read.queryAt, read.query)
      ? { kind: 'threshold', query: read.query, service: {}, at: read.queryAt }
      : undefined;
  }
  return readRatio(ratio, annotations, refs);
}

function readRatio(
  ratio: FieldReader,
  annotations: Record<string, string>,
  refs: OpenSloRefs,
): IndicatorDraft | undefined {
  ratio.warnUnknown(['counter', 'good', 'bad', 'total', 'raw', 'rawType']);
  // OpenSLO: counter has no effect on a raw (precomputed) ratio.
  const isCounter = ratio.at('counter').boolean() === true && !ratio.at('raw').exists;
  const sides = readRatioSides(ratio, refs);
  if (!sides) return undefined;
  const reads = [sides.numerator, sides.total];
  const mirqabCount = reads.filter((read) => read.mirqab).length;
  if (mirqabCount === 1)
    return ratio.problem('good/bad and total must both come from Mirqab or both be PromQL queries');
  if (mirqabCount === 2) {
    const service = sides.numerator.mirqab ?? {};
    return ratioDraft(
      ratio,
      annotations,
      sides.numerator.mirqab?.thresholdSeconds,
      { kind: 'canonical' },
      service,
    );
  }
  const queries: string[] = [];
  let bucketSeconds: number | undefined;
  let hasFailed = false;
  // Every side is checked, so the problems of both queries are listed in one round.
  for (const read of reads) {
    if (read.query === undefined) {
      read.queryAt.problem('is required: the PromQL query');
      hasFailed = true;
      continue;
    }
    const query = isCounter
      ? wrapCountersInIncrease(read.query)
      : { ok: true as const, value: read.query };
    const plan = query.ok
      ? checkQuery(read.queryAt, query.value)
      : read.queryAt.problem(query.error.message);
    if (!plan || !query.ok) {
      hasFailed = true;
      continue;
    }
    if (read === sides.numerator) bucketSeconds = latencyBucketSeconds(plan);
    queries.push(query.value);
  }
  if (hasFailed) return undefined;
  const [numerator = '', total = ''] = queries;
  const source: SliSource = sides.isBad
    ? { kind: 'promql', bad: numerator, total }
    : { kind: 'promql', good: numerator, total };
  return ratioDraft(ratio, annotations, bucketSeconds, source, {});
}

/** Availability or latency: the annotation says so; else a threshold (an `le` bucket) makes it latency. */
function ratioDraft(
  ratio: FieldReader,
  annotations: Record<string, string>,
  foundSeconds: number | undefined,
  source: SliSource,
  service: SourceService,
): IndicatorDraft | undefined {
  const typeNote = annotations[ANNOTATION.indicatorType];
  const annotated = annotations[ANNOTATION.latencyThresholdSeconds];
  const seconds = annotated === undefined ? foundSeconds : Number(annotated);
  if (typeNote === 'availability' || (typeNote === undefined && seconds === undefined))
    return { kind: 'ratio', type: 'availability', source, service };
  if (typeNote !== undefined && typeNote !== 'latency')
    return ratio.problem(`annotation ${ANNOTATION.indicatorType} must be availability or latency`);
  if (seconds === undefined || !Number.isFinite(seconds))
    return ratio.problem(
      `a latency SLI needs its threshold: annotation ${ANNOTATION.latencyThresholdSeconds} or an le="…" bucket in the good query`,
    );
  return { kind: 'ratio', type: 'latency', latencySeconds: seconds, source, service };
}

function readRatioSides(
  ratio: FieldReader,
  refs: OpenSloRefs,
): { numerator: MetricSourceRead; total: MetricSourceRead; isBad: boolean } | undefined {
  const raw = ratio.at('raw');
  if (raw.exists) return readRaw(ratio, refs);
  const good = ratio.at('good');
  const bad = ratio.at('bad');
  if (good.exists === bad.exists)
    return ratio.problem('give exactly one of good or bad, with total');
  if (!ratio.at('total').exists) return ratio.at('total').problem('is required with good or bad');
  const numerator = readMetricSource(good.exists ? good : bad, refs);
  const total = readMetricSource(ratio.at('total'), refs);
  return numerator && total ? { numerator, total, isBad: bad.exists } : undefined;
}

/** A precomputed ratio only works when written as `numerator / denominator`: the windows sum each side. */
function readRaw(
  ratio: FieldReader,
  refs: OpenSloRefs,
): { numerator: MetricSourceRead; total: MetricSourceRead; isBad: boolean } | undefined {
  const rawType = ratio.at('rawType').string();
  if (rawType !== 'success' && rawType !== 'failure')
    return ratio.at('rawType').problem('must be success or failure with raw');
  const read = readMetricSource(ratio.at('raw'), refs);
  if (!read || read.query === undefined)
    return read?.queryAt.problem('is required: the PromQL query');
  const split = splitRatioQuery(read.query);
  if (!split) {
    return read.queryAt.problem(
      'a precomputed ratio cannot be summed over the burn-rate windows; write it as good (or bad) / total, or give good/bad and total',
    );
  }
  const side = (query: string): MetricSourceRead => ({ query, queryAt: read.queryAt });
  return {
    numerator: side(split.numerator),
    total: side(split.denominator),
    isBad: rawType === 'failure',
  };
}

function readMetricSource(holder: FieldReader, refs: OpenSloRefs): MetricSourceRead | undefined {
  const source = holder.at('metricSource');
  if (!source.isMap) return source.problem('is required: where the metric comes from');
  source.warnUnknown(['type', 'spec', 'metricSourceRef']);
  const refName = source.at('metricSourceRef').string();
  const dataSource = refName === undefined ? undefined : refs.find('DataSource', refName);
  const type = source.at('type').string() ?? dataSource?.at('spec', 'type').string() ?? '';
  const spec = source.at('spec');
  if (type === MIRQAB_SOURCE_TYPE) {
    const model = spec.at('model').string();
    const versions = spec.at('versions').exists
      ? parseVersions(spec.at('versions').value)
      : undefined;
    const site = spec.at('site').string();
    const thresholdSeconds = spec.at('thresholdSeconds').number();
    return {
      mirqab: { model, versions, site, signal: spec.at('signal').string(), thresholdSeconds },
      queryAt: spec,
    };
  }
  if (!PROMETHEUS_LIKE.includes(type.toLowerCase())) {
    source
      .at('type')
      .warn(
        `"${type || '(none)'}" is read as a Prometheus source: Mirqab runs the query as PromQL over the agents' samples`,
      );
  }
  return { query: spec.at('query').string(), queryAt: spec.at('query') };
}
