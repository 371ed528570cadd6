// The console's address: every screen and selection has one, Back and Forward move between them, a
// pasted address opens its screen (after signing in, when the tab is signed out).
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { pathOf, routeFor, type RouteState } from '../../renderer/app/routes.ts';
import { createFakeBridge, sessionFor, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { host } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';
import { detail, summary } from './sloFixtures.ts';

stubCanvas();
beforeEach(() => window.history.replaceState(null, '', '/'));

const SLOS = [summary('fraud-latency'), summary('chat-availability')];
const sloHandlers = (): Handlers => ({
  ...signedInHandlers('admin'),
  'slo.list': () => SLOS,
  'slo.get': ({ name }) => detail(name, { summary: SLOS.find((s) => s.name === name) }),
  'fleet.list': () => [host(1)],
});

/** Waits for the browser's history traversal (asynchronous, like a real one) to land. */
async function goBack(hash: string) {
  act(() => window.history.back());
  await waitFor(() => expect(window.location.hash).toBe(hash));
}

describe('addresses', () => {
  const BASE: RouteState = {
    page: 'overview',
    settingsTab: 'site',
    fleetView: { hostId: null, gpu: null },
    sloRoute: { view: 'list' },
    slaRoute: { view: 'list' },
    incidentRoute: { view: 'list' },
    postmortemOpenId: null,
    drillRunOpenId: null,
    runbookOpenName: null,
    alertsTab: 'stream',
    oncallTab: 'now',
    postmortemsTab: 'list',
    drillsTab: null,
    governanceRoute: { tab: 'records', changeId: null },
    experimentsRoute: { view: 'list' },
  };

  it('reads back every screen and selection it writes', () => {
    const paths = [
      '/overview',
      '/incidents',
      '/incidents/42',
      '/oncall',
      '/oncall/schedules',
      '/postmortems/actionItems',
      '/drills',
      '/drills/history',
      '/runbooks/gpu-xid-79',
      '/postmortems/7',
      '/drills/3',
      '/fleet',
      '/changes',
      '/changes/12',
      '/changes/triggers',
      '/fleet/hosts/4',
      '/fleet/hosts/4/gpus/GPU-1a2b',
      '/slos',
      '/slos/fraud-latency',
      '/slos/fraud-latency/edit',
      '/slos/+new',
      '/alerts/silences',
      '/slas/acme-gold',
      '/slas/acme-gold/edit',
      '/slas/+new',
      '/audit',
      '/settings/security',
    ];
    for (const path of paths) {
      const route = routeFor(path);
      expect(route, path).not.toBeNull();
      expect(pathOf({ ...BASE, ...route })).toBe(path);
    }
  });

  it('names nothing for an address the console does not have', () => {
    for (const path of [
      '/nope',
      '/incidents/abc',
      '/settings/keys',
      '/fleet/hosts',
      '/slos/a/b/c',
      '/oncall/rota',
      '/drills/history/2',
    ])
      expect(routeFor(path), path).toBeNull();
  });
});

describe('the address bar follows the console', () => {
  it('gives each screen and the open SLO an address, and Back and Forward return to them', async () => {
    renderApp(createFakeBridge(sloHandlers()));
    await screen.findByTestId('overview-site-name');
    await waitFor(() => expect(window.location.hash).toBe('#/overview'));

    fireEvent.click(screen.getByTestId('nav-slo'));
    await waitFor(() => expect(window.location.hash).toBe('#/slos'));
    const rows = await screen.findAllByTestId('slo-row');
    fireEvent.click(rows.find((row) => row.textContent?.includes('chat-availability'))!);
    await screen.findByTestId('slo-detail');
    expect(window.location.hash).toBe('#/slos/chat-availability');

    await goBack('#/slos');
    await waitFor(() => expect(screen.queryByTestId('slo-detail')).toBeNull());
    expect(await screen.findAllByTestId('slo-row')).toHaveLength(2);
    await goBack('#/overview');
    await screen.findByTestId('overview-site-name');

    act(() => window.history.forward());
    await waitFor(() => expect(window.location.hash).toBe('#/slos'));
    act(() => window.history.forward());
    await screen.findByTestId('slo-detail');
    expect(window.location.hash).toBe('#/slos/chat-availability');
  });

  it('gives the on-call, postmortem and drill tabs an address too, and Back returns to the tab', async () => {
    renderApp(createFakeBridge(sloHandlers()));
    await screen.findByTestId('overview-site-name');
    fireEvent.click(screen.getByTestId('nav-oncall'));
    await waitFor(() => expect(window.location.hash).toBe('#/oncall'));
    fireEvent.click(await screen.findByTestId('oncall-tab-policies'));
    await waitFor(() => expect(window.location.hash).toBe('#/oncall/policies'));

    fireEvent.click(screen.getByTestId('nav-drills'));
    await waitFor(() => expect(window.location.hash).toBe('#/drills'));
    fireEvent.click(await screen.findByTestId('drill-tab-history'));
    await waitFor(() => expect(window.location.hash).toBe('#/drills/history'));

    await goBack('#/drills');
    await waitFor(() =>
      expect(screen.getByTestId('drill-tab-scenarios').getAttribute('aria-selected')).toBe('true'),
    );
    await goBack('#/oncall/policies');
    await waitFor(() =>
      expect(screen.getByTestId('oncall-tab-policies').getAttribute('aria-selected')).toBe('true'),
    );
  });

  it('opens the screen a pasted address names, and replaces one it does not know', async () => {
    window.history.replaceState(null, '', '/#/settings/security');
    const view = renderApp(createFakeBridge(sloHandlers()));
    await screen.findByTestId('settings-tab-security');
    await waitFor(() =>
      expect(screen.getByTestId('settings-tab-security').getAttribute('aria-selected')).toBe(
        'true',
      ),
    );
    view.unmount();

    window.history.replaceState(null, '', '/#/no-such-screen');
    renderApp(createFakeBridge(sloHandlers()));
    await screen.findByTestId('overview-site-name');
    await waitFor(() => expect(window.location.hash).toBe('#/overview'));

    act(() => {
      window.location.hash = '#/slos/fraud-latency';
    });
    await screen.findByTestId('slo-detail');
  });

  it('keeps a deep link through sign-in and opens it once the operator is signed in', async () => {
    window.history.replaceState(null, '', '/#/slos/fraud-latency');
    renderApp(
      createFakeBridge({
        ...sloHandlers(),
        'app.status': () => ({
          state: 'ready',
          siteName: 'Abu Dhabi DC1',
          timeZone: 'Asia/Dubai',
          shell: 'browser',
          version: '0.1.0',
          signedIn: null,
        }),
        'auth.signIn': () => sessionFor('admin'),
      }),
    );
    fireEvent.change(await screen.findByTestId('signin-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('signin-password'), {
      target: { value: 'pw-long-enough' },
    });
    expect(window.location.hash).toBe('#/slos/fraud-latency');
    fireEvent.click(screen.getByTestId('signin-submit'));
    await screen.findByTestId('slo-detail');
    expect(window.location.hash).toBe('#/slos/fraud-latency');
  });
});
