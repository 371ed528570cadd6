// GPU alerts from NVML's own verdicts in each GPU's latest readings: uncorrectable ECC errors and
// row-remap failures (critical), pending row remaps and slowdown clock reasons (warning), held while
// the reason holds; and an Xid, a one-off event that stays firing until the GPU has been quiet a while.
import {
  gpuHealth,
  GPU_HEALTH_REASONS,
  type GpuHealthReason,
} from '../../../shared/domain/gpuHealth.ts';
import type { IncomingAlert, PipelineSeverity } from '../../../shared/domain/incidents/index.ts';
import { lastBefore } from '../../telemetry/samples.ts';
import { findSeriesId } from '../../telemetry/series.ts';
import {
  alertIdentity,
  ConditionBook,
  firingAlert,
  isFresh,
  type Evaluation,
  type HostView,
  type SourceEvaluator,
} from './evaluation.ts';

const REASONS: Readonly<
  Record<GpuHealthReason, { alertname: string; severity: PipelineSeverity; text: string }>
> = {
  ecc_uncorrected: {
    alertname: 'GpuEccUncorrectable',
    severity: 'critical',
    text: 'uncorrectable ECC errors since the driver loaded',
  },
  row_remap_failure: {
    alertname: 'GpuRowRemapFailure',
    severity: 'critical',
    text: 'a memory row could not be remapped',
  },
  row_remap_pending: {
    alertname: 'GpuRowRemapPending',
    severity: 'warning',
    text: 'a memory row remap is pending (the GPU needs a reset)',
  },
  thermal_slowdown: {
    alertname: 'GpuThermalSlowdown',
    severity: 'warning',
    text: 'clocks slowed down by temperature',
  },
  hw_slowdown: {
    alertname: 'GpuHwSlowdown',
    severity: 'warning',
    text: 'clocks slowed down by hardware (power brake or external signal)',
  },
  power_brake: {
    alertname: 'GpuPowerBrakeSlowdown',
    severity: 'warning',
    text: 'clocks slowed down by the power brake',
  },
};

/** Xids that mean the GPU or its memory failed; the others are mostly an application's fault. */
const CRITICAL_XIDS: ReadonlySet<number> = new Set([
  48, 61, 62, 63, 64, 74, 79, 92, 94, 95, 119, 120,
]);
const XID_MEANING: Readonly<Record<number, string>> = {
  13: 'graphics engine exception',
  31: 'GPU memory page fault',
  43: 'GPU stopped processing',
  48: 'double-bit ECC error',
  63: 'ECC page retirement or row remapping',
  64: 'row remapping failure',
  74: 'NVLink error',
  79: 'GPU has fallen off the bus',
  92: 'high single-bit ECC error rate',
  94: 'contained ECC error',
  95: 'uncontained ECC error',
};

const XID_METRIC = 'gpu_xid_last';
const GPU_LABELS = ['gpu', 'index', 'uuid', 'gpu_uuid'];

interface XidMemory {
  value: number;
  /** When the newest Xid was first seen; null when none is recent. */
  atMs: number | null;
}

export class GpuAlerts implements SourceEvaluator {
  private readonly conditions = new ConditionBook();
  /** Per host and GPU: the last Xid code seen (gpu_xid_last holds the last one until a reboot). */
  private readonly xids = new Map<string, XidMemory>();

  evaluate(evaluation: Evaluation): IncomingAlert[] {
    const out: IncomingAlert[] = [];
    for (const host of evaluation.hosts) {
      this.health(host, evaluation, out);
      this.xidErrors(host, evaluation, out);
    }
    this.conditions.endTick();
    return out;
  }

  private health(host: HostView, evaluation: Evaluation, out: IncomingAlert[]): void {
    const { config } = evaluation;
    for (const gpu of host.gpus) {
      const isStale = !isFresh(gpu.updatedAtMs, evaluation);
      const reasons = new Set(gpuHealth(gpu.metrics).reasons);
      // A slowdown the temperature explains is one alert (thermal), not two.
      if (reasons.has('thermal_slowdown')) reasons.delete('hw_slowdown');
      for (const reason of GPU_HEALTH_REASONS) {
        const { alertname, severity, text } = REASONS[reason];
        const identity = alertIdentity(alertname, {
          cluster: host.cluster,
          host: host.name,
          gpu: gpu.gpu,
        });
        // Hardware faults fire at once; a slowdown must last, as a brief one is the GPU doing its job.
        const state = this.conditions.step(
          identity.fingerprint,
          isStale ? 'noData' : reasons.has(reason) ? 'breach' : 'clear',
          evaluation,
          {
            forMs: severity === 'critical' ? 0 : config.sustainedAfterMs,
            noDataResolveMs: config.noDataResolveMs,
          },
        );
        if (state.phase !== 'firing') continue;
        const count =
          reason === 'ecc_uncorrected' ? ` (${gpu.metrics.gpu_ecc_uncorrected_total ?? 0})` : '';
        const summary = `GPU ${gpu.gpu} on ${host.name}: ${text}${count}`;
        out.push(firingAlert('agent', identity, severity, summary, state.sinceMs));
      }
    }
  }

  private xidErrors(host: HostView, evaluation: Evaluation, out: IncomingAlert[]): void {
    const { nowMs, config } = evaluation;
    for (const v of host.values) {
      if (v.metric !== XID_METRIC) continue;
      const gpu = GPU_LABELS.map((name) => v.labels[name]).find((g) => g !== undefined);
      if (gpu === undefined) continue;
      const identity = alertIdentity('GpuXidError', {
        cluster: host.cluster,
        host: host.name,
        gpu,
      });
      const key = `${host.id}\u0001${gpu}`;
      const known = this.xids.get(key);
      let memory: XidMemory;
      if (!known) memory = this.firstSight(host.id, v, identity.fingerprint, evaluation);
      else if (v.value !== known.value && v.value !== 0) memory = { value: v.value, atMs: v.tsMs };
      else memory = { ...known, value: v.value };
      if (memory.atMs !== null && nowMs - memory.atMs >= config.quietMs) memory.atMs = null;
      this.xids.set(key, memory);
      if (memory.atMs === null) continue;
      const xid = memory.value;
      const meaning = XID_MEANING[xid] ? `: ${XID_MEANING[xid]}` : '';
      out.push(
        firingAlert(
          'agent',
          identity,
          CRITICAL_XIDS.has(xid) ? 'critical' : 'warning',
          `GPU ${gpu} on ${host.name} reported Xid ${xid}${meaning}`,
          memory.atMs,
        ),
      );
    }
  }

  /**
   * The first reading since the console started: an open alert carries on; otherwise a code that
   * differs from the one stored a quiet period ago is an Xid that came while the console was away.
   */
  private firstSight(
    hostId: number,
    v: HostView['values'][number],
    fingerprint: string,
    evaluation: Evaluation,
  ): XidMemory {
    const openSince = evaluation.activeSince(fingerprint);
    if (openSince !== undefined) return { value: v.value, atMs: openSince };
    if (v.value === 0) return { value: 0, atMs: null };
    const seriesId = findSeriesId(evaluation.db, hostId, v.metric, v.labels);
    const before =
      seriesId === null
        ? null
        : lastBefore(evaluation.db, '1m', seriesId, evaluation.nowMs - evaluation.config.quietMs);
    return { value: v.value, atMs: before !== null && before !== v.value ? v.tsMs : null };
  }
}
