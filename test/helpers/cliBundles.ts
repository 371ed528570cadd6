// Vitest global setup: tests that spawn `bin/mirqab.mjs` or `bin/mirqab-agent.mjs` run the built
// command lines (out/cli, out/agent), so these are rebuilt first whenever a source file is newer
// than them (a second or so with esbuild; nothing at all when they are current).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const SOURCES = ['main', 'shared', 'agent', 'bin', 'scripts/buildCli.mjs', 'package-lock.json'];
const BUNDLES = ['out/cli/mirqab.mjs', 'out/agent/mirqab-agent.mjs', 'out/agent/mirqab-agent.cjs'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Vitest runs `setup` once before any test file. */
export async function setup(): Promise<void> {
  const bundles = BUNDLES.map((b) => join(root, b));
  const built = bundles.every((b) => existsSync(b))
    ? Math.min(...bundles.map((b) => statSync(b).mtimeMs))
    : -1;
  const sources = Math.max(
    ...SOURCES.map((s) => join(root, s))
      .filter((s) => existsSync(s))
      .map(newestMtime),
  );
  if (sources <= built) return;
  const { buildAgentCli, buildConsoleCli } = (await import(
    pathToFileURL(join(root, 'scripts/buildCli.mjs')).href
  )) as { buildAgentCli: () => Promise<void>; buildConsoleCli: () => Promise<void> };
  await Promise.all([buildConsoleCli(), buildAgentCli()]);
}
