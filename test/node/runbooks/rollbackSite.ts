// A simulated site for rollback tests: a real agent over wss + mutual TLS serving a bad version, the
// incident its accuracy drop opened, the runbook engine, and helpers to run the built-in rollback.
import { expect } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import { IncidentChanges } from '../../../main/incidents/changes.ts';
import type { Page } from '../../../main/incidents/paging.ts';
import { AlertPipeline } from '../../../main/incidents/pipeline.ts';
import { silentLogger } from '../../../main/log.ts';
import { Runbooks } from '../../../main/runbooks/index.ts';
import { all, sql } from '../../../main/store/sql.ts';
import { labelsFingerprint } from '../../../shared/domain/incidents/index.ts';
import { startSimulatedSite, type SimulatedSite } from '../alertSources/simulatedSite.ts';

export const HOST = 'sim-gpu-01';
export const MODEL = 'llama-3-8b';
export const ENGINEER = { username: 'amal', role: 'ml_engineer' };
export const COMMANDER = { username: 'omar', role: 'incident_commander' };

/** `onSite` runs before the bad deploy (to wire more listeners to the site's fleet). */
export async function rollbackSite(onSite: (site: SimulatedSite) => void = () => {}) {
  let pipeline: AlertPipeline | null = null;
  const site = await startSimulatedSite({
    pipeline: (db, clock, events) =>
      (pipeline = new AlertPipeline({
        store: () => db,
        clock,
        changes: new IncidentChanges(events, () => db),
        sloSummaries: () => [],
      })),
  });
  const pages: Page[] = [];
  const runbooks = new Runbooks({
    store: () => site.db,
    clock: site.clock,
    events: new EventBus(),
    logger: silentLogger,
    runAction: (request, by) => site.fleet.runAction(request, by),
    actionsOf: (id) => site.fleet.connections.actionsOf(id),
    readings: (id) => site.fleet.connections.live.values(id),
    pager: { page: (page) => pages.push(page) },
    timeZone: () => 'Asia/Dubai',
    // The simulated model's first version has served long enough to be known good.
    versions: { lastKnownGood: () => '1', current: () => '3', ofIncident: () => '3' },
    onIncidentsChanged: () => {},
  });
  onSite(site);
  runbooks.start();
  runbooks.stop(); // no timer: the test looks at the gates itself, after each sample
  const hostId = site.hostIds.get(HOST)!;
  const deployed = await site.fleet.runAction(
    { hostId, action: 'deploy_model_version', params: { model: MODEL, version: '3' } },
    ENGINEER,
  );
  expect(deployed.status).toBe('ok');
  // Accuracy falls over a minute or so after the bad version starts serving.
  for (
    let i = 0;
    i < 40 && !((newest(site, hostId, 'model_accuracy_ratio')?.value ?? 1) < 0.8);
    i++
  )
    await site.step(false);
  // What the model-quality detector would send: the accuracy drop on this host, model and version.
  const labels = { alertname: 'ModelAccuracyDrop', host: HOST, model: MODEL, version: '3' };
  pipeline!.receive([
    {
      source: 'model',
      fingerprint: labelsFingerprint(labels),
      status: 'firing',
      rule: 'ModelAccuracyDrop',
      severity: 'warning',
      summary: `${MODEL} on ${HOST}: accuracy 72 %, usually 87 %`,
      labels,
      startsAtMs: site.clock.now().getTime(),
    },
  ]);
  const [incident] = all<{ id: number }>(site.db, sql`SELECT id FROM incidents`);
  return { site, runbooks, pages, incidentId: incident!.id, hostId };
}

/** Starts the built-in rollback, checks off its first step and has a second operator approve the rollback. */
export async function rollBack(runbooks: Runbooks, incidentId: number) {
  const plan = runbooks.runs.dryRun(incidentId, 'rollback-model');
  expect(plan.steps[1]).toMatchObject({
    host: HOST,
    action: 'rollback_model',
    params: { model: MODEL, version: '1' },
    isDestructive: true,
    healthGate: { withinMinutes: 10, accuracyAtLeast: 0.8, errorRatioAtMost: 0.05 },
    problems: [],
  });
  const run = await runbooks.runs.start(
    { incidentId, name: 'rollback-model', version: plan.version, digest: plan.digest },
    ENGINEER,
  );
  await runbooks.runs.completeStep(run.id, 0, undefined, ENGINEER);
  return runbooks.runs.approveStep(run.id, 1, COMMANDER);
}

export async function stepUntilGate(
  site: SimulatedSite,
  runbooks: Runbooks,
  runId: number,
  max = 60,
) {
  for (let i = 0; i < max; i++) {
    await site.step(false);
    await runbooks.gates.tick();
    const step = runbooks.runs.get(runId).steps[1]!;
    if (step.gateStatus !== 'watching') return step;
  }
  throw new Error('the health gate is still watching');
}

export const newest = (site: SimulatedSite, hostId: number, metric: string) =>
  site.fleet.connections.live
    .values(hostId)
    .filter((v) => v.metric === metric && v.labels.model === MODEL)
    .sort((a, b) => b.tsMs - a.tsMs)[0];
