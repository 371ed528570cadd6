// Per-arm totals of a split, read from the hosts' newest readings: each host counts its arms since
// the split was applied (experiment_arm_* labelled {model, arm, arm_version}), and the experiment
// sums them over the hosts carrying it. The service's drift score is its highest across those hosts.
import { emptyArm, type ArmTotals } from '../../shared/domain/experiments/analysis.ts';
import type { LiveValue } from '../fleet/liveValues.ts';

type Counter = keyof Omit<ArmTotals, 'version' | 'pre'>;

const COUNTERS: Record<string, Counter> = {
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
    // A host counts only once its arms were all last read in one scrape: while one arm's counters
    // are newer than the other's (its batch committed, the next not yet), the two do not add up.
    const counted: { arm: 'control' | 'variant'; field: Counter; value: number }[] = [];
    const scrapes = new Set<number>();
    for (const v of values) {
      if (v.labels.model !== plan.model || v.tsMs < sinceMs) continue;
      if (v.metric === 'prediction_drift_score')
        out.driftScore = Math.max(out.driftScore ?? 0, v.value);
      const field = COUNTERS[v.metric];
      const arm = v.labels.arm === 'control' || v.labels.arm === 'variant' ? v.labels.arm : null;
      if (!field || !arm || v.labels.arm_version !== plan[arm]) continue;
      counted.push({ arm, field, value: v.value });
      scrapes.add(v.tsMs);
    }
    if (counted.length === 0 || scrapes.size > 1) continue;
    for (const { arm, field, value } of counted) out[arm][field] += value;
    out.splitHosts += 1;
  }
  return out;
}
