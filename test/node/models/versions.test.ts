// What the console learns about model versions: from telemetry labels, from deploy and rollback
// results, and from incidents; and the known-good rule the rollback target comes from. A real
// encrypted store; time is given explicitly.
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { HOUR_MS, MINUTE_MS } from '../../../shared/domain/time.ts';
import {
  currentVersions,
  lastKnownGood,
  markKnownGood,
  markSuspect,
  markSuspectFromIncident,
  ModelVersionRecorder,
  versionHistory,
  versionInfos,
} from '../../../main/models/index.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { newEncryptedDb } from '../store/rawDb.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const MODEL = 'llama-3-8b';
const AMAL = { username: 'amal', role: 'ml_engineer' };

function store(): WritableDb {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  run(
    db,
    sql`INSERT INTO clusters (id, name, kind, created_at) VALUES (1, 'DC1', 'gpu_cluster', '2026-01-01T00:00:00.000Z')`,
  );
  for (const id of [1, 2])
    run(
      db,
      sql`INSERT INTO hosts (id, agent_id, name, address, cluster_id, fingerprint, enrolled_at)
          VALUES (${id}, ${`agent-${id}`}, ${`gpu-0${id}`}, '127.0.0.1:1', 1, 'ab', '2026-01-01T00:00:00.000Z')`,
    );
  return db;
}

const batch = (version: string, tsMs: number, model = MODEL): Sample[] => [
  { metric: 'requests_total', labels: { model, version }, value: 10, tsMs },
  { metric: 'model_accuracy_ratio', labels: { model, version }, value: 0.9, tsMs },
  { metric: 'host_cpu_utilization', labels: {}, value: 3, tsMs },
];

/** Reports `version` on a host every minute from `fromMs` for `minutes`. */
function report(
  db: WritableDb,
  recorder: ModelVersionRecorder,
  hostId: number,
  version: string,
  fromMs: number,
  minutes: number,
): number {
  let t = fromMs;
  for (; t < fromMs + minutes * MINUTE_MS; t += MINUTE_MS)
    recorder.recordSamples(db, hostId, batch(version, t));
  recorder.flush(db);
  return t;
}

const summary = (db: WritableDb) =>
  versionHistory(db, MODEL).map(
    (c) =>
      `${c.hostName ?? '*'} ${c.kind} ${c.fromVersion ?? '-'}→${c.version} by ${c.source}${c.actor ? ` (${c.actor})` : ''}`,
  );

describe('model versions', () => {
  it('learns what runs where from telemetry labels: first reports, a deploy, and a version that comes back is a rollback', () => {
    const db = store();
    const recorder = new ModelVersionRecorder();
    let t = report(db, recorder, 1, '1', T0, 10);
    report(db, recorder, 2, '1', T0, 10);
    expect(currentVersions(db, MODEL).map((c) => `${c.hostName}@${c.version}`)).toEqual([
      'gpu-01@1',
      'gpu-02@1',
    ]);
    expect(recorder.recordSamples(db, 1, batch('3', t))).toEqual([MODEL]);
    t = report(db, recorder, 1, '3', t, 5);
    // A late batch from before the deploy is not taken for a rollback.
    expect(recorder.recordSamples(db, 1, batch('1', T0 + 10 * MINUTE_MS - 1000))).toEqual([]);
    expect(currentVersions(db, MODEL).map((c) => `${c.hostName}@${c.version}`)).toEqual([
      'gpu-01@3',
      'gpu-02@1',
    ]);
    report(db, recorder, 1, '1', t, 5);
    expect(summary(db)).toEqual([
      'gpu-01 rolled_back 3→1 by agent',
      'gpu-01 deployed 1→3 by agent',
      'gpu-02 reported -→1 by agent',
      'gpu-01 reported -→1 by agent',
    ]);
    // A server that serves two versions side by side runs both.
    const both = [...batch('1', t + HOUR_MS), ...batch('2', t + HOUR_MS)];
    recorder.recordSamples(db, 2, both);
    recorder.recordSamples(db, 2, [
      ...batch('1', t + HOUR_MS + 30_000),
      ...batch('2', t + HOUR_MS + 30_000),
    ]);
    recorder.flush(db);
    expect(
      currentVersions(db, MODEL)
        .filter((c) => c.hostId === 2)
        .map((c) => c.version),
    ).toEqual(['1', '2']);
  });

  it('a deploy or rollback result names who did it, whether its telemetry came first or after', () => {
    const db = store();
    const recorder = new ModelVersionRecorder();
    let t = report(db, recorder, 1, '1', T0, 10);
    report(db, recorder, 2, '1', T0, 10);
    const finished = (hostId: number, action: string, version: string, atMs: number) =>
      recorder.recordAction(db, {
        hostId,
        action,
        params: { model: MODEL, version },
        status: 'ok',
        actor: AMAL,
        now: new Date(atMs),
      });
    // Host 1: the result first, then its telemetry. Host 2: telemetry first, then the result.
    expect(finished(1, 'deploy_model_version', '3', t)).toBe(MODEL);
    t = report(db, recorder, 1, '3', t + 2000, 2);
    report(db, recorder, 2, '3', t, 2);
    finished(2, 'deploy_model_version', '3', t + 5000);
    t += 3 * MINUTE_MS;
    finished(1, 'rollback_model', '1', t);
    expect(
      recorder.recordAction(db, {
        hostId: 2,
        action: 'rollback_model',
        params: { model: MODEL, version: '1' },
        status: 'failed',
        actor: AMAL,
        now: new Date(t),
      }),
    ).toBeNull();
    expect(summary(db)).toEqual([
      'gpu-01 rolled_back 3→1 by rollback_action (amal)',
      'gpu-02 deployed 1→3 by deploy_action (amal)',
      'gpu-01 deployed 1→3 by deploy_action (amal)',
      'gpu-02 reported -→1 by agent',
      'gpu-01 reported -→1 by agent',
    ]);
    expect(currentVersions(db, MODEL).map((c) => `${c.hostName}@${c.version}`)).toEqual([
      'gpu-01@1',
      'gpu-02@3',
    ]);
  });

  it('last known good: the version that served the soak period most recently, never a suspect one; a person may mark one good', () => {
    const db = store();
    const recorder = new ModelVersionRecorder();
    let t = report(db, recorder, 1, '1', T0, 30);
    expect(lastKnownGood(db, MODEL)).toBeNull(); // not an hour yet
    t = report(db, recorder, 1, '1', t, 40);
    expect(lastKnownGood(db, MODEL)).toEqual({
      version: '1',
      since: new Date(T0 + HOUR_MS).toISOString(),
    });
    t = report(db, recorder, 1, '2', t, 70);
    expect(lastKnownGood(db, MODEL)?.version).toBe('2');
    t = report(db, recorder, 1, '3', t, 10);
    expect(lastKnownGood(db, MODEL)?.version).toBe('2'); // 3 has not soaked
    markSuspect(db, MODEL, '2', 'Latency regressions seen in review', new Date(t));
    expect(lastKnownGood(db, MODEL)?.version).toBe('1');
    markKnownGood(db, MODEL, '3', AMAL, 'Evaluated offline: fine', new Date(t + 1000));
    expect(lastKnownGood(db, MODEL)).toEqual({
      version: '3',
      since: new Date(t + 1000).toISOString(),
    });
    expect(versionInfos(db, MODEL).map((v) => [v.version, v.state, v.isSoaked, v.hosts])).toEqual([
      ['1', 'known_good', true, 0],
      ['2', 'suspect', false, 0],
      ['3', 'known_good', false, 1],
    ]);
    expect(() => markKnownGood(db, MODEL, '9', AMAL, 'x', new Date(t))).toThrow(
      `The console has not seen version "9" of model "${MODEL}".`,
    );
    const audit = all<{ actor: string; action: string; details: string }>(
      db,
      sql`SELECT actor, action, details FROM audit_log WHERE action LIKE 'models.%' ORDER BY seq`,
    );
    expect(audit.map((a) => [a.actor, a.action, JSON.parse(a.details) as unknown])).toEqual([
      [
        'system:models',
        'models.markSuspect',
        { version: '2', reason: 'Latency regressions seen in review' },
      ],
      ['amal', 'models.markGood', { version: '3', reason: 'Evaluated offline: fine' }],
    ]);
  });

  it('an incident marks suspect the version deployed within the window before it started, not one that came back by rollback', () => {
    const db = store();
    const recorder = new ModelVersionRecorder();
    let t = report(db, recorder, 1, '1', T0, 120);
    report(db, recorder, 2, '1', T0, 120);
    const deployedAt = t;
    t = report(db, recorder, 1, '3', t, 20);
    const incident = (startedAtMs: number, hostName: string | null, incidentId: number) =>
      markSuspectFromIncident(db, {
        model: MODEL,
        hostName,
        startedAtMs,
        incidentId,
        now: new Date(startedAtMs + 1000),
        by: { username: 'system:incidents', role: 'system' },
      });
    // On the other host nothing changed: no suspect.
    expect(incident(t, 'gpu-02', 7)).toEqual([]);
    expect(incident(t, null, 8)).toEqual([
      { version: '3', hostName: 'gpu-01', deployedAtMs: deployedAt },
    ]);
    expect(versionInfos(db, MODEL).find((v) => v.version === '3')).toMatchObject({
      state: 'suspect',
      stateReason: 'Incident #8 started 20 min after version 3 was deployed on gpu-01.',
    });
    expect(incident(t + 1000, null, 9)).toEqual([]); // already suspect
    expect(lastKnownGood(db, MODEL)?.version).toBe('1');
    t = report(db, recorder, 1, '1', t, 5);
    expect(incident(t, null, 10)).toEqual([]); // 1 came back by rollback
    // Past the window, a deploy is no longer what an incident points at.
    t = report(db, recorder, 2, '2', t, 90);
    expect(incident(t, 'gpu-02', 11)).toEqual([]);
    expect(versionHistory(db, MODEL)[0]).toBeDefined();
    expect(
      versionHistory(db, MODEL)
        .filter((c) => c.kind === 'marked_suspect')
        .map((c) => [c.version, c.source, c.incidentId]),
    ).toEqual([['3', 'incident', 8]]);
  });
});
