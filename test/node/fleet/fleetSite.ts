// A real console site with fast fleet timings, plus helpers that wait on fleet.changed events.
import { join } from 'node:path';
import type { ConsoleApp } from '../../../main/api/types.ts';
import { createConsole } from '../../../main/index.ts';
import type { FleetConfig } from '../../../main/fleet/config.ts';
import { silentLogger, type Logger } from '../../../main/log.ts';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import { openRaw } from '../store/rawDb.ts';
import {
  clientOf,
  PASSPHRASE,
  setUpSite,
  signedInOperator,
  TEST_KDF,
  type Client,
  type TestSite,
} from '../../helpers/console.ts';

/** Short heartbeat and backoff so reconnects happen within a test. */
export const FAST_FLEET = {
  heartbeatMs: 200,
  backoff: { baseMs: 20, maxMs: 200 },
  notifyEveryMs: 20,
  enrolTimeoutMs: 5000,
};

export interface FleetSite extends TestSite {
  /** Closes the console and opens it again (as after a restart) with the site passphrase. */
  restart(): Promise<ConsoleApp>;
  /** A second, read-only connection to the encrypted store, as the sqlcipher tool would open it. */
  query<T>(text: string, ...params: unknown[]): T[];
  /** Resolves with the host list once the predicate holds, re-checking on each fleet.changed event. */
  waitForHosts(
    predicate: (hosts: FleetHost[]) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<FleetHost[]>;
  clusterId: number;
}

/** logger: the console's (default silent); tests that assert on refusals pass a recording one. */
export async function setUpFleetSite(
  options: { siteName?: string; logger?: Logger; fleet?: Partial<FleetConfig> } = {},
): Promise<FleetSite> {
  const logger = options.logger ?? silentLogger;
  const site = await setUpSite(options.siteName);
  // setUpSite's console has default fleet timings: reopen it with fast ones and the same store.
  let app = site.app;
  app.close();
  app = await createConsole({
    dataDir: site.dataDir,
    shell: 'browser',
    version: 'test',
    clock: site.clock,
    logger,
    passphrase: PASSPHRASE,
    kdf: TEST_KDF,
    fleet: { ...FAST_FLEET, ...options.fleet },
  });
  let admin: Client = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const cluster = await admin.must('fleet.createCluster', {
    name: 'DGX pod A',
    site: 'Abu Dhabi DC1',
    kind: 'gpu_cluster',
    labels: { rack: 'r12' },
  });

  const restart = async () => {
    app.close();
    app = await createConsole({
      dataDir: site.dataDir,
      shell: 'browser',
      version: 'test',
      clock: site.clock,
      logger,
      passphrase: PASSPHRASE,
      kdf: TEST_KDF,
      fleet: { ...FAST_FLEET, ...options.fleet },
    });
    admin = clientOf(app, 'admin');
    await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    return app;
  };

  return {
    dataDir: site.dataDir,
    clock: site.clock,
    recoveryKey: site.recoveryKey,
    reopen: restart,
    operatorWithRole: (role, username) => signedInOperator(app, admin, role, username),
    get app() {
      return app;
    },
    get admin() {
      return admin;
    },
    clusterId: cluster.id,
    restart,
    query<T>(text: string, ...params: unknown[]): T[] {
      const db = openRaw(join(site.dataDir, 'mirqab.db'), site.recoveryKey, { readonly: true });
      try {
        return db.prepare(text).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async waitForHosts(
      predicate: (hosts: FleetHost[]) => boolean,
      what: string,
      timeoutMs = 10_000,
    ) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const changed = new Promise<void>((resolve) => {
          const off = app.onEvent((event) => {
            if (event !== 'fleet.changed') return;
            off();
            resolve();
          });
          setTimeout(
            () => {
              off();
              resolve();
            },
            Math.max(0, deadline - Date.now()),
          ).unref();
        });
        const hosts = await admin.must('fleet.list', {});
        if (predicate(hosts)) return hosts;
        if (Date.now() >= deadline)
          throw new Error(
            `timed out waiting for ${what}: ${JSON.stringify(hosts.map((h) => [h.name, h.state, h.stateReason]))}`,
          );
        await changed;
      }
    },
    cleanup() {
      app.close();
      site.cleanup();
    },
  };
}
