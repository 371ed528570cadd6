// `npm start`: the desktop app. Finds Electron's binary the way the `electron` package does
// (ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/path.txt + dist/) WITHOUT loading that
// package, whose index.js tries to download the binary. Where there is none (air-gapped machines),
// it says so in one line and serves the same console in the browser (scripts/serve.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** The executable in an unpacked Electron folder, named as node_modules/electron/install.js does. */
export function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Where Electron's binary is, or null. Reads files only: never requires the `electron` package.
 * @param {{ env: NodeJS.ProcessEnv, electronDir: string | null, platform: NodeJS.Platform }} where
 * @returns {string | null}
 */
export function findElectronBinary({ env, electronDir, platform }) {
  let recorded = null;
  if (electronDir !== null) {
    try {
      recorded = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || null;
    } catch {
      recorded = null; // no path.txt: the install script never finished (no download)
    }
  }
  let candidate = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = recorded ?? platformExecutable(platform);
    candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable);
  } else if (electronDir !== null && recorded !== null) {
    candidate = path.join(electronDir, 'dist', recorded);
  }
  return candidate !== null && fs.existsSync(candidate) ? candidate : null;
}

/** The installed electron package's folder and version, without running its index.js. */
function electronPackage() {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const manifest = require.resolve('electron/package.json');
    const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return { dir: path.dirname(manifest), version: String(version) };
  } catch {
    return { dir: null, version: 'the package.json' };
  }
}

/** Runs a child with our stdio and ends this process with its status (signals forwarded). */
function runAndExit(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function buildIfMissing() {
  if (BUILD_OUTPUTS.every((file) => fs.existsSync(path.join(root, file)))) return;
  console.log('Building the console (first run)…');
  const require = createRequire(path.join(root, 'package.json'));
  const electronVite = path.dirname(require.resolve('electron-vite/package.json'));
  const cli = path.join(electronVite, 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function main() {
  const args = process.argv.slice(2);
  const { dir, version } = electronPackage();
  const { platform } = process;
  const binary = findElectronBinary({ env: process.env, electronDir: dir, platform });

  if (binary === null) {
    const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
    console.log(
      `Electron's binary is not available on this machine (no download possible); to run the desktop app, unpack ${zip} and set ELECTRON_OVERRIDE_DIST_PATH to that folder — serving the console in your browser instead.`,
    );
    runAndExit(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), ...args]);
    return;
  }

  buildIfMissing();
  // reason: ELECTRON_RUN_AS_NODE in the caller's shell would start plain Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runAndExit(binary, [root, ...args], env);
}

const isEntry =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isEntry) main();
