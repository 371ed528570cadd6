// Pages reach the site's chat (a Mattermost or Rocket.Chat incoming webhook; here a real HTTP server
// on 127.0.0.1) as `{ "text": … }`, with the optional secret header, retried while the chat is down.
import { describe, expect, it } from 'vitest';
import { SECOND_MS } from '../../../shared/domain/time.ts';
import { startChatServer } from './chatServer.ts';
import { setUpNotifyStore } from './notifyStore.ts';

describe('paging the site chat through its webhook', () => {
  it('posts the page as JSON text with the secret header', async () => {
    const site = setUpNotifyStore();
    const chat = await startChatServer();
    site.useWebhook(chat.url, { headerName: 'X-Mirqab-Token', value: 'chat-secret-1' });
    site.page();
    await site.worker.tick();

    expect(chat.posts).toHaveLength(1);
    const [post] = chat.posts;
    expect(post!.path).toBe('/hooks/mirqab-incidents');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['x-mirqab-token']).toBe('chat-secret-1');
    const body = JSON.parse(post!.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    expect(body['text']).toBe(
      [
        `**P1 incident #${site.incidentId}** at Abu Dhabi DC1: llama-3-8b availability burning`,
        'Availability SLO burning 14x its budget',
        'Paged: amal, omar (tier 1) · 2026-11-26 10:00 (Asia/Dubai)',
      ].join('\n'),
    );
    expect(site.timeline().map((e) => e.text)).toEqual([
      'Paged amal, omar (tier 1) in the console, on the chat webhook.',
      'Page delivered to the chat webhook.',
    ]);
    expect(JSON.stringify(site.service.settings())).not.toContain('chat-secret-1');
    expect(site.service.settings().webhook).toMatchObject({
      hasSecret: true,
      headerName: 'X-Mirqab-Token',
    });
  });

  it('a title with markup, quotes and mentions stays valid JSON and pings nobody', async () => {
    const site = setUpNotifyStore();
    const chat = await startChatServer();
    site.useWebhook(chat.url);
    const title =
      '"}], "x": 1 <img src=x onerror=alert(1)> @channel [click](http://evil.example) \\ ';
    site.page({ title, text: 'line one\nline two `code` *bold* @all' });
    await site.worker.tick();

    const text = (JSON.parse(chat.posts[0]!.body) as { text: string }).text;
    expect(text).toContain('"}\\], "x": 1');
    expect(text).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    // Mentions broken by a zero-width space; link and formatting syntax escaped.
    expect(text).not.toMatch(/@channel|@all/);
    expect(text).toContain('@\u200bchannel');
    expect(text).toContain('\\[click\\]\\(http://evil.example\\)');
    expect(text).toContain('line one line two \\`code\\` \\*bold\\* @\u200ball');
    expect(text.split('\n')).toHaveLength(3);
    expect(chat.posts[0]!.headers['x-mirqab-token']).toBeUndefined();
  });

  it('a chat server answering 503 is tried again after 30 s and gets the page', async () => {
    const site = setUpNotifyStore();
    const chat = await startChatServer();
    chat.failNext(1, 503);
    site.useWebhook(chat.url);
    site.page();
    await site.worker.tick();
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({
      channel: 'webhook',
      state: 'pending',
      attempts: 1,
      lastError: 'The webhook answered 503 Service Unavailable: restarting',
    });
    site.clock.advance(30 * SECOND_MS);
    await site.worker.tick();
    expect(chat.posts).toHaveLength(1);
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
  });

  it('a webhook turned off before its retry is not posted, and the attempt says why', async () => {
    const site = setUpNotifyStore({ maxAttempts: 2 });
    const chat = await startChatServer();
    chat.failNext(1, 502);
    site.useWebhook(chat.url);
    site.page();
    await site.worker.tick();
    const settings = site.service.settings();
    site.service.saveSettings(
      { smtp: settings.smtp, webhook: { ...settings.webhook, enabled: false } },
      { operatorId: 1, username: 'admin', role: 'admin', sessionId: 's1' },
    );
    site.clock.advance(30 * SECOND_MS);
    await site.worker.tick();
    expect(chat.posts).toHaveLength(0);
    expect(site.service.deliveries({ limit: 1 }).items[0]).toMatchObject({
      state: 'failed',
      lastError: 'The webhook is turned off in the notification settings.',
    });
  });
});
