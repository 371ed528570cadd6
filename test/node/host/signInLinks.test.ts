// Another one-time sign-in link from a running browser console: issued by a signed-in admin, or by
// `mirqab serve link` through the site's control socket; and the page a used link shows.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  linkSocketPath,
  listenForLinkRequests,
  requestLink,
} from '../../../main/host/linkControl.ts';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { silentLogger } from '../../../main/log.ts';
import { mirqab } from '../../helpers/cliSite.ts';
import { ADMIN_PASSWORD, setUpSite, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  site = await setUpSite();
  rendererDir = mkdtempSync(join(tmpdir(), 'mirqab-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mirqab</title>');
  host = await startHost({ app: site.app, rendererDir, port: 0, logger: silentLogger });
});
afterAll(async () => {
  await host.close();
  site.cleanup();
  rmSync(rendererDir, { recursive: true, force: true });
});

interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}

/** Opens a link as a browser would and returns one API call over its socket. */
async function openLink(link: string) {
  const response = await fetch(link, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { origin, hash } = new URL(link);
  const ws = new WebSocket(
    `${origin.replace('http', 'ws')}/api`,
    ['mirqab', `mirqab-key.${hash.replace('#key=', '')}`],
    {
      headers: { cookie, origin },
    },
  );
  await once(ws, 'open');
  // Results are matched by id; pushed events in between are skipped.
  const pending = new Map<number, (result: CallResult) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as { id?: number; result?: CallResult };
    if (frame.id !== undefined && frame.result) pending.get(frame.id)?.(frame.result);
  });
  let id = 0;
  const call = (channel: string, input: unknown) =>
    new Promise<CallResult>((resolve) => {
      const mine = ++id;
      pending.set(mine, resolve);
      ws.send(JSON.stringify({ id: mine, channel, input }));
    });
  return { ws, call };
}

describe('a used or missing link', () => {
  it('shows a page in English and Arabic that says what to do, with no script allowed', async () => {
    const link = host.issueLink();
    (await openLink(link)).ws.close();
    const reused = await fetch(link, { redirect: 'manual' });
    expect(reused.status).toBe(401);
    expect(reused.headers.get('content-type')).toMatch(/text\/html/);
    expect(reused.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await reused.text();
    expect(page).toContain('This sign-in link can no longer be used');
    expect(page).toContain('لم يعد رابط تسجيل الدخول هذا صالحًا');
    expect(page).toContain('Issue a sign-in link');
    expect(page).toContain('mirqab serve link');
    expect(page).not.toMatch(/<script/i);

    const bare = await fetch(`${new URL(link).origin}/`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('Open the console with a sign-in link');
  });
});

describe('an admin issues a link', () => {
  it('a signed-in admin gets a new link that opens a second browser once; it is audited', async () => {
    const first = await openLink(host.issueLink());
    expect(
      await first.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD }),
    ).toMatchObject({ ok: true });
    const issued = await first.call('sessions.issueLink', {});
    expect(issued.ok).toBe(true);
    const { url, expiresAt } = issued.value as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const second = await openLink(url);
    expect(await second.call('app.status', {})).toMatchObject({ ok: true });
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    first.ws.close();
    second.ws.close();

    const audit = await site.admin.must('audit.list', { action: 'sessions.issueLink' });
    expect(audit.entries[0]).toMatchObject({ actor: 'admin', outcome: 'success' });
    expect(JSON.stringify(audit.entries)).not.toContain(new URL(url).searchParams.get('token'));
  });

  it('needs sessions.manage, and a shell without links (desktop) says where links come from', async () => {
    const viewer = await site.operatorWithRole('viewer', 'vera');
    expect(await viewer.call('sessions.issueLink', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const desktop = await site.admin.call('sessions.issueLink', {});
    expect(desktop).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!desktop.ok && desktop.error.message).toMatch(/mirqab serve/);
  });
});

describe('mirqab serve link', () => {
  it('asks the running console for a link through an owner-only socket in the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-link-'));
    try {
      await expect(requestLink(dataDir)).rejects.toThrow(/No console is serving/);
      const none = await mirqab(['serve', 'link', '--data-dir', dataDir]);
      expect(none.code).not.toBe(0);
      expect(none.stderr).toContain(`No console is serving ${dataDir}`);
      const control = await listenForLinkRequests(dataDir, host.issueSignInLink);
      expect(control).not.toBeNull();
      expect(statSync(linkSocketPath(dataDir)).mode & 0o777).toBe(0o600);
      const link = await requestLink(dataDir);
      const opened = await openLink(link.url);
      expect(await opened.call('app.status', {})).toMatchObject({ ok: true });
      opened.ws.close();
      // The command an operator types, as a real process.
      const typed = await mirqab(['serve', 'link', '--data-dir', dataDir]);
      expect(typed.code).toBe(0);
      const printed = /http:\/\/\S+/.exec(typed.stdout)?.[0];
      expect(printed).toBeDefined();
      (await openLink(printed!)).ws.close();
      await control!.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // reason: two real CLI processes, each loading the whole console
});
