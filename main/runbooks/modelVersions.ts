// Runbook templates read the model's versions as the console knows them (main/models).
import { currentVersions, incidentVersion, lastKnownGood } from '../models/index.ts';
import type { ModelVersionLookup } from './incidentValues.ts';

export const MODEL_VERSIONS: ModelVersionLookup = {
  lastKnownGood: (db, model) => lastKnownGood(db, model)?.version ?? null,
  current: (db, model, host) => {
    const running = currentVersions(db, model);
    return (running.find((v) => v.hostName === host) ?? running[0])?.version ?? null;
  },
  ofIncident: (db, model, hostName, incident) =>
    incidentVersion(db, {
      model,
      hostName,
      incidentId: incident.id,
      startedAtMs: incident.opened_at,
    }),
};
