// Clusters, hosts and agent events: plain functions over the store with row mappers.
import type { Cluster } from '../../shared/ipc/contract.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export type PersistedHostState = 'connecting' | 'online' | 'silent' | 'offline' | 'refused' | 'revoked';

export interface HostRecord {
  id: number;
  agentId: string;
  name: string;
  address: string;
  clusterId: number;
  fingerprint: string;
  simulated: boolean;
  state: PersistedHostState;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  clockOffsetMs: number | null;
  epoch: string | null;
  ackedSeq: number;
}

type HostRow = {
  id: number;
  agent_id: string;
  name: string;
  address: string;
  cluster_id: number;
  fingerprint: string;
  simulated: number;
  state: string;
  enrolled_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  clock_offset_ms: number | null;
  epoch: string | null;
  acked_seq: number;
};

function rowToHost(row: HostRow): HostRecord {
  return {
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    address: row.address,
    clusterId: row.cluster_id,
    fingerprint: row.fingerprint,
    simulated: row.simulated === 1,
    state: row.state as PersistedHostState,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    clockOffsetMs: row.clock_offset_ms,
    epoch: row.epoch,
    ackedSeq: row.acked_seq,
  };
}

type ClusterRow = { id: number; name: string; site: string; kind: string; labels: string; created_at: string };

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

export function listHostRecords(db: ReadableDb): HostRecord[] {
  return all<HostRow>(db, sql`SELECT * FROM hosts ORDER BY name, id`).map(rowToHost);
}

export function findHost(db: ReadableDb, id: number): HostRecord | null {
  const row = get<HostRow>(db, sql`SELECT * FROM hosts WHERE id = ${id}`);
  return row ? rowToHost(row) : null;
}

export function findHostByAgentId(db: ReadableDb, agentId: string): HostRecord | null {
  const row = get<HostRow>(db, sql`SELECT * FROM hosts WHERE agent_id = ${agentId}`);
  return row ? rowToHost(row) : null;
}

export function insertHost(
  db: WritableDb,
  host: { agentId: string; name: string; address: string; clusterId: number; fingerprint: string; simulated: boolean },
  now: Date,
): HostRecord {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, simulated, state, enrolled_at)
        VALUES (${host.agentId}, ${host.name}, ${host.address}, ${host.clusterId}, ${host.fingerprint},
                ${host.simulated ? 1 : 0}, 'connecting', ${now.toISOString()})`,
  );
  return findHost(db, Number(lastInsertRowid)) as HostRecord;
}

export function markHostRevoked(db: WritableDb, id: number, now: Date): void {
  run(db, sql`UPDATE hosts SET state = 'revoked', revoked_at = ${now.toISOString()} WHERE id = ${id}`);
}

/** Connection state is written only on transitions, so it costs nothing on the ingest path. */
export function updateHostState(db: WritableDb, id: number, state: PersistedHostState): void {
  run(db, sql`UPDATE hosts SET state = ${state} WHERE id = ${id} AND state != 'revoked'`);
}

export function updateClockOffset(db: WritableDb, id: number, offsetMs: number): void {
  run(db, sql`UPDATE hosts SET clock_offset_ms = ${offsetMs} WHERE id = ${id}`);
}

export function updateHostHello(db: WritableDb, id: number, simulated: boolean): void {
  run(db, sql`UPDATE hosts SET simulated = ${simulated ? 1 : 0} WHERE id = ${id}`);
}

export interface AgentEventRecord {
  tsMs: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  details: Record<string, unknown>;
}

export function recentAgentEvents(db: ReadableDb, hostId: number, limit: number): AgentEventRecord[] {
  return all<{ ts_ms: number; kind: string; severity: string; message: string; details: string }>(
    db,
    sql`SELECT ts_ms, kind, severity, message, details FROM agent_events
        WHERE host_id = ${hostId} ORDER BY ts_ms DESC, id DESC LIMIT ${limit}`,
  ).map((r) => ({
    tsMs: r.ts_ms,
    kind: r.kind,
    severity: r.severity as AgentEventRecord['severity'],
    message: r.message,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
