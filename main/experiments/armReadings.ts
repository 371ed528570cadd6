// Per-arm totals of a split, read from the hosts' newest readings: each host counts its arms since
// the split was applied (experiment_arm_* labelled {model, arm, arm_version}), and the experiment
// sums them over the hosts carrying it. The service's drift score is its highest across those hosts.
import { emptyArm, type ArmTotals } from '../../shared/domain/experiments/analysis.ts';
import type { LiveValue } from '../fleet/liveValues.ts';

const COUNTERS: Record<string, keyof Omit<ArmTotals, 'version' | 'pre'>> = {
  experiment_arm_requests_total: 'requests',
  experiment_arm_errors_total: 'errors',
  experiment_arm_latency_seconds_sum: 'latencySum',
  experiment_arm_latency_seconds_sumsq: 'latencySumSq',
  experiment_arm_labelled_total: 'labelled',
  experiment_arm_correct_total: 'correct',
};

export interface ArmReadings {
  control: ArmTotals;
  variant: ArmTotals;
  /** Hosts whose newest readings carry the split at the planned share. */
  splitHosts: number;
  driftScore: number | null;
}

export function readArms(
  hosts: readonly LiveValue[][],
  plan: { model: string; control: string; variant: string },
  /** Readings older than the split (a previous experiment's last counts) are left out. */
  sinceMs: number,
): ArmReadings {
  const out: ArmReadings = {
    control: emptyArm(plan.control),
    variant: emptyArm(plan.variant),
    splitHosts: 0,
    driftScore: null,
  };
  for (const values of hosts) {
    let hasSplit = false;
    for (const v of values) {
      if (v.labels.model !== plan.model || v.tsMs < sinceMs) continue;
      if (v.metric === 'prediction_drift_score')
        out.driftScore = Math.max(out.driftScore ?? 0, v.value);
      const field = COUNTERS[v.metric];
      const arm = v.labels.arm === 'control' || v.labels.arm === 'variant' ? v.labels.arm : null;
      if (!field || !arm || v.labels.arm_version !== plan[arm]) continue;
      out[arm][field] += v.value;
      hasSplit = true;
    }
    if (hasSplit) out.splitHosts += 1;
  }
  return out;
}
