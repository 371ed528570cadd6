// Enrolled hosts: plain functions over the store with a row mapper.
import type { HostState } from '../../shared/domain/fleet/hostStates.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface HostRecord {
  id: number;
  agentId: string;
  name: string;
  address: string;
  clusterId: number;
  fingerprint: string;
  simulated: boolean;
  state: HostState;
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
    state: row.state as HostState,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    clockOffsetMs: row.clock_offset_ms,
    epoch: row.epoch,
    ackedSeq: row.acked_seq,
  };
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
  host: {
    agentId: string;
    name: string;
    address: string;
    clusterId: number;
    fingerprint: string;
    simulated: boolean;
  },
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
  run(
    db,
    sql`UPDATE hosts SET state = 'revoked', revoked_at = ${now.toISOString()} WHERE id = ${id}`,
  );
}

/** Connection state is written only on transitions, so it costs nothing on the ingest path. */
export function updateHostState(db: WritableDb, id: number, state: HostState): void {
  run(db, sql`UPDATE hosts SET state = ${state} WHERE id = ${id} AND state != 'revoked'`);
}

export function updateClockOffset(db: WritableDb, id: number, offsetMs: number): void {
  run(db, sql`UPDATE hosts SET clock_offset_ms = ${offsetMs} WHERE id = ${id}`);
}

export function updateHostHello(db: WritableDb, id: number, simulated: boolean): void {
  run(db, sql`UPDATE hosts SET simulated = ${simulated ? 1 : 0} WHERE id = ${id}`);
}

/** The host's cumulative ack: the epoch it is in and every seq up to acked_seq committed. */
export function hostAck(
  db: ReadableDb,
  id: number,
): { epoch: string | null; ackedSeq: number } | null {
  const row = get<{ epoch: string | null; acked_seq: number }>(
    db,
    sql`SELECT epoch, acked_seq FROM hosts WHERE id = ${id}`,
  );
  return row ? { epoch: row.epoch, ackedSeq: row.acked_seq } : null;
}

/** After a committed batch: when the host was last heard from and its new cumulative ack. */
export function updateHostAck(
  db: WritableDb,
  id: number,
  seenAt: Date,
  epoch: string,
  ackedSeq: number,
): void {
  run(
    db,
    sql`UPDATE hosts SET last_seen_at = ${seenAt.toISOString()}, epoch = ${epoch}, acked_seq = ${ackedSeq} WHERE id = ${id}`,
  );
}
