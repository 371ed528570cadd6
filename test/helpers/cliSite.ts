// A site made with `mirqab init` (a real process, the real encrypted store) and a console serving
// the same folder, for tests of commands an operator runs beside a running console.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ConsoleApp } from '../../main/api/types.ts';
import { createConsole } from '../../main/index.ts';
import { silentLogger } from '../../main/log.ts';
import { clientOf, TEST_KDF, type Client } from './console.ts';

const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';
const ENV = {
  ...process.env,
  MIRQAB_PASSPHRASE: PASSPHRASE,
  MIRQAB_ADMIN_PASSWORD: 'admin-password-1',
};

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mirqab ARGS` as a terminal would, with the site's passphrase in the environment. */
export async function mirqab(args: string[]): Promise<CliRun> {
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

export interface CliSite {
  work: string;
  dataDir: string;
  app: ConsoleApp;
  admin: Client;
  close(): void;
}

export async function startCliSite(prefix: string, siteName = 'Dubai DC2'): Promise<CliSite> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(work, 'site');
  const init = await mirqab(['init', '--data-dir', dataDir, '--site', siteName]);
  if (init.code !== 0) throw new Error(`mirqab init failed: ${init.stderr}`);
  const app = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'test',
    logger: silentLogger,
    passphrase: PASSPHRASE,
    kdf: TEST_KDF,
  });
  const admin = clientOf(app, 'admin');
  await admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  return {
    work,
    dataDir,
    app,
    admin,
    close() {
      app.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
