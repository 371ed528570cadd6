// First guesses an operator can override: the category from what raised the alert, impact from the
// SLAs the service is under, urgency from how soon its error budget runs out.
import type { AlertSource, PipelineSeverity } from './alerts.ts';
import type { IncidentCategory } from './categories.ts';
import type { Level } from './priority.ts';

// Hardware words are looked at before the inference ones: "GPUXidError" is a GPU problem, not an error rate.
const HARDWARE = /gpu|xid|ecc|remap|thermal|nvlink|dcgm/i;
const INFRASTRUCTURE = /node|host|disk|memory|agent/i;
const PIPELINE = /pipeline|ingest|etl|feature|lag|freshness|kafka|batch/i;
const QUALITY = /accuracy|drift|quality|auc|f1|precision|recall|hallucinat/i;
const SECURITY = /security|auth|tls|cert|privacy|pii|intrusion|witness/i;
const INFERENCE = /latency|error|saturat|queue|throughput|availability|5xx|timeout|slo|burn/i;

export function categoryFor(
  source: AlertSource,
  rule: string,
  labels: Readonly<Record<string, string>>,
): IncidentCategory {
  const text = `${rule} ${labels.category ?? ''} ${labels.alertname ?? ''}`;
  if (SECURITY.test(text)) return 'security_privacy';
  if (QUALITY.test(text)) return 'model_accuracy';
  if (PIPELINE.test(text)) return 'data_pipeline';
  if (HARDWARE.test(text)) return 'gpu_infrastructure';
  if (source === 'slo' || INFERENCE.test(text)) return 'inference_anomaly';
  if (source === 'agent' || INFRASTRUCTURE.test(text)) return 'gpu_infrastructure';
  return 'other';
}

export interface SuggestionInput {
  severity: PipelineSeverity;
  /** The SLAs covering the affected services' SLOs (names). */
  slas: readonly string[];
  /** The soonest time to budget exhaustion among the affected SLOs (minutes), if any burn. */
  timeToExhaustionMinutes: number | null;
  /** How many hosts or services the incident touches. */
  breadth: number;
}

export interface Suggestion {
  impact: Level;
  urgency: Level;
  reasons: string[];
}

export function suggestPriority(input: SuggestionInput): Suggestion {
  const reasons: string[] = [];
  let impact: Level;
  if (input.slas.length > 0) {
    impact = input.severity === 'info' ? 'medium' : 'high';
    reasons.push(`Impact ${impact}: the service is under SLA ${input.slas.join(', ')}.`);
  } else if (input.breadth > 1 || input.severity === 'critical') {
    impact = 'medium';
    reasons.push(
      input.breadth > 1
        ? `Impact medium: ${input.breadth} services or hosts are affected, none under an SLA.`
        : 'Impact medium: a critical alert on a service with no SLA.',
    );
  } else {
    impact = 'low';
    reasons.push('Impact low: one service or host, no SLA.');
  }
  let urgency: Level;
  const tte = input.timeToExhaustionMinutes;
  if (tte !== null) {
    urgency = tte < 60 ? 'high' : tte < 24 * 60 ? 'medium' : 'low';
    reasons.push(
      `Urgency ${urgency}: the error budget runs out in ${Math.round(tte)} min at the current burn rate.`,
    );
  } else {
    urgency =
      input.severity === 'critical' ? 'high' : input.severity === 'warning' ? 'medium' : 'low';
    reasons.push(
      `Urgency ${urgency}: no error budget burning; from the alert's ${input.severity} severity.`,
    );
  }
  return { impact, urgency, reasons };
}
