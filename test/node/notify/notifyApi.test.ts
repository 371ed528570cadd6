// The notification settings through the console's API: admins configure the relay and webhook
// (secrets never come back), operators keep their own address, test sends and every change audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';
import { startChatServer } from './chatServer.ts';
import { freePort, startMailbox } from './mailbox.ts';

const smtpOff: ChannelInput<'notify.saveSettings'>['smtp'] = {
  enabled: false,
  host: '',
  port: 587,
  security: 'starttls',
  username: null,
  from: '',
};
const webhookOff: ChannelInput<'notify.saveSettings'>['webhook'] = {
  enabled: false,
  url: '',
  headerName: null,
};

describe('notification settings through the console', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('an admin saves the relay and webhook; the secrets are kept, never returned, and the change is audited', async () => {
    const saved = await site.admin.must('notify.saveSettings', {
      smtp: {
        enabled: true,
        host: 'relay.dc1.example',
        port: 587,
        security: 'starttls',
        username: 'mirqab',
        password: 'relay-password-1',
        from: 'mirqab@dc1.example',
      },
      webhook: {
        enabled: true,
        url: 'https://chat.dc1.example/hooks/abc',
        headerName: 'X-Mirqab-Token',
        secret: 'hook-secret-1',
      },
    });
    expect(saved.smtp).toEqual({
      enabled: true,
      host: 'relay.dc1.example',
      port: 587,
      security: 'starttls',
      verifyCertificate: true,
      username: 'mirqab',
      from: 'mirqab@dc1.example',
      hasPassword: true,
    });
    expect(saved.webhook).toEqual({
      enabled: true,
      url: 'https://chat.dc1.example/hooks/abc',
      headerName: 'X-Mirqab-Token',
      hasSecret: true,
    });
    expect(saved.retry.maxAttempts).toBe(8);

    // Saving again without the secrets keeps them; null removes one.
    const { hasPassword: _kept, ...smtp } = saved.smtp;
    const again = await site.admin.must('notify.saveSettings', {
      smtp: { ...smtp, port: 465, security: 'tls' },
      webhook: { enabled: true, url: saved.webhook.url, headerName: null, secret: null },
    });
    expect(again.smtp).toMatchObject({ port: 465, hasPassword: true });
    expect(again.webhook).toMatchObject({ hasSecret: false, headerName: null });

    const audit = await site.admin.must('audit.list', { limit: 5, action: 'notify.saveSettings' });
    expect(audit.entries).toHaveLength(2);
    const text = JSON.stringify(audit.entries);
    expect(text).not.toContain('relay-password-1');
    expect(text).not.toContain('hook-secret-1');
    expect(audit.entries[0]!.details).toMatchObject({
      smtp: { port: { from: 587, to: 465 }, security: { from: 'starttls', to: 'tls' } },
      smtpPassword: 'kept',
      webhookSecret: 'removed',
    });
    expect(JSON.stringify(await site.admin.must('notify.settings', {}))).not.toMatch(
      /relay-password-1|hook-secret-1/,
    );
  });

  it('refuses an enabled relay without a host, and a webhook that is not http(s)', async () => {
    const noHost = await site.admin.call('notify.saveSettings', {
      smtp: { ...smtpOff, enabled: true, from: 'mirqab@dc1.example' },
      webhook: webhookOff,
    });
    expect(noHost).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const fileUrl = await site.admin.call('notify.saveSettings', {
      smtp: smtpOff,
      webhook: { ...webhookOff, url: 'file:///etc/passwd' },
    });
    expect(fileUrl).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('only admins manage the channels; an operator sets their own address and no one else’s', async () => {
    const operator = await site.operatorWithRole('operator', 'amal');
    expect(await operator.call('notify.settings', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await operator.must('notify.setContact', { username: 'amal', email: 'amal@dc1.example' }),
    ).toEqual({
      username: 'amal',
      displayName: 'amal',
      email: 'amal@dc1.example',
      isDisabled: false,
    });
    expect(
      await operator.call('notify.setContact', { username: 'admin', email: 'x@evil.example' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // An operator sees only their own contact; an admin sees everyone's and may set any.
    expect((await operator.must('notify.contacts', {})).map((c) => c.username)).toEqual(['amal']);
    await site.admin.must('notify.setContact', { username: 'amal', email: 'amal.k@dc1.example' });
    expect(await site.admin.must('notify.contacts', {})).toEqual([
      { username: 'admin', displayName: 'Site Admin', email: null, isDisabled: false },
      { username: 'amal', displayName: 'amal', email: 'amal.k@dc1.example', isDisabled: false },
    ]);
    expect(
      await site.admin.call('notify.setContact', { username: 'ghost', email: 'g@dc1.example' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const audit = await site.admin.must('audit.list', { limit: 5, action: 'notify.setContact' });
    expect(audit.entries.map((e) => [e.actor, e.target])).toEqual([
      ['admin', 'operator:amal'],
      ['amal', 'operator:amal'],
    ]);
  });

  it('a test mail reaches the relay, shows in the delivery log, and is audited', async () => {
    const relay = await startMailbox();
    await site.admin.must('notify.saveSettings', {
      smtp: {
        ...smtpOff,
        host: '127.0.0.1',
        port: relay.port,
        security: 'none',
        from: 'mirqab@dc1.example',
      },
      webhook: webhookOff,
    });
    // The relay is still off for pages, but a test goes through so the admin can check it first.
    const delivery = await site.admin.must('notify.test', {
      channel: 'smtp',
      to: 'noc@dc1.example',
    });
    expect(delivery).toMatchObject({
      state: 'sent',
      isTest: true,
      recipients: ['noc@dc1.example'],
    });
    const [mail] = await relay.waitFor(1);
    expect(mail!.subject).toBe('[Mirqab] Test message from Abu Dhabi DC1');
    expect(mail!.text).toContain('sent by admin');

    const log = await site.admin.must('notify.deliveries', { limit: 10 });
    expect(log.items.map((d) => [d.id, d.state])).toEqual([[delivery.id, 'sent']]);
    const audit = await site.admin.must('audit.list', { limit: 1, action: 'notify.test' });
    expect(audit.entries[0]).toMatchObject({ outcome: 'success', target: 'notify:smtp' });
  });

  it('a test to a relay that is down fails at once with the reason, audited as a failure', async () => {
    await site.admin.must('notify.saveSettings', {
      smtp: {
        ...smtpOff,
        host: '127.0.0.1',
        port: await freePort(),
        security: 'none',
        from: 'mirqab@dc1.example',
      },
      webhook: webhookOff,
    });
    // Without `to`, the test goes to the caller's own address, so they need one.
    expect(await site.admin.call('notify.test', { channel: 'smtp' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await site.admin.must('notify.setContact', { username: 'admin', email: 'admin@dc1.example' });
    const delivery = await site.admin.must('notify.test', { channel: 'smtp' });
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1, maxAttempts: 1 });
    expect(delivery.lastError).toMatch(/ECONNREFUSED/);
    const audit = await site.admin.must('audit.list', { limit: 1, action: 'notify.test' });
    expect(audit.entries[0]).toMatchObject({ outcome: 'failure' });
    expect((await site.admin.must('notify.deliveries', { limit: 5 })).failedCount).toBe(1);
  });

  it('a test chat message posts to the webhook', async () => {
    const chat = await startChatServer();
    await site.admin.must('notify.saveSettings', {
      smtp: smtpOff,
      webhook: { enabled: true, url: chat.url, headerName: 'X-Token', secret: 's3cret-token' },
    });
    const delivery = await site.admin.must('notify.test', { channel: 'webhook' });
    expect(delivery.state).toBe('sent');
    expect(chat.posts[0]!.headers['x-token']).toBe('s3cret-token');
    expect((JSON.parse(chat.posts[0]!.body) as { text: string }).text).toMatch(
      /^Test message from Mirqab at Abu Dhabi DC1, sent by admin/,
    );
  });
});
