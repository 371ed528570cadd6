// The `mirqab` command line as an operator or a script runs it: real processes, real store.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const ENV = {
  ...process.env,
  MIRQAB_PASSPHRASE: 'correct horse battery staple',
  MIRQAB_ADMIN_PASSWORD: 'admin-password-1',
};
let work: string;
let dataDir: string;

async function mirqab(args: string[], env: NodeJS.ProcessEnv = ENV) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/mirqab.mjs', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-'));
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
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  expect(init.stdout.trim().split('\n').at(-1)).toMatch(/^[0-9a-f]{64}$/);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('prints help that lists every command', async () => {
  const help = await mirqab(['--help']);
  expect(help.code).toBe(0);
  for (const command of ['init', 'serve', 'audit']) expect(help.stdout).toContain(command);
  const auditHelp = await mirqab(['audit', '--help']);
  for (const command of ['verify', 'export', 'verify-bundle'])
    expect(auditHelp.stdout).toContain(command);
  const bundleHelp = await mirqab(['audit', 'verify-bundle', '--help']);
  for (const flag of [
    '--expect-fingerprint <F>',
    '--previous <bundle-or-checkpoint>',
    '--expect-witness <F>',
  ])
    expect(bundleHelp.stdout).toContain(flag);
});

it('refuses a telemetry disk budget it cannot read, before serving anything', async () => {
  const flag = await mirqab(['serve', '--data-dir', dataDir, '--telemetry-disk-budget', 'lots']);
  expect(flag.code).not.toBe(0);
  expect(flag.stderr).toContain(
    'The telemetry disk budget "lots" is not a size: write it like 50GB, 512MB or 2TB.',
  );
  const env = await mirqab(['serve', '--data-dir', dataDir], {
    ...ENV,
    MIRQAB_TELEMETRY_DISK_BUDGET: '1MB',
  });
  expect(env.stderr).toContain('is below the smallest accepted, 64 MiB.');
});

it('refuses to initialise over an existing store', async () => {
  const again = await mirqab(['init', '--data-dir', dataDir]);
  expect(again.code).not.toBe(0);
  expect(again.stderr).toMatch(/already holds a Mirqab store/);
});

it('refuses a weak passphrase with the rule it broke', async () => {
  const weak = await mirqab(['init', '--data-dir', join(work, 'weak')], {
    ...ENV,
    MIRQAB_PASSPHRASE: 'short',
  });
  expect(weak.code).not.toBe(0);
  expect(weak.stderr).toMatch(/passphrase: must be at least 12 characters/);
});

it('verifies the audit chain, naming the entry count and head hash', async () => {
  const verified = await mirqab(['audit', 'verify', '--data-dir', dataDir]);
  expect(verified.code).toBe(0);
  expect(verified.stdout).toMatch(/^ok: \d+ entries, head [0-9a-f]{64}$/m);
});

it('refuses a wrong passphrase with a clear error', async () => {
  const wrong = await mirqab(['audit', 'verify', '--data-dir', dataDir], {
    ...ENV,
    MIRQAB_PASSPHRASE: 'this is not it at all',
  });
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toMatch(/^mirqab: .*passphrase/im);
});

it('says so when the data dir has no store', async () => {
  const missing = await mirqab(['audit', 'verify', '--data-dir', join(work, 'nothing-here')]);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/No Mirqab store/);
});

it('exports a bundle that verifies offline, and detects an edited line', async () => {
  const out = join(work, 'bundle');
  const exported = await mirqab(['audit', 'export', '--data-dir', dataDir, '--out', out]);
  expect(exported.code).toBe(0);
  expect(readdirSync(out).sort()).toEqual([
    'SUMMARY.txt',
    'audit-log.jsonl',
    'checkpoint.json',
    'public-key.pem',
    'witnesses.json',
  ]);
  const good = await mirqab(['audit', 'verify-bundle', out], { PATH: process.env.PATH });
  expect(good.stdout).toMatch(/^ok: /);
  expect(good.code).toBe(0);

  const log = join(out, 'audit-log.jsonl');
  writeFileSync(
    log,
    readFileSync(log, 'utf8').replace('"outcome":"success"', '"outcome":"failure"'),
  );
  const bad = await mirqab(['audit', 'verify-bundle', out]);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toMatch(/^FAILED: audit-log.jsonl line 1 \(entry 1\) was altered/m);
});

it('rejects an unknown option with a non-zero exit', async () => {
  const wrong = await mirqab(['audit', 'verify', '--data-dirr', dataDir]);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toMatch(/unknown option/);
});
