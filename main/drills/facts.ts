// What happened in a drill, read back from its workspace through the contract: the drill's incident
// (the first one opened after the first inject, preferring one about the inject's target), its
// alerts, acknowledgement, priority, roles, notes, runbook runs and postmortem. The scorer judges
// these; the report prints them.
import type { DrillFacts, Evidence, IncidentFacts } from '../../shared/domain/drills/score.ts';
import { injectTarget, type DrillScenario } from '../../shared/domain/drills/scenario.ts';
import type { IncidentDetail, IncidentSummary } from '../../shared/ipc/incidentSchemas.ts';
import type { WorkspaceSession } from './workspace.ts';

const ms = (iso: string) => Date.parse(iso);

/** People act; the console's own resolutions (every alert resolved) are not a response. */
const isPerson = (actor: string | null): actor is string =>
  actor !== null && actor !== 'system' && !actor.startsWith('system:');

/** The words an incident about this scenario's injects would carry: hosts, models, alert names. */
function targetWords(scenario: DrillScenario): string[] {
  return scenario.injects.flatMap((inject) =>
    inject.kind === 'alert'
      ? [inject.alertname]
      : [inject.target.host, ...(inject.target.model ? [inject.target.model] : [])],
  );
}

/** The drill's incident: opened after the first inject, about its target if any is, else the first. */
export function pickIncident(
  scenario: DrillScenario,
  incidents: readonly IncidentSummary[],
  firstInjectAtMs: number,
): IncidentSummary | null {
  const after = incidents
    .filter((i) => ms(i.openedAt) >= firstInjectAtMs && i.state !== 'canceled')
    .sort((a, b) => ms(a.openedAt) - ms(b.openedAt));
  const words = targetWords(scenario);
  const about = after.find((i) =>
    words.some((w) => i.title.includes(w) || i.service === w || i.cluster === w),
  );
  return about ?? after[0] ?? null;
}

function lastBy(
  detail: IncidentDetail,
  kind: IncidentDetail['timeline'][number]['kind'],
  match: (text: string, details: Record<string, unknown>) => boolean = () => true,
): Evidence | null {
  const entries = detail.timeline.filter(
    (e) => e.kind === kind && isPerson(e.actor) && match(e.text, e.details),
  );
  const entry = entries.at(-1);
  return entry ? { atMs: ms(entry.at), text: `${entry.actor}: ${entry.text}` } : null;
}

function firstBy(
  detail: IncidentDetail,
  kind: IncidentDetail['timeline'][number]['kind'],
  match: (text: string, details: Record<string, unknown>) => boolean = () => true,
): Evidence | null {
  const entry = detail.timeline.find(
    (e) => e.kind === kind && isPerson(e.actor) && match(e.text, e.details),
  );
  return entry ? { atMs: ms(entry.at), text: `${entry.actor}: ${entry.text}` } : null;
}

async function incidentFacts(
  session: WorkspaceSession,
  summary: IncidentSummary,
): Promise<IncidentFacts> {
  const detail = await session.call('incidents.get', { id: summary.id });
  const runs = await session.call('runbooks.forIncident', { incidentId: summary.id });
  const pm = await session.call('postmortems.forIncident', { incidentId: summary.id });
  const postmortem =
    pm.postmortemId === null
      ? null
      : await session.call('postmortems.get', { id: pm.postmortemId });
  const isResolution = (_text: string, details: Record<string, unknown>) =>
    details.to === 'resolved' && details.isAutomatic !== true;
  return {
    id: detail.id,
    title: detail.title,
    openedAtMs: ms(detail.openedAt),
    priority: detail.priority,
    prioritySet: lastBy(detail, 'priority'),
    category: detail.category,
    acknowledged:
      detail.acknowledgedAt && detail.acknowledgedBy
        ? {
            atMs: ms(detail.acknowledgedAt),
            text: `${detail.acknowledgedBy} acknowledged the incident`,
          }
        : null,
    resolved: firstBy(detail, 'state', isResolution),
    commander: firstBy(detail, 'role', (_t, d) => d.role === 'commander'),
    team: detail.timeline
      .filter(
        (e) => e.kind === 'team' && isPerson(e.actor) && typeof e.details.function === 'string',
      )
      .map((e) => ({
        atMs: ms(e.at),
        text: `${e.actor}: ${e.text}`,
        function: e.details.function as string,
      })),
    categorySet: lastBy(detail, 'note', (_t, d) => typeof d.category === 'string'),
    // A note a person wrote (changes and postmortem links are notes with details).
    notes: detail.timeline
      .filter((e) => e.kind === 'note' && isPerson(e.actor) && Object.keys(e.details).length === 0)
      .map((e) => ({ atMs: ms(e.at), text: `${e.actor}: ${e.text}` })),
    runbookRuns: runs.runs.map((run) => ({
      runbook: run.runbook,
      status: run.state,
      startedAtMs: ms(run.startedAt),
      endedAtMs: run.finishedAt ? ms(run.finishedAt) : null,
      steps: run.steps.map((s) => ({
        id: s.id,
        status: s.status,
        atMs: s.finishedAt ? ms(s.finishedAt) : null,
      })),
    })),
    postmortem: postmortem
      ? { status: postmortem.state, atMs: ms(postmortem.updatedAt), title: postmortem.title }
      : null,
  };
}

/** Reads the facts the score is built from; null incident when the drill never opened one. */
export async function readDrillFacts(
  session: WorkspaceSession,
  scenario: DrillScenario,
  firstInjectAtMs: number,
): Promise<{ facts: DrillFacts; incident: IncidentDetail | null }> {
  const { items } = await session.call('incidents.list', {});
  const summary = pickIncident(scenario, items, firstInjectAtMs);
  if (!summary)
    return { facts: { firstInjectAtMs, firstAlert: null, incident: null }, incident: null };
  const incident = await incidentFacts(session, summary);
  const detail = await session.call('incidents.get', { id: summary.id });
  const first = [...detail.alerts].sort((a, b) => ms(a.startedAt) - ms(b.startedAt))[0];
  const firstAlert = first
    ? { atMs: Math.max(firstInjectAtMs, ms(detail.detectedAt)), name: first.rule }
    : { atMs: ms(detail.detectedAt), name: detail.title };
  return { facts: { firstInjectAtMs, firstAlert, incident }, incident: detail };
}

/** How the first inject is named in evidence ("gpu_xid_error on sim-gpu-02 · GPU 0"). */
export function firstInjectText(scenario: DrillScenario): string {
  const first = [...scenario.injects].sort((a, b) => a.at - b.at)[0]!;
  return `${first.kind} on ${injectTarget(first)}`;
}
