// The repository carries its own fixtures, each with its provenance, and nothing reads data from
// outside the repository.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.ts';

const REPO = join(FIXTURES, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A folder whose files the README describes as a whole, or a file it names. */
function describedByReadme(file: string, readme: string): boolean {
  const parts = file.split('/');
  return readme.includes(`\`${file}\``) || readme.includes(`| \`${parts[0]}/\` |`);
}

describe('test fixtures', () => {
  const readme = readFileSync(join(FIXTURES, 'README.md'), 'utf8');
  const files = filesUnder(FIXTURES).map((f) => relative(FIXTURES, f));

  it('give every data file a provenance: a .source.txt beside it or a row in the README', () => {
    const data = files.filter(
      (f) => !f.endsWith('.source.txt') && f !== 'README.md' && !f.startsWith('LICENSES/'),
    );
    const withoutProvenance = data.filter((file) => {
      // A copied directory (the OpenMetrics cases) has one .source.txt for the whole folder.
      const sourced = files.some(
        (s) => s.endsWith('.source.txt') && file.startsWith(s.slice(0, -'.source.txt'.length)),
      );
      return !sourced && !describedByReadme(file, readme);
    });
    expect(data.length).toBeGreaterThan(400);
    expect(withoutProvenance).toEqual([]);
  });

  it('name a repository, a licence with its text in LICENSES/, and the version (commit) in every .source.txt', () => {
    const licenceTexts = readdirSync(join(FIXTURES, 'LICENSES')).map((f) =>
      f.replace(/\.txt$/, ''),
    );
    for (const source of files.filter((f) => f.endsWith('.source.txt'))) {
      const text = readFileSync(join(FIXTURES, source), 'utf8');
      expect(text, source).toMatch(/^repo: https:\/\/github\.com\//m);
      expect(text, source).toMatch(/\bcommit\b/);
      const licence = /^licence: ([\w.-]+)/m.exec(text)?.[1];
      expect(licenceTexts, `${source}: licence ${licence}`).toContain(licence);
    }
  });

  it('are the only data the repository reads: nothing refers to a folder beside it', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    const outside = tracked
      .filter((f) => !f.startsWith('test/fixtures/') && f !== 'package-lock.json')
      .filter((f) =>
        /shared\/fixtures|\.\.\/\.\.\/\.\.\/\.\.\/shared/.test(readFileSync(join(REPO, f), 'utf8')),
      );
    expect(outside).toEqual([]);
  });
});
