// Model A/B experiments on a real simulated fleet (wss + mutual TLS, real encrypted store): the split
// goes out through set_traffic_split, the arms are read back from the hosts' telemetry, and a variant
// that is worse on latency (a guardrail) or a split that stops matching the plan (SRM) stops the
// experiment on its own: traffic back on control, an alert in the incident pipeline, all audited.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import { ExperimentService } from '../../../main/experiments/service.ts';
import { AlertPipeline } from '../../../main/incidents/pipeline.ts';
import { IncidentChanges } from '../../../main/incidents/changes.ts';
import { silentLogger } from '../../../main/log.ts';
import { ModelVersionService } from '../../../main/models/service.ts';
import { all, sql } from '../../../main/store/sql.ts';
import type { ExperimentPlan } from '../../../shared/ipc/experimentSchemas.ts';
import { startSimulatedSite, type SimulatedSite } from '../alertSources/simulatedSite.ts';

const MODEL = 'llama-3-8b';
const HOST = 'sim-gpu-01';
const AMAL = { username: 'amal', role: 'ml_engineer' };

const plan = (variant: string, variantPercent: number): ExperimentPlan => ({
  name: `llama ${variant} against 1`,
  model: MODEL,
  control: '1',
  variant,
  variantPercent,
  primaryMetric: 'latency',
  power: { mde: 0.05, alpha: 0.05, power: 0.8, baseline: 0.3 },
  plannedDays: 7,
});

async function experimentSite() {
  let pipeline: AlertPipeline | undefined;
  const site = await startSimulatedSite({
    pipeline: (db, clock, events) =>
      (pipeline = new AlertPipeline({
        store: () => db,
        clock,
        changes: new IncidentChanges(events, () => db),
        sloSummaries: () => [],
      })),
  });
  const events = new EventBus();
  // Learns which version each host runs from its telemetry, as the console does.
  new ModelVersionService({
    store: () => site.db,
    events,
    clock: site.clock,
    logger: silentLogger,
    fleet: site.fleet,
  });
  const experiments = new ExperimentService({
    store: () => site.db,
    clock: site.clock,
    events,
    logger: silentLogger,
    runAction: (request, by) => site.fleet.runAction(request, by),
    liveValues: (hostId) => site.fleet.connections.live.values(hostId),
    slos: () => [],
    alerts: pipeline!,
  });
  await site.step();
  return { site, experiments };
}

/** Steps the fleet and evaluates until the experiment is no longer running. */
async function stepUntilStopped(site: SimulatedSite, experiments: ExperimentService, id: number) {
  for (let i = 0; i < 40; i++) {
    await site.step(false);
    await experiments.evaluate();
    if (experiments.get(id).status !== 'running') return experiments.get(id);
  }
  throw new Error(
    `experiment ${id} still running: ${JSON.stringify(experiments.get(id).analysis)}`,
  );
}

const audit = (site: SimulatedSite) =>
  all<{ actor: string; action: string; outcome: string; details: string }>(
    site.db,
    sql`SELECT actor, action, outcome, details FROM audit_log
        WHERE action LIKE 'experiment.%' OR action = 'fleet.runAction' ORDER BY seq`,
  ).map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));

const service = (site: SimulatedSite) =>
  site.sim.simulation.host(HOST)!.services.find((s) => s.model === MODEL)!;

describe('model experiments on the real routing', () => {
  it('a variant slower than control breaches the latency guardrail: the experiment stops, traffic goes back to control, an alert fires, all audited', async () => {
    const { site, experiments } = await experimentSite();
    const draft = experiments.create(plan('3', 50), AMAL);
    expect(draft).toMatchObject({ status: 'draft', hosts: [] });
    expect(draft.guardrails.map((g) => g.metric)).toEqual(['latency', 'errors', 'accuracy']);
    expect(draft.minSampleSize).toBeGreaterThan(100);

    const started = await experiments.start(draft.id, AMAL);
    expect(started).toMatchObject({ status: 'running', hosts: [HOST], startedBy: 'amal' });
    expect(service(site).split?.variantPercent).toBe(50);

    const stopped = await stepUntilStopped(site, experiments, draft.id);
    expect(stopped).toMatchObject({ status: 'stopped', stopKind: 'guardrail', isRolledBack: true });
    expect(stopped.stopReason).toMatch(
      /^Guardrail breached: latency \d+\.\d % slower than control/,
    );
    expect(service(site).split).toBeUndefined();
    const latency = stopped.analysis!.metrics.find((m) => m.metric === 'latency')!;
    expect(latency.estimate).toBeGreaterThan(0.1);
    expect(latency.interval[0]).toBeGreaterThan(0);

    const fired = all<{ rule: string; labels: string; incident_id: number | null }>(
      site.db,
      sql`SELECT rule, labels, incident_id FROM pipeline_alerts WHERE rule = 'ExperimentGuardrailBreached'`,
    );
    expect(fired).toHaveLength(1);
    expect(JSON.parse(fired[0]!.labels)).toMatchObject({
      model: MODEL,
      experiment: String(draft.id),
    });

    const trail = audit(site);
    expect(trail.map((e) => `${e.actor} ${e.action} ${e.outcome}`)).toEqual([
      'amal experiment.create success',
      'amal fleet.runAction success',
      'amal experiment.start success',
      'system:experiments fleet.runAction success',
      'system:experiments experiment.stop success',
    ]);
    expect(trail[1]!.details.params).toEqual({
      model: MODEL,
      control: '1',
      variant: '3',
      variant_percent: 50,
    });
    expect(trail[3]!.details.params).toMatchObject({ variant_percent: 0 });

    // A variant stopped by a guardrail never ships; keeping control is recorded with its reason.
    await expect(experiments.decide(draft.id, 'ship', 'looks fine', AMAL)).rejects.toThrow(
      'The variant cannot ship: the experiment was stopped',
    );
    const decided = await experiments.decide(
      draft.id,
      'keep_control',
      'Version 3 is slower.',
      AMAL,
    );
    expect(decided.decision).toMatchObject({ kind: 'keep_control', by: 'amal', changeId: null });
    expect(audit(site).at(-1)).toMatchObject({ action: 'experiment.decide', outcome: 'success' });
  }, 120_000);

  it('a split that no longer matches the plan (sample ratio mismatch) stops the experiment and rolls traffic back', async () => {
    const { site, experiments } = await experimentSite();
    const { id } = experiments.create(plan('2', 10), AMAL);
    await experiments.start(id, AMAL);
    await site.step(false);
    await experiments.evaluate();
    expect(experiments.get(id)).toMatchObject({ status: 'running', stopKind: null });
    // Someone re-routes half the traffic by hand, outside the experiment.
    const hostId = site.hostIds.get(HOST)!;
    await site.fleet.runAction(
      {
        hostId,
        action: 'set_traffic_split',
        params: { model: MODEL, control: '1', variant: '2', variant_percent: 50 },
      },
      { username: 'omar', role: 'operator' },
    );
    const stopped = await stepUntilStopped(site, experiments, id);
    expect(stopped).toMatchObject({ status: 'stopped', stopKind: 'srm', isRolledBack: true });
    expect(stopped.stopReason).toMatch(/^Sample ratio mismatch: \d+ control and \d+ variant units/);
    expect(stopped.analysis!.srm!.pValue).toBeLessThan(0.001);
    expect(service(site).split).toBeUndefined();
    expect(
      all(
        site.db,
        sql`SELECT rule FROM pipeline_alerts WHERE rule = 'ExperimentSampleRatioMismatch'`,
      ),
    ).toHaveLength(1);
    expect(audit(site).at(-1)).toMatchObject({
      actor: 'system:experiments',
      action: 'experiment.stop',
      details: { stopKind: 'srm', isRolledBack: true },
    });
  }, 120_000);

  it('refuses a start when a host does not run the control, and a second experiment on the same model', async () => {
    const { experiments } = await experimentSite();
    const wrong = experiments.create({ ...plan('3', 10), control: '2', variant: '3' }, AMAL);
    await expect(experiments.start(wrong.id, AMAL)).rejects.toThrow(
      `Every host must run the control 2 first: ${HOST} runs 1.`,
    );
    const first = experiments.create(plan('2', 10), AMAL);
    await experiments.start(first.id, AMAL);
    const second = experiments.create(plan('3', 10), AMAL);
    await expect(experiments.start(second.id, AMAL)).rejects.toThrow(
      `Another experiment is running on ${MODEL}.`,
    );
  }, 120_000);
});
