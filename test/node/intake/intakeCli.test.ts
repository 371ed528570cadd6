// `mirqab intake token create|list|revoke` as an operator runs them, while the console serves the
// same folder: a token made on the command line works for the running console's intake at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsole } from '../../../main/index.ts';
import type { ConsoleApp } from '../../../main/api/types.ts';
import { silentLogger } from '../../../main/log.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { clientOf, PASSPHRASE } from '../../helpers/console.ts';
import { send, serve, type ServedConsole } from './intakeHttp.ts';

const run = promisify(execFile);
let recoveryKey = '';
const ENV = {
  ...process.env,
  MIRQAB_PASSPHRASE: PASSPHRASE,
  MIRQAB_ADMIN_PASSWORD: 'admin-password-1',
};
let work: string;
let dataDir: string;
let app: ConsoleApp;
let served: ServedConsole;

async function mirqab(args: string[]) {
  try {
    // The recovery key opens the store without the passphrase's deliberately slow derivation.
    const env = recoveryKey ? { ...ENV, MIRQAB_RECOVERY_KEY: recoveryKey } : ENV;
    const { stdout, stderr } = await run(process.execPath, ['bin/mirqab.mjs', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const deliver = (token: string) =>
  send(served.origin, {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: readFixture('alertmanager', 'single-firing.json'),
  });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-intake-'));
  dataDir = join(work, 'site');
  const init = await mirqab(['init', '--data-dir', dataDir, '--site', 'Al Ain DC']);
  expect(init.code).toBe(0);
  recoveryKey = init.stdout.trim().split('\n').at(-1)!;
  app = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'test',
    passphrase: PASSPHRASE,
    logger: silentLogger,
  });
  served = await serve(app);
}, 90_000);
afterAll(async () => {
  await served?.close();
  app?.close();
  rmSync(work, { recursive: true, force: true });
});

it('creates a token that the serving console accepts, prints it once, then lists and revokes it', async () => {
  const created = await mirqab([
    'intake',
    'token',
    'create',
    'dc1-alertmanager',
    '--data-dir',
    dataDir,
  ]);
  expect(created.code).toBe(0);
  const token = created.stdout.trim();
  expect(token).toMatch(/^mqi_[A-Za-z0-9_-]{43}$/);
  expect(created.stderr).toContain('shown once');
  expect(created.stderr).toContain('/intake/alertmanager');

  expect(await deliver(token)).toMatchObject({ status: 200, json: { accepted: 1 } });

  const listed = await mirqab(['intake', 'token', 'list', '--data-dir', dataDir]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(
    /^dc1-alertmanager\tcreated \S+ by cli:\S+\tlast used \S+Z\tactive$/m,
  );
  expect(listed.stdout).not.toContain(token);

  const revoked = await mirqab([
    'intake',
    'token',
    'revoke',
    'dc1-alertmanager',
    '--data-dir',
    dataDir,
  ]);
  expect(revoked.code).toBe(0);
  expect(revoked.stdout).toContain('Revoked intake token "dc1-alertmanager"');
  expect((await deliver(token)).status).toBe(401);

  const again = await mirqab([
    'intake',
    'token',
    'revoke',
    'dc1-alertmanager',
    '--data-dir',
    dataDir,
  ]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/already revoked/);

  const admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const { entries } = await admin.must('audit.list', { text: 'intake-token:dc1-alertmanager' });
  expect(entries.map((e) => [e.action, e.role]).reverse()).toEqual([
    ['intake.token.create', 'local-admin'],
    ['intake.alertmanager', 'intake'],
    ['intake.token.revoke', 'local-admin'],
  ]);
}, 180_000); // four CLI processes, each starting TypeScript

it('refuses a name it cannot store and a name already taken, with exit codes 2 and 1', async () => {
  const odd = await mirqab(['intake', 'token', 'create', 'a/b', '--data-dir', dataDir]);
  expect(odd.code).toBe(2);
  expect(odd.stderr).toMatch(/letters, digits/);
  const taken = await mirqab([
    'intake',
    'token',
    'create',
    'dc1-alertmanager',
    '--data-dir',
    dataDir,
  ]);
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/already exists/);
}, 90_000);
