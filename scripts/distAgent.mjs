// `npm run dist:agent`: the agent as one executable file per architecture, built with Node's single
// executable applications (SEA) and postject:
//   dist/agent/mirqab-agent-linux-x64
//   dist/agent/mirqab-agent-linux-arm64
//   dist/agent/SHA256SUMS
// Each is a stock Node.js runtime (from the registry's node-linux-<arch> package, pinned below by
// version and integrity) with out/agent/mirqab-agent.cjs and the agent's V8 flags embedded. No
// native modules, no node_modules, no Node on the host. Options: --arch x64|arm64 (repeatable;
// default both), --out DIR.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch as hostArch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAgentCli } from './buildCli.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The runtime every executable embeds: an LTS line, pinned so a build is the same everywhere. */
export const NODE_VERSION = '22.23.5';
const RUNTIMES = {
  x64: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
  arm64:
    'sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==',
};
/**
 * V8 and Node flags the executable starts with (measured by `npm run bench -- agentFootprint`):
 * a small young generation and one GC helper thread keep the resident set small for a process
 * that allocates little and lives for months.
 */
export const AGENT_EXEC_ARGV = ['--max-semi-space-size=1', '--v8-pool-size=1'];
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export const executableName = (arch) => `mirqab-agent-linux-${arch}`;

const run = (file, args, options = {}) =>
  execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });

function has(command) {
  try {
    run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** The node-linux-<arch> runtime, from the npm cache or the registry, checked against its pin. */
function runtime(arch, cacheDir) {
  const integrity = RUNTIMES[arch];
  if (!integrity) throw new Error(`no runtime for ${arch}; choose x64 or arm64`);
  const tarball = join(cacheDir, `node-linux-${arch}-${NODE_VERSION}.tgz`);
  const dir = join(cacheDir, `node-linux-${arch}-${NODE_VERSION}`);
  const binary = join(dir, 'package/bin/node');
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(tarball))
    run('npm', ['pack', `node-linux-${arch}@${NODE_VERSION}`, '--pack-destination', cacheDir], {
      cwd: cacheDir,
    });
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== integrity) {
    rmSync(tarball);
    throw new Error(`node-linux-${arch}@${NODE_VERSION} does not match its pinned integrity`);
  }
  mkdirSync(dir, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', dir, 'package/bin/node']);
  // Debug symbols are a fifth of the file and nothing at run time uses them.
  const strip =
    arch === hostArch() && has('strip') ? 'strip' : has('llvm-strip') ? 'llvm-strip' : null;
  if (strip) run(strip, [binary]);
  return binary;
}

/**
 * Builds one executable. The preparation blob is made by the runtime of the same Node version on
 * this machine; V8's code cache goes in only when the target runs on this machine's architecture.
 */
export function buildExecutable(arch, { outDir, cacheDir, builder }) {
  const target = runtime(arch, cacheDir);
  const work = join(cacheDir, `sea-${arch}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const config = join(work, 'sea.json');
    const blob = join(work, 'agent.blob');
    writeFileSync(
      config,
      JSON.stringify({
        main: join(root, 'out/agent/mirqab-agent.cjs'),
        output: blob,
        disableExperimentalSEAWarning: true,
        useCodeCache: arch === hostArch(),
        execArgv: AGENT_EXEC_ARGV,
      }),
    );
    // V8 accepts a code cache only under the flags it was made with.
    const v8Flags = AGENT_EXEC_ARGV.filter((flag) => !flag.startsWith('--v8-pool-size'));
    run(builder, [...v8Flags, '--experimental-sea-config', config], { cwd: work });
    const temp = join(work, executableName(arch));
    copyFileSync(target, temp);
    run(process.execPath, [
      join(root, 'node_modules/postject/dist/cli.js'),
      temp,
      'NODE_SEA_BLOB',
      blob,
      '--sentinel-fuse',
      SEA_FUSE,
    ]);
    chmodSync(temp, 0o755);
    mkdirSync(outDir, { recursive: true });
    const final = join(outDir, executableName(arch));
    renameSync(temp, final);
    return final;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeChecksums(outDir) {
  const lines = readdirSync(outDir)
    .filter((name) => name.startsWith('mirqab-agent-linux-'))
    .sort()
    .map((name) => {
      const sum = createHash('sha256')
        .update(readFileSync(join(outDir, name)))
        .digest('hex');
      return `${sum}  ${name}\n`;
    });
  writeFileSync(join(outDir, 'SHA256SUMS'), lines.join(''));
}

export async function distAgent({
  arches = ['x64', 'arm64'],
  outDir = join(root, 'dist/agent'),
} = {}) {
  const cacheDir = join(root, 'dist/.cache');
  await buildAgentCli();
  const builder = runtime(hostArch(), cacheDir);
  const built = arches.map((arch) => buildExecutable(arch, { outDir, cacheDir, builder }));
  writeChecksums(outDir);
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { arch: { type: 'string', multiple: true }, out: { type: 'string' } },
  });
  const started = performance.now();
  const built = await distAgent({
    arches: values.arch,
    outDir: values.out ? resolve(values.out) : undefined,
  });
  for (const file of built) console.log(file);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
