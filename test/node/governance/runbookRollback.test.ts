// A rollback run by the built-in runbook is a change to a model in production too: the change record
// names the runbook run and its incident, the versions and both digests, and waits for review by
// someone other than the operator who ran it (four eyes, after the fact). The deploy before it, run
// from the host's actions, is its own record.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import { createGovernance, type Governance } from '../../../main/governance/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { ModelVersionService } from '../../../main/models/service.ts';
import {
  COMMANDER,
  ENGINEER,
  HOST,
  MODEL,
  rollBack,
  rollbackSite,
} from '../runbooks/rollbackSite.ts';

describe('a runbook rollback makes a change record', () => {
  it('records the rollback as the runbook’s, for review by someone else', async () => {
    let governance: Governance | null = null;
    const { site, runbooks, incidentId } = await rollbackSite((site) => {
      const events = new EventBus();
      new ModelVersionService({
        store: () => site.db,
        events,
        clock: site.clock,
        logger: silentLogger,
        fleet: site.fleet,
      });
      governance = createGovernance({
        store: () => site.db,
        isReady: () => true,
        clock: site.clock,
        events,
        logger: silentLogger,
        fleet: site.fleet,
        siteName: () => 'Abu Dhabi DC1',
        sloSummaries: () => [],
      });
    });
    const run = await rollBack(runbooks, incidentId);
    const { changes } = governance!;
    const [rollback, deploy] = changes.list();
    expect(deploy).toMatchObject({
      kind: 'deploy',
      source: 'agent_action',
      fromVersion: null, // deployed before any reading named the version it replaced
      toVersion: '3',
      requestedBy: ENGINEER.username,
    });
    expect(rollback).toMatchObject({
      model: MODEL,
      kind: 'rollback',
      source: 'runbook',
      fromVersion: '3',
      toVersion: '1',
      config: { host: HOST, runbookRun: run.id, incident: incidentId },
      requestedBy: COMMANDER.username,
      isRetrospective: true,
      approval: 'pending',
      outcome: 'applied',
    });
    expect(rollback!.reason).toBe(
      `Rolled back on ${HOST} by ${COMMANDER.username}, runbook run #${run.id} for incident #${incidentId}`,
    );
    expect(rollback!.reproducibility.fromDigests.model).toMatch(/^sha256:/);
    // Version 1 had not reported its digests yet: its first readings after the rollback fill them in.
    expect(rollback!.reproducibility.toDigests).toEqual({ model: null, code: null });
    await site.step(false);
    expect(changes.get(rollback!.id).reproducibility.toDigests.model).toMatch(/^sha256:/);
    expect(() => changes.decide(rollback!.id, 'approved', 'mine', COMMANDER)).toThrow(/Four eyes/);
    expect(changes.decide(rollback!.id, 'approved', 'Right call', ENGINEER)).toMatchObject({
      approval: 'approved',
      decidedBy: ENGINEER.username,
    });
  }, 120_000);
});
