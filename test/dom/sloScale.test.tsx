// 1,000 SLOs: how long the list and an SLO's detail take to render (React render + commit in jsdom,
// charts' option building included, canvas drawing not), printed beside a baseline measured in the
// same run. Figures only: these machines are noisy, so nothing here asserts a time.
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/api/client.ts';
import { SloPage } from '../../renderer/features/slo/SloPage.tsx';
import { createI18n } from '../../renderer/i18n/init.ts';
import {
  createAppStore,
  StoreProvider,
  type AppState,
  type AppStore,
} from '../../renderer/store/index.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { idle, ready } from '../../renderer/store/remote.ts';
import type { SloDetail, SloSummary } from '../../shared/ipc/contract.ts';
import { createFakeBridge, sessionFor } from './fakeBridge.ts';
import { action, alert, detail, summary } from './sloFixtures.ts';

const COUNT = 1000;
const RUNS = 9;

const original = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext');
beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value: () => null,
  });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', original);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function manySlos(seed: number): SloSummary[] {
  return Array.from({ length: COUNT }, (_, i) =>
    summary(`slo-${String(i).padStart(4, '0')}`, {
      budgetRemaining: i % 97 === 0 ? null : ((i * 7919 + seed) % 2000) / 1000 - 0.5,
      status: i % 97 === 0 ? 'invalid' : i % 5 === 0 ? 'at_risk' : 'ok',
      error: i % 97 === 0 ? 'PromQL: topk() is not supported' : null,
      sparkline: Array.from({ length: 24 }, (_, h) =>
        h === 7 ? null : 0.999 + ((i + h + seed) % 10) / 10_000,
      ),
    }),
  );
}

function bigDetail(name: string): SloDetail {
  return detail(name, {
    alerts: Array.from({ length: 50 }, (_, i) =>
      alert(i + 1, {
        state: i < 3 ? 'firing' : 'resolved',
        resolvedAt: i < 3 ? null : '2025-03-03T10:00:00.000Z',
      }),
    ),
    actions: Array.from({ length: 20 }, (_, i) =>
      action(i + 1, { status: i === 0 ? 'proposed' : 'succeeded' }),
    ),
  });
}

/** Runs a synchronous store update inside act() and returns how long render + commit took. */
function timed(store: AppStore, patch: Partial<AppState>): number {
  const start = performance.now();
  act(() => store.setState(patch));
  return performance.now() - start;
}

describe(`SLO views with ${COUNT} SLOs`, () => {
  it('renders the list and the detail (figures printed, not asserted)', () => {
    // slo.list and slo.get never answer: the test puts the data into the store itself, timed.
    const bridge = createFakeBridge({
      'slo.list': () => new Promise<never>(() => {}),
      'slo.get': () => new Promise<never>(() => {}),
    });
    const store = createAppStore({
      api: createApiClient(bridge),
      prefs: memoryPreferences(),
      defaults: { theme: 'dark', language: 'en' },
    });
    store.setState({ session: sessionFor('ml_engineer'), page: 'slo' });
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <StoreProvider store={store}>
          <SloPage />
        </StoreProvider>
      </I18nextProvider>,
    );

    const emptyList: number[] = [];
    const fullList: number[] = [];
    const listUpdate: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      timed(store, { sloList: idle() });
      emptyList.push(timed(store, { sloList: ready([]) }));
      timed(store, { sloList: idle() });
      fullList.push(timed(store, { sloList: ready(manySlos(run)) }));
      // Every SLO re-evaluated at once (a new array, new objects): re-sort and re-render the rows in view.
      listUpdate.push(timed(store, { sloList: ready(manySlos(run + 1)) }));
    }
    const rows = screen.getAllByTestId('slo-row');
    expect(rows.length).toBeLessThan(60);
    // Least budget first: the first row in view is the most overspent SLO.
    expect(Number(rows[0]?.dataset.budget)).toBe(
      Math.min(
        ...manySlos(RUNS).flatMap((s) => (s.budgetRemaining === null ? [] : [s.budgetRemaining])),
      ),
    );

    const name = store.getState().sloList.data?.[0]?.name ?? 'slo-0000';
    const emptyDetail: number[] = [];
    const fullDetail: number[] = [];
    act(() => store.getState().openSlo(name));
    for (let run = 0; run < RUNS; run++) {
      timed(store, { sloDetail: idle() });
      emptyDetail.push(
        timed(store, {
          sloDetail: ready(
            detail(name, { sli: [], burnDown: [], burnRates: [], alerts: [], actions: [] }),
          ),
        }),
      );
      timed(store, { sloDetail: idle() });
      fullDetail.push(timed(store, { sloDetail: ready(bigDetail(name)) }));
    }
    expect(screen.getByTestId('slo-sli-chart').dataset.points).toBe(
      String(bigDetail(name).sli.filter((p) => p.value !== null).length),
    );

    const line = (label: string, xs: number[]) => `${label} ${median(xs).toFixed(1)} ms`;
    // reason: the scale check prints its figures for the closing note, as bench/ does.
    // eslint-disable-next-line no-console
    console.info(
      [
        `sloView (jsdom, median of ${RUNS}): ${line(`list ${COUNT} SLOs`, fullList)} (baseline: ${line('empty list', emptyList)}); ${line('all re-evaluated', listUpdate)}`,
        `sloView: ${line('detail (672 h SLI + burn-down, 50 alerts of which 20 shown, 20 actions)', fullDetail)} (baseline: ${line('detail with no series', emptyDetail)})`,
        `sloView: ${rows.length} rows in the DOM for ${COUNT} SLOs`,
      ].join('\n'),
    );
  }, 60_000);
});
