// Builds a real console (encrypted store in a temp dir) and signed-in clients for API tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Result,
} from '../../shared/ipc/contract.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { createConsole } from '../../main/index.ts';
import type { CallContext, ConsoleApp } from '../../main/api/types.ts';
import type { Clock } from '../../main/core/clock.ts';
import { silentLogger } from '../../main/log.ts';
import { LEGACY_SCRYPT_COST } from '../../main/store/scrypt.ts';

export const PASSPHRASE = 'correct horse battery staple';
export const ADMIN_PASSWORD = 'admin-password-1';
/** The cheapest scrypt cost the console accepts: for tests that are not about the cost itself. */
export const TEST_KDF = LEGACY_SCRYPT_COST;

export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-26T06:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Client {
  ctx: CallContext;
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  /** Calls and returns the value, failing the test with the API's message otherwise. */
  must<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export function clientOf(app: ConsoleApp, label = 'test'): Client {
  const ctx: CallContext = {
    client: label,
    sessionToken: null,
    setSessionToken(token) {
      ctx.sessionToken = token;
    },
  };
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>) =>
    (await app.dispatch(ctx, channel, input)) as Result<ChannelOutput<C>>;
  return {
    ctx,
    call,
    async must(channel, input) {
      const result = await call(channel, input);
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

/** Creates an operator with the role (as `admin`) and returns a client of `app` signed in as them. */
export async function signedInOperator(
  app: ConsoleApp,
  admin: Client,
  role: Role,
  username = role.replace(/_/g, '-'),
): Promise<Client> {
  const password = `${username}-password-1`;
  await admin.must('operators.create', { username, displayName: username, role, password });
  const client = clientOf(app, username);
  await client.must('auth.signIn', { username, password });
  return client;
}

export interface TestSite {
  app: ConsoleApp;
  dataDir: string;
  clock: TestClock;
  recoveryKey: string;
  admin: Client;
  /** Creates an operator with the role (as admin) and returns a client signed in as them. */
  operatorWithRole(role: Role, username?: string): Promise<Client>;
  reopen(): Promise<ConsoleApp>;
  cleanup(): void;
}

export async function setUpSite(siteName = 'Abu Dhabi DC1'): Promise<TestSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-api-'));
  const clock = new TestClock();
  let app = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'test',
    clock,
    logger: silentLogger,
    kdf: TEST_KDF,
  });
  const setup = clientOf(app, 'setup');
  const { recoveryKey } = await setup.must('setup.create', {
    siteName,
    timeZone: 'Asia/Dubai',
    passphrase: PASSPHRASE,
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  const admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  return {
    get app() {
      return app;
    },
    dataDir,
    clock,
    recoveryKey,
    admin,
    operatorWithRole: (role, username) => signedInOperator(app, admin, role, username),
    async reopen() {
      app.close();
      app = await createConsole({
        dataDir,
        shell: 'browser',
        version: 'test',
        clock,
        logger: silentLogger,
        kdf: TEST_KDF,
      });
      return app;
    },
    cleanup() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
