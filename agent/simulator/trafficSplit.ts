// set_traffic_split on a simulated host: a model service sends a share of its requests to a variant
// version beside the control it runs (the routing an A/B experiment needs), and counts each arm
// apart so the console can compare them. Each arm behaves as its version's traits say
// (modelVersions.ts): latency, failed requests and accuracy; a fault on the host hits both arms.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { emptyArm, type ArmCounters } from '../../shared/domain/experiments/analysis.ts';
import type { VersionTraits } from './modelVersions.ts';
import { binomial, type Random } from './prng.ts';
import type { ServiceState } from './serviceModel.ts';

export type ArmName = 'control' | 'variant';

export interface TrafficSplit {
  /** Share of requests, in percent, that go to the variant. */
  variantPercent: number;
  arms: Record<ArmName, ArmCounters>;
}

/** What one step of a service did, for the arms to split. */
export interface StepOutcome {
  completions: number;
  /** Mean latency (seconds) and log-normal σ of this step's completions, version effects included. */
  meanSeconds: number;
  sigma: number;
  errorRatio: number;
}

/** About one prediction in five gets its label back (delayed ground truth). */
const LABELLED_SHARE = 0.2;

function traitsOf(s: ServiceState, version: string): VersionTraits {
  const traits = s.catalogue.find((v) => v.version === version);
  if (!traits)
    throw new RangeError(
      `${s.model} has no version ${version}; its versions are ${s.catalogue.map((v) => v.version).join(', ')}`,
    );
  return traits;
}

/**
 * set_traffic_split: `variantPercent` of the service's requests go to `variant`, the rest to the
 * control, which must be the version the host runs. 0 % ends the split (all traffic on control).
 */
export function setTrafficSplit(
  s: ServiceState,
  hostName: string,
  control: string,
  variant: string,
  variantPercent: number,
): string {
  if (control !== s.version)
    throw new RangeError(
      `${s.model} on ${hostName} runs version ${s.version}, not ${control}: the control must be the running version`,
    );
  if (!Number.isInteger(variantPercent) || variantPercent < 0 || variantPercent > 100)
    throw new RangeError('the variant share must be a whole percentage from 0 to 100');
  if (variantPercent === 0) {
    const had = s.split !== undefined;
    s.split = undefined;
    return had
      ? `${s.model} on ${hostName}: all traffic back on ${control} (the split ended)`
      : `${s.model} on ${hostName}: all traffic already on ${control}`;
  }
  if (variant === control)
    throw new RangeError('the variant must be another version than the control');
  traitsOf(s, variant);
  s.split = { variantPercent, arms: { control: emptyArm(control), variant: emptyArm(variant) } };
  return `${s.model} on ${hostName}: ${100 - variantPercent} % of traffic on ${control}, ${variantPercent} % on ${variant}`;
}

/** The traits the whole service shows: each arm's weighted by its share of traffic. */
export function servedTraits(s: ServiceState): VersionTraits {
  const control = traitsOf(s, s.version);
  if (!s.split) return control;
  const variant = traitsOf(s, s.split.arms.variant.version);
  const w = s.split.variantPercent / 100;
  const mix = (key: 'extraErrorRatio' | 'accuracyDrop' | 'latencyFactor') =>
    control[key] * (1 - w) + variant[key] * w;
  return {
    version: control.version,
    isBad: control.isBad,
    extraErrorRatio: mix('extraErrorRatio'),
    accuracyDrop: mix('accuracyDrop'),
    latencyFactor: mix('latencyFactor'),
  };
}

/** Splits one step's completions between the arms, each with its own version's behaviour. */
export function stepArms(s: ServiceState, outcome: StepOutcome, random: Random): void {
  const split = s.split;
  if (!split || outcome.completions <= 0) return;
  const served = servedTraits(s);
  const toVariant = binomial(random, outcome.completions, split.variantPercent / 100);
  for (const [name, n] of [
    ['control', outcome.completions - toVariant],
    ['variant', toVariant],
  ] as const) {
    if (n <= 0) continue;
    const arm = split.arms[name];
    const traits = traitsOf(s, arm.version);
    const mean = (outcome.meanSeconds / served.latencyFactor) * traits.latencyFactor;
    const errorRatio = Math.min(
      1,
      Math.max(0, outcome.errorRatio - served.extraErrorRatio + traits.extraErrorRatio),
    );
    // s.accuracy already carries a fault's drop and the served mix; each arm swaps in its own version's.
    const accuracy = Math.min(
      1,
      Math.max(0, s.accuracy + served.accuracyDrop - traits.accuracyDrop),
    );
    arm.requests += n;
    arm.errors += binomial(random, n, errorRatio);
    arm.latencySum += n * mean;
    // A log-normal with mean m and log-σ σ has E[X²] = m² e^{σ²}.
    arm.latencySumSq += n * mean * mean * Math.exp(outcome.sigma * outcome.sigma);
    const labelled = binomial(random, n, LABELLED_SHARE);
    arm.labelled += labelled;
    arm.correct += binomial(random, labelled, accuracy);
  }
}

/** The per-arm series: experiment_arm_* labelled {model, arm, arm_version} (never `version`). */
export function armSamples(s: ServiceState, tsMs: number): Sample[] {
  if (!s.split) return [];
  const out: Sample[] = [
    {
      metric: 'traffic_split_variant_percent',
      labels: { model: s.model },
      value: s.split.variantPercent,
      tsMs,
    },
  ];
  for (const name of ['control', 'variant'] as const) {
    const arm = s.split.arms[name];
    const labels = { model: s.model, arm: name, arm_version: arm.version };
    const add = (metric: string, value: number) => out.push({ metric, labels, value, tsMs });
    add('experiment_arm_requests_total', arm.requests);
    add('experiment_arm_errors_total', arm.errors);
    add('experiment_arm_latency_seconds_sum', Math.round(arm.latencySum * 1e6) / 1e6);
    add('experiment_arm_latency_seconds_sumsq', Math.round(arm.latencySumSq * 1e6) / 1e6);
    add('experiment_arm_labelled_total', arm.labelled);
    add('experiment_arm_correct_total', arm.correct);
  }
  return out;
}
