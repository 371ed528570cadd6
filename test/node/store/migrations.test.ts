import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  migrate,
  MIGRATIONS,
  schemaVersion,
} from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

function tables(db: WritableDb): string[] {
  return all<{ name: string }>(
    db,
    sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
  ).map((r) => r.name);
}

describe('schema migrations', () => {
  it('are numbered in steps of 10 and strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    // A number may be held for a feature still landing, so the registry may skip one; never go back.
    expect(versions.every((v, i) => v % 10 === 0 && v > (versions[i - 1] ?? 0))).toBe(true);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('run once: migrating an up-to-date database changes nothing', () => {
    const db = newEncryptedDb(tempDir());
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    db.close();
  });

  it('roll back entirely when one step fails, leaving user_version where it was', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 10 });
    db.exec('CREATE TABLE audit_log (x INTEGER) STRICT'); // collides with 0020
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(10);
    db.close();
  });

  it('refuse to migrate a database from a newer build', () => {
    const db = newEncryptedDb(tempDir());
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    expect(() => migrate(db)).toThrow(/newer than this build/);
    db.close();
  });

  it('0010 creates settings, operators, sessions and secrets as STRICT tables with their constraints', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 0 });
    expect(tables(db)).toEqual([]);
    migrate(db, { to: 10 });
    expect(schemaVersion(db)).toBe(10);
    expect(tables(db)).toEqual(['operators', 'secrets', 'sessions', 'settings']);
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('amal', 'Amal', 'admin', 'h', '2025-01-01T00:00:00.000Z')`,
    );
    expect(get(db, sql`SELECT disabled FROM operators WHERE username = 'amal'`)).toEqual({
      disabled: 0,
    });
    // STRICT rejects a value of the wrong type; the foreign key rejects a session for nobody.
    expect(() => run(db, sql`INSERT INTO secrets (name, value) VALUES ('x', ${null})`)).toThrow(
      /NOT NULL/,
    );
    expect(() =>
      run(
        db,
        sql`INSERT INTO operators (id, username, display_name, role, password_hash, created_at) VALUES ('abc', 'b', 'B', 'viewer', 'h', 'now')`,
      ),
    ).toThrow(/datatype mismatch|cannot store/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO sessions (id, token_hash, operator_id, client, created_at, last_active_at) VALUES ('s', 't', 999, 'desktop', 'now', 'now')`,
      ),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0020 adds the append-only audit tables and keeps the data written at schema 10', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 10 });
    run(db, sql`INSERT INTO settings (key, value) VALUES ('site.name', '"Abu Dhabi"')`);
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('amal', 'Amal', 'admin', 'h', 'now')`,
    );
    run(
      db,
      sql`INSERT INTO sessions (id, token_hash, operator_id, client, created_at, last_active_at) VALUES ('s1', 't1', 1, 'desktop', 'now', 'now')`,
    );
    migrate(db, { to: 20 });
    expect(schemaVersion(db)).toBe(20);
    expect(get(db, sql`SELECT value FROM settings WHERE key = 'site.name'`)).toEqual({
      value: '"Abu Dhabi"',
    });
    expect(get(db, sql`SELECT operator_id FROM sessions WHERE id = 's1'`)).toEqual({
      operator_id: 1,
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['audit_log', 'audit_checkpoints']));

    const z = '0'.repeat(64);
    run(
      db,
      sql`INSERT INTO audit_log (seq, ts, actor, role, action, target, outcome, details, prev_hash, hash) VALUES (1, 'now', 'amal', 'admin', 'auth.login', '-', 'success', '{}', ${z}, ${z})`,
    );
    expect(() => run(db, sql`UPDATE audit_log SET actor = 'x'`)).toThrow(
      /audit log is append-only/,
    );
    expect(() => run(db, sql`DELETE FROM audit_log`)).toThrow(/audit log is append-only/);
    run(db, sql`INSERT INTO audit_checkpoints VALUES (1, ${z}, ${z}, 'now', 'sig', 'fp')`);
    expect(() => run(db, sql`UPDATE audit_checkpoints SET signature = 'x'`)).toThrow(/append-only/);
    expect(() => run(db, sql`DELETE FROM audit_checkpoints`)).toThrow(/append-only/);

    const plan = all<{ detail: string }>(
      db,
      sql`EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE action = ${'auth.login'} ORDER BY seq DESC LIMIT 50`,
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX audit_log_action/);
    db.close();
  });

  it('0030 adds the fleet tables (STRICT, telemetry WITHOUT ROWID) and keeps the data written at schema 20', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 20 });
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('amal', 'Amal', 'admin', 'h', 'now')`,
    );
    run(db, sql`INSERT INTO secrets (name, value) VALUES ('k', ${Buffer.from([1, 2, 3])})`);
    migrate(db, { to: 30 });
    expect(schemaVersion(db)).toBe(30);
    expect(get(db, sql`SELECT username FROM operators`)).toEqual({ username: 'amal' });
    expect(get(db, sql`SELECT value FROM secrets WHERE name = 'k'`)).toEqual({
      value: Buffer.from([1, 2, 3]),
    });
    const fleetTables = [
      'agent_events',
      'clusters',
      'fleet_state',
      'hosts',
      'ingest_log',
      'rollups_1h',
      'rollups_1m',
      'samples_raw',
      'series',
    ];
    expect(tables(db)).toEqual(expect.arrayContaining(fleetTables));
    const list = db.pragma('table_list') as { name: string; strict: number; wr: number }[];
    for (const name of fleetTables) expect(list.find((t) => t.name === name)?.strict, name).toBe(1);
    expect(
      list
        .filter((t) => t.wr === 1)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['ingest_log', 'rollups_1h', 'rollups_1m', 'samples_raw']);

    // A cluster kind outside the two known ones, a host in no cluster and a second host for one agent are refused.
    expect(() =>
      run(db, sql`INSERT INTO clusters (name, kind, created_at) VALUES ('x', 'tpu_farm', 'now')`),
    ).toThrow(/CHECK/);
    run(
      db,
      sql`INSERT INTO clusters (name, kind, created_at) VALUES ('pod', 'gpu_cluster', 'now')`,
    );
    const host = (agent: string, cluster: number) =>
      run(
        db,
        sql`INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at) VALUES (${agent}, 'h', '10.0.0.1:7443', ${cluster}, 'f', 'now')`,
      );
    expect(() => host('a1', 99)).toThrow(/FOREIGN KEY/);
    host('a1', 1);
    expect(() => host('a1', 1)).toThrow(/UNIQUE/);
    expect(get(db, sql`SELECT state, acked_seq, simulated FROM hosts`)).toEqual({
      state: 'connecting',
      acked_seq: 0,
      simulated: 0,
    });
    run(
      db,
      sql`INSERT INTO ingest_log (host_id, epoch, seq, received_at, samples) VALUES (1, 'e', 1, 0, 3)`,
    );
    expect(() =>
      run(
        db,
        sql`INSERT INTO ingest_log (host_id, epoch, seq, received_at, samples) VALUES (1, 'e', 1, 0, 3)`,
      ),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      run(db, sql`INSERT INTO samples_raw (series_id, ts_ms, value) VALUES (1, 'soon', 1.5)`),
    ).toThrow(/datatype mismatch|cannot store/);

    const plan = all<{ detail: string }>(
      db,
      sql`EXPLAIN QUERY PLAN SELECT ts_ms, value FROM samples_raw WHERE series_id = ${1} AND ts_ms >= ${0} AND ts_ms <= ${1} ORDER BY ts_ms`,
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(
      /SEARCH samples_raw USING PRIMARY KEY \(series_id=\? AND ts_ms>\? AND ts_ms<\?\)/,
    );
    db.close();
  });
  it('0040 adds SLOs, SLAs, the alert stream and enforcement, keeping the fleet written at schema 30', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 30 });
    run(
      db,
      sql`INSERT INTO clusters (name, kind, created_at) VALUES ('pod', 'gpu_cluster', 'now')`,
    );
    run(
      db,
      sql`INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at) VALUES ('a1', 'h', '10.0.0.1:7443', 1, 'f', 'now')`,
    );
    migrate(db, { to: 40 });
    expect(schemaVersion(db)).toBe(40);
    expect(get(db, sql`SELECT agent_id FROM hosts`)).toEqual({ agent_id: 'a1' });
    expect(tables(db)).toEqual(
      expect.arrayContaining(['alerts', 'enforcement_actions', 'slas', 'slo_policies', 'slos']),
    );

    run(
      db,
      sql`INSERT INTO slos (name, spec, created_at, updated_at, updated_by) VALUES ('llama', '{}', 'now', 'now', 'amal')`,
    );
    run(
      db,
      sql`INSERT INTO slo_policies (slo_id, spec, updated_at, updated_by) VALUES (1, '{}', 'now', 'amal')`,
    );
    // A policy goes with its SLO; an alert outlives it (it is evidence).
    const alert = (state: string) =>
      run(
        db,
        sql`INSERT INTO alerts (fingerprint, slo_name, severity, state, summary, long_minutes, short_minutes, threshold, burn_rate_long, burn_rate_short, peak_burn_rate, started_at, updated_at)
        VALUES ('fp', 'llama', 'page', ${state}, 's', 60, 5, 14.4, 20, 20, 20, 0, 0)`,
      );
    alert('firing');
    expect(() => alert('pending')).toThrow(/UNIQUE/); // one open alert per fingerprint
    alert('resolved');
    run(db, sql`DELETE FROM slos WHERE name = 'llama'`);
    expect(get(db, sql`SELECT count(*) AS n FROM slo_policies`)).toEqual({ n: 0 });
    expect(get(db, sql`SELECT count(*) AS n FROM alerts`)).toEqual({ n: 2 });
    expect(() =>
      run(
        db,
        sql`INSERT INTO enforcement_actions (slo_name, host_id, action, status, proposed_at) VALUES ('llama', 9, 'scale', 'proposed', 0)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO enforcement_actions (slo_name, host_id, action, status, proposed_at) VALUES ('llama', 1, 'scale', 'maybe', 0)`,
      ),
    ).toThrow(/CHECK/);

    const plan = all<{ detail: string }>(
      db,
      sql`EXPLAIN QUERY PLAN SELECT * FROM alerts WHERE slo_name = ${'llama'} AND started_at < ${1} ORDER BY started_at`,
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX alerts_slo/);
    db.close();
  });
});
