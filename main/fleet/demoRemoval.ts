// Removing the demo site's data: its simulated hosts, their clusters, every sample and roll-up of their
// series, their ingest log, events and model versions, and enforcement actions taken on them. SLOs,
// SLAs, incidents and alerts stay (they are the operator's records), and the audit log is never touched.
import { isSimulatedCluster } from '../../shared/domain/fleet/demoSite.ts';
import { all, run, sql, sqlId } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { listClusters } from './clusters.ts';
import { forgetSeries } from '../telemetry/sampleBuffer.ts';
import { listHostRecords } from './hosts.ts';

export interface SimulatedSite {
  hosts: { id: number; name: string }[];
  clusters: { id: number; name: string }[];
}

/** Simulated hosts (flagged by their agents or enrolled into a simulated cluster) and those clusters. */
export function findSimulatedSite(db: ReadableDb): SimulatedSite {
  const clusters = listClusters(db).filter(isSimulatedCluster);
  const simulatedClusters = new Set(clusters.map((c) => c.id));
  const hosts = listHostRecords(db).filter(
    (h) => h.simulated || simulatedClusters.has(h.clusterId),
  );
  return {
    hosts: hosts.map((h) => ({ id: h.id, name: h.name })),
    clusters: clusters.map((c) => ({ id: c.id, name: c.name })),
  };
}

/** Deletes the hosts' telemetry and records, then the hosts and clusters; returns the series deleted. */
export function deleteSimulatedSite(db: WritableDb, site: SimulatedSite): { series: number } {
  let series = 0;
  for (const { id } of site.hosts) {
    const ids = all<{ id: number }>(db, sql`SELECT id FROM series WHERE host_id = ${id}`);
    series += ids.length;
    forgetSeries(
      db,
      ids.map((r) => r.id),
    );
    for (const table of ['rollup_minutes', 'rollups_1m', 'rollups_1h'])
      run(
        db,
        sql`DELETE FROM ${sqlId(table)} WHERE series_id IN (SELECT id FROM series WHERE host_id = ${id})`,
      );
    run(db, sql`DELETE FROM series WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM ingest_log WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM agent_events WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM model_host_versions WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM model_version_changes WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM enforcement_actions WHERE host_id = ${id}`);
    run(db, sql`DELETE FROM hosts WHERE id = ${id}`);
  }
  for (const { id } of site.clusters) run(db, sql`DELETE FROM clusters WHERE id = ${id}`);
  return { series };
}
