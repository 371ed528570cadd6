// The Audit view refreshes for every entry, not only those an API call writes: here, a spool gap
// reported by an agent, written by ingest with no call in flight.
import { expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract.ts';
import { eachTestEnrolsFakeAgent } from '../fleet/enrolledFakeAgent.ts';
import { samplesAt } from '../fleet/fakeAgentPeer.ts';

const T0 = Date.parse('2026-11-26T05:00:00.000Z');

const fixture = eachTestEnrolsFakeAgent();

it('an audit entry written by ingest reaches a signed-in client as audit.changed', async () => {
  const { site, agent } = fixture;
  const seen: EventPayload<'audit.changed'>[] = [];
  let onSeen = () => {};
  site.app.onEvent((event, payload, audience) => {
    if (event !== 'audit.changed' || !site.app.canReceive(site.admin.ctx.sessionToken, audience))
      return;
    seen.push(payload as EventPayload<'audit.changed'>);
    onSeen();
  });

  const gap = {
    kind: 'gap' as const,
    severity: 'warning' as const,
    message: 'spool full: dropped 2 batches',
    tsMs: T0,
    details: { fromSeq: 1, toSeq: 2, batches: 2 },
  };
  agent.sendRaw({
    type: 'telemetry',
    epoch: 'e-gap',
    seq: 3,
    samples: samplesAt(T0, { host_load1: 1 }),
    events: [gap],
  });
  await agent.waitFor(() => agent.acks.some((a) => a.epoch === 'e-gap'), 'the ack');
  const [entry] = site.query<{ seq: number }>(
    "SELECT seq FROM audit_log WHERE action = 'fleet.gap'",
  );
  expect(entry).toBeDefined();

  const announced = () => seen.some((p) => p.seq >= entry!.seq);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`no audit.changed for seq ${entry!.seq}; saw ${JSON.stringify(seen)}`)),
      10_000,
    );
    onSeen = () => {
      if (!announced()) return;
      clearTimeout(timer);
      resolve();
    };
    onSeen();
  });
});
