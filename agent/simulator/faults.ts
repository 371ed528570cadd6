// Fault injection for drills: what an operator (or a drill script) can break on a simulated host,
// for how long, and how each fault changes the simulation while it lasts. Validated with zod at the
// edge (the control endpoint); the simulation asks the book for the effects at each step.
import type { AgentEvent } from '../../shared/agent-protocol/index.ts';
import { NO_DRIFT, type DriftFaultEffects } from './predictionLog.ts';

export {
  FAULT_KINDS,
  FaultSpecSchema,
  GPU_FAULTS,
  HOST_FAULTS,
  MODEL_FAULTS,
  type FaultInput,
  type FaultKind,
  type FaultSpec,
} from '../../shared/domain/faults.ts';
import {
  FaultSpecSchema,
  type FaultInput,
  type FaultKind,
  type FaultSpec,
} from '../../shared/domain/faults.ts';

export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  startMs: number;
  endMs: number;
  /** Models it no longer affects: restarted servers, paused pipelines. */
  clearedFor: Set<string>;
}

export interface GpuEffects {
  /** The GPU has failed (XID or uncorrectable ECC): no kernels run, its requests fail. */
  isFailed: boolean;
  isOverheating: boolean;
  powerLimitW: number | null;
}

export interface ModelEffects {
  latencyFactor: number;
  extraErrorRatio: number;
  accuracyDrop: number;
  isPipelineStalled: boolean;
  /** traffic_surge: arrivals are multiplied by this while it lasts. */
  arrivalFactor: number;
  /** covariate_shift, broken_feature, label_shift: how the prediction log moves. */
  drift: DriftFaultEffects;
}

const covers = (f: ActiveFault, host: string, t: number) =>
  f.spec.target.host === host && f.startMs <= t && t < f.endMs;
const coversModel = (f: ActiveFault, host: string, model: string, t: number) =>
  covers(f, host, t) &&
  (f.spec.target.model === undefined || f.spec.target.model === model) &&
  !f.clearedFor.has(model);

/** Every fault injected into one simulation, with the effects each has at a given time. */
export class FaultBook {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;

  inject(input: FaultInput, nowMs: number): ActiveFault {
    const spec = FaultSpecSchema.parse(input);
    const fault = {
      id: `flt_${this.nextId++}`,
      spec,
      startMs: nowMs,
      endMs: nowMs + Math.round(spec.durationSeconds * 1000),
      clearedFor: new Set<string>(),
    };
    this.faults.push(fault);
    return fault;
  }

  /** Faults still in force at t (ended ones are forgotten). */
  active(t: number): ActiveFault[] {
    for (let i = this.faults.length - 1; i >= 0; i--)
      if (this.faults[i]!.endMs <= t) this.faults.splice(i, 1);
    return this.faults.filter((f) => f.startMs <= t);
  }

  /** Faults on a host that began in [fromMs, toMs): their one-off effects (counters, XID) apply once. */
  startedBetween(host: string, fromMs: number, toMs: number): ActiveFault[] {
    return this.faults.filter(
      (f) => f.spec.target.host === host && f.startMs >= fromMs && f.startMs < toMs,
    );
  }

  isHostDown(host: string, t: number): boolean {
    return this.faults.some((f) => f.spec.kind === 'host_down' && covers(f, host, t));
  }

  isPartitioned(host: string, t: number): boolean {
    return this.faults.some((f) => f.spec.kind === 'network_partition' && covers(f, host, t));
  }

  gpu(host: string, gpu: number, t: number): GpuEffects {
    const effects: GpuEffects = { isFailed: false, isOverheating: false, powerLimitW: null };
    for (const f of this.faults) {
      if (!covers(f, host, t) || (f.spec.target.gpu !== undefined && f.spec.target.gpu !== gpu))
        continue;
      if (f.spec.kind === 'gpu_xid_error' || f.spec.kind === 'ecc_uncorrectable')
        effects.isFailed = true;
      if (f.spec.kind === 'thermal_throttle') effects.isOverheating = true;
      if (f.spec.kind === 'power_cap')
        effects.powerLimitW = Math.min(
          effects.powerLimitW ?? Infinity,
          f.spec.params.powerLimitW ?? 350,
        );
    }
    return effects;
  }

  model(host: string, model: string, t: number): ModelEffects {
    const effects: ModelEffects = {
      latencyFactor: 1,
      extraErrorRatio: 0,
      accuracyDrop: 0,
      isPipelineStalled: false,
      arrivalFactor: 1,
      drift: { ...NO_DRIFT },
    };
    for (const f of this.faults) {
      if (!coversModel(f, host, model, t)) continue;
      if (f.spec.kind === 'latency_spike') effects.latencyFactor *= f.spec.params.factor ?? 5;
      if (f.spec.kind === 'error_burst')
        effects.extraErrorRatio = Math.max(effects.extraErrorRatio, f.spec.params.ratio ?? 0.25);
      if (f.spec.kind === 'accuracy_drop')
        effects.accuracyDrop = Math.max(effects.accuracyDrop, f.spec.params.drop ?? 0.2);
      if (f.spec.kind === 'data_pipeline_stall') effects.isPipelineStalled = true;
      if (f.spec.kind === 'traffic_surge') effects.arrivalFactor *= f.spec.params.factor ?? 3;
      if (f.spec.kind === 'covariate_shift')
        effects.drift.covariateShift += f.spec.params.factor ?? 2;
      if (f.spec.kind === 'broken_feature') effects.drift.isFeatureBroken = true;
      if (f.spec.kind === 'label_shift') effects.drift.positiveShare = f.spec.params.ratio ?? 0.6;
    }
    return effects;
  }

  /**
   * Ends the effect of faults of these kinds on one model of a host (a restarted server, a paused
   * pipeline); a fault on every model of the host keeps affecting the others. How many it ended.
   */
  clearForModel(host: string, model: string, kinds: readonly FaultKind[], t: number): number {
    const ended = this.faults.filter(
      (f) => kinds.includes(f.spec.kind) && coversModel(f, host, model, t),
    );
    for (const f of ended) f.clearedFor.add(model);
    return ended.length;
  }
}

/** The `fault_injected` event the targeted agent reports, so the console can tell drills from real failures. */
export function faultEvent(fault: ActiveFault): AgentEvent {
  const { kind, target, durationSeconds, params } = fault.spec;
  const where = [
    target.host,
    target.gpu !== undefined ? `GPU ${target.gpu}` : '',
    target.model ?? '',
  ]
    .filter(Boolean)
    .join(' / ');
  return {
    kind: 'fault_injected',
    severity: 'warning',
    message: `simulated fault ${kind} on ${where} for ${durationSeconds} s`,
    tsMs: fault.startMs,
    details: {
      faultId: fault.id,
      fault: kind,
      target,
      durationSeconds,
      params,
      startsAtMs: fault.startMs,
      endsAtMs: fault.endMs,
      simulated: true,
    },
  };
}
