// Model versions through the console's API with the demo site's real agents: who may read and mark
// versions, what is refused and why, the audit trail, and a bad deploy on the demo site (the
// bad_model_deploy fault an operator injects from the Fleet page) reaching the version history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelVersionsDetail } from '../../../shared/ipc/modelSchemas.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';

const MODEL = 'llama-3-8b';

/** The model's versions once `holds` is true of them, looked at again on every pushed event. */
function versionsWhen(
  site: TestSite,
  holds: (detail: ModelVersionsDetail) => boolean,
  what: string,
): Promise<ModelVersionsDetail> {
  return new Promise((resolve, reject) => {
    let looking = false;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, 30_000);
    const look = async () => {
      if (looking) return;
      looking = true;
      const result = await site.admin.call('models.versions', { model: MODEL });
      looking = false;
      if (!result.ok || !holds(result.value)) return;
      clearTimeout(timer);
      off();
      resolve(result.value);
    };
    const off = site.app.onEvent((event) => {
      if (event === 'models.changed' || event === 'fleet.changed') void look();
    });
    void look();
  });
}

describe('model versions through the API', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('everyone reads versions; ML engineers mark them (audited); a bad deploy on the demo site shows in the history', async () => {
    expect(await site.admin.call('models.versions', { model: MODEL })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `No host has reported a version of model "${MODEL}".` },
    });
    await site.admin.must('fleet.startDemo', { hosts: 1, gpusPerHost: 1 });
    const first = await versionsWhen(site, (d) => d.current.length > 0, 'version 1 to be reported');
    expect(first.current).toEqual([
      expect.objectContaining({ hostName: 'sim-gpu-01', version: '1' }),
    ]);
    expect(first.policy).toEqual({ soakMinutes: 60, suspectWindowMinutes: 60 });

    const viewer = await site.operatorWithRole('viewer');
    expect((await viewer.must('models.list', {})).items.map((m) => m.model).sort()).toEqual([
      'gpt2-small',
      MODEL,
    ]);
    const operator = await site.operatorWithRole('operator');
    for (const who of [viewer, operator]) {
      const refused = await who.call('models.markSuspect', {
        model: MODEL,
        version: '1',
        reason: 'looks off',
      });
      expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    }
    const engineer = await site.operatorWithRole('ml_engineer');
    const blank = await engineer.call('models.markGood', {
      model: MODEL,
      version: '1',
      reason: ' ',
    });
    expect(blank.ok ? null : blank.error.code).toBe('BAD_REQUEST');
    expect(
      await engineer.call('models.markGood', { model: MODEL, version: '9', reason: 'Soaked' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `The console has not seen version "9" of model "${MODEL}".`,
      },
    });
    await engineer.must('models.markGood', {
      model: MODEL,
      version: '1',
      reason: 'Soaked a week in staging',
    });

    // The operator breaks the demo site: a bad version is deployed on its host.
    site.clock.advance(5000);
    await site.admin.must('fleet.demoFault', {
      kind: 'bad_model_deploy',
      target: { host: 'sim-gpu-01', model: MODEL },
      durationSeconds: 600,
    });
    site.clock.advance(5000);
    const after = await versionsWhen(
      site,
      (d) => d.current.some((c) => c.version === '3'),
      'version 3 to be reported',
    );
    expect(after.current.map((c) => c.version)).toEqual(['3']);
    expect(after.lastKnownGood).toEqual({ version: '1', since: expect.any(String) as string });
    expect(after.history.map((c) => [c.kind, c.fromVersion, c.version, c.source, c.actor])).toEqual(
      [
        ['deployed', '1', '3', 'agent', null],
        ['marked_good', null, '1', 'operator', 'ml-engineer'],
        ['reported', null, '1', 'agent', null],
      ],
    );
    await engineer.must('models.markSuspect', {
      model: MODEL,
      version: '3',
      reason: 'Accuracy fell right after it went out',
    });
    expect(
      await engineer.must('models.setPolicy', { soakMinutes: 30, suspectWindowMinutes: 120 }),
    ).toEqual({ soakMinutes: 30, suspectWindowMinutes: 120 });

    const audit = await site.admin.must('audit.list', { text: 'models.', limit: 10 });
    expect(audit.entries.map((e) => [e.action, e.actor, e.outcome]).reverse()).toEqual([
      ['models.markSuspect', 'viewer', 'denied'],
      ['models.markSuspect', 'operator', 'denied'],
      ['models.markGood', 'ml-engineer', 'success'],
      ['models.markSuspect', 'ml-engineer', 'success'],
      ['models.setPolicy', 'ml-engineer', 'success'],
    ]);
  }, 60_000);
});
