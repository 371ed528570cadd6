// The offline lockfile check in `npm run test:security`, run as the real script: it fails on a
// lockfile holding a known-bad version (tar 6.2.1, as electronegativity once pulled in) or an
// override npm did not apply, and passes on the repository's own lockfile.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve('scripts/lockfileAudit.mjs');

interface AuditModule {
  satisfies: (version: string, range: string) => boolean;
  parseRange: (range: string) => unknown;
}
// reason: a path held in a variable keeps tsc from demanding types for a plain .mjs script.
const { satisfies, parseRange } = (await import(SCRIPT)) as AuditModule;

async function audit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function lockfileWith(
  packages: Record<string, { version: string }>,
  overrides?: Record<string, string>,
) {
  const dir = tempDir();
  const lockfile = path.join(dir, 'package-lock.json');
  const pkg = path.join(dir, 'package.json');
  writeFileSync(
    lockfile,
    JSON.stringify({
      name: 'x',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'x' }, ...packages },
    }),
  );
  writeFileSync(pkg, JSON.stringify({ name: 'x', ...(overrides ? { overrides } : {}) }));
  return ['--lockfile', lockfile, '--package', pkg];
}

describe('the offline lockfile audit', () => {
  it("passes on the repository's lockfile, where tar is pinned to a fixed version", async () => {
    const result = await audit([]);
    expect(result.stdout).toMatch(/Lockfile audit passed/);
    expect(result.code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      overrides: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(satisfies(pkg.overrides.tar!, '>=7.5.21')).toBe(true);
    expect(pkg.scripts['test:security']).toMatch(/^node scripts\/lockfileAudit\.mjs && /);
  });

  it('fails on a lockfile holding tar 6.2.1, naming where it sits and the advisories', async () => {
    const result = await audit(
      lockfileWith({
        'node_modules/@mapbox/node-pre-gyp': { version: '1.0.11' },
        'node_modules/@mapbox/node-pre-gyp/node_modules/tar': { version: '6.2.1' },
        'node_modules/ws': { version: '8.23.0' },
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'KNOWN-BAD tar 6.2.1 at node_modules/@mapbox/node-pre-gyp/node_modules/tar: high',
    );
    expect(result.stdout).toContain('GHSA-8qq5-rm4j-mr97');
    expect(result.stdout).not.toContain('ws 8.23.0');
    expect(result.stderr).toMatch(/Lockfile audit failed: 1 problem/);
  });

  it('fails when an exact override in package.json did not reach the lockfile', async () => {
    const result = await audit(
      lockfileWith(
        { 'node_modules/app-builder-lib/node_modules/tar': { version: '7.5.23' } },
        { tar: '7.5.24' },
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'OVERRIDE tar 7.5.23 at node_modules/app-builder-lib/node_modules/tar: package.json overrides pin 7.5.24',
    );
  });

  it('reads ranges with alternatives and pre-releases, and refuses a range it cannot read', () => {
    const ws = '<5.2.4 || >=6.0.0 <6.2.3 || >=7.0.0 <7.5.10 || >=8.0.0 <8.17.1';
    expect(
      ['5.2.3', '6.2.2', '7.5.9', '8.17.0', '8.0.0-beta.1'].map((v) => satisfies(v, ws)),
    ).toEqual([true, true, true, true, false]);
    expect(['5.2.4', '6.2.3', '7.5.10', '8.17.1', '8.23.0'].map((v) => satisfies(v, ws))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(satisfies('7.5.21-rc.1', '<7.5.21')).toBe(true);
    expect(() => parseRange('< 1.2')).toThrow(/cannot read/);
  });

  it('every entry in the pinned list reads, names its advisories and says what is fixed', () => {
    const list = JSON.parse(readFileSync('scripts/known-bad-packages.json', 'utf8')) as {
      reviewed: string;
      packages: { name: string; vulnerable: string; fixedIn: string; advisories: string[] }[];
    };
    expect(list.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const entry of list.packages) {
      expect(() => parseRange(entry.vulnerable), entry.name).not.toThrow();
      expect(entry.advisories.length, entry.name).toBeGreaterThan(0);
      for (const fixed of entry.fixedIn.split(', '))
        expect(satisfies(fixed, entry.vulnerable), `${entry.name} ${fixed}`).toBe(false);
    }
  });
});
