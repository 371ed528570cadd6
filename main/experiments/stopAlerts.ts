// Why an experiment stopped, in words, and the alert an automatic stop raises through the incident
// pipeline (one per experiment: its labels name the model service and the experiment).
import type { ExperimentAnalysis } from '../../shared/domain/experiments/analysis.ts';
import { labelsFingerprint, type IncomingAlert } from '../../shared/domain/incidents/alerts.ts';
import type { Experiment } from '../../shared/ipc/experimentSchemas.ts';

export function srmReason(analysis: ExperimentAnalysis): string {
  const { control, variant } = analysis.units;
  return `Sample ratio mismatch: ${control} control and ${variant} variant units do not match the planned split (p = ${analysis.srm!.pValue.toExponential(2)}).`;
}

function describeBreach(g: ExperimentAnalysis['guardrails'][number]): string {
  const seen = g.observed ?? 0;
  const limit = g.maxHarm;
  const text =
    g.metric === 'latency'
      ? `latency ${(seen * 100).toFixed(1)} % slower than control (limit ${(limit * 100).toFixed(1)} %)`
      : g.metric === 'drift'
        ? `drift score ${seen.toFixed(3)} (limit ${limit})`
        : `${g.metric} ${(seen * 100).toFixed(2)} points worse than control (limit ${(limit * 100).toFixed(2)})`;
  return g.slo ? `${text}, from SLO ${g.slo}` : text;
}

export function breachReason(breached: ExperimentAnalysis['guardrails']): string {
  return `Guardrail breached: ${breached.map(describeBreach).join('; ')}.`;
}

export function stopAlert(
  experiment: Experiment,
  kind: 'guardrail' | 'srm',
  reason: string,
  isRolledBack: boolean,
  now: Date,
): IncomingAlert {
  const labels = {
    alertname: kind === 'srm' ? 'ExperimentSampleRatioMismatch' : 'ExperimentGuardrailBreached',
    service: experiment.model,
    model: experiment.model,
    experiment: String(experiment.id),
  };
  const back = isRolledBack
    ? `All traffic is back on ${experiment.control}.`
    : `Traffic could not be moved back to ${experiment.control} on every host.`;
  return {
    source: 'model',
    fingerprint: labelsFingerprint(labels),
    status: 'firing',
    rule: labels.alertname,
    severity: isRolledBack ? 'warning' : 'critical',
    summary: `Experiment "${experiment.name}" on ${experiment.model} stopped: ${reason} ${back}`,
    labels,
    startsAtMs: now.getTime(),
    sourceRef: `experiment:${experiment.id}`,
  };
}
