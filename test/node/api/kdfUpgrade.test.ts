// A site set up by an older Mirqab (scrypt N=2^15 for its keyring and passwords) keeps working on a
// console at today's cost, and each secret is re-derived at N=2^17 the first time it is used.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createConsole } from '../../../main/index.ts';
import type { ConsoleApp } from '../../../main/api/types.ts';
import type { Logger } from '../../../main/log.ts';
import {
  ADMIN_PASSWORD,
  clientOf,
  PASSPHRASE,
  setUpSite,
  type TestSite,
} from '../../helpers/console.ts';
import { openRaw } from '../store/rawDb.ts';

let site: TestSite;
let app: ConsoleApp | null = null;
beforeEach(async () => {
  site = await setUpSite(); // written at the older cost
  site.app.close();
});
afterEach(() => {
  app?.close();
  app = null;
  site.cleanup();
});

const warnings: string[] = [];
const logger: Logger = {
  info: () => {},
  warn: (message) => warnings.push(message),
  error: () => {},
};

/** A console at today's cost (no test override), as an upgraded installation would run. */
async function todaysConsole(): Promise<ConsoleApp> {
  app = await createConsole({
    dataDir: site.dataDir,
    shell: 'browser',
    version: 'test',
    clock: site.clock,
    logger,
  });
  return app;
}

const keyringN = () =>
  (JSON.parse(readFileSync(join(site.dataDir, 'keyring.json'), 'utf8')) as { kdf: { N: number } })
    .kdf.N;

function passwordHashOf(username: string): string {
  const raw = openRaw(join(site.dataDir, 'mirqab.db'), site.recoveryKey, { readonly: true });
  try {
    return raw
      .prepare('SELECT password_hash FROM operators WHERE username = ?')
      .pluck()
      .get(username) as string;
  } finally {
    raw.close();
  }
}

it('the keyring is re-wrapped at N=2^17 by the first unlock with the passphrase', async () => {
  expect(keyringN()).toBe(2 ** 15);
  const desk = clientOf(await todaysConsole(), 'desk');
  expect(await desk.call('store.unlock', { passphrase: 'not the passphrase' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_KEY' },
  });
  expect(keyringN()).toBe(2 ** 15);
  await desk.must('store.unlock', { passphrase: PASSPHRASE });
  expect(keyringN()).toBe(2 ** 17);
  await desk.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
});

it("an operator's password is re-hashed at N=2^17 by their next sign-in, and the change is audited", async () => {
  expect(passwordHashOf('admin')).toMatch(/^scrypt\$32768\$8\$1\$/);
  const desk = clientOf(await todaysConsole(), 'desk');
  await desk.must('store.unlock', { recoveryKey: site.recoveryKey });
  expect(
    await desk.call('auth.signIn', { username: 'admin', password: 'wrong-password' }),
  ).toMatchObject({ ok: false });
  expect(passwordHashOf('admin')).toMatch(/^scrypt\$32768\$8\$1\$/);

  await desk.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  expect(passwordHashOf('admin')).toMatch(/^scrypt\$131072\$8\$1\$/);
  const signIn = (
    await desk.must('audit.list', { action: 'auth.signIn', outcome: 'success', limit: 1 })
  ).entries[0];
  expect(signIn?.details).toMatchObject({
    passwordRehashed: 'scrypt N=2^15, r=8, p=1 → N=2^17, r=8, p=1',
  });

  // The new record works, and is not re-hashed again.
  const again = clientOf(app!, 'desk again');
  await again.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  const latest = (
    await again.must('audit.list', { action: 'auth.signIn', outcome: 'success', limit: 1 })
  ).entries[0];
  expect(latest?.details).not.toHaveProperty('passwordRehashed');
});

it('a data folder left open to others is tightened to 0700 at start, and the console says so', async () => {
  if (process.platform === 'win32') return;
  chmodSync(site.dataDir, 0o755);
  warnings.length = 0;
  await todaysConsole();
  expect(statSync(site.dataDir).mode & 0o777).toBe(0o700);
  expect(warnings).toEqual([
    'The data folder was open to other accounts (mode 755); it is now 700.',
  ]);
});
