// Model-quality anomalies: each model service's accuracy, prediction drift, feature-pipeline lag, p99
// latency and error ratio (from its request and error counters) fed, sample by sample, to its own
// EWMA detector (shared/domain/alertRules/anomaly.ts says why EWMA). One alert per signal, model and host.
import {
  ERROR_RATIO_SIGNAL,
  MIN_REQUESTS_FOR_ERROR_RATIO,
  MODEL_QUALITY_SIGNALS,
  newAnomalyState,
  observeAnomaly,
  type AnomalyState,
  type ModelQualitySignal,
} from '../../../shared/domain/alertRules/index.ts';
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { increaseOf } from '../../../shared/domain/metrics/histogram.ts';
import type { LiveValue } from '../../fleet/liveValues.ts';
import { labelsKey } from '../../telemetry/labels.ts';
import {
  alertIdentity,
  firingAlert,
  type AlertIdentity,
  type Evaluation,
  type HostView,
  type SourceEvaluator,
} from './evaluation.ts';

const BY_METRIC = new Map(MODEL_QUALITY_SIGNALS.map((s) => [s.metric, s]));
const ERROR_RATIO = BY_METRIC.get(ERROR_RATIO_SIGNAL)!;

interface Detector {
  state: AnomalyState;
  signal: ModelQualitySignal;
  identity: AlertIdentity;
  hostName: string;
  model: string;
  /** The reading that fired it (or, while quiet, the latest): for the summary. */
  value: number;
}

interface Counters {
  requests: number;
  errors: number;
  tsMs: number;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
const show = (metric: string, value: number) =>
  metric === 'model_accuracy_ratio' || metric === ERROR_RATIO_SIGNAL
    ? percent(value)
    : metric.endsWith('_seconds')
      ? `${Number(value.toPrecision(3))} s`
      : String(Number(value.toPrecision(3)));

/**
 * A model's series are labelled with its version, but a new version carries on its predecessor's
 * detector on the same host: a bad deploy is judged against the version it replaced, instead of
 * teaching a fresh detector that its worse readings are normal.
 */
function withoutVersion(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels))
    if (name !== 'version' && name !== 'model_version') out[name] = value;
  return out;
}

export class ModelQualityAlerts implements SourceEvaluator {
  private readonly detectors = new Map<string, Detector>();
  private readonly counters = new Map<string, Counters>();

  evaluate(evaluation: Evaluation): IncomingAlert[] {
    for (const host of evaluation.hosts) this.feedHost(host);
    const out: IncomingAlert[] = [];
    for (const [key, d] of this.detectors) {
      // A series with no new reading for long is gone (a retired version): its detector goes too.
      if (evaluation.nowMs - d.state.lastTsMs >= evaluation.config.noDataResolveMs) {
        this.detectors.delete(key);
        continue;
      }
      const openSince = evaluation.activeSince(d.identity.fingerprint);
      // After a restart the detector relearns; until it can judge, an open alert stays open.
      const isWarming = d.state.n < d.signal.params.warmupSamples;
      if (!d.state.isFiring && !(isWarming && openSince !== undefined)) continue;
      const baseline = show(d.signal.metric, d.state.mean);
      const summary = `${d.model} on ${d.hostName}: ${d.signal.noun} ${show(d.signal.metric, d.value)}, usually ${baseline}`;
      out.push(
        firingAlert('model', d.identity, 'warning', summary, openSince ?? d.state.runStartMs),
      );
    }
    return out;
  }

  private feedHost(host: HostView): void {
    const requests = new Map<string, LiveValue>();
    const errors = new Map<string, LiveValue>();
    for (const v of host.values) {
      if (v.labels.model === undefined && v.labels.model_name === undefined) continue;
      if (v.metric === 'requests_total') requests.set(labelsKey(v.labels), v);
      else if (v.metric === 'errors_total') errors.set(labelsKey(v.labels), v);
      else {
        const signal = BY_METRIC.get(v.metric);
        if (signal) this.feed(host, signal, v.labels, v.value, v.tsMs);
      }
    }
    for (const [key, r] of requests) {
      const e = errors.get(key);
      if (e && e.tsMs === r.tsMs) this.feedErrorRatio(host, r, e);
    }
  }

  private feedErrorRatio(host: HostView, requests: LiveValue, errors: LiveValue): void {
    const key = `${host.id}\u0001${labelsKey(requests.labels)}`;
    const before = this.counters.get(key);
    if (before && before.tsMs >= requests.tsMs) return;
    this.counters.set(key, { requests: requests.value, errors: errors.value, tsMs: requests.tsMs });
    if (!before) return;
    const served = increaseOf(requests.value, before.requests);
    const failed = increaseOf(errors.value, before.errors);
    // Too few requests make a ratio that is mostly noise; the counters carry on to the next reading.
    if (served === null || failed === null || served < MIN_REQUESTS_FOR_ERROR_RATIO) return;
    this.feed(host, ERROR_RATIO, requests.labels, Math.min(1, failed / served), requests.tsMs);
  }

  private feed(
    host: HostView,
    signal: ModelQualitySignal,
    labels: Readonly<Record<string, string>>,
    value: number,
    tsMs: number,
  ): void {
    const model = labels.model ?? labels.model_name ?? '';
    const identity = alertIdentity(signal.alertname, {
      ...withoutVersion(labels),
      cluster: host.cluster,
      host: host.name,
      service: labels.service ?? model,
    });
    let d = this.detectors.get(identity.fingerprint);
    if (!d) {
      d = {
        state: newAnomalyState(),
        signal,
        identity,
        hostName: host.name,
        model,
        value,
      };
      this.detectors.set(identity.fingerprint, d);
    }
    if (tsMs <= d.state.lastTsMs) return;
    const verdict = observeAnomaly(d.state, value, tsMs, signal.params);
    d.state = verdict.state;
    // The summary names the reading that fired the alert, not whatever came last.
    if (verdict.change === 'fired' || !d.state.isFiring) d.value = value;
  }
}
