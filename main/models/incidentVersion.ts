// The model version an incident is about. The model-quality alerts name no version (one detector
// follows a model on a host across versions), so runbooks and postmortems ask here: the version this
// incident marked suspect, or else the one deployed on the host shortly before it started.
import { get, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { suspectVersionsAt } from './suspects.ts';

export function incidentVersion(
  db: ReadableDb,
  input: { model: string; hostName: string | null; incidentId: number; startedAtMs: number },
): string | null {
  const marked = get<{ version: string }>(
    db,
    sql`SELECT version FROM model_version_changes
        WHERE model = ${input.model} AND incident_id = ${input.incidentId} AND kind = 'marked_suspect'
        ORDER BY at, id LIMIT 1`,
  );
  return (
    marked?.version ??
    suspectVersionsAt(db, input.model, input.hostName, input.startedAtMs)[0]?.version ??
    null
  );
}
