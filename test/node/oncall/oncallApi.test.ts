// The on-call and escalation channels through the real console: who may read and edit, the
// messages an operator gets for a bad rota, overrides, the calendar, and the escalator at work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import type { ConsoleApp } from '../../../main/api/types.ts';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import {
  ADMIN_PASSWORD,
  clientOf,
  PASSPHRASE,
  signedInOperator,
  TEST_KDF,
  TestClock,
  type Client,
} from '../../helpers/console.ts';

let dataDir: string;
let app: ConsoleApp;
let admin: Client;
let commander: Client;
let viewer: Client;

const weekly = (participants: string[]) => ({
  participants,
  turn: { unit: 'week' as const, count: 1 },
  handoffTime: '09:00',
  startDate: '2026-11-23', // a Monday; the console's clock reads Thursday 26 November, 10:00 Dubai
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ['mon', 'tue', 'wed', 'thu', 'fri'],
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mirqab-oncall-'));
  // The escalator looks every 100 ms, so a test sees it page within its own time.
  app = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'test',
    clock: new TestClock(),
    logger: silentLogger,
    kdf: TEST_KDF,
    escalateEveryMs: 100,
  });
  await clientOf(app, 'setup').must('setup.create', {
    siteName: 'Abu Dhabi DC1',
    timeZone: 'Asia/Dubai',
    passphrase: PASSPHRASE,
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  commander = await signedInOperator(app, admin, 'incident_commander', 'omar');
  viewer = await signedInOperator(app, admin, 'viewer', 'vera');
  for (const username of ['amal', 'bilal', 'chen'])
    await signedInOperator(app, admin, 'operator', username);
}, 60_000);
afterAll(() => {
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function errorOf<C extends Parameters<Client['call']>[0]>(
  client: Client,
  channel: C,
  input: ChannelInput<C>,
) {
  const result = await client.call(channel, input);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}

describe('schedules', () => {
  it('an incident commander builds a rota; a viewer sees who is on call but may not edit it', async () => {
    const saved = await commander.must('oncall.saveSchedule', {
      spec: { name: 'Platform L1', layers: [weekly(['amal', 'bilal'])] },
    });
    expect(saved.layers[0]?.participants).toEqual(['amal', 'bilal']);

    const who = await viewer.must('oncall.who', {});
    expect(who.timeZone).toBe('Asia/Dubai');
    expect(who.schedules).toEqual([
      {
        scheduleId: saved.id,
        scheduleName: 'Platform L1',
        onCall: {
          username: 'amal',
          source: 'rotation',
          layer: 0,
          overrideId: null,
          since: '2026-11-23T05:00:00.000Z',
          until: '2026-11-28T05:00:00.000Z', // Saturday 09:00: the weekend is not covered
        },
        next: { username: 'bilal', at: '2026-11-30T05:00:00.000Z' },
      },
    ]);
    const refused = await errorOf(viewer, 'oncall.saveSchedule', {
      spec: { name: 'Mine', layers: [weekly(['vera'])] },
    });
    expect(refused.code).toBe('FORBIDDEN');
    const audit = await admin.must('audit.list', { action: 'oncall.schedule.create', limit: 10 });
    expect(audit.entries.map((e) => [e.actor, e.target])).toEqual([
      ['omar', `oncall-schedule:${saved.id}`],
    ]);
  });

  it('refuses an unknown operator, an empty rotation and a second schedule of the same name, saying why', async () => {
    const unknown = await errorOf(commander, 'oncall.saveSchedule', {
      spec: { name: 'ML', layers: [weekly(['amal', 'zaid'])] },
    });
    expect(unknown).toEqual({
      code: 'BAD_REQUEST',
      message:
        'Rotation 1: there is no operator named "zaid". Create the operator in Settings first.',
    });
    const empty = await errorOf(commander, 'oncall.saveSchedule', {
      spec: { name: 'ML', layers: [weekly([])] },
    });
    expect(empty.message).toBe(
      'spec.layers.0.participants: a rotation needs at least one participant',
    );
    const twice = await errorOf(commander, 'oncall.saveSchedule', {
      spec: { name: 'Platform L1', layers: [weekly(['chen'])] },
    });
    expect(twice).toEqual({
      code: 'CONFLICT',
      message: 'An on-call schedule named "Platform L1" already exists.',
    });
  });

  it('overrides may overlap (the latest wins) but one that ends before it starts is refused', async () => {
    const [schedule] = await commander.must('oncall.schedules', {});
    const backwards = await errorOf(commander, 'oncall.addOverride', {
      scheduleId: schedule!.id,
      username: 'chen',
      startsAt: '2026-11-26T12:00:00+04:00',
      endsAt: '2026-11-26T08:00:00+04:00',
    });
    expect(backwards).toEqual({
      code: 'BAD_REQUEST',
      message:
        'An override must end after it starts: it starts at 2026-11-26T08:00:00.000Z and ends at 2026-11-26T04:00:00.000Z.',
    });
    await commander.must('oncall.addOverride', {
      scheduleId: schedule!.id,
      username: 'chen',
      startsAt: '2026-11-26T08:00:00+04:00',
      endsAt: '2026-11-26T18:00:00+04:00',
      reason: 'amal on leave',
    });
    const second = await commander.must('oncall.addOverride', {
      scheduleId: schedule!.id,
      username: 'bilal',
      startsAt: '2026-11-26T09:30:00+04:00',
      endsAt: '2026-11-26T11:00:00+04:00',
    });
    expect((await viewer.must('oncall.who', {})).schedules[0]?.onCall?.username).toBe('bilal');

    await commander.must('oncall.removeOverride', { id: second.overrides.at(-1)!.id });
    const who = await viewer.must('oncall.who', {});
    expect(who.schedules[0]?.onCall).toMatchObject({ username: 'chen', source: 'override' });
    expect(
      (await viewer.must('oncall.who', { at: '2026-11-26T19:00:00+04:00' })).schedules[0]?.onCall
        ?.username,
    ).toBe('amal');
    const audit = await admin.must('audit.list', { text: 'oncall.override', limit: 10 });
    expect(audit.entries.map((e) => e.action)).toEqual([
      'oncall.override.remove',
      'oncall.override.add',
      'oncall.override.add',
    ]);
  });

  it('gives the calendar a week of shifts in the site zone and refuses more than 62 days', async () => {
    const week = await viewer.must('oncall.shifts', {
      from: '2026-11-23T00:00:00+04:00',
      to: '2026-11-30T00:00:00+04:00',
    });
    expect(
      week.schedules[0]?.shifts.map((s) => [s.username, s.startsAt, s.endsAt, s.source]),
    ).toEqual([
      ['amal', '2026-11-23T05:00:00.000Z', '2026-11-26T04:00:00.000Z', 'rotation'],
      ['chen', '2026-11-26T04:00:00.000Z', '2026-11-26T14:00:00.000Z', 'override'],
      ['amal', '2026-11-26T14:00:00.000Z', '2026-11-28T05:00:00.000Z', 'rotation'],
    ]);
    const tooLong = await errorOf(viewer, 'oncall.shifts', {
      from: '2026-01-01T00:00:00Z',
      to: '2026-06-01T00:00:00Z',
    });
    expect(tooLong.message).toBe('The calendar shows at most 62 days at a time.');
  });
});

describe('escalation policies', () => {
  it('checks every tier, keeps one default, and protects a schedule a policy pages', async () => {
    const [schedule] = await viewer.must('oncall.schedules', {});
    const tier = (scheduleId: number) => ({
      kind: 'first_line' as const,
      targets: [{ type: 'schedule' as const, scheduleId }],
      timeoutMinutes: 15,
    });
    const missing = await errorOf(commander, 'escalation.savePolicy', {
      spec: { name: 'Critical', priorities: ['P1'], tiers: [tier(999)] },
    });
    expect(missing.message).toBe('Tier 1: there is no on-call schedule #999.');
    const policy = await commander.must('escalation.savePolicy', {
      spec: {
        name: 'Critical',
        isDefault: true,
        priorities: ['P1', 'P2'],
        tiers: [tier(schedule!.id)],
      },
    });
    expect(policy).toMatchObject({
      name: 'Critical',
      isDefault: true,
      repeat: 0,
      updatedBy: 'omar',
    });
    const second = await errorOf(commander, 'escalation.savePolicy', {
      spec: {
        name: 'Also default',
        isDefault: true,
        priorities: ['P3'],
        tiers: [tier(schedule!.id)],
      },
    });
    expect(second.code).toBe('CONFLICT');
    const inUse = await errorOf(commander, 'oncall.deleteSchedule', { id: schedule!.id });
    expect(inUse.message).toBe(
      'The schedule "Platform L1" is paged by the escalation policy "Critical": take it out of their tiers first.',
    );
    expect((await viewer.must('oncall.schedules', {}))[0]?.usedBy).toEqual([
      { id: policy.id, name: 'Critical' },
    ]);
    expect((await errorOf(viewer, 'escalation.deletePolicy', { id: policy.id })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('the console escalates a declared P1 incident on its own, paging whoever is on call', async () => {
    const paged = new Promise<unknown>((resolve) => {
      const stop = app.onEvent((event, payload) => {
        if (event !== 'incidents.paged') return;
        stop();
        resolve(payload);
      });
    });
    const incident = await commander.must('incidents.declare', {
      title: 'OCR model returns empty text',
      impact: 'high',
      urgency: 'high',
      category: 'model_accuracy',
    });
    // Nobody acknowledges, so the escalator's next look pages the on-call (chen, by override).
    await expect(paged).resolves.toMatchObject({
      incidentId: incident.id,
      priority: 'P1',
      usernames: ['chen'],
      tier: 1,
    });
  });
});
