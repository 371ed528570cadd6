// Alerts about a host's link and collectors: HostDown (unreachable, or refusing this console),
// AgentSilent (connected but not answering heartbeats) and ScrapeFailing (an inference server's
// metrics endpoint the agent scrapes answers with an error, from the agent's own `up` signal).
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import type { HostState } from '../../../shared/domain/fleet/hostStates.ts';
import {
  alertIdentity,
  ConditionBook,
  firingAlert,
  isFresh,
  type Evaluation,
  type HostView,
  type SourceEvaluator,
} from './evaluation.ts';

const UNREACHABLE: ReadonlySet<HostState> = new Set(['offline', 'connecting', 'refused']);

export class HostAlerts implements SourceEvaluator {
  private readonly conditions = new ConditionBook();

  evaluate(evaluation: Evaluation): IncomingAlert[] {
    const out: IncomingAlert[] = [];
    for (const host of evaluation.hosts) {
      this.hostDown(host, evaluation, out);
      this.agentSilent(host, evaluation, out);
      this.scrapes(host, evaluation, out);
    }
    this.conditions.endTick();
    return out;
  }

  private hostDown(host: HostView, evaluation: Evaluation, out: IncomingAlert[]): void {
    const identity = alertIdentity('HostDown', { cluster: host.cluster, host: host.name });
    const state = this.conditions.step(
      identity.fingerprint,
      UNREACHABLE.has(host.state) ? 'breach' : 'clear',
      evaluation,
      { forMs: evaluation.config.hostDownAfterMs, noDataResolveMs: Infinity },
    );
    if (state.phase !== 'firing') return;
    const why = host.stateReason ? `: ${host.stateReason}` : '';
    const summary =
      host.state === 'refused'
        ? `${host.name} refuses this console${why}`
        : `${host.name} is unreachable${why}`;
    out.push(firingAlert('agent', identity, 'critical', summary, state.sinceMs));
  }

  private agentSilent(host: HostView, evaluation: Evaluation, out: IncomingAlert[]): void {
    const identity = alertIdentity('AgentSilent', { cluster: host.cluster, host: host.name });
    // The connection calls a host silent only after several missed heartbeats: no further wait.
    const state = this.conditions.step(
      identity.fingerprint,
      host.state === 'silent' ? 'breach' : 'clear',
      evaluation,
      { forMs: 0, noDataResolveMs: Infinity },
    );
    if (state.phase !== 'firing') return;
    const why = host.stateReason ? ` (${host.stateReason})` : '';
    out.push(
      firingAlert(
        'agent',
        identity,
        'warning',
        `The agent on ${host.name} stopped answering heartbeats${why}`,
        state.sinceMs,
      ),
    );
  }

  private scrapes(host: HostView, evaluation: Evaluation, out: IncomingAlert[]): void {
    for (const v of host.values) {
      if (v.metric !== 'up' || v.labels.target === undefined) continue;
      const identity = alertIdentity('ScrapeFailing', {
        cluster: host.cluster,
        host: host.name,
        target: v.labels.target,
        server: v.labels.server,
      });
      const state = this.conditions.step(
        identity.fingerprint,
        !isFresh(v.tsMs, evaluation) ? 'noData' : v.value === 0 ? 'breach' : 'clear',
        evaluation,
        {
          forMs: evaluation.config.sustainedAfterMs,
          noDataResolveMs: evaluation.config.noDataResolveMs,
        },
      );
      if (state.phase !== 'firing') continue;
      const server = v.labels.server ? `${v.labels.server} metrics` : 'metrics';
      out.push(
        firingAlert(
          'agent',
          identity,
          'warning',
          `${host.name} cannot scrape ${server} at ${v.labels.target}`,
          state.sinceMs,
        ),
      );
    }
  }
}
