// A real encrypted store (WAL, as the console opens it) with enrolled hosts, plus a second, read-only
// connection that sees only what was committed, for tests of ingest without sockets.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import type { Telemetry } from '../../../main/fleet/ingest.ts';
import { insertCluster } from '../../../main/fleet/clusters.ts';
import { insertHost } from '../../../main/fleet/hosts.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { ReadableDb, WritableDb } from '../../../main/store/types.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openRaw } from '../store/rawDb.ts';

export const NOW = Date.parse('2026-11-26T06:00:00.000Z');

export interface FleetStore {
  db: WritableDb;
  /** Another connection: it sees a batch only once its transaction has committed. */
  committed<T>(text: string, ...params: unknown[]): T[];
  /** That connection itself, for reads made through the console's own functions. */
  reader: ReadableDb;
  /** A new writable connection to the same file, as a console restarted after a crash opens it. */
  reopen(): WritableDb;
  hosts: { id: number; agentId: string }[];
}

export function fleetStore(hostCount = 3): FleetStore {
  const path = join(tempDir(), 'mirqab.db');
  const key = randomBytes(32).toString('hex');
  const db = openRaw(path, key) as WritableDb;
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const reader = openRaw(path, key, { readonly: true });
  onTestFinished(() => {
    reader.close();
    db.close();
  });
  const now = new Date(NOW);
  const cluster = insertCluster(
    db,
    { name: 'pod', site: '', kind: 'gpu_cluster', labels: {} },
    now,
  );
  const hosts = Array.from({ length: hostCount }, (_, i) => {
    const agentId = `agent-${i + 1}`;
    const host = insertHost(
      db,
      {
        agentId,
        name: `gpu-node-0${i + 1}`,
        address: `127.0.0.1:${9000 + i}`,
        clusterId: cluster.id,
        fingerprint: 'f'.repeat(64),
        simulated: true,
      },
      now,
    );
    return { id: host.id, agentId };
  });
  return {
    db,
    hosts,
    reader: reader as ReadableDb,
    reopen() {
      const again = openRaw(path, key) as WritableDb;
      onTestFinished(() => {
        again.close();
      });
      return again;
    },
    committed<T>(text: string, ...params: unknown[]): T[] {
      return reader.prepare(text).all(...params) as T[];
    },
  };
}

/** One telemetry batch: `values` per metric at one time, for the given labels. */
export function batch(
  seq: number,
  tsMs: number,
  values: Record<string, number>,
  labels: Record<string, string> = {},
  epoch = 'e1',
): Telemetry {
  const samples: Sample[] = Object.entries(values).map(([metric, value]) => ({
    metric,
    labels,
    value,
    tsMs,
  }));
  return { type: 'telemetry', epoch, seq, samples, events: [] };
}
