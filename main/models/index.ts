// Model versions: what runs where, the last known-good version, suspect marks and the history.
// Other features (runbooks, postmortems) call these plain functions with the store.
export {
  currentVersions,
  DEFAULT_VERSION_POLICY,
  lastKnownGood,
  markKnownGood,
  markSuspect,
  MODELS_SYSTEM_ACTOR,
  versionHistory,
  versionInfos,
  versionPolicy,
  type Marker,
  type VersionChange,
} from './versions.ts';
export { incidentVersion } from './incidentVersion.ts';
export { markSuspectFromIncident, suspectVersionsAt, type SuspectVersion } from './suspects.ts';
export { ModelVersionRecorder, VERSION_ACTIONS, type ActionFinished } from './recorder.ts';
