// The browser tab's connection to the web host: a dropped socket is tried again with the operator
// told so; a host that does not answer for a while gets a banner saying what to check; a host that
// came back without this browser session (restarted) takes the tab to the sign-in link page, and the
// next link comes back to the screen the tab was on.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createWebSocketBridge, type SessionProbe } from '../../renderer/api/bridge.ts';
import { AppRoot } from '../../renderer/app/AppRoot.tsx';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';

/** A socket the test opens and drops, as the host (or its absence) would. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor() {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }
  send() {}
  close() {
    this.drop();
  }
}

function setup(verdicts: Awaited<ReturnType<SessionProbe>>[]) {
  FakeSocket.all = [];
  const probes: string[] = [];
  const connection = createWebSocketBridge({
    url: 'ws://127.0.0.1:1/api',
    pageKey: 'key',
    createSocket: () => new FakeSocket() as unknown as WebSocket,
    initialBackoffMs: 1,
    maxBackoffMs: 1,
    probe: () => {
      const verdict = verdicts.length > 1 ? verdicts.shift()! : verdicts[0]!;
      probes.push(verdict);
      return Promise.resolve(verdict);
    },
  });
  render(
    <AppRoot
      bridge={createFakeBridge(signedInHandlers('admin'))}
      connection={connection}
      prefs={memoryPreferences()}
    />,
  );
  const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;
  return { connection, probes, latest };
}

describe('the connection to the web host', () => {
  it('tries again after a drop, says what to check when the host stays silent, and clears once back', async () => {
    const { probes, latest } = setup(['unreachable']);
    act(() => latest().open());
    await screen.findByTestId('overview-site-name');
    expect(screen.queryByTestId('connection-banner')).toBeNull();

    act(() => latest().drop());
    expect(screen.getByTestId('connection-banner').textContent).toMatch(/Reconnecting/);
    // Each try the host does not answer is another try, a moment later.
    for (let tries = 1; tries < 4; tries += 1) {
      await waitFor(() => expect(FakeSocket.all).toHaveLength(tries + 1));
      act(() => latest().drop());
    }
    const banner = await screen.findByTestId('connection-banner');
    expect(banner.getAttribute('data-attempt')).toBe('4');
    expect(banner.textContent).toMatch(/mirqab serve is still running/);
    expect(probes.every((p) => p === 'unreachable')).toBe(true);

    expect(screen.getByTestId('connection-retry')).toBeTruthy();

    // The host is back: the next try opens and the banner goes.
    await waitFor(() => expect(FakeSocket.all).toHaveLength(5));
    act(() => latest().open());
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
    expect(screen.getByTestId('overview-site-name')).toBeTruthy();
  });

  it('takes a tab whose session the restarted host no longer knows to the sign-in link page, remembering its screen', async () => {
    window.localStorage.clear();
    const { latest } = setup(['unknown']);
    act(() => latest().open());
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await waitFor(() => expect(window.location.hash).toBe('#/settings/site'));

    act(() => latest().drop());
    const ended = await screen.findByTestId('session-ended');
    expect(ended.getAttribute('data-reason')).toBe('lost');
    expect(screen.getByText('The console server restarted')).toBeTruthy();
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    expect(FakeSocket.all).toHaveLength(1);
    expect(JSON.parse(window.localStorage.getItem('mirqab.returnTo')!)).toMatchObject({
      hash: '#/settings/site',
    });
  });
});
