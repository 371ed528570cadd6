// The agent's systemd unit, linted directive by directive: its own user, no privileges to gain or
// keep, a read-only system where only the spool and identity folders are writable, and a restart on
// failure. Where systemd-analyze exists, its offline exposure score is reported and held at "OK".
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../../../agent/config.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const UNIT = path.resolve('packaging/agent/mirqab-agent.service');
const DROP_IN = path.resolve('packaging/agent/privileged-actions.conf');
const SUDOERS = path.resolve('packaging/agent/sudoers.example');
const SCRIPT = path.resolve('scripts/agentPackages.mjs');

interface PackagingModule {
  packagedConfig: () => string;
}
// reason: a path held in a variable keeps tsc from demanding types for a plain .mjs script.
const { packagedConfig } = (await import(SCRIPT)) as PackagingModule;

/** Directive → every value it is given in [Service] (systemd keeps repeated list settings). */
function serviceSection(text: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error(`not a directive: ${line}`);
    if (section !== 'Service') continue;
    const key = line.slice(0, eq);
    directives.set(key, [...(directives.get(key) ?? []), line.slice(eq + 1)]);
  }
  return directives;
}

const unit = serviceSection(readFileSync(UNIT, 'utf8'));
const one = (key: string): string => {
  const values = unit.get(key);
  expect(values, `${key} is set once`).toHaveLength(1);
  return values![0]!;
};

/** Exposure from `systemd-analyze security --offline=true`, or null where systemd-analyze is missing. */
function exposure(file: string): number | null {
  const result = spawnSync('systemd-analyze', ['security', '--offline=true', file], {
    encoding: 'utf8',
  });
  if (result.error) return null;
  const match = /Overall exposure level for \S+: ([\d.]+)/.exec(result.stdout);
  if (!match) throw new Error(`systemd-analyze printed no exposure:\n${result.stderr}`);
  return Number(match[1]);
}

describe('the agent service unit', () => {
  it('runs the agent as its own system user with its config, restarting it on failure', () => {
    expect(one('User')).toBe('mirqab-agent');
    expect(one('Group')).toBe('mirqab-agent');
    expect(one('ExecStart')).toBe('/usr/bin/mirqab-agent run --config /etc/mirqab-agent.yaml');
    expect(one('Restart')).toBe('on-failure');
    expect(unit.has('DynamicUser')).toBe(false);
  });

  it('grants no privileges: nothing to gain, an empty capability set, no set-user-ID files', () => {
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('AmbientCapabilities')).toBe('');
    expect(one('RestrictSUIDSGID')).toBe('yes');
    expect(one('UMask')).toBe('0077');
  });

  it('sees a read-only system and writes only to its spool and identity folders', () => {
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('ReadWritePaths').split(/\s+/).sort()).toEqual([
      '/var/lib/mirqab-agent/identity',
      '/var/lib/mirqab-agent/spool',
    ]);
    for (const key of [
      'ProtectKernelTunables',
      'ProtectKernelModules',
      'ProtectKernelLogs',
      'ProtectControlGroups',
      'ProtectClock',
      'ProtectHostname',
      'PrivateMounts',
      'LockPersonality',
      'RestrictRealtime',
      'RestrictNamespaces',
    ])
      expect(one(key), key).toBe('yes');
  });

  it('the installed config keeps the spool and identity inside those writable folders', () => {
    const dir = tempDir();
    const file = path.join(dir, 'mirqab-agent.yaml');
    writeFileSync(file, packagedConfig());
    const loaded = loadAgentConfig(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.config.identityDir).toBe('/var/lib/mirqab-agent/identity');
    expect(loaded.config.spool.dir).toBe('/var/lib/mirqab-agent/spool');
    // Every host would otherwise carry the example's name; the name `init` records is the default.
    expect(loaded.config.name).toBeUndefined();
  });

  it('reaches only TCP, unix and netlink sockets, the service system calls and the GPU devices', () => {
    expect(one('RestrictAddressFamilies').split(/\s+/).sort()).toEqual([
      'AF_INET',
      'AF_INET6',
      'AF_NETLINK',
      'AF_UNIX',
    ]);
    expect(unit.get('SystemCallFilter')).toEqual(['@system-service', '~@privileged @resources']);
    expect(one('SystemCallArchitectures')).toBe('native');
    expect(one('DevicePolicy')).toBe('closed');
    expect(unit.get('DeviceAllow')!.every((d) => d.startsWith('char-nvidia'))).toBe(true);
    // Node's JIT needs executable memory it wrote: Node aborts under MemoryDenyWriteExecute.
    expect(unit.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('scores OK on systemd-analyze security, and still OK with the drop-in that lets sudo work', (ctx) => {
    const alone = exposure(UNIT);
    if (alone === null)
      ctx.skip('systemd-analyze is not installed here; the directives are linted above');
    const dir = tempDir();
    const merged = path.join(dir, 'mirqab-agent.service');
    writeFileSync(merged, readFileSync(UNIT, 'utf8') + readFileSync(DROP_IN, 'utf8'));
    const withSudo = exposure(merged)!;
    process.stdout.write(
      `systemd-analyze security exposure: ${alone} (with privileged-actions.conf: ${withSudo})\n`,
    );
    // systemd rates under 2.0 as "OK", the best band below "SAFE" (which needs no network).
    expect(alone).toBeLessThan(2);
    expect(withSudo).toBeLessThan(4);
    expect(withSudo).toBeGreaterThan(alone!);
  });

  it('the sudoers example names each privileged command line in full and parses', (ctx) => {
    const rules = readFileSync(SUDOERS, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('mirqab-agent '));
    expect(rules.length).toBeGreaterThan(0);
    // Only named absolute programs; never ALL, never a shell.
    for (const rule of rules) {
      const commands = rule.slice(rule.indexOf('NOPASSWD:') + 'NOPASSWD:'.length).split(',');
      for (const command of commands)
        expect(command.trim()).toMatch(/^\/usr\/(local\/)?bin\/[\w-]+/);
      expect(rule).not.toMatch(/NOPASSWD:\s*ALL|\/bin\/(ba)?sh\b/);
    }
    const visudo = spawnSync('visudo', ['-cf', SUDOERS], { encoding: 'utf8' });
    if (visudo.error) ctx.skip('visudo is not installed here (Debian: apt-get install sudo)');
    expect(visudo.status, visudo.stderr).toBe(0);
  });
});
