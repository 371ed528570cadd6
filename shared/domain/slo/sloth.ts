// Sloth (`version: prometheus/v1`, or its Kubernetes PrometheusServiceLevel) → SloSpec. Each SLO is named
// Sloth's way, `<service>-<slo name>`, and the Sloth `service` becomes the model service. Sloth's period
// is 30 days unless its CLI says otherwise, so the window is a rolling 30 days.
import { WORKBOOK_WINDOWS } from './alertWindows.ts';
import { isObjectivePercent, percentToRatio } from './durations.ts';
import { IssueLog, type AcceptSpecs } from './importTypes.ts';
import { latencyBucketSeconds, splitRatioQuery, type PromQlPlan } from './promql/index.ts';
import { checkQuery, finishSpec } from './specCheck.ts';
import type { AlertWindow, AlertingSchema, Indicator, SliSource, SloSpecInput } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';
import type { z } from 'zod';

export const SLOTH_PROMETHEUS_V1 = 'prometheus/v1';

/** Sloth's default windows (its google-30d.yaml) are the SRE Workbook's: one severity's pair when the other is disabled. */
const workbookPairs = (severity: 'page' | 'ticket'): AlertWindow[] =>
  WORKBOOK_WINDOWS.filter((w) => w.severity === severity);
const ROUTING_NOTE =
  'Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies';

/** `spec` is the document itself for prometheus/v1, or its `spec` for the Kubernetes resource. */
export function importSloth(spec: FieldReader, accept: AcceptSpecs): void {
  const fileLog = new IssueLog();
  const file = spec.withLog(fileLog);
  const service = file.at('service').string(true);
  const globalLabels = file.at('labels').stringMap();
  const slos = file.at('slos').items();
  if (slos.length === 0) file.at('slos').problem('is required: at least one SLO');
  accept([], fileLog);
  // Without a service the SLOs are still read, so their own problems are listed in the same round.
  const prefix = service ?? 'service';
  for (const item of slos) {
    const log = new IssueLog();
    const slo = item.withLog(log);
    const spec = readSlo(slo, prefix, globalLabels);
    const name = slo.at('name').string();
    const claims =
      name === undefined ? [] : [{ name: `${prefix}-${name}`, nameAt: slo.at('name') }];
    if (spec && service !== undefined) accept([{ spec, nameAt: slo.at('name') }], log);
    else accept([], log, claims);
  }
}

function readSlo(slo: FieldReader, service: string, globalLabels: Record<string, string>) {
  slo.warnUnknown(['name', 'objective', 'description', 'labels', 'sli', 'alerting']);
  const name = slo.at('name').string(true);
  let objective = slo.at('objective').number(true);
  if (objective !== undefined && !isObjectivePercent(objective))
    objective = slo
      .at('objective')
      .problem('must be a percentage above 0 and below 100, such as 99.9');
  const indicator = readSli(slo.at('sli'));
  const alerting = readAlerting(slo.at('alerting'));
  const input: SloSpecInput = {
    // Stand-ins for the parts already reported, so the schema still checks every other field.
    name: `${service}-${name ?? 'name'}`,
    description: slo.at('description').string() ?? '',
    service: { model: service },
    indicator: indicator ?? { type: 'availability', source: { kind: 'canonical' } },
    window: { type: 'rolling', days: 30 },
    budgetingMethod: 'Occurrences',
    objective: percentToRatio(objective ?? 99),
    alerting,
    labels: { ...globalLabels, ...slo.at('labels').stringMap() },
  };
  const fields = {
    name: slo.at('name'),
    description: slo.at('description'),
    service: slo,
    indicator: slo.at('sli'),
    objective: slo.at('objective'),
    labels: slo.at('labels'),
  };
  const spec = finishSpec(input, fields, slo);
  return name === undefined || objective === undefined || !indicator ? undefined : spec;
}

function readSli(sli: FieldReader): Indicator | undefined {
  sli.warnUnknown(['events', 'raw', 'plugin']);
  if (sli.at('plugin').exists)
    return sli
      .at('plugin')
      .problem(
        'Sloth SLI plugins are Go code Mirqab cannot run; write the SLI as events (error_query and total_query)',
      );
  let source: SliSource;
  let badPlan: PromQlPlan | undefined;
  if (sli.at('events').exists) {
    const bad = sli.at('events', 'error_query');
    const total = sli.at('events', 'total_query');
    source = { kind: 'promql', bad: bad.string(true) ?? '', total: total.string(true) ?? '' };
    badPlan = checkQuery(bad, source.bad);
    const totalPlan = checkQuery(total, source.total); // checked even when the first failed
    if (!badPlan || !totalPlan) return undefined;
  } else if (sli.at('raw').exists) {
    const raw = sli.at('raw', 'error_ratio_query');
    const query = raw.string(true);
    const ratioPlan = checkQuery(raw, query);
    if (query === undefined || ratioPlan?.kind !== 'binary')
      return ratioPlan ? rawProblem(raw) : undefined;
    const split = splitRatioQuery(query);
    if (!split) return rawProblem(raw);
    source = { kind: 'promql', bad: split.numerator, total: split.denominator };
    badPlan = ratioPlan.left;
  } else return sli.problem('give events (error_query and total_query) or raw (error_ratio_query)');
  const seconds = latencyBucketSeconds(badPlan);
  return seconds === undefined
    ? { type: 'availability', source }
    : { type: 'latency', thresholdSeconds: seconds, source };
}

function rawProblem(raw: FieldReader): undefined {
  return raw.problem(
    'a precomputed error ratio cannot be summed over the burn-rate windows; write it as errors / total, or use events',
  );
}

/** Sloth's page and ticket alerts map to Mirqab's page and ticket burn-rate windows. */
function readAlerting(alerting: FieldReader): z.input<typeof AlertingSchema> {
  alerting.warnUnknown(['name', 'labels', 'annotations', 'page_alert', 'ticket_alert']);
  for (const key of ['name', 'labels', 'annotations'])
    if (alerting.at(key).exists) alerting.at(key).warn(ROUTING_NOTE);
  const isDisabled = (severity: 'page_alert' | 'ticket_alert'): boolean => {
    const alert = alerting.at(severity);
    alert.warnUnknown(['disable', 'labels', 'annotations']);
    for (const key of ['labels', 'annotations'])
      if (alert.at(key).exists) alert.at(key).warn(ROUTING_NOTE);
    return alert.at('disable').boolean() === true;
  };
  const isPageOff = isDisabled('page_alert');
  const isTicketOff = isDisabled('ticket_alert');
  if (isPageOff && isTicketOff) return { isEnabled: false };
  if (isPageOff) return { windows: workbookPairs('ticket') };
  if (isTicketOff) return { windows: workbookPairs('page') };
  return {};
}
