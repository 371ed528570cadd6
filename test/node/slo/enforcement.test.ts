// Enforcement: a firing page alert proposes the SLO's policy action, an operator decides, and every
// step is audited; a second firing inside the cooldown is suppressed with the reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { EventBus } from '../../../main/core/events.ts';
import { Enforcer } from '../../../main/slo/enforcement.ts';
import { EnforcementPolicySchema } from '../../../shared/domain/slo/sla.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';
import { MINUTE, setUpSloSite, steadyTraffic, type SloSite } from './sloSite.ts';

/** An outage pages the llama SLO, whose policy (approval required) proposes scaling up; resolves with the proposal. */
async function proposedScaleUp(site: SloSite) {
  const now = site.clock.now().getTime();
  // History runs 30 minutes past "now", all of it failing: the SLO sees it once the clock moves on.
  site.writeService(
    'llama-3-8b',
    'v7',
    steadyTraffic(now - 2 * 24 * 60 * MINUTE, now + 31 * MINUTE, 1000, {
      from: now,
      to: now + 31 * MINUTE,
    }),
  );
  await site.admin.must('slo.save', {
    spec: {
      name: 'llama-availability',
      service: { model: 'llama-3-8b' },
      indicator: { type: 'availability', source: { kind: 'canonical' } },
      window: { type: 'rolling', days: 7 },
      objective: 0.999,
    },
  });
  await site.admin.must('slo.setPolicy', {
    name: 'llama-availability',
    policy: {
      hostId: 1,
      action: 'scale_replicas',
      params: { replicas: 4 },
      cooldownMinutes: 30,
      maxPerDay: 3,
    },
  });
  site.clock.advance(10 * MINUTE);
  return site.waitFor(
    async () =>
      (await site.admin.must('slo.get', { name: 'llama-availability' })).actions.find(
        (a) => a.status === 'proposed',
      ),
    'a proposed action',
  );
}

describe('enforcement through the console', () => {
  let site: SloSite;
  beforeEach(async () => {
    site = await setUpSloSite();
  });
  afterEach(() => site.cleanup());

  it('a page alert proposes the policy action; the approval and its outcome are audited and cannot be decided twice', async () => {
    const proposed = await proposedScaleUp(site);
    expect(proposed).toMatchObject({
      hostId: 1,
      action: 'scale_replicas',
      params: { replicas: 4 },
      reason: expect.stringMatching(/page alert #\d+ fired/) as unknown,
    });

    const viewer = await site.operatorWithRole('viewer');
    expect(await viewer.call('slo.decide', { actionId: proposed.id, approve: true })).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    );
    const operator = await site.operatorWithRole('operator');
    // The synthetic host is revoked, so the approved action runs and fails with the fleet's reason.
    const approved = await operator.must('slo.decide', { actionId: proposed.id, approve: true });
    expect(approved).toMatchObject({
      status: 'failed',
      decidedBy: 'operator',
      result: expect.stringContaining('revoked') as unknown,
    });
    expect(
      await operator.call('slo.decide', { actionId: proposed.id, approve: false }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const audit = await site.admin.must('audit.list', { text: 'slo.enforcement', limit: 20 });
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      'slo.enforcement.proposed',
      'slo.enforcement.approved',
      'slo.enforcement.failed',
    ]);
  }, 60_000);

  it('other windows hear of an approval at once, naming the SLO, not at the next evaluation cycle', async () => {
    const proposed = await proposedScaleUp(site);
    // The clock no longer moves, so evaluation cycles from here on name no SLO: only the decision can.
    const named: string[][] = [];
    const off = site.app.onEvent((event, payload) => {
      if (event === 'slo.changed') named.push([...(payload as { names: string[] }).names]);
    });
    const operator = await site.operatorWithRole('operator');
    const approved = await operator.must('slo.decide', { actionId: proposed.id, approve: true });
    off();
    expect(approved.status).toBe('failed');
    // One event when the approval is recorded, one when the action's result arrives.
    expect(
      named.filter((names) => names.includes('llama-availability')).length,
    ).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe('enforcement limits', () => {
  let db: WritableDb;
  beforeEach(() => {
    db = newEncryptedDb(tempDir());
    migrate(db);
    db.exec(`INSERT INTO clusters (name, kind, created_at) VALUES ('pool', 'cpu_pool', 'x');
      INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at) VALUES ('a', 'h', '127.0.0.1:1', 1, 'f', 'x');`);
    const alert =
      db.prepare(`INSERT INTO alerts (fingerprint, slo_name, severity, state, summary, long_minutes, short_minutes, threshold,
      burn_rate_long, burn_rate_short, peak_burn_rate, started_at, updated_at) VALUES (?, 'slo-a', 'page', 'resolved', 's', 60, 5, 14.4, 20, 20, 20, 0, 0)`);
    for (let i = 1; i <= 5; i++) alert.run(`fp-${i}`);
  });
  afterEach(() => db.close());

  it('suppresses a second action inside the cooldown, and one past the daily maximum, saying why', () => {
    let now = Date.parse('2026-11-26T06:00:00.000Z');
    const ran: string[] = [];
    const enforcer = new Enforcer({
      store: () => db,
      runAction: (request) => {
        ran.push(request.action);
        return Promise.resolve({
          commandId: 'c',
          status: 'ok',
          exitCode: 0,
          output: '',
          durationMs: 1,
          reason: null,
        });
      },
      clock: { now: () => new Date(now) },
      events: new EventBus(),
    });
    const policy = EnforcementPolicySchema.parse({
      hostId: 1,
      action: 'failover',
      requiresApproval: false,
      cooldownMinutes: 30,
      maxPerDay: 2,
    });
    expect(enforcer.onFiring('slo-a', 1, 'page', policy)?.status).toBe('approved');
    now += 10 * MINUTE;
    expect(enforcer.onFiring('slo-a', 2, 'page', policy)).toMatchObject({
      status: 'suppressed',
      reason: expect.stringContaining('cooldown is 30 min') as unknown,
    });
    now += 40 * MINUTE;
    expect(enforcer.onFiring('slo-a', 3, 'page', policy)?.status).toBe('approved');
    now += 40 * MINUTE;
    expect(enforcer.onFiring('slo-a', 4, 'page', policy)).toMatchObject({
      status: 'suppressed',
      reason: expect.stringContaining('2 action(s) a day') as unknown,
    });
    expect(enforcer.onFiring('slo-a', 5, 'ticket', policy)).toBeNull(); // the policy acts on pages only
    expect(ran).toEqual(['failover', 'failover']);
  });

  it('announces a decision the moment it is recorded, and the result of the action when it arrives, naming the SLO', async () => {
    const events = new EventBus();
    const named: string[][] = [];
    const resultAnnounced = new Promise<void>((resolve) => {
      events.on((event, payload) => {
        if (event !== 'slo.changed') return;
        named.push([...(payload as { names: string[] }).names]);
        if (named.length === 2) resolve();
      });
    });
    const enforcer = new Enforcer({
      store: () => db,
      runAction: () =>
        Promise.resolve({
          commandId: 'c',
          status: 'ok',
          exitCode: 0,
          output: 'scaled',
          durationMs: 1,
          reason: null,
        }),
      clock: { now: () => new Date('2026-11-26T06:00:00.000Z') },
      events,
    });
    const policy = EnforcementPolicySchema.parse({
      hostId: 1,
      action: 'failover',
      requiresApproval: false,
      cooldownMinutes: 30,
      maxPerDay: 2,
    });
    expect(enforcer.onFiring('slo-a', 1, 'page', policy)?.status).toBe('approved');
    expect(named).toEqual([['slo-a']]);
    await resultAnnounced;
    expect(named).toEqual([['slo-a'], ['slo-a']]);
  });
});
