// The built-in rollback runbook against a real simulated agent over wss + mutual TLS: a bad version is
// deployed, an incident names the model and host, the rollback step runs rollback_model on the agent
// after a second operator approves, and its health gate watches the agent's own readings. The SLI
// recovers and the run goes on; where it cannot recover (the fault is elsewhere), the incident escalates.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import { IncidentChanges } from '../../../main/incidents/changes.ts';
import { getIncident, listTimeline } from '../../../main/incidents/incidentRepository.ts';
import type { Page } from '../../../main/incidents/paging.ts';
import { AlertPipeline } from '../../../main/incidents/pipeline.ts';
import { silentLogger } from '../../../main/log.ts';
import { Runbooks } from '../../../main/runbooks/index.ts';
import { all, sql } from '../../../main/store/sql.ts';
import { labelsFingerprint } from '../../../shared/domain/incidents/index.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { startSimulatedSite, type SimulatedSite } from '../alertSources/simulatedSite.ts';

const HOST = 'sim-gpu-01';
const MODEL = 'llama-3-8b';
const ENGINEER = { username: 'amal', role: 'ml_engineer' };
const COMMANDER = { username: 'omar', role: 'incident_commander' };

async function rollbackSite() {
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
async function rollBack(runbooks: Runbooks, incidentId: number) {
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

async function stepUntilGate(site: SimulatedSite, runbooks: Runbooks, runId: number, max = 60) {
  for (let i = 0; i < max; i++) {
    await site.step(false);
    await runbooks.gates.tick();
    const step = runbooks.runs.get(runId).steps[1]!;
    if (step.gateStatus !== 'watching') return step;
  }
  throw new Error('the health gate is still watching');
}

const newest = (site: SimulatedSite, hostId: number, metric: string) =>
  site.fleet.connections.live
    .values(hostId)
    .filter((v) => v.metric === metric && v.labels.model === MODEL)
    .sort((a, b) => b.tsMs - a.tsMs)[0];

describe('a health-gated rollback on a real simulated agent', () => {
  it('rolls the model back on the agent; accuracy and error rate recover and the gate passes', async () => {
    const { site, runbooks, pages, incidentId, hostId } = await rollbackSite();
    const before = newest(site, hostId, 'model_accuracy_ratio')!;
    expect(before.labels.version).toBe('3');
    expect(before.value).toBeLessThan(0.8);

    const approved = await rollBack(runbooks, incidentId);
    expect(approved.steps[1]).toMatchObject({
      status: 'succeeded',
      gateStatus: 'watching',
      output: expect.stringContaining('rolled back from version 3 to 1') as unknown,
    });
    const gate = await stepUntilGate(site, runbooks, approved.id);
    expect(gate.gateStatus).toBe('healthy');
    // The simulated service itself recovered: version 1 answers accurately and fails little again.
    const after = newest(site, hostId, 'model_accuracy_ratio')!;
    expect(after.labels.version).toBe('1');
    expect(after.value).toBeGreaterThanOrEqual(0.8);
    const run = runbooks.runs.get(approved.id);
    expect(run.state).toBe('running'); // the last, manual step waits for a person
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'succeeded', 'pending']);
    const timeline = listTimeline(site.db, incidentId).map((t) => t.text);
    expect(timeline).toContainEqual(
      expect.stringMatching(
        /^Health gate of step 2 .* passed: llama-3-8b on sim-gpu-01 recovered \(accuracy .*, error ratio .*\)\.$/,
      ),
    );
    expect(pages).toEqual([]);
  }, 180_000);

  it('escalates the incident and says why when the SLI does not recover within the bound', async () => {
    const { site, runbooks, pages, incidentId } = await rollbackSite();
    // The real cause is elsewhere: the model keeps answering badly whatever version runs.
    await site.sim.inject({
      kind: 'accuracy_drop',
      target: { host: HOST, model: MODEL },
      durationSeconds: 3600,
      params: { drop: 0.3 },
    });
    const priorityBefore = getIncident(site.db, incidentId)!.priority;
    const approved = await rollBack(runbooks, incidentId);
    expect(approved.steps[1]?.gateStatus).toBe('watching');
    site.clock.advance(10 * MINUTE_MS);
    const gate = await stepUntilGate(site, runbooks, approved.id, 5);
    expect(gate.gateStatus).toBe('unhealthy');
    const run = runbooks.runs.get(approved.id);
    expect(run.state).toBe('failed');
    expect(run.reason).toMatch(
      /^SLI did not recover within 10 min after rolling llama-3-8b back to 1 on sim-gpu-01: accuracy \d+\.\d %, needs at least 80\.0 %/,
    );
    const incident = getIncident(site.db, incidentId)!;
    expect(incident.priority).not.toBe(priorityBefore);
    const escalation = listTimeline(site.db, incidentId).find((t) => t.kind === 'escalation');
    expect(escalation?.text).toContain(run.reason!);
    expect(escalation?.text).toContain(
      `Priority raised from ${priorityBefore} to ${incident.priority}.`,
    );
    const audit = all<{ action: string; outcome: string }>(
      site.db,
      sql`SELECT action, outcome FROM audit_log WHERE action LIKE 'runbook.healthGate.%'`,
    );
    expect(audit).toEqual([
      { action: 'runbook.healthGate.fail', outcome: 'failure' },
      { action: 'runbook.healthGate.escalate', outcome: 'failure' },
    ]);
    expect(pages).toEqual([]); // no policy or commander names anyone on this bare site
  }, 180_000);
});
