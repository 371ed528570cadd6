// i18next with both catalogues bundled (the app is offline); one instance per app root.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../store/uiSlice.ts';
import ar from './ar.json';
import en from './en.json';
import consoleAr from './console.ar.json';
import consoleEn from './console.en.json';
import incidentsAr from './incidents.ar.json';
import incidentsEn from './incidents.en.json';
import operationsAr from './operations.ar.json';
import operationsEn from './operations.en.json';
import oncallAr from './oncall.ar.json';
import oncallEn from './oncall.en.json';
import notifyAr from './notify.ar.json';
import notifyEn from './notify.en.json';
import intakeAr from './intake.ar.json';
import intakeEn from './intake.en.json';
import runbooksAr from './runbooks.ar.json';
import runbooksEn from './runbooks.en.json';
import modelsAr from './models.ar.json';
import modelsEn from './models.en.json';
import postmortemsAr from './postmortems.ar.json';
import postmortemsEn from './postmortems.en.json';
import drillsAr from './drills.ar.json';
import drillsEn from './drills.en.json';
import accountsAr from './accounts.ar.json';
import accountsEn from './accounts.en.json';
import sloCoverageAr from './sloCoverage.ar.json';
import sloCoverageEn from './sloCoverage.en.json';
import sloChecksAr from './sloChecks.ar.json';
import sloChecksEn from './sloChecks.en.json';
import systemTextAr from './systemText.ar.json';
import systemTextEn from './systemText.en.json';
import simulatedDataAr from './simulatedData.ar.json';
import simulatedDataEn from './simulatedData.en.json';
import fleetTableAr from './fleetTable.ar.json';
import fleetTableEn from './fleetTable.en.json';
import governanceAr from './governance.ar.json';
import governanceEn from './governance.en.json';
import experimentsAr from './experiments.ar.json';
import experimentsEn from './experiments.en.json';
import driftAr from './drift.ar.json';
import driftEn from './drift.en.json';
import telemetryStorageAr from './telemetryStorage.ar.json';
import telemetryStorageEn from './telemetryStorage.en.json';
import { createBidiFormatter } from './bidiFormatter.ts';

// Each feature keeps its strings in its own pair of catalogues under one top-level key.
const catalogues = {
  en: {
    ...en,
    ...modelsEn,
    ...incidentsEn,
    ...operationsEn,
    ...oncallEn,
    ...notifyEn,
    ...intakeEn,
    ...runbooksEn,
    ...postmortemsEn,
    ...drillsEn,
    ...accountsEn,
    ...consoleEn,
    ...sloCoverageEn,
    ...sloChecksEn,
    ...systemTextEn,
    ...simulatedDataEn,
    ...fleetTableEn,
    ...governanceEn,
    ...experimentsEn,
    ...driftEn,
    ...telemetryStorageEn,
  },
  ar: {
    ...ar,
    ...modelsAr,
    ...incidentsAr,
    ...operationsAr,
    ...oncallAr,
    ...notifyAr,
    ...intakeAr,
    ...runbooksAr,
    ...postmortemsAr,
    ...drillsAr,
    ...accountsAr,
    ...consoleAr,
    ...sloCoverageAr,
    ...sloChecksAr,
    ...systemTextAr,
    ...simulatedDataAr,
    ...fleetTableAr,
    ...governanceAr,
    ...experimentsAr,
    ...driftAr,
    ...telemetryStorageAr,
  },
};

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(initReactI18next)
    .use(createBidiFormatter())
    .init({
      lng: language,
      fallbackLng: 'en',
      resources: { en: { translation: catalogues.en }, ar: { translation: catalogues.ar } },
      // React escapes, so i18next must not; every value goes through the formatter to be isolated.
      interpolation: { escapeValue: false, alwaysFormat: true },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}

export const directionOf = (language: Language): 'ltr' | 'rtl' =>
  language === 'ar' ? 'rtl' : 'ltr';
