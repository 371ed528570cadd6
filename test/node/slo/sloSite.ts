// A real console whose store holds a synthetic telemetry history (written straight into the fleet's
// tables, as ingest would have rolled it up), so SLO tests know the exact answer.
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import type { ConsoleApp } from '../../../main/api/types.ts';
import {
  ADMIN_PASSWORD,
  clientOf,
  PASSPHRASE,
  setUpSite,
  signedInOperator,
  TEST_KDF,
  type Client,
  type TestSite,
} from '../../helpers/console.ts';
import { openRaw } from '../store/rawDb.ts';

export const MINUTE = 60_000;

/** One minute of a model service: requests and errors in that minute. */
export interface ServiceMinute {
  t: number;
  requests: number;
  errors: number;
}

export interface SloSite extends TestSite {
  admin: Client;
  /** Writes cumulative request/error counters for a model (one host, revoked so nobody dials it). */
  writeService(model: string, version: string, minutes: readonly ServiceMinute[]): void;
  /** Runs SQL on a second, writable connection (e.g. to corrupt a row on purpose). */
  exec(text: string, ...params: unknown[]): void;
  /** Closes the console and opens it again on the same store (as after a restart). */
  reopenWithSlo(): Promise<void>;
  /** Resolves once an slo.changed event satisfies the predicate's check (re-checked on each event). */
  waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs?: number): Promise<T>;
}

export async function setUpSloSite(): Promise<SloSite> {
  const site = await setUpSite();
  site.app.close();
  const open = () =>
    createConsole({
      dataDir: site.dataDir,
      shell: 'browser',
      version: 'test',
      clock: site.clock,
      logger: silentLogger,
      passphrase: PASSPHRASE,
      kdf: TEST_KDF,
      slo: { evaluateEveryMs: 50 },
    });
  let app: ConsoleApp = await open();
  let admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  const cluster = await admin.must('fleet.createCluster', {
    name: 'Inference pool',
    site: 'Abu Dhabi DC1',
    kind: 'cpu_pool',
    labels: {},
  });
  const writable = (): Database.Database => {
    const db = openRaw(join(site.dataDir, 'mirqab.db'), site.recoveryKey);
    db.pragma('busy_timeout = 5000');
    return db;
  };
  let hosts = 0;
  return {
    dataDir: site.dataDir,
    clock: site.clock,
    recoveryKey: site.recoveryKey,
    reopen: () => site.reopen(),
    cleanup() {
      app.close();
      site.cleanup();
    },
    get app() {
      return app;
    },
    get admin() {
      return admin;
    },
    async reopenWithSlo() {
      app.close();
      app = await open();
      admin = clientOf(app, 'admin');
      await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    },
    operatorWithRole: (role, username) => signedInOperator(app, admin, role, username),
    writeService(model, version, minutes) {
      const db = writable();
      try {
        db.transaction(() => {
          hosts += 1;
          const now = new Date().toISOString();
          const hostId = Number(
            db
              .prepare(
                `INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, revoked_at, state)
            VALUES (?, ?, '127.0.0.1:1', ?, 'f', ?, ?, 'revoked')`,
              )
              .run(`agent-${hosts}`, `infer-${hosts}`, cluster.id, now, now).lastInsertRowid,
          );
          const labels = JSON.stringify({ model, version });
          const series = (metric: string) =>
            Number(
              db
                .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
                .run(hostId, metric, labels).lastInsertRowid,
            );
          const requests = series('requests_total');
          const errors = series('errors_total');
          const rollup = db.prepare(
            'INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
          );
          let r = 0;
          let e = 0;
          for (const m of minutes) {
            r += m.requests;
            e += m.errors;
            rollup.run(requests, m.t, r, r, r, r, m.t + 30_000);
            rollup.run(errors, m.t, e, e, e, e, m.t + 30_000);
          }
        })();
      } finally {
        db.close();
      }
    },
    exec(text, ...params) {
      const db = writable();
      try {
        db.prepare(text).run(...params);
      } finally {
        db.close();
      }
    },
    async waitFor(check, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          const off = app.onEvent((event) => {
            if (event !== 'slo.changed') return;
            off();
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/** Minutes [from, to) at a steady rate, with every request failing inside the outage. */
export function steadyTraffic(
  fromMs: number,
  toMs: number,
  perMinute: number,
  outage?: { from: number; to: number },
): ServiceMinute[] {
  const out: ServiceMinute[] = [];
  for (let t = fromMs; t < toMs; t += MINUTE) {
    const isDown = outage !== undefined && t >= outage.from && t < outage.to;
    out.push({ t, requests: perMinute, errors: isDown ? perMinute : 0 });
  }
  return out;
}
