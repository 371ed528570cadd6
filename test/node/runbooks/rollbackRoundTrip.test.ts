// The built-in rollback runbook against a real simulated agent over wss + mutual TLS: a bad version is
// deployed, an incident names the model and host, the rollback step runs rollback_model on the agent
// after a second operator approves, and its health gate watches the agent's own readings. The SLI
// recovers and the run goes on; where it cannot recover (the fault is elsewhere), the incident escalates.
import { describe, expect, it } from 'vitest';
import { getIncident, listTimeline } from '../../../main/incidents/incidentRepository.ts';
import { all, sql } from '../../../main/store/sql.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { HOST, MODEL, newest, rollBack, rollbackSite, stepUntilGate } from './rollbackSite.ts';

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
