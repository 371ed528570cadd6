// Clusters: the groups hosts are enrolled into, as plain functions over the store.
import type { Cluster } from '../../shared/ipc/contract.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

type ClusterRow = {
  id: number;
  name: string;
  site: string;
  kind: string;
  labels: string;
  created_at: string;
};

function rowToCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    name: row.name,
    site: row.site,
    kind: row.kind as Cluster['kind'],
    labels: JSON.parse(row.labels) as Record<string, string>,
    createdAt: row.created_at,
  };
}

export function listClusters(db: ReadableDb): Cluster[] {
  return all<ClusterRow>(db, sql`SELECT * FROM clusters ORDER BY site, name`).map(rowToCluster);
}

export function findCluster(db: ReadableDb, id: number): Cluster | null {
  const row = get<ClusterRow>(db, sql`SELECT * FROM clusters WHERE id = ${id}`);
  return row ? rowToCluster(row) : null;
}

export function findClusterByName(db: ReadableDb, name: string): Cluster | null {
  const row = get<ClusterRow>(db, sql`SELECT * FROM clusters WHERE name = ${name}`);
  return row ? rowToCluster(row) : null;
}

export function insertCluster(
  db: WritableDb,
  cluster: { name: string; site: string; kind: Cluster['kind']; labels: Record<string, string> },
  now: Date,
): Cluster {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO clusters (name, site, kind, labels, created_at)
        VALUES (${cluster.name}, ${cluster.site}, ${cluster.kind}, ${JSON.stringify(cluster.labels)}, ${now.toISOString()})`,
  );
  return findCluster(db, Number(lastInsertRowid)) as Cluster;
}
