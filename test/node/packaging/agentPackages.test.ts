// `npm run dist:agent-packages` as an operator runs it, from a stand-in agent file: the .deb and
// .rpm for x86_64 and aarch64 install the agent as /usr/bin/mirqab-agent, the config as a kept
// conffile and the hardened unit; the first install creates the user and folders and prints the
// pairing code, an upgrade keeps the identity. rpm inspection is skipped where rpm is missing.
import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../helpers/runCommand.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve('scripts/agentPackages.mjs');
const UNIT = readFileSync(path.resolve('packaging/agent/mirqab-agent.service'), 'utf8');
const has = (tool: string) => !spawnSync(tool, ['--version']).error;

const dist = (args: string[]) => runCommand(process.execPath, [SCRIPT, ...args]);

const tool = async (cmd: string, args: string[]) => (await run(cmd, args)).stdout;

describe('the agent packages', () => {
  let dir: string;
  let agent: string;
  let built: string[];
  const pkg = (suffix: string) => built.find((f) => f.endsWith(suffix))!;

  // One build for every test: a folder of the suite's own, removed after it.
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mirqab-agent-pkg-test-'));
    agent = path.join(dir, 'mirqab-agent-test');
    writeFileSync(agent, '#!/bin/sh\necho "stand-in agent $*"\n');
    chmodSync(agent, 0o755);
    const formats = has('rpmbuild') ? 'deb,rpm' : 'deb';
    const out = path.join(dir, 'out');
    const args = ['--binary', agent, '--arch', 'x64', '--binary', agent, '--arch', 'arm64'];
    const result = await dist([...args, '--out', out, '--formats', formats, '--version', '1.2.3']);
    expect(result.stderr).toBe('');
    built = result.stdout.trim().split('\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a .deb per architecture with the agent, its kept config and the hardened unit', async () => {
    expect(built.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['mirqab-agent_1.2.3_amd64.deb', 'mirqab-agent_1.2.3_arm64.deb']),
    );
    const info = await tool('dpkg-deb', ['-I', pkg('_arm64.deb')]);
    expect(info).toMatch(/Package: mirqab-agent\n/);
    expect(info).toMatch(/Architecture: arm64\n/);
    expect(await tool('dpkg-deb', ['-f', pkg('_amd64.deb'), 'Architecture'])).toBe('amd64\n');
    const listing = await tool('dpkg-deb', ['-c', pkg('_amd64.deb')]);
    expect(listing).toMatch(/-rwxr-xr-x root\/root .* \.\/usr\/bin\/mirqab-agent\n/);
    expect(listing).toMatch(/-rw-r--r-- root\/root .* \.\/etc\/mirqab-agent\.yaml\n/);

    const root = path.join(dir, 'root');
    await tool('dpkg', ['-x', pkg('_amd64.deb'), root]);
    expect(readFileSync(path.join(root, 'usr/bin/mirqab-agent'))).toEqual(readFileSync(agent));
    expect(statSync(path.join(root, 'usr/bin/mirqab-agent')).mode & 0o777).toBe(0o755);
    expect(
      readFileSync(path.join(root, 'usr/lib/systemd/system/mirqab-agent.service'), 'utf8'),
    ).toBe(UNIT);
    expect(readFileSync(path.join(root, 'etc/mirqab-agent.yaml'), 'utf8')).toContain(
      'identityDir: /var/lib/mirqab-agent/identity',
    );
    for (const doc of ['README', 'sudoers.example', 'privileged-actions.conf'])
      expect(existsSync(path.join(root, 'usr/share/doc/mirqab-agent', doc)), doc).toBe(true);

    const control = path.join(dir, 'control');
    await tool('dpkg-deb', ['-e', pkg('_amd64.deb'), control]);
    // A conffile: an operator's edits survive every upgrade.
    expect(readFileSync(path.join(control, 'conffiles'), 'utf8')).toBe('/etc/mirqab-agent.yaml\n');
    for (const step of ['postinst', 'prerm', 'postrm'])
      expect(spawnSync('sh', ['-n', path.join(control, step)]).status, step).toBe(0);
  });

  /** Runs a maintainer script with stand-ins for the system tools it calls; returns their argv log. */
  function runScript(script: string, args: string[]): { stdout: string; calls: string } {
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'calls.log');
    if (!existsSync(bin)) {
      mkdirSync(bin);
      const stub = (name: string, body: string) => {
        writeFileSync(path.join(bin, name), `#!/bin/sh\necho "${name} $*" >>"${log}"\n${body}\n`);
        chmodSync(path.join(bin, name), 0o755);
      };
      stub('getent', 'exit 2');
      for (const name of ['groupadd', 'useradd', 'install', 'systemctl']) stub(name, 'exit 0');
      stub('runuser', 'echo "Pairing code (paste it into the console): mq1.test.secret"');
    }
    writeFileSync(log, '');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const result = spawnSync('sh', ['-c', script, 'sh', ...args], { env, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return { stdout: result.stdout, calls: readFileSync(log, 'utf8') };
  }

  const INIT_AS_AGENT =
    /^runuser -u mirqab-agent -- \/usr\/bin\/mirqab-agent init --dir \/var\/lib\/mirqab-agent\/identity$/m;

  it('first install creates the user and folders and prints the pairing code; an upgrade keeps them', async () => {
    const control = path.join(dir, 'control-steps');
    await tool('dpkg-deb', ['-e', pkg('_amd64.deb'), control]);
    const postinst = readFileSync(path.join(control, 'postinst'), 'utf8');

    const first = runScript(postinst, ['configure', '']);
    expect(first.stdout).toContain('mq1.test.secret');
    expect(first.stdout).toContain('sudo systemctl enable --now mirqab-agent');
    expect(first.calls).toMatch(/^groupadd --system mirqab-agent$/m);
    expect(first.calls).toMatch(
      /^useradd --system --gid mirqab-agent .*--shell \/usr\/sbin\/nologin/m,
    );
    expect(first.calls).toContain(
      'install -d -o mirqab-agent -g mirqab-agent -m 0700 /var/lib/mirqab-agent/spool /var/lib/mirqab-agent/identity',
    );
    expect(first.calls).toMatch(INIT_AS_AGENT);

    const upgrade = runScript(postinst, ['configure', '1.2.2']);
    expect(upgrade.calls).not.toContain('runuser');
  });

  it('builds an .rpm per architecture: config marked noreplace, the same first-install steps', async (ctx) => {
    if (!has('rpm')) ctx.skip('rpm is not installed here (Debian: apt-get install rpm)');
    expect(await tool('rpm', ['-qp', '--qf', '%{ARCH}\n', pkg('.x86_64.rpm')])).toBe('x86_64\n');
    const info = await tool('rpm', ['-qpi', pkg('.aarch64.rpm')]);
    expect(info).toMatch(/Name\s+: mirqab-agent\n/);
    expect(info).toMatch(/Version\s+: 1\.2\.3\n/);
    expect(info).toMatch(/Architecture: aarch64\n/);
    const files = (await tool('rpm', ['-qpl', pkg('.x86_64.rpm')])).split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        '/usr/bin/mirqab-agent',
        '/etc/mirqab-agent.yaml',
        '/usr/lib/systemd/system/mirqab-agent.service',
        '/usr/share/doc/mirqab-agent/sudoers.example',
      ]),
    );
    expect(await tool('rpm', ['-qpc', pkg('.x86_64.rpm')])).toBe('/etc/mirqab-agent.yaml\n');
    const flags = await tool('rpm', [
      '-qp',
      '--qf',
      '[%{FILENAMES} %{FILEFLAGS:fflags}\n]',
      pkg('.x86_64.rpm'),
    ]);
    expect(flags).toMatch(/^\/etc\/mirqab-agent\.yaml cn$/m);
    const scripts = await tool('rpm', ['-qp', '--scripts', pkg('.x86_64.rpm')]);
    expect(scripts).toMatch(/preinstall scriptlet[\s\S]*mirqab_create_user\nexit 0/);
    expect(scripts).toContain('mirqab_first_init');
    // rpm passes how many versions remain installed: 1 on a first install, 2 on an upgrade.
    const post = await tool('rpm', ['-qp', '--qf', '%{POSTIN}', pkg('.x86_64.rpm')]);
    expect(runScript(post, ['1']).calls).toMatch(INIT_AS_AGENT);
    expect(runScript(post, ['2']).calls).not.toContain('runuser');
    const pre = await tool('rpm', ['-qp', '--qf', '%{PREIN}', pkg('.x86_64.rpm')]);
    expect(runScript(pre, ['1']).calls).toMatch(/^useradd --system --gid mirqab-agent /m);
  });

  it('refuses bad input with a clear message', async () => {
    const missing = await dist(['--binary', path.join(dir, 'nope'), '--arch', 'x64']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope is not a file/);
    const arch = await dist(['--binary', agent, '--arch', 'riscv64']);
    expect(arch.stderr).toMatch(/--arch must be x64 or arm64, not riscv64/);
    const version = await dist(['--binary', agent, '--arch', 'x64', '--version', 'latest']);
    expect(version.stderr).toMatch(/--version must look like 1\.2\.3, not latest/);
  });
});
