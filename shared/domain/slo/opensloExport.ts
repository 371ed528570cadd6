// SloSpec[] → OpenSLO v1 YAML: one SLO document each, indicator and alert policies inline, so the file
// stands alone. What OpenSLO has no field for travels as `mirqab.io/…` annotations (opensloMirqab.ts);
// importing the result gives back the same specs.
import { stringify } from 'yaml';
import { formatMinutes } from './durations.ts';
import { DEFAULT_SITE_TIME_ZONE } from './importTypes.ts';
import {
  ANNOTATION,
  formatVersions,
  isThresholdIndicator,
  MIRQAB_SOURCE_TYPE,
  RATIO_SIGNALS,
  thresholdSignalOf,
} from './opensloMirqab.ts';
import {
  windowDays,
  type AlertWindow,
  type Indicator,
  type SloService,
  type SloSpec,
  type SloWindow,
} from './spec.ts';

export interface ExportOptions {
  /** Written as the calendar windows' time zone: the site's (Asia/Dubai unless told otherwise). */
  timeZone?: string;
}

type Yaml = Record<string, unknown>;

const PROMETHEUS_SOURCE = 'Prometheus';
const NAME_ROOM = 50;

export function exportOpenSlo(specs: readonly SloSpec[], options: ExportOptions = {}): string {
  const timeZone = options.timeZone ?? DEFAULT_SITE_TIME_ZONE;
  return specs
    .map((spec) => stringify(sloDocument(spec, timeZone), { lineWidth: 0 }))
    .join('---\n');
}

/** Whether the service's versions and site travel in a Mirqab metric source (else as annotations). */
function isCanonical(indicator: Indicator): boolean {
  return (
    isThresholdIndicator(indicator) ||
    ((indicator.type === 'availability' || indicator.type === 'latency') &&
      indicator.source.kind === 'canonical')
  );
}

function sloDocument(spec: SloSpec, timeZone: string): Yaml {
  const annotations: Record<string, string> = {};
  if (!isCanonical(spec.indicator)) {
    if (spec.service.versions.length > 0)
      annotations[ANNOTATION.modelVersions] = formatVersions(spec.service.versions);
    if (spec.service.site !== '') annotations[ANNOTATION.site] = spec.service.site;
  }
  if (spec.alerting.minEvents !== 100)
    annotations[ANNOTATION.minEvents] = String(spec.alerting.minEvents);
  if (!spec.alerting.isEnabled) annotations[ANNOTATION.alerting] = 'disabled';
  if (spec.alerting.windows?.length === 0) annotations[ANNOTATION.alertWindows] = 'none';
  const objective: Yaml = {
    target: spec.objective,
    ...thresholdOf(spec.indicator),
    timeSliceWindow: `${spec.timeSliceMinutes}m`,
  };
  if (spec.timeSliceTarget !== undefined) objective.timeSliceTarget = spec.timeSliceTarget;
  const windows = spec.alerting.windows ?? [];
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: spec.name,
      ...(spec.displayName === '' ? {} : { displayName: spec.displayName }),
      ...(Object.keys(spec.labels).length === 0 ? {} : { labels: spec.labels }),
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
    },
    spec: {
      ...(spec.description === '' ? {} : { description: spec.description }),
      service: spec.service.model,
      indicator: indicatorDocument(spec),
      timeWindow: [timeWindow(spec.window, timeZone)],
      budgetingMethod: spec.budgetingMethod,
      objectives: [objective],
      ...(windows.length === 0
        ? {}
        : { alertPolicies: windows.map((window, index) => alertPolicy(spec, window, index)) }),
    },
  };
}

function indicatorDocument(spec: SloSpec): Yaml {
  const { indicator } = spec;
  const metadata: Yaml = { name: `${spec.name.slice(0, NAME_ROOM)}-sli` };
  if (indicator.type === 'availability' || indicator.type === 'latency') {
    const annotations: Record<string, string> = { [ANNOTATION.indicatorType]: indicator.type };
    if (indicator.type === 'latency')
      annotations[ANNOTATION.latencyThresholdSeconds] = String(indicator.thresholdSeconds);
    const { source } = indicator;
    const ratioMetric: Yaml = {};
    if (source.kind === 'canonical') {
      ratioMetric.good = mirqabSource(spec.service, RATIO_SIGNALS.good);
      ratioMetric.total = mirqabSource(spec.service, RATIO_SIGNALS.total);
    } else {
      if (source.good !== undefined) ratioMetric.good = promQlSource(source.good);
      if (source.bad !== undefined) ratioMetric.bad = promQlSource(source.bad);
      ratioMetric.total = promQlSource(source.total);
    }
    return { metadata: { ...metadata, annotations }, spec: { ratioMetric } };
  }
  if (indicator.type === 'threshold') {
    // A spec imported without a query goes out as it came in: a source with no query.
    const source =
      indicator.query === undefined
        ? { metricSource: { type: PROMETHEUS_SOURCE, spec: {} } }
        : promQlSource(indicator.query);
    return { metadata, spec: { thresholdMetric: source } };
  }
  return {
    metadata,
    spec: { thresholdMetric: mirqabSource(spec.service, thresholdSignalOf(indicator).signal) },
  };
}

function thresholdOf(indicator: Indicator): Yaml {
  if (indicator.type === 'threshold') return { op: indicator.op, value: indicator.value };
  if (!isThresholdIndicator(indicator)) return {};
  const { op, value } = thresholdSignalOf(indicator);
  return { op, value };
}

function promQlSource(query: string): Yaml {
  return { metricSource: { type: PROMETHEUS_SOURCE, spec: { query } } };
}

function mirqabSource(service: SloService, signal: string): Yaml {
  const spec: Yaml = { model: service.model };
  if (service.versions.length > 0) spec.versions = formatVersions(service.versions);
  if (service.site !== '') spec.site = service.site;
  spec.signal = signal;
  return { metricSource: { type: MIRQAB_SOURCE_TYPE, spec } };
}

function timeWindow(window: SloWindow, timeZone: string): Yaml {
  if (window.type === 'rolling') return { duration: `${window.days}d`, isRolling: true };
  return {
    duration: window.unit === 'month' ? '1M' : '1Q',
    isRolling: false,
    calendar: { startTime: '2024-01-01 00:00:00', timeZone },
  };
}

/** One policy per rule: OpenSLO allows a single condition per alert policy. */
function alertPolicy(spec: SloSpec, window: AlertWindow, index: number): Yaml {
  const name = `${spec.name.slice(0, NAME_ROOM)}-${window.severity}-${index + 1}`;
  const annotations: Record<string, string> = {
    [ANNOTATION.budgetFraction]: String(window.budgetFraction),
  };
  if (window.threshold === undefined) annotations[ANNOTATION.threshold] = 'derived';
  // Burning this fast over the long window spends `budgetFraction` of the whole window's budget.
  const threshold =
    window.threshold ??
    (window.budgetFraction * windowDays(spec.window) * 1440) / window.longMinutes;
  return {
    kind: 'AlertPolicy',
    metadata: { name },
    spec: {
      alertWhenBreaching: true,
      alertWhenResolved: false,
      alertWhenNoData: false,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: { name, annotations },
          spec: {
            severity: window.severity,
            condition: {
              kind: 'burnrate',
              op: 'gt',
              threshold,
              lookbackWindow: formatMinutes(window.longMinutes),
              alertAfter: formatMinutes(window.shortMinutes),
            },
          },
        },
      ],
      notificationTargets: [],
    },
  };
}
