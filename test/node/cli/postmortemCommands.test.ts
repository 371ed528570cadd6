// `mirqab postmortem export` as an auditor runs it while the console serves the same data folder:
// real processes, the real encrypted store, the real headless Chromium, read back with pdftotext.
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
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-postmortem-'));
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
}, 60_000); // mirqab init derives the store key at the real scrypt cost
afterAll(() => {
  app.close();
  rmSync(work, { recursive: true, force: true });
});

it('exports a postmortem as PDF and Markdown, stamped and audited; bad input gets one clear line', async () => {
  const incident = await admin.must('incidents.declare', {
    title: 'Recommender drifted',
    impact: 'medium',
    urgency: 'medium',
    category: 'model_accuracy',
  });
  const pm = await admin.must('postmortems.create', { incidentId: incident.id });
  await admin.must('postmortems.update', {
    id: pm.id,
    sections: { trigger: 'A holiday shifted the traffic mix.' },
  });
  const out = join(work, 'out');

  const pdf = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'pdf',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(pdf.code).toBe(0);
  expect(pdf.stdout).toMatch(
    new RegExp(
      `^postmortem ${pm.id}: postmortem-${pm.id}-r1-en\\.pdf, postmortem-${pm.id}-r1-en\\.checkpoint\\.json in .* \\(audit checkpoint #\\d+, root [0-9a-f]{16}…\\)$`,
      'm',
    ),
  );
  const { stdout: text } = await run('pdftotext', [
    '-enc',
    'UTF-8',
    join(out, `postmortem-${pm.id}-r1-en.pdf`),
    '-',
  ]);
  expect(text.replace(/\s+/g, ' ')).toContain('A holiday shifted the traffic mix.');
  expect(text).toMatch(/Produced at audit checkpoint #\d+/);

  const md = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'md',
    '--language',
    'ar',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(md.code).toBe(0);
  expect(md.stdout).toContain(`postmortem-${pm.id}-r1-ar.md`);

  const { entries } = await admin.must('audit.list', { action: 'postmortem.export' });
  expect(
    entries.map((e) => [e.actor.startsWith('cli:'), (e.details as { format: string }).format]),
  ).toEqual([
    [true, 'md'],
    [true, 'pdf'],
  ]);

  const bad = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'docx',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect([bad.code, bad.stderr.trim()]).toEqual([2, 'mirqab: --format must be md or pdf.']);
  const missing = await mirqab([
    'postmortem',
    'export',
    '999',
    '--format',
    'md',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect([missing.code, missing.stderr.trim()]).toEqual([1, 'mirqab: There is no postmortem 999.']);
}, 120_000); // five CLI processes, each starting TypeScript and unwrapping the store key
