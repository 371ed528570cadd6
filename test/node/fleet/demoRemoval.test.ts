// Removing the demo site: an admin stops its real simulated agents and deletes their hosts, cluster and
// telemetry, audited; real hosts and their data stay, the audit chain still verifies, and a demo can be
// started again afterwards.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRaw } from '../store/rawDb.ts';
import { setUpSloSite, steadyTraffic, type SloSite } from '../slo/sloSite.ts';

let site: SloSite;

beforeEach(async () => {
  site = await setUpSloSite();
});
afterEach(() => site.cleanup());

/** Counts rows in the store through a second connection, as an auditor's copy would. */
function count(query: string, ...params: unknown[]): number {
  const db = openRaw(join(site.dataDir, 'mirqab.db'), site.recoveryKey, { readonly: true });
  try {
    return (db.prepare(query).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Resolves once the demo's hosts have sent telemetry the console has committed. */
async function demoTelemetry(): Promise<void> {
  const deadline = Date.now() + 60_000;
  const has = () =>
    count(
      'SELECT count(*) AS n FROM series s JOIN hosts h ON h.id = s.host_id WHERE h.simulated = 1',
    ) > 0;
  while (!has()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for demo telemetry');
    await new Promise<void>((resolve) => {
      const off = site.app.onEvent((event) => {
        if (event !== 'fleet.changed') return;
        off();
        resolve();
      });
    });
  }
}

describe('removing the demo site', () => {
  it('an admin removes its hosts, cluster and telemetry, audited; real hosts stay', async () => {
    const now = site.clock.now().getTime();
    site.writeService('llama-3-8b', 'v7', steadyTraffic(now - 60 * 60_000, now, 100));
    await site.admin.must('fleet.startDemo', { hosts: 2, gpusPerHost: 1 });
    await demoTelemetry();
    const before = await site.admin.must('fleet.list', {});
    const demoIds = before.filter((h) => h.simulated).map((h) => h.id);
    expect(demoIds).toHaveLength(2);

    const operator = await site.operatorWithRole('operator');
    expect(await operator.call('fleet.removeDemo', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(await site.admin.must('fleet.removeDemo', {})).toEqual({ hosts: 2, clusters: 1 });
    const after = await site.admin.must('fleet.list', {});
    expect(after.map((h) => h.name)).toEqual(['infer-1']);
    expect((await site.admin.must('fleet.clusters', {})).map((c) => c.name)).toEqual([
      'Inference pool',
    ]);
    const inDemo = `host_id IN (${demoIds.join(',')})`;
    expect(count(`SELECT count(*) AS n FROM series WHERE ${inDemo}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM agent_events WHERE ${inDemo}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM ingest_log WHERE ${inDemo}`)).toBe(0);
    for (const table of ['series_chunks', 'series_heads', 'rollups_1m', 'rollups_1h'])
      expect(
        count(`SELECT count(*) AS n FROM ${table} WHERE series_id NOT IN (SELECT id FROM series)`),
      ).toBe(0);
    // The real host's telemetry is untouched.
    expect(
      count(
        "SELECT count(*) AS n FROM rollups_1m r JOIN series s ON s.id = r.series_id JOIN hosts h ON h.id = s.host_id WHERE h.name = 'infer-1'",
      ),
    ).toBe(2 * 60);

    const audit = await site.admin.must('audit.list', { action: 'fleet.removeDemo', limit: 5 });
    // The operator's refused attempt is on record too.
    expect(audit.entries.map((e) => [e.actor, e.outcome])).toEqual([
      ['admin', 'success'],
      ['operator', expect.not.stringMatching(/^success$/)],
    ]);
    expect(audit.entries[0]).toMatchObject({ target: 'demo-site' });
    expect(audit.entries[0]!.details).toMatchObject({
      hosts: ['sim-gpu-01', 'sim-gpu-02'],
      clusters: ['Demo GPU cluster (SIMULATED)'],
    });
    // Earlier entries (the demo's enrolments) are kept, and the chain still verifies.
    expect(
      (await site.admin.must('audit.list', { action: 'fleet.enrol', limit: 5 })).entries,
    ).toHaveLength(2);
    expect(await site.admin.must('audit.verify', {})).toMatchObject({ ok: true, firstBad: null });

    expect(await site.admin.call('fleet.removeDemo', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  }, 120_000);

  it('a demo started again after removal enrols fresh hosts and reports telemetry', async () => {
    await site.admin.must('fleet.startDemo', { hosts: 1, gpusPerHost: 1 });
    await demoTelemetry();
    await site.admin.must('fleet.removeDemo', {});
    expect(await site.admin.must('fleet.list', {})).toEqual([]);
    expect(await site.admin.must('fleet.startDemo', { hosts: 1, gpusPerHost: 1 })).toMatchObject({
      hosts: 1,
    });
    await demoTelemetry();
    const hosts = await site.admin.must('fleet.list', {});
    expect(hosts.map((h) => [h.name, h.simulated])).toEqual([['sim-gpu-01', true]]);
  }, 120_000);
});
