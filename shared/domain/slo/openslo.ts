// OpenSLO v1 → SloSpec. An SLO with several objectives is split into one Mirqab SLO per objective, named
// `<name>-<objective displayName as a slug>` (or `<name>-<n>`), since each objective has its own budget.
import {
  asRollingDays,
  parseShorthand,
  percentToRatio,
  shorthandMinutes,
  slug,
} from './durations.ts';
import type { AcceptSpecs, SpecDraft } from './importTypes.ts';
import { IssueLog } from './importTypes.ts';
import { readAlertPolicies } from './opensloAlerts.ts';
import {
  OpenSloRefs,
  readIndicator,
  type IndicatorDraft,
  type ReferencedKind,
} from './opensloIndicator.ts';
import { ANNOTATION, THRESHOLD_SIGNALS, parseVersions } from './opensloMirqab.ts';
import { finishSpec, type SourceFields } from './specCheck.ts';
import {
  BudgetingMethodSchema,
  ComparisonSchema,
  windowDays,
  type Indicator,
  type SloSpecInput,
  type SloWindow,
} from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

export { exportOpenSlo, type ExportOptions } from './opensloExport.ts';

export const OPENSLO_V1 = 'openslo/v1';
const REFERENCED_KINDS: readonly string[] = [
  'SLI',
  'AlertPolicy',
  'AlertCondition',
  'DataSource',
] satisfies ReferencedKind[];
/** Accepted so whole OpenSLO repositories import, but they hold nothing an SLO needs. */
const IGNORED_KINDS = ['Service', 'AlertNotificationTarget'];
const QUARTER_MONTHS = ['01', '04', '07', '10'];

/** Imports every OpenSLO v1 object of a file; SLIs, policies and conditions are resolved by name. */
export function importOpenSlo(
  objects: FieldReader[],
  siteTimeZone: string,
  accept: AcceptSpecs,
): void {
  const refs = new OpenSloRefs();
  const slos: FieldReader[] = [];
  for (const object of objects) {
    const kind = object.at('kind').string() ?? '';
    if (kind === 'SLO') slos.push(object);
    else if (REFERENCED_KINDS.includes(kind)) {
      const name = object.at('metadata', 'name').string();
      if (name !== undefined) refs.add(kind as ReferencedKind, name, object);
    } else if (!IGNORED_KINDS.includes(kind)) {
      const log = new IssueLog();
      object
        .withLog(log)
        .at('kind')
        .problem(
          `"${kind}" is not an OpenSLO v1 kind (SLO, SLI, AlertPolicy, AlertCondition, Service, DataSource, AlertNotificationTarget)`,
        );
      accept([], log);
    }
  }
  for (const slo of slos) {
    const log = new IssueLog();
    accept(readSlo(slo.withLog(log), refs, siteTimeZone, log), log);
  }
  const notes = new IssueLog();
  for (const { kind, reader } of refs.unused()) {
    if (kind !== 'DataSource')
      reader
        .withLog(notes)
        .at('metadata', 'name')
        .warn(`no SLO in this file uses this ${kind}, so nothing of it was imported`);
  }
  accept([], notes);
}

function readSlo(
  doc: FieldReader,
  refs: OpenSloRefs,
  siteTimeZone: string,
  log: IssueLog,
): SpecDraft[] {
  doc.warnUnknown(['apiVersion', 'kind', 'metadata', 'spec']);
  const metadata = doc.at('metadata');
  const spec = doc.at('spec');
  metadata.warnUnknown(['name', 'displayName', 'labels', 'annotations']);
  spec.warnUnknown([
    'description',
    'service',
    'indicator',
    'indicatorRef',
    'timeWindow',
    'budgetingMethod',
    'objectives',
    'alertPolicies',
  ]);
  const name = metadata.at('name').string(true) ?? '';
  const displayName = metadata.at('displayName').string() ?? '';
  const annotations = metadata.at('annotations').stringMap();
  const serviceName = spec.at('service').string(true);
  const indicator = readIndicator(spec, refs);
  const window = readWindow(spec.at('timeWindow'), siteTimeZone);
  const methodText = spec.at('budgetingMethod').string(true);
  const method = BudgetingMethodSchema.safeParse(methodText);
  if (methodText !== undefined && !method.success)
    spec.at('budgetingMethod').problem('must be Occurrences, Timeslices or RatioTimeslices');
  let budgetingMethod = method.success ? method.data : 'Occurrences';
  if (indicator?.kind === 'threshold' && budgetingMethod === 'Occurrences') {
    // With one-minute samples, counting good data points is counting good one-minute slices.
    spec
      .at('budgetingMethod')
      .warn(
        "Occurrences over a threshold metric is imported as Timeslices of one minute (each minute's sample is one occurrence)",
      );
    budgetingMethod = 'Timeslices';
  }
  const windows = readAlertPolicies(spec, refs, window ? windowDays(window) * 1440 : undefined);
  const minEvents = annotations[ANNOTATION.minEvents];
  if (minEvents !== undefined && !/^\d+$/.test(minEvents))
    metadata.at('annotations', ANNOTATION.minEvents).problem('must be a whole number of events');
  const alerting = {
    ...(annotations[ANNOTATION.alertWindows] === 'none'
      ? { windows: [] }
      : windows === undefined
        ? {}
        : { windows }),
    ...(minEvents === undefined ? {} : { minEvents: Number(minEvents) }),
    isEnabled: annotations[ANNOTATION.alerting] !== 'disabled',
  };
  const objectives = spec.at('objectives').items();
  if (objectives.length === 0)
    spec.at('objectives').problem('is required: at least one objective with a target');
  if (objectives.length > 1 && indicator?.kind === 'threshold')
    spec.at('objectives').problem('a thresholdMetric SLO has exactly one objective (OpenSLO)');
  if (log.hasProblems || !indicator || !window || serviceName === undefined) return [];

  const annotatedVersions = annotations[ANNOTATION.modelVersions];
  const base = {
    displayName,
    description: spec.at('description').string() ?? '',
    service: {
      model: indicator.service.model ?? serviceName,
      versions:
        indicator.service.versions ??
        (annotatedVersions === undefined ? [] : parseVersions(annotatedVersions)),
      site: indicator.service.site ?? annotations[ANNOTATION.site] ?? '',
    },
    window,
    budgetingMethod,
    alerting,
    labels: metadata.at('labels').stringMap(),
  };
  const names = objectiveNames(name, objectives);
  if (objectives.length > 1)
    spec
      .at('objectives')
      .warn(
        `each objective has its own budget: imported as ${objectives.length} SLOs (${names.join(', ')})`,
      );
  const drafts: SpecDraft[] = [];
  objectives.forEach((objective, index) => {
    objective.warnUnknown([
      'displayName',
      'op',
      'value',
      'target',
      'targetPercent',
      'timeSliceTarget',
      'timeSliceWindow',
    ]);
    const objectiveName = objective.at('displayName').string();
    const built = objectiveIndicator(indicator, objective);
    const target = readTarget(objective);
    const timeSliceTarget = objective.at('timeSliceTarget').number();
    const timeSliceMinutes = readSliceMinutes(objective.at('timeSliceWindow'));
    if (!built || target === undefined) return;
    const input: SloSpecInput = {
      ...base,
      name: names[index] ?? name,
      displayName:
        objectives.length > 1
          ? [displayName, objectiveName].filter((part) => part).join(' — ')
          : displayName,
      indicator: built,
      objective: target,
      ...(timeSliceMinutes === undefined ? {} : { timeSliceMinutes }),
      ...(timeSliceTarget === undefined ? {} : { timeSliceTarget }),
    };
    const nameAt = objectives.length > 1 ? objective.at('displayName') : metadata.at('name');
    const fields: SourceFields = {
      name: nameAt,
      displayName: metadata.at('displayName'),
      description: spec.at('description'),
      service: spec.at('service'),
      indicator: spec.at(spec.at('indicator').exists ? 'indicator' : 'indicatorRef'),
      window: spec.at('timeWindow'),
      budgetingMethod: spec.at('budgetingMethod'),
      objective: objective.at(objective.at('target').exists ? 'target' : 'targetPercent'),
      timeSliceMinutes: objective.at('timeSliceWindow'),
      timeSliceTarget: objective.at('timeSliceTarget'),
      alerting: spec.at('alertPolicies'),
      'alerting.minEvents': metadata.at('annotations', ANNOTATION.minEvents),
      labels: metadata.at('labels'),
    };
    const finished = finishSpec(input, fields, objective);
    if (finished) drafts.push({ spec: finished, nameAt });
  });
  return drafts;
}

export function objectiveNames(name: string, objectives: FieldReader[]): string[] {
  if (objectives.length === 1) return [name];
  const used = new Set<string>();
  return objectives.map((objective, index) => {
    const part = slug(objective.at('displayName').string() ?? '');
    let candidate = `${name}-${part === '' ? index + 1 : part}`;
    if (used.has(candidate)) candidate = `${candidate}-${index + 1}`;
    used.add(candidate);
    return candidate;
  });
}

function readTarget(objective: FieldReader): number | undefined {
  const target = objective.at('target');
  const percent = objective.at('targetPercent');
  if (target.exists && percent.exists)
    return percent.problem('give target or targetPercent, not both');
  if (percent.exists) {
    const value = percent.number();
    return value === undefined ? undefined : percentToRatio(value);
  }
  return target.number() ?? objective.at('target').problem('is required (or targetPercent)');
}

function readSliceMinutes(field: FieldReader): number | undefined {
  if (!field.exists) return undefined;
  if (typeof field.value === 'number') return field.value;
  const text = field.string() ?? '';
  const shorthand = parseShorthand(text);
  const minutes = shorthand ? shorthandMinutes(shorthand) : undefined;
  return minutes ?? field.problem(`"${text}" is not a slice length such as 1m or 5m`);
}

function objectiveIndicator(draft: IndicatorDraft, objective: FieldReader): Indicator | undefined {
  if (draft.kind === 'ratio') {
    if (draft.type === 'availability') return { type: 'availability', source: draft.source };
    return { type: 'latency', thresholdSeconds: draft.latencySeconds ?? 0, source: draft.source };
  }
  const opText = objective.at('op').string(true);
  const value = objective.at('value').number(true);
  const op = ComparisonSchema.safeParse(opText);
  if (opText !== undefined && !op.success)
    return objective.at('op').problem('must be lt, lte, gt or gte');
  if (!op.success || value === undefined) return undefined;
  if (draft.query !== undefined)
    return { type: 'threshold', query: draft.query, op: op.data, value };
  if (draft.isQueryMissing) return { type: 'threshold', op: op.data, value };
  const signal = THRESHOLD_SIGNALS[draft.signal ?? ''];
  if (!signal)
    return draft.at
      .at('signal')
      .problem(`must be one of ${Object.keys(THRESHOLD_SIGNALS).join(', ')}`);
  if (signal.op !== op.data)
    return objective
      .at('op')
      .problem(
        `a ${draft.signal ?? ''} slice is good when compared with ${signal.op}: use op ${signal.op}`,
      );
  return signal.toIndicator(value);
}

function readWindow(list: FieldReader, siteTimeZone: string): SloWindow | undefined {
  const [item, extra] = list.items();
  if (!item)
    return list.problem('is required: one time window, e.g. duration: 28d with isRolling: true');
  if (extra) return extra.problem('only one time window per SLO is supported');
  item.warnUnknown(['duration', 'isRolling', 'calendar']);
  const text = item.at('duration').string(true);
  if (text === undefined) return undefined;
  const shorthand = parseShorthand(text);
  if (!shorthand)
    return item
      .at('duration')
      .problem(`"${text}" is not an OpenSLO duration such as 28d, 4w or 1M`);
  const calendar = item.at('calendar');
  const isRolling = item.at('isRolling').boolean() ?? !calendar.exists;
  if (isRolling) {
    const minutes = shorthandMinutes(shorthand);
    const days = minutes === undefined ? undefined : asRollingDays(minutes);
    if (days !== undefined) return { type: 'rolling', days };
    if (minutes === undefined)
      return item
        .at('duration')
        .problem(
          `a rolling ${text} has no fixed length; use 30d, or a calendar window (isRolling: false)`,
        );
    return item
      .at('duration')
      .problem(`a rolling window of ${text} is not supported; use 7d, 14d, 28d (4w) or 30d`);
  }
  let unit: 'month' | 'quarter' | undefined =
    shorthand.unit === 'M' && shorthand.value === 1
      ? 'month'
      : (shorthand.unit === 'Q' && shorthand.value === 1) ||
          (shorthand.unit === 'M' && shorthand.value === 3)
        ? 'quarter'
        : undefined;
  // A one-minute calendar window means nothing; specs (OpenSLO's own example among them) mean a month.
  if (!unit && shorthand.unit === 'm' && shorthand.value === 1) {
    item
      .at('duration')
      .warn(
        `a calendar window of 1m is read as one month (OpenSLO: m = minute, M = month; write 1M)`,
      );
    unit = 'month';
  }
  if (!unit) {
    const minuteNote =
      shorthand.unit === 'm'
        ? ` ${text} is ${shorthand.value} minute${shorthand.value === 1 ? '' : 's'} (OpenSLO: m = minute, M = month);`
        : '';
    return item
      .at('duration')
      .problem(
        `a calendar window of ${text} is not supported;${minuteNote} use 1M (month) or 1Q (quarter)`,
      );
  }
  const zone = calendar.at('timeZone').string();
  if (zone !== undefined && zone !== siteTimeZone)
    calendar
      .at('timeZone')
      .warn(
        `calendar windows start at midnight in the site's time zone (${siteTimeZone}); ${zone} is not kept`,
      );
  const start = calendar.at('startTime').string();
  const startMatch = start === undefined ? null : /^\d{4}-(\d{2})-01[ T]00:00(:00)?$/.exec(start);
  if (
    start !== undefined &&
    (!startMatch || (unit === 'quarter' && !QUARTER_MONTHS.includes(startMatch[1] ?? '')))
  ) {
    calendar
      .at('startTime')
      .warn(
        `calendar windows start at midnight on the first day of each ${unit}; ${start} is not kept`,
      );
  }
  return { type: 'calendar', unit };
}
