// One simulated host in one cluster, inserted straight into a store, for tests of ingest and storage
// without sockets.
import { insertCluster } from '../../../main/fleet/clusters.ts';
import { insertHost } from '../../../main/fleet/hosts.ts';
import type { WritableDb } from '../../../main/store/types.ts';

export function insertTestHost(db: WritableDb, now: Date): { id: number; agentId: string } {
  const cluster = insertCluster(
    db,
    { name: 'pod', site: '', kind: 'gpu_cluster', labels: {} },
    now,
  );
  return insertHost(
    db,
    {
      agentId: 'a1',
      name: 'h1',
      address: '127.0.0.1:1',
      clusterId: cluster.id,
      fingerprint: 'f'.repeat(64),
      simulated: true,
    },
    now,
  );
}
