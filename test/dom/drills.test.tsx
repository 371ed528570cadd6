// Drills around a fake bridge: the DRILL banner while this client works in a drill, the slim notice
// with Join while one runs elsewhere, nothing without one; joining, leaving and a drill ending reload
// the page; a finished drill's score and its breakdown, in English and Arabic.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoot } from '../../renderer/app/AppRoot.tsx';
import { memoryPageReloader } from '../../renderer/features/drills/pageReload.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import type { Role } from '../../shared/domain/roles.ts';
import type { DrillStatus } from '../../shared/ipc/drillSchemas.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { finishedDrill, liveDrill } from './drillFixtures.ts';

interface SetupOptions {
  role?: Role;
  language?: string;
  extra?: Handlers;
}

function setup(
  status: DrillStatus,
  { role = 'operator', language = 'en', extra = {} }: SetupOptions = {},
) {
  let current = status;
  const bridge = createFakeBridge({
    ...signedInHandlers(role),
    'drill.status': () => current,
    'drill.join': () => ({ done: true as const }),
    'drill.leave': () => ({ done: true as const }),
    'drill.schedules': () => [],
    'drill.scenarios': () => [],
    'drill.runs': () => [finishedDrill()],
    'drill.run': () => finishedDrill(),
    'drill.scenario': () => ({
      name: 'bad-model-deploy',
      version: 1,
      title: 'Bad model deploy',
      category: 'model_quality' as const,
      durationMinutes: 30,
      source: 'builtin' as const,
      digest: 'x',
      description: '',
      hosts: 2,
      gpusPerHost: 1,
      models: [],
      slos: [],
      injects: [],
      hints: [],
      debrief: ['What told you the deploy was at fault?'],
      expected: {
        detectWithinMinutes: 5,
        acknowledgeWithinMinutes: 5,
        mitigateWithinMinutes: 20,
        priority: 'P2',
        category: null,
        runbook: 'rollback-model',
        requiredSteps: [],
        escalateTo: null,
      },
      text: '',
    }),
    ...extra,
  });
  const reloader = memoryPageReloader();
  render(
    <AppRoot
      bridge={bridge}
      prefs={memoryPreferences({ 'mirqab.language': language })}
      reloader={reloader}
    />,
  );
  const change = (next: DrillStatus) => {
    current = next;
    bridge.emit('drill.changed', { runId: next.live?.runId ?? null });
  };
  return { bridge, reloader, change };
}

describe('the DRILL banner', () => {
  it('shows the drill, its clock, speed and state on every screen while this client is in it', async () => {
    const { bridge, reloader } = setup({ live: liveDrill(), isJoined: true });
    const banner = await screen.findByTestId('drill-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('DRILL');
    expect(within(banner).getByTestId('drill-banner-title').textContent).toBe('Bad model deploy');
    expect(within(banner).getByTestId('drill-banner-clock').textContent).toBe('10:05 (×60)');
    expect(within(banner).getByTestId('drill-banner-state').textContent).toBe('Paused');
    expect(screen.queryByTestId('drill-notice')).toBeNull();

    fireEvent.click(await screen.findByTestId('nav-incidents'));
    expect(await screen.findByTestId('drill-banner')).toBeTruthy();

    fireEvent.click(within(banner).getByTestId('drill-leave'));
    await waitFor(() => expect(reloader.reloads).toHaveLength(1));
    expect(bridge.calls.some((c) => c.channel === 'drill.leave')).toBe(true);
    expect(reloader.reloads[0]?.page).toBe('incidents');
  });

  it('offers Join while a drill runs that this client is not in, and reloads once joined', async () => {
    const { bridge, reloader } = setup({ live: liveDrill({ state: 'running' }), isJoined: false });
    const notice = await screen.findByTestId('drill-notice');
    expect(notice.textContent).toContain('A drill is running: Bad model deploy');
    expect(screen.queryByTestId('drill-banner')).toBeNull();
    fireEvent.click(within(notice).getByTestId('drill-join'));
    await waitFor(() => expect(reloader.reloads).toHaveLength(1));
    expect(bridge.calls.some((c) => c.channel === 'drill.join')).toBe(true);
  });

  it('shows nothing when no drill runs', async () => {
    const { bridge } = setup({ live: null, isJoined: false });
    await waitFor(() => expect(bridge.calls.some((c) => c.channel === 'drill.status')).toBe(true));
    expect(await screen.findByTestId('nav-drills')).toBeTruthy();
    expect(screen.queryByTestId('drill-banner')).toBeNull();
    expect(screen.queryByTestId('drill-notice')).toBeNull();
  });

  it('reloads onto the site data when the drill this client is in ends', async () => {
    const { reloader, change } = setup({ live: liveDrill(), isJoined: true });
    await screen.findByTestId('drill-banner');
    expect(reloader.reloads).toHaveLength(0);
    change({ live: null, isJoined: false });
    await waitFor(() => expect(reloader.reloads).toHaveLength(1));
  });

  it('reads right to left in Arabic', async () => {
    setup({ live: liveDrill(), isJoined: true }, { language: 'ar' });
    const banner = await screen.findByTestId('drill-banner');
    expect(document.documentElement.dir).toBe('rtl');
    expect(banner.textContent).toContain('تمرين');
    expect(within(banner).getByTestId('drill-banner-clock').getAttribute('dir')).toBe('ltr');
    expect(within(banner).getByTestId('drill-leave').textContent).toBe('مغادرة التمرين');
  });
});

describe('a finished drill', () => {
  async function openRun(language = 'en') {
    const ctx = setup({ live: null, isJoined: false }, { role: 'incident_commander', language });
    fireEvent.click(await screen.findByTestId('nav-drills'));
    fireEvent.click(await screen.findByTestId('drill-tab-history'));
    const row = await screen.findByTestId('drill-run-row');
    expect(within(row).getByTestId('drill-run-score').textContent).toBe('68');
    fireEvent.click(within(row).getByRole('button'));
    return ctx;
  }

  it('shows the score and each component with its target, outcome, points and evidence', async () => {
    await openRun();
    const score = await screen.findByTestId('drill-score');
    expect(score.getAttribute('data-score')).toBe('68');
    const rows = await screen.findAllByTestId('drill-component');
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual([
      'acknowledge',
      'runbook',
      'postmortem',
    ]);
    const [ack, runbook, postmortem] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(ack).getByRole('rowheader').textContent).toBe('Time to acknowledge');
    expect(ack.textContent).toContain('within 5 min');
    expect(ack.textContent).toContain('after 7.5 min');
    expect(within(ack).getByTestId('drill-component-earned').textContent).toBe('7.5 of 15');
    // 06:09:30 UTC shown in Dubai
    expect(ack.textContent).toContain('2026-11-26 10:09:30');
    expect(ack.textContent).toContain('acknowledged by operator');
    expect(within(runbook).getByTestId('drill-component-earned').textContent).toBe('10 of 10');
    expect(within(postmortem).getByTestId('drill-component-earned').textContent).toBe('0 of 10');
    expect(postmortem.textContent).toContain('None');
    // The debrief asks the scenario's questions.
    expect(await screen.findByText('What told you the deploy was at fault?')).toBeTruthy();
  });

  it('names the components in Arabic', async () => {
    await openRun('ar');
    const rows = await screen.findAllByTestId('drill-component');
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe('زمن الإقرار');
    // The speed is one left-to-right piece, so it reads ×60 and not 60× in the Arabic line.
    expect(screen.getByTestId('drill-run').textContent).toContain('\u2066×60\u2069');
  });
});
