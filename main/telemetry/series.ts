// The series table (one row per host, metric and label set) and the one series cache every reader
// and the ingest share, per store connection: ids by key, and lists by metric until a series is added.
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { labelsKey } from './labels.ts';

export interface SeriesRef {
  id: number;
  hostId: number;
  labels: Record<string, string>;
}

type SeriesRow = { id: number; host_id: number; labels: string };

const rowToSeries = (row: SeriesRow): SeriesRef => ({
  id: row.id,
  hostId: row.host_id,
  labels: JSON.parse(row.labels) as Record<string, string>,
});

class SeriesCache {
  /** (host, metric, labels as sent) → id; only committed ids enter, so a rollback cannot poison it. */
  readonly ids = new Map<string, number>();
  /** Lists by metric (or by query), valid while no series was added: ids only grow. */
  readonly lists = new Map<string, SeriesRef[]>();
  generation = -1;
}

const caches = new WeakMap<ReadableDb, SeriesCache>();

function cacheOf(db: ReadableDb): SeriesCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SeriesCache()));
  return cache;
}

/** After series were deleted (the demo site removed): ids may be reused, so nothing cached holds. */
export function forgetSeriesCache(db: ReadableDb): void {
  caches.delete(db);
}

/** The newest series id: it changes exactly when a series is added. */
export function seriesGeneration(db: ReadableDb): number {
  return get<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM series`)?.id ?? 0;
}

/** Lists cached under `key`, dropped once a new series exists (a new host, model version or GPU). */
function cachedList(db: ReadableDb, key: string, load: () => SeriesRef[]): SeriesRef[] {
  const cache = cacheOf(db);
  const generation = seriesGeneration(db);
  if (generation !== cache.generation) {
    cache.generation = generation;
    cache.lists.clear();
  }
  let list = cache.lists.get(key);
  if (!list) cache.lists.set(key, (list = load()));
  return list;
}

/** Every series of one metric, with its labels. */
export function seriesOfMetric(db: ReadableDb, metric: string): SeriesRef[] {
  return cachedList(db, JSON.stringify(['metric', metric]), () =>
    all<SeriesRow>(db, sql`SELECT id, host_id, labels FROM series WHERE metric = ${metric}`).map(
      rowToSeries,
    ),
  );
}

/** The series of one metric on one host. */
export function seriesOfHost(db: ReadableDb, hostId: number, metric: string): SeriesRef[] {
  return cachedList(db, JSON.stringify(['host', hostId, metric]), () =>
    all<SeriesRow>(
      db,
      sql`SELECT id, host_id, labels FROM series WHERE host_id = ${hostId} AND metric = ${metric}`,
    ).map(rowToSeries),
  );
}

/** The series of one metric a model service reports (its `model` label), on one site's hosts or ('') all. */
export function seriesOfModel(
  db: ReadableDb,
  metric: string,
  model: string,
  site: string,
): SeriesRef[] {
  return cachedList(db, JSON.stringify(['model', metric, model, site]), () =>
    all<SeriesRow>(
      db,
      sql`SELECT s.id, s.host_id, s.labels FROM series s
          JOIN hosts h ON h.id = s.host_id JOIN clusters c ON c.id = h.cluster_id
          WHERE s.metric = ${metric} AND json_extract(s.labels, '$.model') = ${model} AND (${site} = '' OR c.site = ${site})`,
    ).map(rowToSeries),
  );
}

const wireKey = (hostId: number, metric: string, labels: Record<string, string>) =>
  `${hostId}\u0001${metric}\u0001${JSON.stringify(labels)}`;

/** One series' id, or null if it has never been reported. */
export function findSeriesId(
  db: ReadableDb,
  hostId: number,
  metric: string,
  labels: Record<string, string>,
): number | null {
  const cache = cacheOf(db);
  const key = wireKey(hostId, metric, labels);
  const known = cache.ids.get(key);
  if (known !== undefined) return known;
  const row = get<{ id: number }>(
    db,
    sql`SELECT id FROM series WHERE host_id = ${hostId} AND metric = ${metric} AND labels = ${labelsKey(labels)}`,
  );
  if (row) cache.ids.set(key, row.id);
  return row?.id ?? null;
}

/**
 * A series id inside an ingest transaction, found or created: new ones wait in `created` (this
 * batch) and `fresh` (earlier batches of the group) until `rememberSeries` runs after the commit,
 * so a rolled-back insert never enters the cache.
 */
export function seriesIdForIngest(
  db: WritableDb,
  hostId: number,
  metric: string,
  labels: Record<string, string>,
  pending: { fresh: ReadonlyMap<string, number>; created: Map<string, number> },
): number {
  // Keyed by the labels as they arrived: one stringify and one lookup per sample; canonical only on a miss.
  const key = wireKey(hostId, metric, labels);
  const known = cacheOf(db).ids.get(key) ?? pending.fresh.get(key) ?? pending.created.get(key);
  if (known !== undefined) return known;
  const canonical = labelsKey(labels);
  const row = get<{ id: number }>(
    db,
    sql`SELECT id FROM series WHERE host_id = ${hostId} AND metric = ${metric} AND labels = ${canonical}`,
  );
  const id = row
    ? row.id
    : Number(
        run(
          db,
          sql`INSERT INTO series (host_id, metric, labels) VALUES (${hostId}, ${metric}, ${canonical})`,
        ).lastInsertRowid,
      );
  pending.created.set(key, id);
  return id;
}

/** After a commit: the ids its batches found or created join the cache. */
export function rememberSeries(db: ReadableDb, committed: ReadonlyMap<string, number>): void {
  const { ids } = cacheOf(db);
  for (const [key, id] of committed) ids.set(key, id);
}

/** Series ids in order, a page at a time (retention sweeps them one by one). */
export function seriesIdsAfter(db: ReadableDb, afterId: number, limit: number): number[] {
  return all<{ id: number }>(
    db,
    sql`SELECT id FROM series WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  ).map((r) => r.id);
}
