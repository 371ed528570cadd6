// From a fault on a real simulated GPU to an incident: the sources feed the incident pipeline, which
// opens an incident for the cluster and resolves it once the GPU has cooled.
import { describe, expect, it } from 'vitest';
import { all, sql } from '../../../main/store/sql.ts';
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { CLUSTER, incidentPipeline, startSimulatedSite } from './simulatedSite.ts';

const HOST = 'sim-gpu-01';
const is = (status: IncomingAlert['status'], alertname: string) => (a: IncomingAlert) =>
  a.status === status && a.labels.alertname === alertname;

describe('alert sources into the incident pipeline', () => {
  it('an overheating GPU opens an incident for its cluster, and the incident resolves once the GPU has cooled', async () => {
    const site = await startSimulatedSite({
      pipeline: incidentPipeline,
    });
    await site.step();
    await site.sim.inject({
      kind: 'thermal_throttle',
      target: { host: HOST, gpu: 0 },
      durationSeconds: 240,
    });
    const fired = await site.stepUntil(is('firing', 'GpuThermalSlowdown'), 'the alert');
    const incidents = () =>
      all<{ id: number; state: string; cluster: string | null; title: string }>(
        site.db,
        sql`SELECT id, state, cluster, title FROM incidents`,
      );
    expect(incidents()).toEqual([expect.objectContaining({ state: 'new', cluster: CLUSTER })]);
    const [alert] = all<{ state: string; source: string; incident_id: number }>(
      site.db,
      sql`SELECT state, source, incident_id FROM pipeline_alerts WHERE fingerprint = ${fired.fingerprint}`,
    );
    expect(alert).toEqual({ state: 'firing', source: 'agent', incident_id: incidents()[0]!.id });

    await site.stepUntil(is('resolved', 'GpuThermalSlowdown'), 'the resolution');
    expect(incidents()).toEqual([expect.objectContaining({ state: 'resolved' })]);
  }, 120_000);
});
