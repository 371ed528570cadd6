// Pages reach the paged operators through the site's own SMTP relay (a real one on 127.0.0.1), are
// written on the incident's timeline and told to the console at once.
import { describe, expect, it } from 'vitest';
import { startMailbox } from './mailbox.ts';
import { setUpNotifyStore } from './notifyStore.ts';

describe('paging by e-mail through the site relay', () => {
  it('a tier-1 page mails the paged operators with the priority and title in the subject', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox();
    site.useSmtp(relay.port);
    site.setEmail('amal', 'amal@dc1.example');
    site.setEmail('omar', 'omar@dc1.example');

    const paged = site.nextEvent('incidents.paged');
    const sent = site.nextEvent('notify.changed', ({ deliveryIds }) =>
      site.service
        .deliveries({ limit: 10 })
        .items.some((d) => deliveryIds.includes(d.id) && d.state === 'sent'),
    );
    site.page();
    expect(await paged).toEqual({
      incidentId: site.incidentId,
      title: 'llama-3-8b availability burning',
      priority: 'P1',
      usernames: ['amal', 'omar'],
      tier: 1,
      at: '2026-11-26T06:00:00.000Z',
    });
    await sent;

    const [mail] = await relay.waitFor(1);
    expect(mail!.from).toBe('mirqab@dc1.example');
    expect(mail!.to.sort()).toEqual(['amal@dc1.example', 'omar@dc1.example']);
    expect(mail!.subject).toBe(
      `[Mirqab] P1 incident #${site.incidentId}: llama-3-8b availability burning`,
    );
    expect(mail!.text).toContain('Availability SLO burning 14x its budget');
    expect(mail!.text).toContain('Paged: amal, omar (tier 1)');
    // The site's zone (Dubai, UTC+4) and the Arabic half of the message.
    expect(mail!.text).toContain('2026-11-26 10:00 (Asia/Dubai)');
    expect(mail!.text).toContain(`حادثة P1 رقم ${site.incidentId}`);

    const timeline = site.timeline();
    expect(timeline.map((e) => [e.kind, e.text])).toEqual([
      ['notification', 'Paged amal, omar (tier 1) in the console, by e-mail to 2 addresses.'],
      ['notification', 'Page delivered by e-mail to amal@dc1.example, omar@dc1.example.'],
    ]);
    expect(site.timelineChanges.flat()).toEqual([site.incidentId, site.incidentId]);
  });

  it('an operator without an address is named on the timeline, and the others are still mailed', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox();
    site.useSmtp(relay.port);
    site.setEmail('omar', 'omar@dc1.example');
    site.page();
    await site.worker.tick();
    expect((await relay.waitFor(1))[0]!.to).toEqual(['omar@dc1.example']);
    expect(site.timeline()[0]!.text).toBe(
      'Paged amal, omar (tier 1) in the console, by e-mail to 1 address; no e-mail address for amal.',
    );
    expect(site.timeline()[0]!.details).toMatchObject({ withoutEmail: ['amal'] });
  });

  it('signs in to a relay that requires STARTTLS and a password', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox({ starttls: true, users: { mirqab: 'relay-secret-1' } });
    site.useSmtp(relay.port, {
      security: 'starttls',
      username: 'mirqab',
      password: 'relay-secret-1',
    });
    site.setEmail('amal', 'amal@dc1.example');
    site.page({ usernames: ['amal'] });
    await site.worker.tick();
    const [mail] = await relay.waitFor(1);
    expect(mail!.user).toBe('mirqab');
    expect(mail!.to).toEqual(['amal@dc1.example']);
    // The password is kept in the store's secrets, never handed back.
    expect(site.service.settings().smtp).toMatchObject({ hasPassword: true, username: 'mirqab' });
    expect(JSON.stringify(site.service.settings())).not.toContain('relay-secret-1');
  });

  it('titles with markup, quotes, line breaks and Arabic arrive intact and cannot add headers', async () => {
    const site = setUpNotifyStore();
    const relay = await startMailbox();
    site.useSmtp(relay.port);
    site.setEmail('amal', 'amal@dc1.example');
    const title =
      '<script>alert("x")</script> "quoted" & \'single\'\r\nBcc: attacker@evil.example\nتعطل خادم النموذج';
    site.page({ usernames: ['amal'], title, text: 'line one\r\nX-Injected: yes' });
    await site.worker.tick();
    const [mail] = await relay.waitFor(1);
    expect(mail!.to).toEqual(['amal@dc1.example']);
    expect(mail!.raw).not.toMatch(/^Bcc:/im);
    expect(mail!.raw).not.toMatch(/^X-Injected:/im);
    expect(mail!.subject).toBe(
      `[Mirqab] P1 incident #${site.incidentId}: <script>alert("x")</script> "quoted" & 'single' Bcc: attacker@evil.example تعطل خادم النموذج`,
    );
    expect(mail!.text).toContain('<script>alert("x")</script>');
    expect(mail!.text).toContain('line one X-Injected: yes');
  });
});
