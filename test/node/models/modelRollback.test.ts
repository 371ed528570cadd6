// A bad deploy and its rollback, for real: the console runs deploy_model_version on a simulated agent
// over wss + mutual TLS, the service degrades, the console records the version change, the model's
// quality alert opens an incident that marks the new version suspect, and rollback_model to the last
// known-good version restores the service; the history shows every step.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import { silentLogger } from '../../../main/log.ts';
import {
  currentVersions,
  lastKnownGood,
  versionHistory,
  versionInfos,
} from '../../../main/models/index.ts';
import { ModelVersionService } from '../../../main/models/service.ts';
import { getIncident } from '../../../main/incidents/incidentRepository.ts';
import { incidentFacts } from '../../../main/postmortems/incidentFacts.ts';
import { incidentValues } from '../../../main/runbooks/incidentValues.ts';
import { MODEL_VERSIONS } from '../../../main/runbooks/modelVersions.ts';
import { all, sql } from '../../../main/store/sql.ts';
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import {
  incidentPipeline,
  startSimulatedSite,
  type SimulatedSite,
} from '../alertSources/simulatedSite.ts';

const MODEL = 'llama-3-8b';
const HOST = 'sim-gpu-01';
const AMAL = { username: 'amal', role: 'ml_engineer' };

/** The service's error ratio and accuracy over the next `steps` samples, from the console's live values. */
async function measure(site: SimulatedSite, steps: number) {
  const hostId = site.hostIds.get(HOST)!;
  const read = () => {
    const values = site.fleet.connections.live.values(hostId);
    const newest = (metric: string) =>
      values
        .filter((v) => v.metric === metric && v.labels.model === MODEL)
        .sort((a, b) => b.tsMs - a.tsMs)[0]!;
    return {
      requests: newest('requests_total'),
      errors: newest('errors_total'),
      accuracy: newest('model_accuracy_ratio').value,
    };
  };
  const before = read();
  for (let i = 0; i < steps; i++) await site.step();
  const after = read();
  // Both readings are of one version's counters (the caller lets a restart settle first).
  expect(after.requests.labels.version).toBe(before.requests.labels.version);
  return {
    version: after.requests.labels.version,
    errorRatio:
      (after.errors.value - before.errors.value) / (after.requests.value - before.requests.value),
    accuracy: after.accuracy,
  };
}

describe('model versions over a real agent', () => {
  it('a bad deploy degrades the service and is marked suspect by its incident; rolling back to the last known good restores it', async () => {
    const site = await startSimulatedSite({
      pipeline: incidentPipeline,
    });
    const events = new EventBus();
    const changed: string[][] = [];
    events.on((event, payload) => {
      if (event === 'models.changed') changed.push((payload as { models: string[] }).models);
    });
    const models = new ModelVersionService({
      store: () => site.db,
      events,
      clock: site.clock,
      logger: silentLogger,
      fleet: site.fleet,
    });
    expect(models.setPolicy({ soakMinutes: 5, suspectWindowMinutes: 60 }, AMAL)).toEqual({
      soakMinutes: 5,
      suspectWindowMinutes: 60,
    });
    const hostId = site.hostIds.get(HOST)!;
    await site.step();
    const good = await measure(site, 40); // ten minutes: the detectors learn the service, version 1 soaks
    expect(good.version).toBe('1');
    expect(currentVersions(site.db, MODEL).map((c) => `${c.hostName}@${c.version}`)).toEqual([
      `${HOST}@1`,
    ]);
    expect(lastKnownGood(site.db, MODEL)?.version).toBe('1');

    const deploy = { model: MODEL, version: '3' };
    expect(
      await site.fleet.runAction({ hostId, action: 'deploy_model_version', params: deploy }, AMAL),
    ).toMatchObject({
      status: 'ok',
      output: `${MODEL} on ${HOST}: version 1 → 3 (the server restarted)\n`,
    });
    // The console records the change as soon as the result is back, before any telemetry.
    expect(currentVersions(site.db, MODEL).map((c) => c.version)).toEqual(['3']);
    expect(changed).toContainEqual([MODEL]);

    const fired = await site.stepUntil(
      (a: IncomingAlert) => a.status === 'firing' && a.labels.model === MODEL,
      'a quality alert on the model',
    );
    expect(fired.labels.version).toBeUndefined(); // one detector per model and host, across versions
    await site.step();
    const bad = await measure(site, 8);
    expect(bad.version).toBe('3');
    expect(bad.errorRatio).toBeGreaterThan(good.errorRatio + 0.05);
    expect(bad.accuracy).toBeLessThan(good.accuracy - 0.05);
    // The host's view lists the version it serves now, not the one it replaced.
    const served = (await site.fleet.reads.hostDetail(hostId)).modelServices;
    expect(served.map((m) => `${m.model}@${m.version}`)).toEqual([`${MODEL}@3`]);

    const [incident] = all<{ id: number; service: string }>(
      site.db,
      sql`SELECT id, service FROM incidents`,
    );
    expect(incident?.service).toBe(MODEL);
    expect(versionInfos(site.db, MODEL).map((v) => [v.version, v.state])).toEqual([
      ['1', 'known_good'],
      ['3', 'suspect'],
    ]);
    const notes = all<{ text: string }>(
      site.db,
      sql`SELECT text FROM incident_timeline WHERE incident_id = ${incident!.id} AND kind = 'note'`,
    );
    expect(notes.map((n) => n.text)).toEqual([
      `Model ${MODEL} version 3 marked suspect: it was deployed on ${HOST} shortly before this incident started.`,
    ]);

    // Its alerts name no version, yet the incident is about version 3: the rollback runbook's templates
    // and the postmortem's model section say so, before the rollback and after it.
    const versionOfIncident = () => [
      incidentValues(site.db, getIncident(site.db, incident!.id)!, MODEL_VERSIONS)[
        'incident.version'
      ],
      incidentFacts(site.db, incident!.id).modelVersion,
    ];
    expect(versionOfIncident()).toEqual(['3', '3']);

    const target = lastKnownGood(site.db, MODEL)!;
    expect(target.version).toBe('1');
    expect(
      await site.fleet.runAction(
        { hostId, action: 'rollback_model', params: { model: MODEL, version: target.version } },
        AMAL,
      ),
    ).toMatchObject({ status: 'ok' });
    await site.stepUntil(
      (a: IncomingAlert) => a.status === 'resolved' && a.fingerprint === fired.fingerprint,
      'the quality alert to resolve',
    );
    for (let i = 0; i < 8; i++) await site.step(); // accuracy from delayed labels takes minutes
    const restored = await measure(site, 8);
    expect(restored.version).toBe('1');
    expect(versionOfIncident()).toEqual(['3', '3']);
    expect(restored.errorRatio).toBeLessThan(good.errorRatio + 0.01);
    expect(restored.accuracy).toBeGreaterThan(good.accuracy - 0.02);

    expect(
      versionHistory(site.db, MODEL).map((c) =>
        `${c.kind} ${c.fromVersion ?? '-'}→${c.version} ${c.source} ${c.actor ?? ''}`.trim(),
      ),
    ).toEqual([
      'rolled_back 3→1 rollback_action amal',
      `marked_suspect -→3 incident system:incidents`,
      'deployed 1→3 deploy_action amal',
      'reported -→1 agent',
    ]);
  }, 180_000);
});
