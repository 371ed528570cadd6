// `mirqab slo import|export` and `mirqab report sla` as an operator runs them: real processes, real store,
// real Chromium for the PDF.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, readFixture } from '../../helpers/fixtures.ts';
import { openRaw } from '../store/rawDb.ts';

const run = promisify(execFile);
const ENV = {
  ...process.env,
  MIRQAB_PASSPHRASE: 'correct horse battery staple',
  MIRQAB_ADMIN_PASSWORD: 'admin-password-1',
};
let work: string;
let dataDir: string;
let recoveryKey: string;

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
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-slo-'));
  dataDir = join(work, 'site');
  const init = await mirqab([
    'init',
    '--data-dir',
    dataDir,
    '--site',
    'Al Ain DC',
    '--admin',
    'root-admin',
  ]);
  expect(init.code).toBe(0);
  recoveryKey = init.stdout.trim().split('\n').at(-1)!;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('imports a Sloth spec after a dry run that stores nothing, and exports it as OpenSLO', async () => {
  const file = fixture('slo', 'sloth_getting-started.in.yml');
  const dry = await mirqab(['slo', 'import', file, '--dry-run', '--data-dir', dataDir]);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('would import myservice-requests-availability');
  expect((await mirqab(['slo', 'export', '--data-dir', dataDir])).stdout).not.toContain(
    'myservice',
  );

  const real = await mirqab(['slo', 'import', file, '--data-dir', dataDir]);
  expect(real.stdout).toContain('imported myservice-requests-availability');
  const exported = await mirqab(['slo', 'export', '--data-dir', dataDir]);
  expect(exported.code).toBe(0);
  expect(exported.stdout).toMatch(
    /apiVersion: openslo\/v1[\s\S]*name: myservice-requests-availability/,
  );
}, 90_000); // four CLI processes, each starting TypeScript

it('refuses an SLO it cannot evaluate with the file, line and field, and exits 1', async () => {
  const bad = join(work, 'bad.yaml');
  writeFileSync(
    bad,
    readFixture('slo', 'sloth_getting-started.in.yml').replace('objective: 99.9', 'objective: 140'),
  );
  const result = await mirqab(['slo', 'import', bad, '--data-dir', dataDir]);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/refused .*bad\.yaml.*line \d+.*objective/);
});

it('writes an SLA report as PDF, CSV and HTML stamped with the audit checkpoint, and audits it', async () => {
  const db = openRaw(join(dataDir, 'mirqab.db'), recoveryKey);
  const spec = {
    name: 'gold',
    customer: 'Retail banking',
    slos: ['myservice-requests-availability'],
    target: 0.995,
    period: 'month',
    maintenance: [],
    credits: [{ below: 0.995, creditPercent: 10 }],
  };
  db.prepare(
    "INSERT INTO slas (name, spec, created_at, updated_at, updated_by) VALUES ('gold', ?, 'x', 'x', 'x')",
  ).run(JSON.stringify(spec));
  db.close();

  const out = join(work, 'reports');
  const result = await mirqab([
    'report',
    'sla',
    '--period',
    '2026-10',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/gold 2026-10: .*\.pdf.*audit checkpoint #\d+/);
  expect(readdirSync(out).sort()).toEqual([
    'sla-gold-2026-10.checkpoint.json',
    'sla-gold-2026-10.csv',
    'sla-gold-2026-10.html',
    'sla-gold-2026-10.pdf',
  ]);
  const csv = readFileSync(join(out, 'sla-gold-2026-10.csv'), 'utf8');
  expect(csv).toContain('Retail banking');
  expect(csv).toContain('myservice-requests-availability');

  const check = openRaw(join(dataDir, 'mirqab.db'), recoveryKey, { readonly: true });
  const entry = check
    .prepare("SELECT details FROM audit_log WHERE action = 'sla.export' ORDER BY seq DESC LIMIT 1")
    .get() as { details: string };
  check.close();
  expect(JSON.parse(entry.details)).toMatchObject({
    period: '2026-10',
    checkpoint: { treeSize: expect.any(Number) as unknown },
  });
});

it('names a bad period instead of writing anything', async () => {
  const result = await mirqab([
    'report',
    'sla',
    '--period',
    '2026-13',
    '--out',
    join(work, 'x'),
    '--data-dir',
    dataDir,
  ]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/period: use YYYY-MM or YYYY-Qn/);
});
