// Bundles the two command lines into plain JavaScript with esbuild, so neither compiles TypeScript
// when it starts:
//   out/cli/mirqab.mjs          the console CLI (ESM, split so that `--help` loads only the command
//                               tree and each command what it uses; the native SQLite module stays
//                               external, loaded from node_modules beside it)
//   out/agent/mirqab-agent.mjs  the agent CLI (ESM, split so that commands load what they use)
//   out/agent/mirqab-agent.cjs  the agent as one self-contained CommonJS file, the script the
//                               single executable embeds (no node_modules, no native modules)
// Each file is written beside its final name and renamed into place, so a CLI started while a
// build runs sees either the old file or the new one. Run by `npm run build`.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** ESM output that still meets CommonJS dependencies: give them require, __filename, __dirname. */
const ESM_BANNER = [
  "import { createRequire as __mqCreateRequire } from 'node:module';",
  "import { fileURLToPath as __mqFileURLToPath } from 'node:url';",
  'const require = __mqCreateRequire(import.meta.url);',
  'const __filename = __mqFileURLToPath(import.meta.url);',
  "const __dirname = __mqFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
  // ws loads these optional native speed-ups when present; the agent ships without them. The
  // sketch library needs protobufjs only for its protobuf encoding, which Mirqab does not use.
  external: ['bufferutil', 'utf-8-validate', 'protobufjs/minimal'],
};

/**
 * Writes esbuild's in-memory output into outDir, replacing what was there, file by file: chunks
 * first, then the entries (named by `entries`), so a new entry never loads a chunk not yet written.
 */
function writeOutputs(outDir, files, entries) {
  mkdirSync(outDir, { recursive: true });
  const written = new Set();
  const isEntry = (file) => entries.includes(relative(outDir, file.path));
  for (const file of [...files.filter((f) => !isEntry(f)), ...files.filter(isEntry)]) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents, { mode: 0o644 });
    renameSync(temp, file.path);
    written.add(relative(outDir, file.path));
  }
  // Chunks from an earlier build that nothing loads any more (after an hour, so that a CLI started
  // from the previous build, or a build running beside this one, still finds its own).
  for (const name of readdirSync(outDir, { recursive: true })) {
    const rel = String(name);
    const path = join(outDir, rel);
    if (
      rel.endsWith('.mjs') &&
      !written.has(rel) &&
      statSync(path).mtimeMs < Date.now() - 3_600_000
    )
      rmSync(path, { force: true });
  }
}

export async function buildConsoleCli() {
  const outDir = join(root, 'out/cli');
  const result = await build({
    ...common,
    entryPoints: { mirqab: 'main/cli/index.ts' },
    outdir: outDir,
    format: 'esm',
    // Each command imports its services when it runs, so esbuild splits them into chunks that
    // load only then. The chunks sit beside the entry, two folders below the repository like
    // main/<layer>/*.ts, so that files found through import.meta.url (resources/runbooks,
    // resources/drills) resolve as from source.
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // The native SQLite module is loaded from node_modules at run time; the rest is bundled.
    external: [...common.external, 'better-sqlite3-multiple-ciphers'],
    banner: { js: ESM_BANNER },
  });
  writeOutputs(outDir, result.outputFiles, ['mirqab.mjs']);
}

export async function buildAgentCli() {
  const outDir = join(root, 'out/agent');
  const [esm, single] = await Promise.all([
    build({
      ...common,
      entryPoints: { 'mirqab-agent': 'agent/cli.ts' },
      outdir: outDir,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      banner: { js: ESM_BANNER },
    }),
    build({
      ...common,
      entryPoints: ['agent/executable.ts'],
      outfile: join(outDir, 'mirqab-agent.cjs'),
      format: 'cjs',
      minifySyntax: true,
      minifyWhitespace: true,
    }),
  ]);
  writeOutputs(
    outDir,
    [...esm.outputFiles, ...single.outputFiles],
    ['mirqab-agent.mjs', 'mirqab-agent.cjs'],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await Promise.all([buildConsoleCli(), buildAgentCli()]);
  console.log(
    `CLI bundles: out/cli/mirqab.mjs, out/agent/mirqab-agent.mjs, out/agent/mirqab-agent.cjs (${Math.round(performance.now() - started)} ms)`,
  );
}
