// Creating a cluster (admins): names are unique, and every creation is audited with what was made.
import type { Cluster } from '../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';
import { findClusterByName, insertCluster } from './clusters.ts';
import type { Actor } from './enrolment.ts';
import { fleetFailure } from './failures.ts';

export function createCluster(
  db: WritableDb,
  cluster: Omit<Cluster, 'id' | 'createdAt'>,
  actor: Actor,
  now: Date,
): Cluster {
  if (findClusterByName(db, cluster.name))
    throw fleetFailure('CONFLICT', `A cluster named "${cluster.name}" already exists.`);
  return db.transaction(() => {
    const created = insertCluster(db, cluster, now);
    appendAudit(
      db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'fleet.createCluster',
        target: `cluster:${created.id}`,
        outcome: 'success',
        details: {
          name: created.name,
          site: created.site,
          kind: created.kind,
          labels: created.labels,
        },
      },
      now,
    );
    return created;
  })();
}
