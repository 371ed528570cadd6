// A relay that is down or busy does not lose a page: each attempt is recorded, the waits double
// (30 s, 1 min, …), the page goes out once the relay is back, and a page that never gets through is
// marked failed, shown in the delivery log and on the incident's timeline.
import { describe, expect, it } from 'vitest';
import { SECOND_MS } from '../../../shared/domain/time.ts';
import { retryDelayMs, DEFAULT_RETRY_POLICY } from '../../../main/incidents/notify/retryPolicy.ts';
import { createNotifications } from '../../../main/incidents/notify/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { freePort, startMailbox } from './mailbox.ts';
import { setUpNotifyStore } from './notifyStore.ts';

describe('retrying a page the relay did not take', () => {
  it('waits 30 s, 1, 2, 4, 8 min and then 10 min between attempts, eight in all', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n) / SECOND_MS),
    ).toEqual([30, 60, 120, 240, 480, 600, 600]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 10_000)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('a relay that is down gets the page once it comes up, after waits of 30 s and 1 min', async () => {
    const site = setUpNotifyStore();
    const port = await freePort();
    site.useSmtp(port);
    site.setEmail('amal', 'amal@dc1.example');
    const start = site.clock.now().getTime();

    const queued = site.nextEvent('notify.changed');
    site.page({ usernames: ['amal'] });
    const [id] = (await queued).deliveryIds;
    await site.worker.tick();
    let delivery = site.service.deliveries({ limit: 5 }).items[0]!;
    expect(delivery).toMatchObject({ id, state: 'pending', attempts: 1, maxAttempts: 8 });
    expect(delivery.lastError).toMatch(/ECONNREFUSED/);
    expect(delivery.nextAttemptAt).toBe(new Date(start + 30 * SECOND_MS).toISOString());

    // Not due yet: nothing is tried before the wait is over.
    site.clock.advance(29 * SECOND_MS);
    await site.worker.tick();
    expect(site.attempts(id!)).toHaveLength(1);

    site.clock.advance(1 * SECOND_MS);
    await site.worker.tick();
    delivery = site.service.deliveries({ limit: 5 }).items[0]!;
    expect(delivery).toMatchObject({ state: 'pending', attempts: 2 });
    expect(delivery.nextAttemptAt).toBe(new Date(start + 90 * SECOND_MS).toISOString());

    const relay = await startMailbox({ port });
    site.clock.advance(60 * SECOND_MS);
    await site.worker.tick();
    expect((await relay.waitFor(1))[0]!.to).toEqual(['amal@dc1.example']);
    delivery = site.service.deliveries({ limit: 5 }).items[0]!;
    expect(delivery).toMatchObject({ state: 'sent', attempts: 3, nextAttemptAt: null });
    expect(delivery.finishedAt).toBe(new Date(start + 90 * SECOND_MS).toISOString());
    expect(site.attempts(id!).map((a) => [a.at - start, a.outcome])).toEqual([
      [0, 'failed'],
      [30 * SECOND_MS, 'failed'],
      [90 * SECOND_MS, 'sent'],
    ]);
    expect(site.attempts(id!)[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('a relay that answers "busy, try later" is tried again and accepts the page', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox();
    relay.refuseNext(1);
    site.useSmtp(relay.port);
    site.setEmail('omar', 'omar@dc1.example');
    site.page({ usernames: ['omar'] });
    await site.worker.tick();
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('451') as unknown,
    });
    site.clock.advance(30 * SECOND_MS);
    await site.worker.tick();
    expect((await relay.waitFor(1))[0]!.to).toEqual(['omar@dc1.example']);
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({ state: 'sent' });
  });

  it('after its last attempt a page is marked failed, counted, and written on the timeline', async () => {
    const site = setUpNotifyStore({ maxAttempts: 3 });
    site.useSmtp(await freePort());
    site.setEmail('amal', 'amal@dc1.example');
    site.page({ usernames: ['amal'] });
    await site.worker.tick();
    site.clock.advance(30 * SECOND_MS);
    await site.worker.tick();
    const failed = site.nextEvent('notify.changed');
    site.clock.advance(60 * SECOND_MS);
    await site.worker.tick();
    await failed;

    const log = site.service.deliveries({ limit: 10 });
    expect(log.failedCount).toBe(1);
    expect(log.items[0]).toMatchObject({
      state: 'failed',
      attempts: 3,
      maxAttempts: 3,
      nextAttemptAt: null,
      recipients: ['amal@dc1.example'],
    });
    expect(site.service.deliveries({ limit: 10, states: ['failed'] }).items).toHaveLength(1);
    const last = site.timeline().at(-1)!;
    expect(last.kind).toBe('notification');
    expect(last.text).toMatch(
      /^The page could not be delivered by e-mail to amal@dc1\.example after 3 attempts: .*ECONNREFUSED/,
    );
    expect(last.details).toMatchObject({ outcome: 'failed', attempts: 3, channel: 'smtp' });

    // Nothing more happens on its own, however long the wait.
    site.clock.advance(60 * 60 * SECOND_MS);
    await site.worker.tick();
    expect(site.attempts(log.items[0]!.id)).toHaveLength(3);
  });

  it('an admin retries a failed page and it goes out once the relay is back', async () => {
    const site = setUpNotifyStore({ maxAttempts: 1 });
    const port = await freePort();
    site.useSmtp(port);
    site.setEmail('amal', 'amal@dc1.example');
    site.page({ usernames: ['amal'] });
    await site.worker.tick();
    const failed = site.service.deliveries({ limit: 1 }).items[0]!;
    expect(failed.state).toBe('failed');

    const relay = await startMailbox({ port });
    const retried = site.service.retry(failed.id, {
      operatorId: 1,
      username: 'admin',
      role: 'admin',
      sessionId: 's1',
    });
    expect(retried).toMatchObject({ state: 'pending', attempts: 1, maxAttempts: 2 });
    await site.worker.tick();
    await relay.waitFor(1);
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
    expect(() =>
      site.service.retry(failed.id, {
        operatorId: 1,
        username: 'admin',
        role: 'admin',
        sessionId: 's1',
      }),
    ).toThrow(/is sent, not failed/);
  });

  it('a page queued before a restart is sent by the console that starts next', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox();
    site.useSmtp(relay.port);
    site.setEmail('amal', 'amal@dc1.example');
    site.notifier.page({
      incidentId: site.incidentId,
      title: 'GPU node gpu-07 unreachable',
      priority: 'P2',
      usernames: ['amal'],
      tier: 1,
      text: 'No heartbeat for 90 s',
      atMs: site.clock.now().getTime(),
    });
    // This console stops before its worker runs; the next one finds the page in the outbox.
    site.worker.stop();
    const next = createNotifications({
      store: () => site.db,
      clock: site.clock,
      events: site.events,
      logger: silentLogger,
      siteName: () => 'Abu Dhabi DC1',
      timeZone: () => 'Asia/Dubai',
    });
    await next.worker.tick();
    expect((await relay.waitFor(1))[0]!.subject).toBe(
      `[Mirqab] P2 incident #${site.incidentId}: GPU node gpu-07 unreachable`,
    );
  });
});
