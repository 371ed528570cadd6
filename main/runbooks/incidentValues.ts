// What a runbook's templates are filled with for one incident: the incident's own fields, the host,
// model and version its alerts name, and the model's versions as the console knows them.
import type { TemplateValues } from '../../shared/domain/runbooks/index.ts';
import { listAlertRows } from '../incidents/alertRepository.ts';
import type { IncidentRow } from '../incidents/incidentRows.ts';
import type { ReadableDb } from '../store/types.ts';

/** The model-version knowledge runbooks use (main/models in the console; a stand-in in tests). */
export interface ModelVersionLookup {
  /** The newest version known to have been healthy, or null. */
  lastKnownGood(db: ReadableDb, model: string): string | null;
  /** The version the model runs now (on the host, when named), or null. */
  current(db: ReadableDb, model: string, host: string | null): string | null;
  /** The version the incident is about when its alerts name none (model-quality alerts never do). */
  ofIncident(
    db: ReadableDb,
    model: string,
    host: string | null,
    incident: IncidentRow,
  ): string | null;
}

export const NO_MODEL_VERSIONS: ModelVersionLookup = {
  lastKnownGood: () => null,
  current: () => null,
  ofIncident: () => null,
};

const firstLabel = (labels: readonly Record<string, string>[], names: readonly string[]) => {
  for (const l of labels) for (const n of names) if (l[n]) return l[n];
  return null;
};

/** The alert names of an incident (for automation rules), firing ones first. */
export function alertNamesOf(db: ReadableDb, incidentId: number): string[] {
  return [...new Set(listAlertRows(db, { incidentId, limit: 1000 }).map((a) => a.rule))];
}

export function incidentValues(
  db: ReadableDb,
  incident: IncidentRow,
  versions: ModelVersionLookup,
): TemplateValues {
  // Oldest first: the alert that opened the incident names the host and model it is about.
  const labels = listAlertRows(db, { incidentId: incident.id, limit: 1000 })
    .reverse()
    .map((a) => JSON.parse(a.labels) as Record<string, string>);
  const host = firstLabel(labels, ['host', 'hostname', 'instance_name']);
  const model = firstLabel(labels, ['model', 'model_name']) ?? incident.service;
  return {
    'incident.id': String(incident.id),
    'incident.title': incident.title,
    'incident.priority': incident.priority,
    'incident.service': incident.service,
    'incident.cluster': incident.cluster,
    'incident.host': host,
    'incident.model': model,
    'incident.version':
      firstLabel(labels, ['version', 'model_version']) ??
      (model ? versions.ofIncident(db, model, host, incident) : null),
    'model.lastKnownGood': model ? versions.lastKnownGood(db, model) : null,
    'model.current': model ? versions.current(db, model, host) : null,
  };
}
