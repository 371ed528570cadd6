// The models, metrics and hosts the fleet has reported: what the SLO editor offers as it is typed, and
// what an import, a backtest or an enforcement policy checks names against.
import type { KnownNames } from '../../shared/domain/slo/knownNames.ts';
import { all, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';

export function knownNames(db: ReadableDb): KnownNames {
  const metrics = all<{ metric: string }>(
    db,
    sql`SELECT DISTINCT metric FROM series ORDER BY metric`,
  ).map((r) => r.metric);
  const models = all<{ model: string }>(
    db,
    sql`SELECT DISTINCT json_extract(labels, '$.model') AS model FROM series
        WHERE json_extract(labels, '$.model') IS NOT NULL ORDER BY model`,
  ).map((r) => String(r.model));
  const hosts = all<{ name: string }>(
    db,
    sql`SELECT DISTINCT name FROM hosts WHERE revoked_at IS NULL ORDER BY name`,
  ).map((r) => r.name);
  return { models, metrics, hosts };
}
