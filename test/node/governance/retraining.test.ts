// Retraining triggers and change records over a real agent and the real encrypted store: a model's
// accuracy falls below its rule's target, a retraining request with its evidence goes to the site's
// pipeline (a real HTTPS server trusting only the site's CA, then a drop folder), the new version the
// agent reports closes the request and opens a change record, and four eyes decide it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../main/audit/index.ts';
import { EventBus } from '../../../main/core/events.ts';
import { createGovernance } from '../../../main/governance/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { ModelVersionService } from '../../../main/models/service.ts';
import { all, sql } from '../../../main/store/sql.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { startSimulatedSite } from '../alertSources/simulatedSite.ts';
import { startPipelineServer } from './pipelineServer.ts';

const MODEL = 'llama-3-8b';
const HOST = 'sim-gpu-01';
const AMAL = { username: 'amal', role: 'ml_engineer' };
const OMAR = { username: 'omar', role: 'ml_engineer' };

async function governedSite() {
  const site = await startSimulatedSite();
  const events = new EventBus();
  new ModelVersionService({
    store: () => site.db,
    events,
    clock: site.clock,
    logger: silentLogger,
    fleet: site.fleet,
  });
  const governance = createGovernance({
    store: () => site.db,
    isReady: () => true,
    clock: site.clock,
    events,
    logger: silentLogger,
    fleet: site.fleet,
    siteName: () => 'Abu Dhabi DC1',
    sloSummaries: () => [],
  });
  for (let i = 0; i < 12; i++) await site.step(false); // three minutes of readings on version 1
  return { site, ...governance };
}

const auditActions = (db: Parameters<typeof verifyAuditLog>[0]) =>
  all<{ action: string; actor: string; details: string }>(
    db,
    sql`SELECT action, actor, details FROM audit_log ORDER BY seq`,
  );

describe('retraining triggers and change records', () => {
  it('accuracy below target files a request with evidence, delivered by HTTPS with the site CA and by file drop; the new version closes it into a four-eyes change record', async () => {
    const { site, triggers, changes } = await governedSite();
    const pipeline = await startPipelineServer();
    const other = await startPipelineServer();

    triggers.saveRule(
      null,
      {
        name: 'Accuracy under 99.9 %',
        model: MODEL,
        condition: {
          kind: 'accuracy_below',
          signal: 'model_accuracy_ratio',
          target: 0.999,
          windowMinutes: 5,
          minReadings: 3,
        },
        cooldownMinutes: 60,
        isEnabled: true,
      },
      AMAL,
    );
    triggers.saveRule(
      null,
      {
        name: 'Accuracy under 10 %',
        model: MODEL,
        condition: {
          kind: 'accuracy_below',
          signal: 'model_accuracy_ratio',
          target: 0.1,
          windowMinutes: 5,
          minReadings: 3,
        },
        cooldownMinutes: 60,
        isEnabled: true,
      },
      AMAL,
    );

    // A pipeline whose certificate the site's CA did not issue is refused, with the reason kept.
    triggers.setPipeline({ kind: 'webhook', url: pipeline.url, caPem: other.caPem }, AMAL);
    const [filed, ...more] = triggers.evaluate();
    expect(more).toEqual([]);
    await triggers.deliver();
    let request = triggers.request(filed!);
    expect(request).toMatchObject({
      status: 'failed',
      ruleName: 'Accuracy under 99.9 %',
      versions: ['1'],
    });
    expect(request.lastError).toMatch(/certificate/i);
    expect(pipeline.posts).toEqual([]);

    // With the site's CA it goes through; the evidence carries the readings and the hashed window.
    triggers.setPipeline({ kind: 'webhook', url: pipeline.url, caPem: pipeline.caPem }, AMAL);
    await triggers.deliver();
    request = triggers.request(filed!);
    expect(request).toMatchObject({ status: 'delivered', deliveredTo: pipeline.url, attempts: 2 });
    expect(pipeline.posts).toHaveLength(1);
    expect(pipeline.posts[0]!.headers['idempotency-key']).toBe(`mirqab-retraining-${filed}`);
    const sent = JSON.parse(pipeline.posts[0]!.body) as Record<string, unknown>;
    expect(sent).toMatchObject({
      type: 'mirqab.retraining_request',
      id: filed,
      model: MODEL,
      runningVersions: ['1'],
      evidence: { signal: 'model_accuracy_ratio', values: { target: 0.999 } },
    });
    const evidence = request.evidence;
    expect(evidence.summary).toMatch(
      /model_accuracy_ratio averaged 0\.\d+ over 5 min, below the target 0\.999/,
    );
    expect(evidence.series.map((s) => s.host)).toEqual([HOST]);
    expect(evidence.series[0]!.points.length).toBeGreaterThanOrEqual(3);
    expect(evidence.windows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The rule's own request is still open: it does not fire again.
    expect(triggers.evaluate()).toEqual([]);

    // File drop: a second rule's request lands whole in the folder the pipeline watches.
    const dropDir = join(tempDir('mirqab-drop-'), 'incoming');
    triggers.setPipeline({ kind: 'file_drop', directory: dropDir }, AMAL);
    const ruleTwo = triggers.saveRule(
      null,
      {
        name: 'Accuracy under 99.95 %',
        model: MODEL,
        condition: {
          kind: 'accuracy_below',
          signal: 'model_accuracy_ratio',
          target: 0.9995,
          windowMinutes: 5,
          minReadings: 3,
        },
        cooldownMinutes: 60,
        isEnabled: true,
      },
      OMAR,
    );
    const [dropped] = triggers.evaluate();
    await triggers.deliver();
    expect(readdirSync(dropDir)).toEqual([`mirqab-retraining-${dropped}.json`]);
    const file = JSON.parse(
      readFileSync(join(dropDir, `mirqab-retraining-${dropped}.json`), 'utf8'),
    ) as unknown;
    expect(file).toMatchObject({ id: dropped, model: MODEL, rule: ruleTwo.name });
    expect(triggers.request(dropped!).status).toBe('delivered');

    // The pipeline's retrained model arrives as version 2 on the host: the agent reports it.
    const hostId = site.hostIds.get(HOST)!;
    expect(
      await site.fleet.runAction(
        { hostId, action: 'deploy_model_version', params: { model: MODEL, version: '2' } },
        OMAR,
      ),
    ).toMatchObject({ status: 'ok' });
    for (let i = 0; i < 2; i++) await site.step(false); // the new version's first telemetry
    const closed = triggers.request(filed!);
    expect(closed).toMatchObject({ status: 'closed', newVersion: '2' });
    expect(triggers.request(dropped!)).toMatchObject({ status: 'closed', newVersion: '2' });

    const promotion = changes.get(closed.changeId!);
    expect(promotion).toMatchObject({
      model: MODEL,
      kind: 'promote_retrained',
      source: 'retraining',
      fromVersion: '1',
      toVersion: '2',
      requestedBy: 'amal',
      approval: 'pending',
      outcome: 'pending',
      requestId: filed,
    });
    expect(promotion.evidence?.summary).toBe(evidence.summary);
    expect(promotion.reproducibility.dataWindows).toEqual(evidence.windows);
    // Digests as the agent reports them, for the version before and the version after.
    expect(promotion.reproducibility.fromDigests.model).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(promotion.reproducibility.toDigests.model).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(promotion.reproducibility.toDigests.model).not.toBe(
      promotion.reproducibility.fromDigests.model,
    );

    // The deploy itself, run from the host's actions, is a change too: recorded after the fact, for review.
    const deploy = changes.list().find((c) => c.kind === 'deploy')!;
    expect(deploy).toMatchObject({
      source: 'agent_action',
      requestedBy: 'omar',
      isRetrospective: true,
      outcome: 'applied',
      fromVersion: '1',
      toVersion: '2',
    });

    // Four eyes: the requester may not approve; another ML engineer does.
    expect(() => changes.decide(promotion.id, 'approved', 'Looks fine', AMAL)).toThrow(/Four eyes/);
    expect(() => changes.decide(deploy.id, 'approved', 'Mine', OMAR)).toThrow(/Four eyes/);
    const approved = changes.decide(promotion.id, 'approved', 'Holdout accuracy 0.93', OMAR);
    expect(approved).toMatchObject({ approval: 'approved', decidedBy: 'omar', outcome: 'applied' });
    expect(approved.outcomeDetail).toBe(`2 running on ${HOST}`);
    expect(() => changes.decide(promotion.id, 'rejected', 'Too late', AMAL)).toThrow(
      /already approved/,
    );

    // Every step is in the hash-chained audit log, which still verifies; the record's digest is there.
    const actions = auditActions(site.db);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'retraining.createRule',
        'retraining.setPipeline',
        'retraining.request',
        'retraining.deliver',
        'retraining.close',
        'changes.request',
        'changes.observe',
        'changes.approve',
        'changes.outcome',
      ]),
    );
    const logged = actions.find((a) => a.action === 'changes.request')!;
    expect(JSON.parse(logged.details)).toMatchObject({ digest: promotion.digest });
    expect(verifyAuditLog(site.db, site.clock.now()).ok).toBe(true);
    expect(existsSync(join(dropDir, `.mirqab-retraining-${dropped}.json.partial`))).toBe(false);
  });

  it('a change asked for ahead of time (shipping a variant) waits for another person, then records its outcome', async () => {
    const { changes } = await governedSite();
    const asked = changes.propose(
      {
        model: MODEL,
        kind: 'ship_variant',
        fromVersion: '1',
        toVersion: '2',
        config: { experiment: 'exp-7', split: '50/50' },
        reason: 'Variant wins on accuracy with no guardrail breach',
        requestId: null,
        source: 'experiment',
      },
      AMAL,
    );
    expect(asked).toMatchObject({ approval: 'pending', outcome: 'pending', source: 'experiment' });
    expect(asked.reproducibility.fromDigests.code).toMatch(/^sha256:/);
    expect(() => changes.recordOutcome(asked.id, 'applied', 'Routed 100 %', AMAL)).toThrow(
      /not approved/,
    );
    expect(() => changes.decide(asked.id, 'approved', 'ok', AMAL)).toThrow(/Four eyes/);
    const rejected = changes.decide(asked.id, 'rejected', 'Run one more week', OMAR);
    expect(rejected).toMatchObject({
      approval: 'rejected',
      outcome: 'cancelled',
      decisionReason: 'Run one more week',
    });
    // Only those who own models approve changes; operators and viewers cannot.
    expect(roleCan('ml_engineer', 'changes.approve')).toBe(true);
    expect(roleCan('operator', 'changes.approve')).toBe(false);
    expect(roleCan('auditor', 'changes.request')).toBe(false);
  });
});
