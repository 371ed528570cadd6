// What every source evaluator shares: the fleet as one tick sees it, the timings, the alert's
// identity (fingerprint over its identifying labels) and a book of per-alert conditions.
import {
  firingCondition,
  inactiveCondition,
  stepCondition,
  type ConditionState,
  type ConditionTiming,
  type Observation,
} from '../../../shared/domain/alertRules/index.ts';
import {
  labelsFingerprint,
  type AlertSource,
  type IncomingAlert,
  type PipelineSeverity,
} from '../../../shared/domain/incidents/index.ts';
import { MINUTE_MS, SECOND_MS } from '../../../shared/domain/time.ts';
import type { HostState } from '../../../shared/domain/fleet/hostStates.ts';
import type { LiveGpu, LiveValue } from '../../fleet/liveValues.ts';
import type { ReadableDb } from '../../store/types.ts';

export interface AlertSourcesConfig {
  evaluateEveryMs: number;
  /** A reading older than this is no reading: the host or its collector has gone quiet. */
  staleMs: number;
  /** A firing alert whose series has had no fresh reading for this long resolves. */
  noDataResolveMs: number;
  /** Unreachable this long before HostDown fires (a redial usually succeeds within seconds). */
  hostDownAfterMs: number;
  /** A failing scrape or a GPU slowdown must last this long to fire. */
  sustainedAfterMs: number;
  /** One-off events (a telemetry gap, an Xid) stay firing until this long has passed without another. */
  quietMs: number;
  /** After a start, alerts open before it are held this long before a missing verdict resolves them. */
  startGraceMs: number;
}

export const DEFAULT_ALERT_SOURCES_CONFIG: AlertSourcesConfig = {
  evaluateEveryMs: 15 * SECOND_MS,
  staleMs: 5 * MINUTE_MS,
  noDataResolveMs: 15 * MINUTE_MS,
  hostDownAfterMs: MINUTE_MS,
  sustainedAfterMs: MINUTE_MS,
  quietMs: 10 * MINUTE_MS,
  startGraceMs: 2 * MINUTE_MS,
};

export interface HostView {
  id: number;
  name: string;
  cluster: string;
  state: HostState;
  stateReason: string | null;
  values: readonly LiveValue[];
  gpus: readonly LiveGpu[];
}

export interface Evaluation {
  db: ReadableDb;
  nowMs: number;
  config: AlertSourcesConfig;
  hosts: readonly HostView[];
  /** When an alert the pipeline holds as firing began, if it does. */
  activeSince(fingerprint: string): number | undefined;
}

export interface SourceEvaluator {
  /** The alerts whose condition holds now (status firing). */
  evaluate(evaluation: Evaluation): IncomingAlert[];
}

export interface AlertIdentity {
  fingerprint: string;
  labels: Record<string, string>;
}

/** The alert's identifying labels (alertname first) and their fingerprint; severity is not identity. */
export function alertIdentity(
  alertname: string,
  labels: Readonly<Record<string, string | undefined>>,
): AlertIdentity {
  const identity: Record<string, string> = { alertname };
  for (const [name, value] of Object.entries(labels))
    if (value !== undefined && value !== '') identity[name] = value;
  return { fingerprint: labelsFingerprint(identity), labels: identity };
}

export function firingAlert(
  source: AlertSource,
  identity: AlertIdentity,
  severity: PipelineSeverity,
  summary: string,
  startsAtMs: number,
): IncomingAlert {
  return {
    source,
    fingerprint: identity.fingerprint,
    status: 'firing',
    rule: identity.labels.alertname!,
    severity,
    summary,
    labels: { ...identity.labels, severity },
    startsAtMs,
  };
}

/** Each alert's condition across ticks; one not evaluated in a tick (its series is gone) is forgotten. */
export class ConditionBook {
  private readonly states = new Map<string, ConditionState>();
  private readonly seen = new Set<string>();

  step(
    fingerprint: string,
    observation: Observation,
    evaluation: Evaluation,
    timing: ConditionTiming,
  ): ConditionState {
    const { nowMs } = evaluation;
    this.seen.add(fingerprint);
    let state = this.states.get(fingerprint);
    if (!state) {
      const since = evaluation.activeSince(fingerprint);
      // An alert already open (before a restart, or a rule edit) carries on rather than firing anew.
      state = since !== undefined ? firingCondition(since, nowMs) : inactiveCondition(nowMs);
    }
    const next = stepCondition(state, observation, nowMs, timing).state;
    // Only conditions on their way to an alert are remembered: thousands of healthy GPUs cost nothing.
    if (next.phase === 'inactive') this.states.delete(fingerprint);
    else this.states.set(fingerprint, next);
    return next;
  }

  endTick(): void {
    for (const key of this.states.keys()) if (!this.seen.has(key)) this.states.delete(key);
    this.seen.clear();
  }
}

/** A reading is fresh while younger than staleMs. */
export const isFresh = (tsMs: number, evaluation: Evaluation) =>
  evaluation.nowMs - tsMs <= evaluation.config.staleMs;
