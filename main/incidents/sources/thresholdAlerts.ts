// Operators' threshold rules, evaluated every tick against each matching series' latest reading
// (its own labels plus cluster and host): one alert per rule and series, with the rule's
// for-duration and clear level. A renamed, disabled or deleted rule's alerts stop being reported,
// so the sources resolve them.
import {
  observeThreshold,
  ruleWatches,
  type ThresholdRule,
} from '../../../shared/domain/alertRules/index.ts';
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { SECOND_MS } from '../../../shared/domain/time.ts';
import type { LiveValue } from '../../fleet/liveValues.ts';
import {
  alertIdentity,
  ConditionBook,
  firingAlert,
  isFresh,
  type Evaluation,
  type HostView,
  type SourceEvaluator,
} from './evaluation.ts';
import { listRules } from './ruleRepository.ts';

/** Labels a threshold alert carries besides the series' own: the model's service, for grouping. */
function seriesLabels(host: HostView, value: LiveValue): Record<string, string> {
  const labels: Record<string, string> = {
    ...value.labels,
    cluster: host.cluster,
    host: host.name,
  };
  const model = value.labels.model ?? value.labels.model_name;
  if (model !== undefined && labels.service === undefined) labels.service = model;
  return labels;
}

const format = (value: number) => String(Number(value.toPrecision(4)));

export class ThresholdAlerts implements SourceEvaluator {
  private readonly conditions = new ConditionBook();

  evaluate(evaluation: Evaluation): IncomingAlert[] {
    const rules = listRules(evaluation.db)
      .map((stored) => stored.rule)
      .filter((rule): rule is ThresholdRule => rule !== null && rule.isEnabled);
    const out: IncomingAlert[] = [];
    if (rules.length > 0) {
      const metrics = new Set(rules.map((r) => r.metric));
      for (const host of evaluation.hosts)
        for (const value of host.values)
          if (metrics.has(value.metric)) this.series(host, value, rules, evaluation, out);
    }
    this.conditions.endTick();
    return out;
  }

  private series(
    host: HostView,
    value: LiveValue,
    rules: readonly ThresholdRule[],
    evaluation: Evaluation,
    out: IncomingAlert[],
  ): void {
    const labels = seriesLabels(host, value);
    const reading = isFresh(value.tsMs, evaluation) ? value.value : null;
    for (const rule of rules) {
      if (rule.metric !== value.metric || !ruleWatches(rule, labels)) continue;
      const identity = alertIdentity(rule.name, labels);
      const state = this.conditions.step(
        identity.fingerprint,
        observeThreshold(rule, reading),
        evaluation,
        { forMs: rule.forSeconds * SECOND_MS, noDataResolveMs: evaluation.config.noDataResolveMs },
      );
      if (state.phase !== 'firing') continue;
      const where = [host.name, value.labels.gpu && `GPU ${value.labels.gpu}`, labels.service]
        .filter(Boolean)
        .join(' / ');
      const now = reading === null ? 'no recent reading' : `now ${format(reading)}`;
      const summary =
        rule.description ||
        `${rule.name}: ${rule.metric} ${rule.operator} ${format(rule.threshold)} on ${where} (${now})`;
      out.push(firingAlert('threshold', identity, rule.severity, summary, state.sinceMs));
    }
  }
}
