// The model-service signals the anomaly detector watches, which way each goes wrong, and the least
// change that matters to an operator (so a very quiet signal's tiny wobble is never "4 σ").
import { DEFAULT_ANOMALY_PARAMS, type AnomalyParams } from './anomaly.ts';

/** The error ratio is derived from the requests_total and errors_total counters between samples. */
export const ERROR_RATIO_SIGNAL = 'error_ratio';

export interface ModelQualitySignal {
  metric: string;
  /** The alert's name. */
  alertname: string;
  /** What the summary calls the signal. */
  noun: string;
  params: AnomalyParams;
}

const signal = (
  metric: string,
  alertname: string,
  noun: string,
  params: Pick<AnomalyParams, 'direction' | 'minAbsChange'> & Partial<AnomalyParams>,
): ModelQualitySignal => ({
  metric,
  alertname,
  noun,
  params: { ...DEFAULT_ANOMALY_PARAMS, ...params },
});

export const MODEL_QUALITY_SIGNALS: readonly ModelQualitySignal[] = [
  // Online accuracy wanders by a fraction of a point; two points down is a model problem.
  signal('model_accuracy_ratio', 'ModelAccuracyDrop', 'accuracy', {
    direction: 'down',
    minAbsChange: 0.02,
  }),
  // A stable model scores 0.02–0.05 on the population-stability scale; +0.05 is a real shift.
  signal('prediction_drift_score', 'PredictionDriftAnomaly', 'prediction drift score', {
    direction: 'up',
    minAbsChange: 0.05,
  }),
  // The feature pipeline normally runs tens of seconds behind; a minute more is a stall building.
  signal('data_pipeline_lag_seconds', 'DataPipelineLagAnomaly', 'data pipeline lag', {
    direction: 'up',
    minAbsChange: 60,
  }),
  // Latency differs by orders of magnitude between models: half again the baseline, and 50 ms at least.
  signal('latency_p99_seconds', 'LatencyAnomaly', 'p99 latency', {
    direction: 'up',
    minAbsChange: 0.05,
    minRelChange: 0.5,
  }),
  signal(ERROR_RATIO_SIGNAL, 'ErrorRateAnomaly', 'error ratio', {
    direction: 'up',
    minAbsChange: 0.02,
  }),
];

/** Below this many requests between two samples an error ratio is too noisy to judge. */
export const MIN_REQUESTS_FOR_ERROR_RATIO = 20;
