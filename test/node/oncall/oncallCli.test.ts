// `mirqab oncall who` as an engineer runs it in a terminal while the console serves the same data
// folder: real processes, the real encrypted store.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConsoleApp } from '../../../main/api/types.ts';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import type { OnCallWho } from '../../../shared/ipc/contract.ts';
import { clientOf, signedInOperator, TEST_KDF } from '../../helpers/console.ts';

const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';
const ENV = {
  ...process.env,
  MIRQAB_PASSPHRASE: PASSPHRASE,
  MIRQAB_ADMIN_PASSWORD: 'admin-password-1',
};
let work: string;
let dataDir: string;
let app: ConsoleApp;

async function mirqab(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/mirqab.mjs', ...args], {
      env: ENV,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-oncall-'));
  dataDir = join(work, 'site');
  expect((await mirqab(['init', '--data-dir', dataDir, '--site', 'Dubai DC2'])).code).toBe(0);
  app = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'test',
    logger: silentLogger,
    passphrase: PASSPHRASE,
    kdf: TEST_KDF,
  });
  const admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  for (const username of ['amal', 'bilal'])
    await signedInOperator(app, admin, 'operator', username);
  await admin.must('oncall.saveSchedule', {
    spec: {
      name: 'Platform L1',
      layers: [
        {
          participants: ['amal', 'bilal'],
          turn: { unit: 'week', count: 1 },
          handoffTime: '09:00',
          startDate: '2026-11-23',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        },
      ],
    },
  });
}, 60_000);
afterAll(() => {
  app.close();
  rmSync(work, { recursive: true, force: true });
});

it('says who is on call at a site-local time while the console serves the same folder', async () => {
  const text = await mirqab(['oncall', 'who', '--at', '2026-11-26T10:00', '--data-dir', dataDir]);
  expect(text.stderr).toBe('');
  expect(text.code).toBe(0);
  expect(text.stdout.trim().split('\n')).toEqual([
    'On call at 2026-11-26 10:00 (Asia/Dubai):',
    '  Platform L1: amal until 2026-11-28 09:00; next bilal at 2026-11-30 09:00',
  ]);

  const json = await mirqab([
    'oncall',
    'who',
    '--at',
    '2026-11-28T12:00:00+04:00',
    '--json',
    '--data-dir',
    dataDir,
  ]);
  expect(json.code).toBe(0);
  const who = JSON.parse(json.stdout) as OnCallWho;
  expect(who.at).toBe('2026-11-28T08:00:00.000Z');
  expect(who.schedules[0]).toMatchObject({
    scheduleName: 'Platform L1',
    onCall: null,
    next: { username: 'bilal', at: '2026-11-30T05:00:00.000Z' },
  });
}, 60_000);

it('refuses a time it cannot read, in one line, exiting 2', async () => {
  const result = await mirqab(['oncall', 'who', '--at', 'tomorrow', '--data-dir', dataDir]);
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe(
    'mirqab: --at must be a time such as 2026-11-26T10:00 (in the site\'s zone, Asia/Dubai) or 2026-11-26T06:00:00Z, not "tomorrow".',
  );
}, 60_000); // a CLI process starting TypeScript
