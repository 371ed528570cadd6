// The one bound store: typed slices composed with their dependencies (the API client and the
// preferences adapter) injected, so tests build it around a fake bridge.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.ts';
import { createAlertRulesSlice } from './alertRulesSlice.ts';
import { createAlertStreamSlice, createAlertsViewSlice } from './alertStreamSlice.ts';
import type { AppState } from './appState.ts';
import { createAuditSlice, selectAuditOnFirstPage } from './auditSlice.ts';
import { createFleetGpusSlice } from './fleetGpusSlice.ts';
import { createFleetSlice, createFleetViewSlice } from './fleetSlice.ts';
import { createIntakeSlice } from '../features/intake/intakeSlice.ts';
import { createIncidentsSlice } from './incidentsSlice.ts';
import { createIncidentsViewSlice } from './incidentsViewSlice.ts';
import { createOncallSlice } from './oncallSlice.ts';
import { createRunbooksSlice } from '../features/runbooks/runbooksSlice.ts';
import { createModelVersionsSlice } from '../features/models/modelVersionsSlice.ts';
import { createDriftSlice } from '../features/drift/driftSlice.ts';
import { createPostmortemsSlice } from '../features/postmortems/postmortemsSlice.ts';
import { createDrillsSlice } from '../features/drills/drillsSlice.ts';
import { browserPageReloader, type PageReloader } from '../features/drills/pageReload.ts';
import { createOperationsSlice, createOperationsViewSlice } from './operationsSlice.ts';
import { createOperatorsSlice } from './operatorsSlice.ts';
import { createOverviewSlice } from './overviewSlice.ts';
import type { Preferences } from './preferences.ts';
import { createSessionSlice } from './sessionSlice.ts';
import { createSettingsSlice } from './settingsSlice.ts';
import { createSilencesSlice } from './silencesSlice.ts';
import { createSlaSlice } from './slaSlice.ts';
import { createSloSlice } from './sloSlice.ts';
import { createSloViewSlice } from './sloViewSlice.ts';
import { createNotifySlice } from './notifySlice.ts';
import { createUiSlice, type UiDefaults } from './uiSlice.ts';
import { createGovernanceSlice } from '../features/governance/governanceSlice.ts';
import { createGovernanceViewSlice } from '../features/governance/governanceViewSlice.ts';
import { createExperimentsSlice } from '../features/experiments/experimentsSlice.ts';

export type { AppState } from './appState.ts';
export type AppStore = StoreApi<AppState>;

export interface AppStoreDeps {
  api: ApiClient;
  prefs: Preferences;
  defaults: UiDefaults;
  /** Reloads the page when this client joins or leaves a drill (tests record it instead). */
  reloader?: PageReloader;
}

export function createAppStore({
  api,
  prefs,
  defaults,
  reloader = browserPageReloader(),
}: AppStoreDeps): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createSessionSlice(api)(...a),
    ...createOverviewSlice(api)(...a),
    ...createAuditSlice(api)(...a),
    ...createOperatorsSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createFleetSlice(api)(...a),
    ...createFleetGpusSlice(api)(...a),
    ...createUiSlice(prefs, defaults)(...a),
    ...createFleetViewSlice()(...a),
    ...createSloSlice(api)(...a),
    ...createSlaSlice(api)(...a),
    ...createSloViewSlice()(...a),
    ...createNotifySlice(api)(...a),
    ...createIntakeSlice(api)(...a),
    ...createIncidentsSlice(api)(...a),
    ...createAlertRulesSlice(api)(...a),
    ...createIncidentsViewSlice()(...a),
    ...createOncallSlice(api)(...a),
    ...createRunbooksSlice(api)(...a),
    ...createModelVersionsSlice(api)(...a),
    ...createDriftSlice(api)(...a),
    ...createPostmortemsSlice(api)(...a),
    ...createDrillsSlice(api, reloader)(...a),
    ...createOperationsSlice(api)(...a),
    ...createOperationsViewSlice()(...a),
    ...createAlertStreamSlice(api)(...a),
    ...createAlertsViewSlice()(...a),
    ...createSilencesSlice(api)(...a),
    ...createGovernanceSlice(api)(...a),
    ...createGovernanceViewSlice()(...a),
    ...createExperimentsSlice(api)(...a),
  }));
  wireBackend(api, store);
  const resume = reloader.takeResume();
  if (resume) {
    store.getState().navigate(resume.page);
    if (resume.drillRunId !== null) store.getState().openDrillRun(resume.drillRunId);
  }
  return store;
}

/** The backend's verdicts on the session and its pushed changes, applied in one place. */
function wireBackend(api: ApiClient, store: AppStore): void {
  const state = () => store.getState();
  api.onCallError((error) => {
    if (error.code === 'SESSION_LOCKED') state().markSessionLocked('inactivity');
    // A drill's workspace ends its sessions as the drill ends: back to the site's, not signed out.
    else if (error.code === 'UNAUTHENTICATED' && state().drillStatus.data?.isJoined)
      void state().leaveEndedDrill();
    else if (error.code === 'UNAUTHENTICATED' && state().session) state().markSignedOut();
  });
  api.onEvent('session.locked', ({ reason }) => state().markSessionLocked(reason));
  api.onEvent('settings.changed', (settings) => state().applySettings(settings));
  api.onEvent('operators.changed', () => {
    if (state().operators.status !== 'idle') void state().loadOperators();
  });
  api.onEvent('sessions.changed', () => {
    if (state().sessions.status !== 'idle') void state().loadSessions();
  });
  api.onEvent('telemetryStorage.changed', () => {
    if (state().telemetryStorage.status !== 'idle') void state().loadTelemetryStorage();
  });
  api.onEvent('fleet.changed', ({ hostIds }) => state().applyFleetChanged(hostIds));
  api.onEvent('slo.changed', (change) => state().applySloChanged(change));
  api.onEvent('notify.changed', () => state().applyNotifyChanged());
  api.onEvent('incidents.changed', (change) => state().applyIncidentsChanged(change));
  api.onEvent('incidents.paged', (page) => state().receivePage(page));
  api.onEvent('incidents.changed', (change) => {
    state().applyOpsIncidentsChanged(change);
    state().applyStreamChanged(change.isAlertsChanged);
  });
  api.onEvent('fleet.changed', () => state().applyOpsFleetChanged());
  api.onEvent('oncall.changed', () => state().applyOpsOnCallChanged());
  api.onEvent('oncall.changed', () => state().applyOnCallChanged());
  api.onEvent('runbooks.changed', (change) => state().applyRunbooksChanged(change));
  api.onEvent('models.changed', ({ models }) => state().applyModelsChanged(models));
  api.onEvent('drift.changed', ({ models }) => state().applyDriftChanged(models));
  api.onEvent('governance.changed', () => state().applyGovernanceChanged());
  api.onEvent('experiments.changed', () => state().applyExperimentsChanged());
  // The fleet cache belongs to the signed-in operator, like every other slice's data.
  store.subscribe((next, previous) => {
    if (previous.session && !next.session) {
      next.resetFleet();
      next.resetSlo();
      next.resetSla();
      next.resetNotify();
      next.resetIntake();
      next.resetIncidents();
      next.resetAlertRules();
      next.resetOnCall();
      next.resetRunbooks();
      next.resetOperations();
      next.resetAlertStream();
      next.resetSilences();
      next.resetModelVersions();
      next.resetDrift();
      next.resetGovernance();
      next.resetExperiments();
    }
  });
  api.onEvent('audit.changed', () => {
    const s = state();
    if (!s.session || s.session.locked) return;
    if (s.overview.status !== 'idle') void s.loadOverview();
    if (s.auditStatus === 'ready' && selectAuditOnFirstPage(s)) void s.loadAudit();
  });
}

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <StoreProvider>.');
  return store;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
