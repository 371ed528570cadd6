// Alerts from what agents report about themselves: TelemetryGap (the agent's spool or result store
// dropped data: a one-off that stays firing until the host has been quiet a while) and
// GpuProbeFailing (nvidia-smi fails, or finds no GPU on a host that had them, until it answers again).
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import type { ReadableDb } from '../../store/types.ts';
import { eventsAfter, eventsToResume, newestEventId, type SourceEvent } from './agentEventReads.ts';
import { alertIdentity, firingAlert, type Evaluation, type SourceEvaluator } from './evaluation.ts';

/** Events read per tick at most: a backlog is caught up over a few ticks. */
const EVENTS_PER_TICK = 10_000;

interface GapEpisode {
  firstMs: number;
  lastMs: number;
  count: number;
  isCritical: boolean;
  message: string;
}

interface ProbeState {
  /** nvidia-smi answered since the agent started, so "no GPU found" means GPUs went missing. */
  hasAnswered: boolean;
  failing: { sinceMs: number; message: string; isCritical: boolean } | null;
}

export class AgentEventAlerts implements SourceEvaluator {
  private lastEventId: number | null = null;
  private readonly gaps = new Map<number, GapEpisode>();
  private readonly probes = new Map<number, ProbeState>();

  evaluate(evaluation: Evaluation): IncomingAlert[] {
    this.read(evaluation.db, evaluation);
    const { nowMs, config } = evaluation;
    const out: IncomingAlert[] = [];
    for (const host of evaluation.hosts) {
      const where = { cluster: host.cluster, host: host.name };
      const gap = this.gaps.get(host.id);
      if (gap && nowMs - gap.lastMs >= config.quietMs) this.gaps.delete(host.id);
      else if (gap) {
        const more = gap.count > 1 ? ` (${gap.count} gaps)` : '';
        out.push(
          firingAlert(
            'agent',
            alertIdentity('TelemetryGap', where),
            gap.isCritical ? 'critical' : 'warning',
            `${host.name} lost telemetry: ${gap.message}${more}`,
            gap.firstMs,
          ),
        );
      }
      const failing = this.probes.get(host.id)?.failing;
      if (failing)
        out.push(
          firingAlert(
            'agent',
            alertIdentity('GpuProbeFailing', where),
            failing.isCritical ? 'critical' : 'warning',
            `${host.name} cannot read its GPUs: ${failing.message}`,
            failing.sinceMs,
          ),
        );
    }
    return out;
  }

  private read(db: ReadableDb, evaluation: Evaluation): void {
    let events: SourceEvent[];
    if (this.lastEventId === null) {
      // First tick: rebuild from the store what earlier events still say.
      const upTo = newestEventId(db);
      events = eventsToResume(db, evaluation.nowMs - evaluation.config.quietMs, upTo);
      this.lastEventId = upTo;
    } else {
      events = eventsAfter(db, this.lastEventId, EVENTS_PER_TICK);
    }
    for (const event of events) {
      this.apply(event, evaluation);
      this.lastEventId = Math.max(this.lastEventId, event.id);
    }
  }

  private apply(event: SourceEvent, evaluation: Evaluation): void {
    if (event.kind === 'gap') {
      const known = this.gaps.get(event.hostId);
      const isSameEpisode = known && event.tsMs - known.lastMs < evaluation.config.quietMs;
      this.gaps.set(event.hostId, {
        firstMs: isSameEpisode ? known.firstMs : event.tsMs,
        lastMs: Math.max(event.tsMs, known?.lastMs ?? 0),
        count: isSameEpisode ? known.count + 1 : 1,
        isCritical: event.severity === 'critical' || (isSameEpisode === true && known.isCritical),
        message: event.message,
      });
      return;
    }
    const probe = this.probes.get(event.hostId) ?? { hasAnswered: false, failing: null };
    if (event.kind === 'started') {
      // A restarted agent reports its probe afresh (a failure only): forget what the old run said.
      this.probes.set(event.hostId, { hasAnswered: false, failing: null });
      return;
    }
    const state = event.details.state;
    if (state === 'ok') probe.failing = null;
    else if (state === 'failed' || (state === 'absent' && probe.hasAnswered))
      probe.failing = {
        sinceMs: probe.failing?.sinceMs ?? event.tsMs,
        message: event.message,
        isCritical: event.severity === 'critical' || state === 'absent',
      };
    if (state === 'ok') probe.hasAnswered = true;
    this.probes.set(event.hostId, probe);
  }
}
