// Runbooks over the API of a real console with a real simulated agent (wss + mutual TLS): the library
// (built-ins, versions, imports refused whole), four eyes (the requester is refused as approver), and
// a run that executes exactly what its dry-run showed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DryRun } from '../../../shared/ipc/runbookSchemas.ts';
import { setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

const MODEL = 'llama-3-8b';

const customRunbook = (host: string, version = 1, extra = '') => `apiVersion: mirqab/v1
kind: Runbook
name: llama-rollback
version: ${version}
title: Roll llama back on ${host}
steps:
  - id: confirm
    type: manual
    title: Confirm {{incident.service}} regressed
  - id: roll-back
    type: action
    title: Roll {{incident.service}} back to version 1
    action: rollback_model
    host: ${host}
    params:
      model: "{{incident.service}}"
      version: "1"
${extra}`;

/** Resolves once `probe` returns a value, re-trying on every pushed event (fleet, incidents). */
function waitFor<T>(site: TestSite, probe: () => Promise<T | undefined>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let isDone = false;
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), 30_000);
    const finish = (error: Error | null, value?: T) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      off();
      if (error) reject(error);
      else resolve(value as T);
    };
    const look = () =>
      void probe().then(
        (value) => value !== undefined && finish(null, value),
        (error: unknown) => finish(error as Error),
      );
    const off = site.app.onEvent(() => look());
    look();
  });
}

describe('runbooks over the API', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('ships the six built-in runbooks, keeps every imported version and refuses a bad import whole', async () => {
    const { items } = await site.admin.must('runbooks.list', {});
    expect(items.map((r) => [r.name, r.isBuiltin])).toEqual([
      ['drain-gpu-host', true],
      ['pause-data-pipeline', true],
      ['restart-inference-service', true],
      ['rollback-model', true],
      ['scale-out', true],
      ['suspected-data-breach', true],
    ]);
    const engineer = await site.operatorWithRole('ml_engineer');
    await engineer.must('runbooks.import', { source: customRunbook('gpu-01') });
    const v2 = await engineer.must('runbooks.import', { source: customRunbook('gpu-02', 2) });
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(
      (await engineer.must('runbooks.get', { name: 'llama-rollback', version: 1 })).title,
    ).toBe('Roll llama back on gpu-01');
    expect(await engineer.must('runbooks.export', { name: 'llama-rollback' })).toEqual({
      fileName: 'llama-rollback-v2.yaml',
      source: customRunbook('gpu-02', 2),
    });

    // Two mistakes: both are reported, nothing is stored.
    const bad = customRunbook(
      'gpu-03',
      3,
      '    destructive: false\n  - id: confirm\n    type: manual\n    title: again\n',
    );
    const refused = await engineer.call('runbooks.import', { source: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message.split('\n').slice(1)).toEqual([
      'runbook.yaml:18:5: steps[1].destructive: rollback_model changes what serves traffic, so it always needs a second approver',
      'runbook.yaml:19:5: steps[2].id: "confirm" is already the id of steps[0]',
    ]);
    expect((await engineer.must('runbooks.get', { name: 'llama-rollback' })).version).toBe(2);
    expect(await engineer.must('runbooks.validate', { source: bad })).toMatchObject({
      isValid: false,
      problems: [
        { line: 18, col: 5, field: 'steps[1].destructive' },
        { line: 19, col: 5 },
      ],
    });
    // Built-ins are read-only; versions only go up.
    const builtin = (await engineer.must('runbooks.export', { name: 'scale-out' })).source;
    expect(
      await engineer.call('runbooks.import', {
        source: builtin.replace('version: 1', 'version: 2'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await engineer.call('runbooks.import', { source: customRunbook('gpu-09', 1) }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const operator = await site.operatorWithRole('operator');
    expect(await operator.call('runbooks.import', { source: customRunbook('x', 5) })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    const audit = await site.admin.must('audit.list', { action: 'runbook.import', limit: 50 });
    expect(audit.entries.filter((e) => e.actor === 'ml-engineer')).toHaveLength(2);
  });

  it('an auto rule starts its runbook once on a matching incident; its manual steps still wait for a person', async () => {
    const commander = await site.operatorWithRole('incident_commander');
    await commander.must('runbooks.import', {
      source: `apiVersion: mirqab/v1
kind: Runbook
name: triage-accuracy
version: 1
title: Triage an accuracy drop
steps:
  - id: look
    type: manual
    title: Look at {{incident.service}}'s SLI chart
`,
    });
    await commander.must('runbooks.saveRule', {
      matchKind: 'category',
      matchValue: 'model_accuracy',
      runbook: 'triage-accuracy',
      mode: 'auto',
    });
    const incident = await commander.must('incidents.declare', {
      title: 'llama accuracy dropped',
      impact: 'low',
      urgency: 'low',
      category: 'model_accuracy',
      service: MODEL,
    });
    const { runs } = await waitFor(
      site,
      async () => {
        const found = await commander.must('runbooks.forIncident', { incidentId: incident.id });
        return found.runs.length > 0 ? found : undefined;
      },
      'the automatic run',
    );
    expect(runs).toEqual([
      expect.objectContaining({
        runbook: 'triage-accuracy',
        trigger: 'rule',
        requestedBy: 'system:runbook-automation',
        state: 'running',
      }),
    ]);
    expect(runs[0]!.steps.map((s) => [s.title, s.status])).toEqual([
      [`Look at ${MODEL}'s SLI chart`, 'pending'],
    ]);
    await commander.must('incidents.addNote', { id: incident.id, text: 'looking' });
    expect(
      (await commander.must('runbooks.forIncident', { incidentId: incident.id })).runs,
    ).toHaveLength(1);
  });

  it('four eyes: the operator who started a run cannot approve its destructive step; a second operator can, and exactly the dry-run runs', async () => {
    await site.admin.must('fleet.startDemo', { hosts: 1, gpusPerHost: 1 });
    const host = await waitFor(
      site,
      async () => (await site.admin.must('fleet.list', {})).find((h) => h.state === 'online'),
      'the demo host to come online',
    );
    // A bad version is deployed: the runbook will roll it back.
    const deployed = await site.admin.must('fleet.runAction', {
      hostId: host.id,
      action: 'deploy_model_version',
      params: { model: MODEL, version: '3' },
    });
    expect(deployed.status).toBe('ok');
    const engineer = await site.operatorWithRole('ml_engineer');
    await engineer.must('runbooks.import', { source: customRunbook(host.name) });
    // An ML engineer may approve destructive steps, but not of a run they started.
    const requester: Client = engineer;
    const incident = await requester.must('incidents.declare', {
      title: 'llama answers badly since the deploy',
      impact: 'medium',
      urgency: 'high',
      category: 'model_accuracy',
      service: MODEL,
    });
    const suggested = await requester.must('runbooks.forIncident', { incidentId: incident.id });
    expect(suggested.suggestions).toContainEqual(
      expect.objectContaining({ runbook: 'rollback-model', mode: 'suggest' }),
    );

    const dryRun: DryRun = await waitFor(
      site,
      async () => {
        const plan = await requester.must('runbooks.dryRun', {
          incidentId: incident.id,
          name: 'llama-rollback',
        });
        return plan.canRun ? plan : undefined;
      },
      'the host to declare its actions',
    );
    expect(dryRun.steps.map((s) => [s.type, s.host, s.action, s.params, s.isDestructive])).toEqual([
      ['manual', null, null, {}, false],
      ['action', host.name, 'rollback_model', { model: MODEL, version: '1' }, true],
    ]);
    const viewer = await site.operatorWithRole('viewer');
    const start = {
      incidentId: incident.id,
      name: 'llama-rollback',
      version: 1,
      digest: dryRun.digest,
    };
    expect(await viewer.call('runbooks.start', start)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await requester.call('runbooks.start', { ...start, digest: '0000000000000000' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    let run = await requester.must('runbooks.start', start);
    expect(run.steps.map((s) => s.status)).toEqual(['pending', 'pending']);
    run = await requester.must('runbooks.completeStep', { runId: run.id, stepIndex: 0 });
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'awaiting_approval']);

    const refused = await requester.call('runbooks.approveStep', { runId: run.id, stepIndex: 1 });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'Four eyes: you started this run, so another operator must approve its destructive steps.',
      },
    });
    const commander = await site.operatorWithRole('incident_commander');
    run = await commander.must('runbooks.approveStep', { runId: run.id, stepIndex: 1 });
    expect(run.state).toBe('succeeded');
    const ran = run.steps[1]!;
    expect(ran).toMatchObject({
      status: 'succeeded',
      actor: 'incident-commander',
      approvedBy: 'incident-commander',
      output: expect.stringContaining('rolled back from version 3 to 1') as unknown,
    });
    // Exactly what the dry-run showed ran: the same host, action and parameters, down to the agent.
    const planned = dryRun.steps.map(({ host: h, action, params }) => ({
      host: h,
      action,
      params,
    }));
    expect(run.steps.map(({ host: h, action, params }) => ({ host: h, action, params }))).toEqual(
      planned,
    );
    const fleetAudit = await site.admin.must('audit.list', { action: 'fleet.runAction', limit: 5 });
    expect(fleetAudit.entries[0]).toMatchObject({
      actor: 'incident-commander',
      outcome: 'success',
      details: { action: 'rollback_model', params: planned[1]!.params },
    });

    const audit = await site.admin.must('audit.list', {
      text: `incident:${incident.id}`,
      limit: 50,
    });
    expect(
      audit.entries
        .filter((e) => e.action.startsWith('runbook.'))
        .map((e) => [e.action, e.actor, e.outcome])
        .reverse(),
    ).toEqual([
      ['runbook.run.start', 'ml-engineer', 'success'],
      ['runbook.step.done', 'ml-engineer', 'success'],
      ['runbook.step.request', 'ml-engineer', 'success'],
      ['runbook.step.approve', 'ml-engineer', 'denied'],
      ['runbook.step.approve', 'incident-commander', 'success'],
      ['runbook.step.result', 'incident-commander', 'success'],
      ['runbook.run.finish', 'ml-engineer', 'success'],
    ]);
    const detail = await requester.must('incidents.get', { id: incident.id });
    const result = detail.timeline.find((t) => t.details.runId === run.id && 'output' in t.details);
    expect(result).toMatchObject({
      kind: 'action',
      actor: 'incident-commander',
      details: { status: 'ok', output: ran.output, host: host.name, action: 'rollback_model' },
    });
    expect(await site.admin.must('audit.verify', {})).toMatchObject({ ok: true });
  }, 90_000);
});
