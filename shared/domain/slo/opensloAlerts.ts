// OpenSLO alert policies → Mirqab's multi-window burn-rate rules. An AlertCondition of kind burnrate is
// one rule: lookbackWindow is the long window, alertAfter (how long the burn must last) the short one.
import { parseShorthand, shorthandMinutes } from './durations.ts';
import { ANNOTATION } from './opensloMirqab.ts';
import type { OpenSloRefs } from './opensloIndicator.ts';
import type { AlertWindow } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

/** The SRE Workbook's short window is a twelfth of the long one; used when alertAfter is 0 or absent. */
const SHORT_WINDOW_SHARE = 12;

/** The rules of every policy an SLO lists (inline, `alertPolicyRef`, or a bare name); undefined when none. */
export function readAlertPolicies(
  spec: FieldReader,
  refs: OpenSloRefs,
  windowMinutes: number | undefined,
): AlertWindow[] | undefined {
  const list = spec.at('alertPolicies');
  if (!list.exists) return undefined;
  const windows: AlertWindow[] = [];
  for (const item of list.items()) {
    const policy = resolve(item, 'alertPolicyRef', refs, 'AlertPolicy');
    if (!policy) continue;
    const policySpec = policy.at('spec');
    policySpec.warnUnknown([
      'description',
      'alertWhenBreaching',
      'alertWhenResolved',
      'alertWhenNoData',
      'conditions',
      'notificationTargets',
    ]);
    if (policySpec.at('alertWhenBreaching').boolean() === false) {
      policySpec
        .at('alertWhenBreaching')
        .warn('a policy that does not alert when breaching adds no burn-rate rule');
      continue;
    }
    if (policySpec.at('alertWhenResolved').boolean() === true)
      policySpec.at('alertWhenResolved').warn('Mirqab resolves burn-rate alerts itself; not kept');
    if (policySpec.at('alertWhenNoData').boolean() === true)
      policySpec
        .at('alertWhenNoData')
        .warn('no-data alerts are not kept; the low-traffic guard (minEvents) applies instead');
    if (policySpec.at('notificationTargets').items().length > 0) {
      policySpec
        .at('notificationTargets')
        .warn(
          'Mirqab routes alerts through its own escalation policies; notification targets are not kept',
        );
    }
    for (const entry of policySpec.at('conditions').items()) {
      const condition = resolve(entry, 'conditionRef', refs, 'AlertCondition');
      const window = condition ? readCondition(condition, windowMinutes) : undefined;
      if (window) windows.push(window);
    }
  }
  return windows;
}

/** An inline object, or the named object it refers to (rebound to report into this SLO's log). */
function resolve(
  item: FieldReader,
  refKey: string,
  refs: OpenSloRefs,
  kind: 'AlertPolicy' | 'AlertCondition',
): FieldReader | undefined {
  const refName = typeof item.value === 'string' ? item.string() : item.at(refKey).string();
  if (refName === undefined) {
    if (!item.isMap) return item.problem(`must be an inline ${kind} or ${refKey}`);
    return item;
  }
  const found = refs.find(kind, refName);
  if (!found)
    return (typeof item.value === 'string' ? item : item.at(refKey)).problem(
      `no ${kind} named "${refName}" in this file`,
    );
  return found.reportingTo(item);
}

function readCondition(
  condition: FieldReader,
  windowMinutes: number | undefined,
): AlertWindow | undefined {
  const spec = condition.at('spec');
  const annotations = condition.at('metadata', 'annotations').stringMap();
  const severity = spec.at('severity').string(true);
  if (severity !== undefined && severity !== 'page' && severity !== 'ticket') {
    spec
      .at('severity')
      .problem(
        `"${severity}" is not a Mirqab severity: use page (wakes someone) or ticket (next working day)`,
      );
  }
  const rule = spec.at('condition');
  const kind = rule.at('kind').string() ?? 'burnrate';
  if (kind !== 'burnrate')
    return rule.at('kind').problem(`"${kind}" conditions are not supported; only burnrate`);
  const op = rule.at('op').string();
  if (op !== undefined && op !== 'gt' && op !== 'gte')
    rule
      .at('op')
      .warn(`read as gt: a burn-rate rule fires when the burn rate rises above the threshold`);
  const threshold = rule.at('threshold').number(true);
  const longMinutes = windowAt(rule.at('lookbackWindow'), true);
  let shortMinutes = windowAt(rule.at('alertAfter'), false);
  if (longMinutes !== undefined && (shortMinutes === undefined || shortMinutes === 0)) {
    shortMinutes = Math.max(1, Math.round(longMinutes / SHORT_WINDOW_SHARE));
    rule
      .at('alertAfter')
      .warn(
        `no alertAfter: the short window is set to ${shortMinutes} minutes (a twelfth of the lookback window)`,
      );
  }
  if (
    severity === undefined ||
    (severity !== 'page' && severity !== 'ticket') ||
    threshold === undefined ||
    longMinutes === undefined ||
    shortMinutes === undefined
  )
    return undefined;
  if (threshold <= 0) return rule.at('threshold').problem('must be above 0');
  const annotatedFraction = annotations[ANNOTATION.budgetFraction];
  const budgetFraction =
    annotatedFraction !== undefined
      ? Number(annotatedFraction)
      : windowMinutes === undefined
        ? undefined
        : (threshold * longMinutes) / windowMinutes;
  if (budgetFraction === undefined) return undefined;
  if (!(budgetFraction > 0 && budgetFraction <= 1)) {
    return rule
      .at('threshold')
      .problem(
        `burn rate ${threshold} over ${longMinutes} minutes would spend more than the whole error budget before alerting`,
      );
  }
  const isDerived = annotations[ANNOTATION.threshold] === 'derived';
  return {
    severity,
    longMinutes,
    shortMinutes,
    budgetFraction,
    ...(isDerived ? {} : { threshold }),
  };
}

function windowAt(field: FieldReader, required: boolean): number | undefined {
  const text = field.string(required);
  if (text === undefined) return undefined;
  const shorthand = parseShorthand(text);
  const minutes = shorthand ? shorthandMinutes(shorthand) : undefined;
  if (minutes === undefined)
    return field.problem(
      `"${text}" is not a duration in minutes, hours, days or weeks (e.g. 5m, 1h, 3d)`,
    );
  return minutes;
}
