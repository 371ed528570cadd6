// `mirqab incident list|show` as an on-call engineer runs them in a terminal while the console is
// serving the same data folder: real processes, the real encrypted store.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConsoleApp } from '../../../main/api/types.ts';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { clientOf, TEST_KDF, type Client } from '../../helpers/console.ts';

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
let admin: Client;

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
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-incident-'));
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
  admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
});
afterAll(() => {
  app.close();
  rmSync(work, { recursive: true, force: true });
});

it('lists and shows incidents as JSON while the console serves the same folder', async () => {
  const declared = await admin.must('incidents.declare', {
    title: 'Fraud model <b>latency</b> doubled',
    impact: 'high',
    urgency: 'medium',
    category: 'inference_anomaly',
    service: 'fraud-detector',
  });
  await admin.must('incidents.acknowledge', { id: declared.id });

  const list = await mirqab([
    'incident',
    'list',
    '--state',
    'in_progress',
    '--json',
    '--data-dir',
    dataDir,
  ]);
  expect(list.code).toBe(0);
  const listed = JSON.parse(list.stdout) as {
    total: number;
    items: { id: number; priority: string }[];
  };
  expect(listed.total).toBe(1);
  expect(listed.items[0]).toMatchObject({ id: declared.id, priority: 'P2' });

  const show = await mirqab([
    'incident',
    'show',
    String(declared.id),
    '--json',
    '--data-dir',
    dataDir,
  ]);
  expect(show.code).toBe(0);
  const detail = JSON.parse(show.stdout) as Record<string, unknown>;
  expect(detail).toMatchObject({
    id: declared.id,
    title: 'Fraud model <b>latency</b> doubled',
    state: 'in_progress',
    priority: 'P2',
    impact: 'high',
    urgency: 'medium',
    category: 'inference_anomaly',
    acknowledgedBy: 'admin',
    alerts: [],
  });
  expect(detail.openedAt).toEqual(expect.any(String));

  const text = await mirqab(['incident', 'list', '--data-dir', dataDir]);
  expect(text.stdout).toContain(`#${declared.id}\tP2\tin_progress`);
});

it('says clearly when the state or the incident does not exist', async () => {
  const badState = await mirqab(['incident', 'list', '--state', 'burning', '--data-dir', dataDir]);
  expect(badState.code).not.toBe(0);
  expect(badState.stderr).toContain('Unknown state "burning"');
  const missing = await mirqab(['incident', 'show', '999', '--data-dir', dataDir]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('There is no incident 999.');
});
