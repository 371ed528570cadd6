import type { StateCreator } from 'zustand';
import type { AlertRulesSlice } from './alertRulesSlice.ts';
import type { AlertStreamSlice, AlertsViewSlice } from './alertStreamSlice.ts';
import type { AuditSlice } from './auditSlice.ts';
import type { FleetGpusSlice } from './fleetGpusSlice.ts';
import type { FleetSlice, FleetViewSlice } from './fleetSlice.ts';
import type { IntakeSlice } from '../features/intake/intakeSlice.ts';
import type { IncidentsSlice } from './incidentsSlice.ts';
import type { IncidentsViewSlice } from './incidentsViewSlice.ts';
import type { OncallSlice } from './oncallSlice.ts';
import type { RunbooksSlice } from '../features/runbooks/runbooksSlice.ts';
import type { ModelVersionsSlice } from '../features/models/modelVersionsSlice.ts';
import type { DriftSlice } from '../features/drift/driftSlice.ts';
import type { PostmortemsSlice } from '../features/postmortems/postmortemsSlice.ts';
import type { DrillsSlice } from '../features/drills/drillsSlice.ts';
import type { OperationsSlice, OperationsViewSlice } from './operationsSlice.ts';
import type { OperatorsSlice } from './operatorsSlice.ts';
import type { OverviewSlice } from './overviewSlice.ts';
import type { SessionSlice } from './sessionSlice.ts';
import type { SettingsSlice } from './settingsSlice.ts';
import type { SilencesSlice } from './silencesSlice.ts';
import type { SlaSlice } from './slaSlice.ts';
import type { SloSlice } from './sloSlice.ts';
import type { SloViewSlice } from './sloViewSlice.ts';
import type { NotifySlice } from './notifySlice.ts';
import type { UiSlice } from './uiSlice.ts';
import type { GovernanceSlice } from '../features/governance/governanceSlice.ts';
import type { GovernanceViewSlice } from '../features/governance/governanceViewSlice.ts';
import type { ExperimentsSlice } from '../features/experiments/experimentsSlice.ts';

/** Server-data slices (session, overview, audit, operators, settings, fleet) and the UI-only slices. */
export type AppState = SessionSlice &
  DriftSlice &
  OverviewSlice &
  AuditSlice &
  OperatorsSlice &
  SettingsSlice &
  FleetSlice &
  FleetGpusSlice &
  UiSlice &
  FleetViewSlice &
  SloSlice &
  SlaSlice &
  SloViewSlice &
  NotifySlice &
  IntakeSlice &
  IncidentsSlice &
  AlertRulesSlice &
  IncidentsViewSlice &
  OncallSlice &
  RunbooksSlice &
  ModelVersionsSlice &
  PostmortemsSlice &
  DrillsSlice &
  OperationsSlice &
  OperationsViewSlice &
  AlertStreamSlice &
  AlertsViewSlice &
  SilencesSlice &
  GovernanceSlice &
  GovernanceViewSlice &
  ExperimentsSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
