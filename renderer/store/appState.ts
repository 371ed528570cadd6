import type { StateCreator } from 'zustand';
import type { AuditSlice } from './auditSlice.ts';
import type { OperatorsSlice } from './operatorsSlice.ts';
import type { OverviewSlice } from './overviewSlice.ts';
import type { SessionSlice } from './sessionSlice.ts';
import type { SettingsSlice } from './settingsSlice.ts';
import type { UiSlice } from './uiSlice.ts';

/** Server-data slices (session, overview, audit, operators, settings) and the UI-only slice. */
export type AppState = SessionSlice &
  OverviewSlice &
  AuditSlice &
  OperatorsSlice &
  SettingsSlice &
  UiSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
