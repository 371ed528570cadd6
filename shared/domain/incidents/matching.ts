// Silences match alerts the way Alertmanager's do (=, !=, =~, !~; regexes anchored), and alerts
// group into incidents by service, else cluster, else rule.
import type { IncomingAlert } from './alerts.ts';

export interface LabelMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

/** Anchored like Alertmanager's; an invalid pattern never matches (validation refuses it earlier). */
function anchored(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}

export function matcherError(m: LabelMatcher): string | null {
  if (m.isRegex && anchored(m.value) === null)
    return `"${m.value}" is not a valid regular expression`;
  return null;
}

export function matches(m: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[m.name] ?? '';
  const hit = m.isRegex ? (anchored(m.value)?.test(actual) ?? false) : actual === m.value;
  return m.isEqual ? hit : !hit;
}

/** A silence applies when every one of its matchers matches. */
export function allMatch(
  matchers: readonly LabelMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.length > 0 && matchers.every((m) => matches(m, labels));
}

/** The labels an alert is matched and grouped on (its own labels plus its rule and source). */
export function routingLabels(alert: IncomingAlert): Record<string, string> {
  return { ...alert.labels, alertname: alert.labels.alertname ?? alert.rule, source: alert.source };
}

/**
 * Alerts about the same service (model) join one incident; without a service, the same cluster;
 * without either, the same rule. A grouping label on the alert (`incident_group`) overrides all three.
 */
export function groupKeyFor(labels: Readonly<Record<string, string>>, rule: string): string {
  if (labels.incident_group) return `group:${labels.incident_group}`;
  if (labels.service) return `service:${labels.service}`;
  if (labels.model) return `service:${labels.model}`;
  if (labels.cluster) return `cluster:${labels.cluster}`;
  return `rule:${rule}`;
}
