// The agent's single executable inside the unit's sandbox, rebuilt from the unit file with a mount
// namespace and setpriv: the system read-only, /home and /root hidden, only the unit's
// ReadWritePaths writable, its own unprivileged user, no new privileges and no capabilities. It
// creates its identity as the install does, starts, spools telemetry and stops cleanly on SIGTERM.
// Where mount namespaces are not allowed (not root, no unshare), the test says so and skips.
// (The system-call filter and device policy need systemd itself: see agentUnit.test.ts.)
import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it, onTestFinished } from 'vitest';
import {
  agentExecutable,
  freePort,
  startAgentProcess,
  type AgentProcess,
} from '../../helpers/agentExecutable.ts';

const NOBODY = 65534;
const STATE = '/var/lib/mirqab-agent';
const unitText = readFileSync(path.resolve('packaging/agent/mirqab-agent.service'), 'utf8');
const readWritePaths = /^ReadWritePaths=(.*)$/m.exec(unitText)![1]!.split(/\s+/);

interface PackagingModule {
  packagedConfig: () => string;
}
// reason: a path held in a variable keeps tsc from demanding types for a plain .mjs script.
const { packagedConfig } = (await import(
  path.resolve('scripts/agentPackages.mjs')
)) as PackagingModule;

const sandboxable =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-m', 'true']).status === 0 &&
  !spawnSync('setpriv', ['--version']).error;

/** The sandbox as a shell script: `sh sandbox.sh PROGRAM ARGS...`. */
function sandboxScript(writable: string[]): string {
  return [
    'set -e',
    'mount --make-rprivate /',
    ...writable.map((dir) => `mount --bind '${dir}' '${dir}'`),
    // ProtectHome=yes
    'for home in /home /root; do [ -d $home ] && mount -t tmpfs -o ro,mode=0755 tmpfs $home; done',
    // ProtectSystem=strict: every other mount read-only but the API file systems.
    "awk '{print $5}' /proc/self/mountinfo | grep -v -E '^/(proc|dev|sys)(/|$)' | sort -u |",
    `  grep -v -F -x ${writable.map((dir) => `-e '${dir}'`).join(' ')} |`,
    '  while read -r m; do mount -o remount,bind,ro "$m" 2>/dev/null || true; done',
    `exec setpriv --reuid=${NOBODY} --regid=${NOBODY} --clear-groups --no-new-privs \\`,
    '  --bounding-set=-all --inh-caps=-all env -i PATH=/usr/bin:/bin HOME=/nonexistent "$@"',
  ].join('\n');
}

let executable = '';
beforeAll(async () => {
  if (sandboxable) executable = await agentExecutable();
}, 240_000);

it("starts, spools and stops cleanly inside the unit's sandbox", async (ctx) => {
  if (!sandboxable) ctx.skip('mount namespaces need root with unshare and setpriv here');
  // Not under /tmp: the sandbox must see these folders where the unit would.
  const dir = mkdtempSync('/var/tmp/mirqab-agent-sandbox-');
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  const state = path.join(dir, 'state');
  const writable = readWritePaths.map((p) => p.replace(STATE, state));
  for (const folder of [state, ...writable]) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chownSync(folder, NOBODY, NOBODY);
  }
  const port = await freePort();
  const config = path.join(dir, 'mirqab-agent.yaml');
  writeFileSync(
    config,
    packagedConfig()
      .replaceAll(STATE, state)
      .replace(/^listen: .*$/m, `listen: { host: 127.0.0.1, port: ${port} }`)
      .replace(/^batchIntervalMs: .*$/m, 'batchIntervalMs: 200'),
  );
  const script = path.join(dir, 'sandbox.sh');
  writeFileSync(script, sandboxScript(writable));
  const sandbox = (args: string[]) => ['-m', 'sh', script, executable, ...args];

  // The sandbox holds: outside the writable folders nothing can be written, even in the test's own.
  const touch = (file: string) =>
    spawnSync('unshare', ['-m', 'sh', script, '/usr/bin/touch', file]);
  expect(touch(path.join(dir, 'outside')).status).not.toBe(0);
  expect(touch(path.join(writable[0]!, 'inside')).status).toBe(0);
  rmSync(path.join(writable[0]!, 'inside'));
  const identity = writable.find((p) => p.endsWith('/identity'))!;
  const init = await promisify(execFile)('unshare', sandbox(['init', '--dir', identity]));
  expect(init.stdout).toMatch(/^Pairing code.*\nmq1\.\S+$/m);

  const spool = writable.find((p) => p.endsWith('/spool'))!;
  const env = { PATH: process.env.PATH };
  const agent: AgentProcess = startAgentProcess('unshare', sandbox(['run', '--config', config]), {
    cwd: dir,
    env,
  });
  onTestFinished(() => void agent.child.kill('SIGKILL'));
  expect((await agent.logged('agent started')).port).toBe(port);
  // A batch written after the start: the agent is running and its SIGTERM handler is in place.
  await new Promise<void>((done) => {
    const watcher = watch(spool, () => {
      watcher.close();
      done();
    });
  });
  agent.child.kill('SIGTERM');
  expect(await agent.exited).toBe(0);
  expect(agent.lines.map((l) => l.message)).toContain('agent stopped');
  expect(agent.lines.filter((l) => /EROFS|EACCES|read-only/i.test(JSON.stringify(l)))).toEqual([]);
  expect(existsSync(path.join(identity, 'agent.json'))).toBe(true);
});
