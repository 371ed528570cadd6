// `npm run dist:agent-packages`: the agent's .deb (dpkg-deb) and .rpm (rpmbuild) for x86_64 and
// aarch64, from the one-file agents `npm run dist:agent` builds. Each installs /usr/bin/mirqab-agent,
// /etc/mirqab-agent.yaml (kept on upgrade), the hardened systemd unit and the scripts that create the
// service's user and folders and print the pairing code on first install.
// Usage: node scripts/agentPackages.mjs [--binary FILE --arch x64|arm64]... [--out DIR]
//          [--version V] [--formats deb,rpm]
// Without --binary: every dist/agent/mirqab-agent-linux-{x64,arm64} that exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packaging = path.join(root, 'packaging', 'agent');

export const ARCHES = {
  x64: { deb: 'amd64', rpm: 'x86_64' },
  arm64: { deb: 'arm64', rpm: 'aarch64' },
};
export const NAME = 'mirqab-agent';
const SUMMARY =
  'Mirqab host agent: GPU, host and inference-server telemetry for the Mirqab console';

export class PackagingError extends Error {}

const read = (name) => fs.readFileSync(path.join(packaging, name), 'utf8');

/** A maintainer script: the shared shell functions, then what this step does. */
export function scriptlet(name) {
  return `${read('install-common.sh')}\n${read(name)}`;
}

/** The example config as installed: the host's name defaults to the one `init` records. */
export function packagedConfig() {
  const example = fs.readFileSync(path.join(root, 'docs', 'mirqab-agent.example.yaml'), 'utf8');
  return example.replace(/^name: /m, '# name: ');
}

/** The files every package installs, as [path in the package, contents or source file, mode]. */
function payload(binary) {
  const doc = `/usr/share/doc/${NAME}`;
  return [
    ['/usr/bin/mirqab-agent', { file: binary }, 0o755],
    ['/etc/mirqab-agent.yaml', { text: packagedConfig() }, 0o644],
    ['/usr/lib/systemd/system/mirqab-agent.service', { text: read('mirqab-agent.service') }, 0o644],
    [`${doc}/README`, { text: read('README') }, 0o644],
    [`${doc}/copyright`, { text: read('copyright') }, 0o644],
    [`${doc}/sudoers.example`, { text: read('sudoers.example') }, 0o644],
    [`${doc}/privileged-actions.conf`, { text: read('privileged-actions.conf') }, 0o644],
  ];
}

function stage(dir, binary) {
  for (const [target, source, mode] of payload(binary)) {
    const dest = path.join(dir, target);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (source.file) fs.copyFileSync(source.file, dest);
    else fs.writeFileSync(dest, source.text);
    fs.chmodSync(dest, mode);
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error?.code === 'ENOENT')
    throw new PackagingError(`${command} is not installed (Debian: apt-get install dpkg rpm)`);
  if (result.status !== 0)
    throw new PackagingError(`${command} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

function duSizeKiB(dir) {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return Math.ceil(bytes / 1024);
}

export function buildDeb({ binary, arch, version, outDir, work }) {
  const dir = path.join(work, `deb-${arch}`);
  stage(dir, binary);
  const control = path.join(dir, 'DEBIAN');
  fs.mkdirSync(control, { recursive: true });
  const fields = [
    `Package: ${NAME}`,
    `Version: ${version}`,
    `Architecture: ${ARCHES[arch].deb}`,
    'Maintainer: Mirqab <support@mirqab.ae>',
    `Installed-Size: ${duSizeKiB(dir)}`,
    'Depends: passwd, util-linux',
    'Section: admin',
    'Priority: optional',
    'Homepage: https://mirqab.ae',
    `Description: ${SUMMARY.replace('Mirqab host agent: ', '')}`,
    ' Collects GPU, host and inference-server metrics, spools them on disk and serves them to the',
    ' Mirqab console over wss with mutual TLS, as a hardened systemd service with its own user.',
  ];
  fs.writeFileSync(path.join(control, 'control'), `${fields.join('\n')}\n`);
  fs.writeFileSync(path.join(control, 'conffiles'), '/etc/mirqab-agent.yaml\n');
  for (const step of ['postinst', 'prerm', 'postrm']) {
    const file = path.join(control, step);
    fs.writeFileSync(file, `#!/bin/sh\nset -e\n${scriptlet(`deb-${step}`)}`);
    fs.chmodSync(file, 0o755);
  }
  const out = path.join(outDir, `${NAME}_${version}_${ARCHES[arch].deb}.deb`);
  run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', dir, out]);
  return out;
}

function rpmSpec({ version, stageDir }) {
  const files = payload('').map(([target]) =>
    target === '/etc/mirqab-agent.yaml' ? `%config(noreplace) ${target}` : target,
  );
  return [
    `Name: ${NAME}`,
    `Version: ${version.replace(/-/g, '~')}`,
    'Release: 1',
    `Summary: ${SUMMARY}`,
    'License: Proprietary',
    'URL: https://mirqab.ae',
    // The agent file is self-contained; rpm must neither scan nor strip it (stripping breaks it).
    'AutoReqProv: no',
    'Requires(pre): shadow-utils',
    'Requires(post): util-linux',
    '%global debug_package %{nil}',
    '%global __os_install_post %{nil}',
    '%description',
    'Collects GPU, host and inference-server metrics, spools them on disk and serves them to the',
    'Mirqab console over wss with mutual TLS, as a hardened systemd service with its own user.',
    '%install',
    `cp -a ${stageDir}/. %{buildroot}/`,
    ...['pre', 'post', 'preun', 'postun'].flatMap((step) => [`%${step}`, scriptlet(`rpm-${step}`)]),
    '%files',
    '%defattr(-,root,root,-)',
    `%dir /usr/share/doc/${NAME}`,
    ...files,
    '',
  ].join('\n');
}

export function buildRpm({ binary, arch, version, outDir, work }) {
  const top = path.join(work, `rpm-${arch}`);
  const stageDir = path.join(top, 'stage');
  stage(stageDir, binary);
  const spec = path.join(top, `${NAME}.spec`);
  fs.writeFileSync(spec, rpmSpec({ version, stageDir }));
  run('rpmbuild', [
    '-bb',
    '--target',
    `${ARCHES[arch].rpm}-linux`,
    '--define',
    `_topdir ${top}`,
    '--define',
    '_build_id_links none',
    // xz payloads (compressed on every core) install on every rpm in use; zstd needs rpm 4.14.2+.
    '--define',
    '_binary_payload w6T.xzdio',
    spec,
  ]);
  const built = path.join(top, 'RPMS', ARCHES[arch].rpm);
  const [file] = fs.readdirSync(built).filter((f) => f.endsWith('.rpm'));
  const out = path.join(outDir, file);
  fs.copyFileSync(path.join(built, file), out);
  return out;
}

export function parseArgs(argv) {
  const opts = { binaries: [], outDir: path.join(root, 'dist', 'agent'), formats: ['deb', 'rpm'] };
  opts.version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  let pending;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new PackagingError(`${flag} needs a value`);
    i += 1;
    if (flag === '--binary') pending = { binary: path.resolve(value) };
    else if (flag === '--arch') {
      if (!ARCHES[value]) throw new PackagingError(`--arch must be x64 or arm64, not ${value}`);
      if (!pending) throw new PackagingError('--arch follows the --binary it describes');
      opts.binaries.push({ ...pending, arch: value });
      pending = undefined;
    } else if (flag === '--out') opts.outDir = path.resolve(value);
    else if (flag === '--version') opts.version = value;
    else if (flag === '--formats') opts.formats = value.split(',');
    else throw new PackagingError(`unknown option ${flag}`);
  }
  if (pending) throw new PackagingError(`--binary ${pending.binary} needs --arch x64 or arm64`);
  if (!/^\d+\.\d+\.\d+([.~+-][0-9A-Za-z.~+-]*)?$/.test(opts.version))
    throw new PackagingError(`--version must look like 1.2.3, not ${opts.version}`);
  for (const format of opts.formats)
    if (format !== 'deb' && format !== 'rpm')
      throw new PackagingError(`--formats takes deb and rpm, not ${format}`);
  if (opts.binaries.length === 0) {
    for (const arch of Object.keys(ARCHES)) {
      const binary = path.join(root, 'dist', 'agent', `mirqab-agent-linux-${arch}`);
      if (fs.existsSync(binary)) opts.binaries.push({ binary, arch });
    }
    if (opts.binaries.length === 0)
      throw new PackagingError('no agent file in dist/agent: run `npm run dist:agent` first');
  }
  for (const { binary } of opts.binaries)
    if (!fs.statSync(binary, { throwIfNoEntry: false })?.isFile())
      throw new PackagingError(`${binary} is not a file`);
  return opts;
}

export function buildPackages(opts) {
  fs.mkdirSync(opts.outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mirqab-agent-pkg-'));
  try {
    const built = [];
    for (const { binary, arch } of opts.binaries) {
      const job = { binary, arch, version: opts.version, outDir: opts.outDir, work };
      if (opts.formats.includes('deb')) built.push(buildDeb(job));
      if (opts.formats.includes('rpm')) built.push(buildRpm(job));
    }
    return built;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    for (const file of buildPackages(parseArgs(process.argv.slice(2)))) console.log(file);
  } catch (error) {
    if (!(error instanceof PackagingError)) throw error;
    console.error(`dist:agent-packages: ${error.message}`);
    process.exitCode = 2;
  }
}
