// What the built command lines load when they start (`--help` and every command before its action
// runs): the command tree, and nothing a command loads only when it runs. Read from the bundles as
// built (the vitest global setup rebuilds them), following their static imports from the entry; esbuild
// names each source module in a `// path` comment above its code.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** The source modules in the entry and every chunk it imports statically, and the packages it requires. */
function loadedAtStart(entry: string): Set<string> {
  const modules = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, path] of code.matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm))
      modules.add(path!.replace(/^.*?(?=node_modules\/)|^(?:\.\.\/)+/, ''));
    for (const [, chunk] of code.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\.?\/[^"]+)";/gm))
      visit(join(dirname(file), chunk!));
    for (const [, chunk] of code.matchAll(/^import\s*"(\.\.?\/[^"]+)";/gm))
      visit(join(dirname(file), chunk!));
    for (const [, pkg] of code.matchAll(/\b(?:from\s*|require\()"([^".][^"]*)"/g))
      if (!pkg!.startsWith('node:')) modules.add(`package ${pkg}`);
  };
  visit(join(root, entry));
  return modules;
}

const heavy = (modules: Set<string>, patterns: RegExp[]) =>
  [...modules].filter((m) => patterns.some((p) => p.test(m)));

it('mirqab starts with its command tree alone: no store, native module, console, prompt or schema library', () => {
  const modules = loadedAtStart('out/cli/mirqab.mjs');
  expect(modules).toContain('main/cli/index.ts');
  expect(modules).toContain('node_modules/commander/lib/command.js');
  expect(
    heavy(modules, [
      /^main\/store\/db\.ts$/,
      /better-sqlite3/,
      /^main\/index\.ts$/,
      /^main\/(audit|host\/server|slo|reports|incidents|drills\/headless)/,
      /node_modules\/(zod|yaml|@inquirer)\//,
    ]),
  ).toEqual([]);
});

it('mirqab-agent starts with its command tree alone: no agent runtime, certificates or schema library', () => {
  const modules = loadedAtStart('out/agent/mirqab-agent.mjs');
  expect(modules).toContain('agent/cli.ts');
  expect(
    heavy(modules, [
      /^agent\/(agent|session|spool|server|certificate|identity)\.ts$/,
      /^agent\/collectors\//,
      /node_modules\/(zod|ws|yaml|@peculiar)\//,
    ]),
  ).toEqual([]);
});
