// Walks the whole contract: every channel, every role. The backend refuses what a role may not do
// (and audits the refusal) whatever the UI shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../shared/ipc/contract.ts';
import { ROLES, roleCan, type Role } from '../../../shared/domain/roles.ts';
import { clientOf, setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
const clients = new Map<Role, Client>();

beforeAll(async () => {
  site = await setUpSite();
  for (const role of ROLES)
    clients.set(role, await site.operatorWithRole(role, `op-${role.replace(/_/g, '-')}`));
});
afterAll(() => site.cleanup());

// Inputs that fail validation: a permitted role gets BAD_REQUEST, so nothing changes state.
const INVALID = { __not_a_field__: true };

describe('every non-public channel needs a signed-in session', () => {
  const guarded = CHANNEL_NAMES.filter((name) => channels[name].access !== 'public');
  it.each(guarded)('%s refuses an anonymous caller', async (channel) => {
    const anonymous = clientOf(site.app, 'anonymous');
    const result = await anonymous.call(channel, INVALID as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('each role may use exactly the channels its permissions allow', () => {
  const cases: [ChannelName, Role][] = [];
  for (const channel of CHANNEL_NAMES) {
    const access = channels[channel].access;
    if (access === 'public' || access === 'session') continue;
    for (const role of ROLES) cases.push([channel, role]);
  }

  it("covers the fleet read channels, fleet.gpus (the heatmaps' one call) included, for every role", () => {
    for (const channel of ['fleet.list', 'fleet.host', 'fleet.series', 'fleet.gpus'] as const) {
      expect(channels[channel].access).toBe('fleet.read');
      expect(cases.filter(([c]) => c === channel).map(([, role]) => role)).toEqual([...ROLES]);
    }
  });

  it.each(cases)('%s as %s', async (channel, role) => {
    const access = channels[channel].access;
    if (access === 'public' || access === 'session') throw new Error('unreachable');
    const client = clients.get(role)!;
    const before = (await site.admin.must('audit.list', { limit: 1 })).entries[0]!.seq;
    const result = await client.call(channel, INVALID as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (roleCan(role, access)) {
      expect(result.error.code).toBe('BAD_REQUEST');
    } else {
      expect(result.error.code).toBe('FORBIDDEN');
      const after = await site.admin.must('audit.list', { limit: 5, outcome: 'denied' });
      const refusal = after.entries.find((e) => e.seq > before && e.action === channel);
      expect(refusal, 'the refusal is audited').toMatchObject({
        actor: `op-${role.replace(/_/g, '-')}`,
        role,
        outcome: 'denied',
      });
    }
  });
});

it('validation errors name the field and the rule', async () => {
  const result = await site.admin.call('operators.create', {
    username: 'X!',
    displayName: '',
    role: 'viewer',
    password: 'short',
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('BAD_REQUEST');
  expect(result.error.message).toMatch(/username: .*at least 2|username: use lower-case/);
  expect(result.error.message).toMatch(/password: must be at least 10 characters/);
});

it('an unknown channel is a clear error, not a crash', async () => {
  const result = await site.app.dispatch(site.admin.ctx, 'fleet.selfDestruct', {});
  expect(result).toEqual({
    ok: false,
    error: { code: 'BAD_REQUEST', message: 'Unknown channel "fleet.selfDestruct".' },
  });
});
