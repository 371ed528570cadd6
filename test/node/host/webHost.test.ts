// The browser shell over real sockets on 127.0.0.1: one-time link → HttpOnly cookie → WebSocket
// API with Origin check, frame limits and pushed events.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, MAX_FRAME_BYTES, type RunningHost } from '../../../main/host/server.ts';
import { silentLogger } from '../../../main/log.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
let host: RunningHost;
let rendererDir: string;
let origin: string;

beforeAll(async () => {
  site = await setUpSite();
  rendererDir = mkdtempSync(join(tmpdir(), 'mirqab-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mirqab</title>');
  host = await startHost({ app: site.app, rendererDir, port: 0, logger: silentLogger });
  origin = new URL(host.url).origin;
});
afterAll(async () => {
  await host.close();
  site.cleanup();
  rmSync(rendererDir, { recursive: true, force: true });
});

async function exchange(link: string): Promise<string> {
  const response = await fetch(link, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

interface Frame { type: string; id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } }; event?: string; error?: { code: string; message: string } }

function connect(cookie: string | null, originHeader = origin) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, {
    headers: { ...(cookie ? { cookie } : {}), origin: originHeader },
  });
  const frames: Frame[] = [];
  const waiters: ((frame: Frame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
    frames.push(frame);
    for (const waiter of waiters.splice(0)) waiter(frame);
  });
  const next = (match: (frame: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const found = frames.find(match);
      if (found) return resolve(found);
      const wait = (frame: Frame) => (match(frame) ? resolve(frame) : waiters.push(wait));
      waiters.push(wait);
    });
  let id = 0;
  const call = async (channel: string, input: unknown) => {
    const mine = ++id;
    ws.send(JSON.stringify({ id: mine, channel, input }));
    return (await next((f) => f.type === 'result' && f.id === mine)).result!;
  };
  return { ws, frames, next, call };
}

describe('serving the renderer', () => {
  it('refuses everything without the one-time link, and the link works once', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(401);
    const link = host.issueLink();
    const cookie = await exchange(link);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
    const page = await fetch(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = await exchange(host.issueLink());
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00index.html']) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(404);
    }
  });
});

describe('the WebSocket API', () => {
  it('refuses an upgrade without the cookie or from another origin', async () => {
    const cookie = await exchange(host.issueLink());
    for (const [c, o] of [[null, origin], [cookie, 'http://evil.example']] as const) {
      const { ws } = connect(c, o);
      const [error] = (await once(ws, 'error')) as [Error];
      expect(error.message).toMatch(/403/);
    }
  });

  it('needs a signed-in operator for every non-public call, then keeps the session server-side', async () => {
    const { ws, call } = connect(await exchange(host.issueLink()));
    await once(ws, 'open');
    expect(await call('overview.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const signedIn = await call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    expect(signedIn.ok).toBe(true);
    expect(JSON.stringify(signedIn)).not.toMatch(/token/i);
    expect(await call('overview.get', {})).toMatchObject({ ok: true, value: { siteName: 'Abu Dhabi DC1' } });
    ws.close();
  });

  it('answers malformed and invalid frames with a clear error and stays open', async () => {
    const { ws, next, call } = connect(await exchange(host.issueLink()));
    await once(ws, 'open');
    ws.send('{not json');
    expect((await next((f) => f.type === 'error')).error?.message).toMatch(/Malformed frame/);
    ws.send(JSON.stringify({ id: 'x', channel: 5 }));
    expect((await next((f) => f.type === 'error' && /Malformed request/.test(f.error?.message ?? ''))).error?.code).toBe('BAD_REQUEST');
    expect(await call('app.status', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('closes the socket on a frame over 1 MiB', async () => {
    const { ws } = connect(await exchange(host.issueLink()));
    await once(ws, 'open');
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1009);
  });

  it('pushes events only to signed-in browsers', async () => {
    const watcher = connect(await exchange(host.issueLink()));
    const anonymous = connect(await exchange(host.issueLink()));
    await Promise.all([once(watcher.ws, 'open'), once(anonymous.ws, 'open')]);
    await watcher.call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    const changed = watcher.next((f) => f.type === 'event' && f.event === 'settings.changed');
    await watcher.call('settings.update', { lockAfterMinutes: 20 });
    await changed;
    await anonymous.call('app.status', {}); // same socket, in order: any event would be here by now
    expect(anonymous.frames.filter((f) => f.type === 'event')).toEqual([]);
    watcher.ws.close();
    anonymous.ws.close();
  });

  it('tells only the revoked browser that its session ended', async () => {
    const admin = connect(await exchange(host.issueLink()));
    const other = connect(await exchange(host.issueLink()));
    await Promise.all([once(admin.ws, 'open'), once(other.ws, 'open')]);
    await admin.call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    await other.call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    const theirs = (await other.call('sessions.list', {})).value as { id: string; current: boolean }[];
    const victim = theirs.find((s) => s.current);
    expect(victim).toBeDefined();
    const told = other.next((f) => f.type === 'event' && f.event === 'session.locked');
    await admin.call('sessions.revoke', { id: victim!.id });
    expect(await told).toMatchObject({ payload: { reason: 'revoked' } });
    await admin.call('app.status', {});
    expect(admin.frames.some((f) => f.type === 'event' && f.event === 'session.locked')).toBe(false);
    admin.ws.close();
    other.ws.close();
  });
});
