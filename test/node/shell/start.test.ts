import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface StartScript {
  platformExecutable: (platform: string) => string;
  findElectronBinary: (where: {
    env: Record<string, string>;
    electronDir: string | null;
    platform: NodeJS.Platform;
  }) => string | null;
}
// reason: a path held in a variable keeps tsc from demanding types for a plain .mjs script.
const startScript = path.resolve(import.meta.dirname, '../../../scripts/start.mjs');
const { findElectronBinary, platformExecutable } = (await import(startScript)) as StartScript;

let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mirqab-start-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

function touch(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  return file;
}

describe('npm start finding Electron without downloading it', () => {
  it('uses dist/ + path.txt of the electron package, as the package itself does', () => {
    const electronDir = path.join(base, 'electron');
    fs.mkdirSync(electronDir);
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    const binary = touch(path.join(electronDir, 'dist', 'electron'));
    expect(findElectronBinary({ env: {}, electronDir, platform: 'linux' })).toBe(binary);
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH', () => {
    const override = path.join(base, 'unpacked');
    const binary = touch(path.join(override, platformExecutable('linux')));
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(
      findElectronBinary({ env, electronDir: path.join(base, 'none'), platform: 'linux' }),
    ).toBe(binary);
  });

  it('finds nothing when the binary was never downloaded', () => {
    const electronDir = path.join(base, 'electron');
    touch(path.join(electronDir, 'package.json'));
    expect(findElectronBinary({ env: {}, electronDir, platform: 'linux' })).toBeNull();
    expect(findElectronBinary({ env: {}, electronDir: null, platform: 'linux' })).toBeNull();
    const env = { ELECTRON_OVERRIDE_DIST_PATH: path.join(base, 'missing') };
    expect(findElectronBinary({ env, electronDir, platform: 'linux' })).toBeNull();
  });

  it('names the right executable per platform', () => {
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(platformExecutable('linux')).toBe('electron');
  });

  it('does not try to download anything when merely imported', () => {
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `await import(${JSON.stringify(startScript)})`],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
  });
});
