// An action's result reaches the console even when the link drops mid-action: the real agent keeps
// it on disk, resends it after the console reconnects through a TCP fault proxy, and the real
// console records it exactly once, in the command's audit trail and on the host's timeline.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { readPin } from '../../../agent/identity.ts';
import { startFaultProxy, type FaultProxy } from '../../helpers/faultProxy.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { startTestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';

let site: FleetSite | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  site?.cleanup();
  await proxy?.close();
});

it('a result produced while the console is disconnected arrives after the reconnect and is recorded exactly once', async () => {
  site = await setUpFleetSite();
  const s = site;
  const dir = tempDir('mirqab-agent-');
  const fifo = join(dir, 'rollback.fifo');
  execFileSync('mkfifo', [fifo]);
  // The rollback blocks until the test writes to the FIFO, so it finishes exactly while the link is down.
  const t = await startTestAgent({
    dir,
    yaml: `actions:\n  - { name: finish_rollback, command: [/bin/sh, -c, 'read v < "$0"; echo "rolled back to $v"', ${fifo}], timeoutMs: 30000 }\n  - { name: report_ok, command: [/bin/echo, ok] }`,
  });
  proxy = await startFaultProxy({ port: t.agent.port });
  const p = proxy;
  const host = await s.admin.must('fleet.enrol', {
    address: p.address,
    pairingCode: t.pairingCode,
    name: 'gpu-node-01',
    clusterId: s.clusterId,
  });
  const waitState = (ok: (state: string) => boolean, what: string) =>
    s.waitForHosts((hosts) => ok(hosts.find((h) => h.id === host.id)?.state ?? ''), what);
  const waitKept = (n: number, what: string) =>
    vi.waitFor(() => expect(t.agent.results.size, what).toBe(n), { timeout: 10_000, interval: 20 });
  await waitState((state) => state === 'online', 'the host online');
  const operator = await s.operatorWithRole('operator');

  // An ordinary run: the console acks the result once it is audited, so the agent keeps nothing.
  expect(
    await operator.must('fleet.runAction', { hostId: host.id, action: 'report_ok', params: {} }),
  ).toMatchObject({ status: 'ok', output: 'ok\n' });
  await waitKept(0, 'the result acked after the audit');

  const pending = operator.call('fleet.runAction', {
    hostId: host.id,
    action: 'finish_rollback',
    params: {},
  });
  await vi.waitFor(
    () =>
      expect(
        t.logs.records.some(
          (r) => r.message === 'action started' && r.fields.action === 'finish_rollback',
        ),
      ).toBe(true),
    { timeout: 5000, interval: 20 },
  );
  p.drop();
  const lost = await pending;
  expect(lost).toMatchObject({
    ok: false,
    error: {
      code: 'CONFLICT',
      message: expect.stringMatching(/unknown.*recorded on the host when it reconnects/) as unknown,
    },
  });
  await finish(fifo, '7');
  await waitKept(1, 'the result kept by the agent while the link is down');

  p.pass();
  await waitKept(0, 'the result recorded and acked after the reconnect');

  const runs = (await s.admin.must('audit.list', { action: 'fleet.runAction' })).entries.filter(
    (e) => e.details.action === 'finish_rollback',
  );
  expect(runs).toEqual([
    expect.objectContaining({
      actor: 'operator',
      outcome: 'failure',
      details: expect.objectContaining({
        code: 'LOST',
        commandId: expect.any(String) as unknown,
      }) as unknown,
    }),
  ]);
  const commandId = runs[0]!.details.commandId as string;
  const late = async () =>
    (await s.admin.must('audit.list', { action: 'fleet.actionResult' })).entries;
  expect(await late()).toEqual([
    expect.objectContaining({
      actor: `agent:${t.agent.agentId}`,
      outcome: 'success',
      target: `host:${host.id}`,
      details: expect.objectContaining({
        commandId,
        action: 'finish_rollback',
        status: 'ok',
        exitCode: 0,
        output: 'rolled back to 7\n',
        late: true,
        note: 'result arrived after reconnect',
      }) as unknown,
    }),
  ]);
  const events = async () =>
    (await s.admin.must('fleet.host', { hostId: host.id })).events.filter(
      (e) => e.kind === 'command_result',
    );
  expect(await events()).toEqual([
    expect.objectContaining({
      severity: 'info',
      message: expect.stringMatching(
        /"finish_rollback" finished ok: result arrived after reconnect/,
      ) as unknown,
      details: expect.objectContaining({ commandId }) as unknown,
    }),
  ]);

  // The ack is lost on the way back (the agent kept the result): it is sent again, acked, and not recorded twice.
  const resent = {
    type: 'command_result' as const,
    id: commandId,
    status: 'ok' as const,
    exitCode: 0,
    output: 'rolled back to 7\n',
    durationMs: 10,
  };
  t.agent.results.put(readPin(t.identityDir)!.fingerprint, resent);
  p.drop();
  await waitState((state) => state !== 'online', 'the console to see the drop');
  p.pass();
  await waitKept(0, 'the duplicate acked');
  expect(await late()).toHaveLength(1);
  expect(await events()).toHaveLength(1);
});

/** Lets the blocked rollback finish (asynchronous: the FIFO opens once the action reads it). */
function finish(fifo: string, line: string): Promise<void> {
  return writeFile(fifo, `${line}\n`);
}
