// The browser shell over real sockets on 127.0.0.1: one-time link → HttpOnly cookie + page key →
// WebSocket API with Host, Origin and page-key checks, frame limits, heartbeats and pushed events.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
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

/** What a browser holds after opening a link: the cookie, and the page key from its #fragment. */
interface Browser {
  cookie: string | null;
  pageKey: string | null;
}

async function exchange(link: string): Promise<Browser> {
  const response = await fetch(link, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return { cookie: cookie.split(';')[0]!, pageKey: new URL(link).hash.replace('#key=', '') };
}

interface Frame {
  type: string;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  event?: string;
  error?: { code: string; message: string };
}

function connect(
  { cookie, pageKey }: Browser,
  {
    originHeader = origin,
    hostHeader,
    autoPong = true,
    to = origin,
  }: { originHeader?: string; hostHeader?: string; autoPong?: boolean; to?: string } = {},
) {
  const protocols = ['mirqab', ...(pageKey === null ? [] : [`mirqab-key.${pageKey}`])];
  const ws = new WebSocket(`${to.replace('http', 'ws')}/api`, protocols, {
    headers: {
      ...(cookie ? { cookie } : {}),
      origin: originHeader,
      ...(hostHeader ? { host: hostHeader } : {}),
    },
    autoPong,
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
    const { cookie } = await exchange(link);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
    const page = await fetch(`${origin}/`, { headers: { cookie: cookie! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('never serves a file outside the renderer folder', async () => {
    const { cookie } = await exchange(host.issueLink());
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%00index.html',
    ]) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie: cookie! } });
      expect(response.status, path).toBe(404);
    }
  });
});

describe('the WebSocket API', () => {
  it('refuses an upgrade without the cookie or from another origin', async () => {
    const browser = await exchange(host.issueLink());
    for (const [b, o] of [
      [{ ...browser, cookie: null }, origin],
      [browser, 'http://evil.example'],
    ] as const) {
      const { ws } = connect(b, { originHeader: o });
      const [error] = (await once(ws, 'error')) as [Error];
      expect(error.message).toMatch(/403/);
    }
  });

  it('needs a signed-in operator for every non-public call, then keeps the session server-side', async () => {
    const { ws, call } = connect(await exchange(host.issueLink()));
    await once(ws, 'open');
    expect(await call('overview.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const signedIn = await call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    expect(signedIn.ok).toBe(true);
    expect(JSON.stringify(signedIn)).not.toMatch(/token/i);
    expect(await call('overview.get', {})).toMatchObject({
      ok: true,
      value: { siteName: 'Abu Dhabi DC1' },
    });
    ws.close();
  });

  it('answers malformed and invalid frames with a clear error and stays open', async () => {
    const { ws, next, call } = connect(await exchange(host.issueLink()));
    await once(ws, 'open');
    ws.send('{not json');
    expect((await next((f) => f.type === 'error')).error?.message).toMatch(/Malformed frame/);
    ws.send(JSON.stringify({ id: 'x', channel: 5 }));
    expect(
      (await next((f) => f.type === 'error' && /Malformed request/.test(f.error?.message ?? '')))
        .error?.code,
    ).toBe('BAD_REQUEST');
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
    const theirs = (await other.call('sessions.list', {})).value as {
      id: string;
      current: boolean;
    }[];
    const victim = theirs.find((s) => s.current);
    expect(victim).toBeDefined();
    const told = other.next((f) => f.type === 'event' && f.event === 'session.locked');
    await admin.call('sessions.revoke', { id: victim!.id });
    expect(await told).toMatchObject({ payload: { reason: 'revoked' } });
    await admin.call('app.status', {});
    expect(admin.frames.some((f) => f.type === 'event' && f.event === 'session.locked')).toBe(
      false,
    );
    admin.ws.close();
    other.ws.close();
  });
});

describe('a browser session cannot be replayed', () => {
  const whoami = async (browser: Browser, options?: Parameters<typeof connect>[1]) => {
    const attacker = connect(browser, options);
    const outcome = await new Promise<string>((resolve) => {
      attacker.ws.once('open', () => resolve('open'));
      attacker.ws.once('error', (error) => resolve(error.message));
    });
    if (outcome !== 'open') return outcome;
    const result = await attacker.call('auth.whoami', {});
    attacker.ws.close();
    return result;
  };

  it('refuses the cookie alone, as another local port receives it, even with our Origin', async () => {
    const victim = await exchange(host.issueLink());
    const { ws, call } = connect(victim);
    await once(ws, 'open');
    await call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    // What a listener on 127.0.0.1:Q gets from the operator's browser: the cookie, never the page key.
    expect(await whoami({ cookie: victim.cookie, pageKey: null })).toMatch(/403/);
    expect(await whoami({ cookie: victim.cookie, pageKey: 'guessed-key' })).toMatch(/403/);
    // The page key alone (without the cookie) is no better.
    expect(await whoami({ cookie: null, pageKey: victim.pageKey })).toMatch(/403/);
    // Both together, from our origin: the operator's own page.
    expect(await whoami(victim)).toMatchObject({
      ok: true,
      value: { operator: { username: 'admin' } },
    });
    ws.close();
  });

  it('answers only requests that name our own host and port (no DNS rebinding)', async () => {
    const victim = await exchange(host.issueLink());
    const port = new URL(origin).port;
    const operatorPage = connect(victim);
    await once(operatorPage.ws, 'open');
    await operatorPage.call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    expect(
      await whoami(victim, {
        hostHeader: `rebind.example:${port}`,
        originHeader: `http://rebind.example:${port}`,
      }),
    ).toMatch(/403/);
    expect(
      await whoami(victim, { hostHeader: `127.0.0.1:1`, originHeader: 'http://127.0.0.1:1' }),
    ).toMatch(/403/);
    const page = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${origin}/`,
        { headers: { host: `rebind.example:${port}`, cookie: victim.cookie! } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(page).toBe(421);
    expect(
      await whoami(victim, {
        hostHeader: `localhost:${port}`,
        originHeader: `http://localhost:${port}`,
      }),
    ).toMatchObject({ ok: true });
    operatorPage.ws.close();
  });

  it('ends the browser session at sign-out: the socket closes and the same cookie and key are refused', async () => {
    const browser = await exchange(host.issueLink());
    const { ws, call } = connect(browser);
    await once(ws, 'open');
    await call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    const closed = once(ws, 'close');
    expect(await call('auth.signOut', {})).toMatchObject({ ok: true });
    const [code, reason] = (await closed) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4001, 'signed-out']);
    expect(await whoami(browser)).toMatch(/403/);
    expect((await fetch(`${origin}/`, { headers: { cookie: browser.cookie! } })).status).toBe(401);
  });
});

describe('lifetimes', () => {
  let clock: number;
  let timed: RunningHost;
  let timedOrigin: string;
  beforeAll(async () => {
    clock = Date.UTC(2026, 11, 7, 8);
    timed = await startHost({
      app: site.app,
      rendererDir,
      port: 0,
      logger: silentLogger,
      now: () => clock,
      linkTtlMs: 5 * 60_000,
      sessionLifetimeMs: 60 * 60_000,
      heartbeatMs: 25,
    });
    timedOrigin = new URL(timed.url).origin;
  });
  afterAll(() => timed.close());

  it('a sign-in link expires after five minutes, unused', async () => {
    const stale = timed.issueLink();
    const fresh = timed.issueLink();
    clock += 5 * 60_000;
    expect((await fetch(stale, { redirect: 'manual' })).status).toBe(401);
    clock -= 1;
    expect((await fetch(fresh, { redirect: 'manual' })).status).toBe(303);
    clock += 1;
  });

  it('a browser session ends at its absolute lifetime, busy or not', async () => {
    const browser = await exchange(timed.issueLink());
    const { ws, call } = connect(browser, { to: timedOrigin, originHeader: timedOrigin });
    await once(ws, 'open');
    await call('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    const closed = once(ws, 'close');
    clock += 60 * 60_000;
    const [code, reason] = (await closed) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4001, 'expired']);
    const again = connect(browser, { to: timedOrigin, originHeader: timedOrigin });
    expect(((await once(again.ws, 'error')) as [Error])[0].message).toMatch(/403/);
  });

  it('closes a socket that stops answering pings', async () => {
    const browser = await exchange(timed.issueLink());
    const { ws } = connect(browser, {
      to: timedOrigin,
      originHeader: timedOrigin,
      autoPong: false,
    });
    await once(ws, 'open');
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1006); // terminated by the host, without a closing handshake
  });

  it('keeps a socket that answers pings open across many heartbeats', async () => {
    const browser = await exchange(timed.issueLink());
    const { ws, call } = connect(browser, { to: timedOrigin, originHeader: timedOrigin });
    await once(ws, 'open');
    for (let beat = 0; beat < 4; beat++) await once(ws, 'ping');
    expect(await call('app.status', {})).toMatchObject({ ok: true });
    ws.close();
  });
});
