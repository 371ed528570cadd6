// Offline releases signed with the site's key: scripts/release/sign.sh writes SHA256SUMS and a
// detached signature, and verify.sh on the receiving host passes only when the signature is the
// site's and every file matches. openssl is the default; gpg where a site keeps its key there.
import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../helpers/runCommand.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const execFileAsync = promisify(execFile);
const SIGN = path.resolve('scripts/release/sign.sh');
const VERIFY = path.resolve('scripts/release/verify.sh');

const sh = runCommand;

/** A release folder as an operator carries it: packages and a nested folder. */
function release(dir: string): string {
  const bundle = path.join(dir, 'release');
  mkdirSync(path.join(bundle, 'console'), { recursive: true });
  writeFileSync(path.join(bundle, 'mirqab-agent_0.1.0_amd64.deb'), 'deb bytes');
  writeFileSync(path.join(bundle, 'mirqab-agent-0.1.0-1.x86_64.rpm'), 'rpm bytes');
  writeFileSync(path.join(bundle, 'console', 'Mirqab-0.1.0.AppImage'), 'appimage bytes');
  return bundle;
}

async function siteKey(dir: string, name: string): Promise<{ key: string; pub: string }> {
  const key = path.join(dir, `${name}.key.pem`);
  const pub = path.join(dir, `${name}.pub.pem`);
  const gen = ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key];
  await execFileAsync('openssl', gen);
  await execFileAsync('openssl', ['pkey', '-in', key, '-pubout', '-out', pub]);
  return { key, pub };
}

describe('signed offline releases', () => {
  it('a release signed with the site key verifies: the signature, then every file', async () => {
    const dir = tempDir();
    const bundle = release(dir);
    const { key, pub } = await siteKey(dir, 'site');
    const signed = await sh(SIGN, [bundle, '--key', key]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('signed 3 files');
    const sums = readFileSync(path.join(bundle, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(/^[0-9a-f]{64} {2}console\/Mirqab-0\.1\.0\.AppImage$/m);
    // The host side needs only sha256sum and openssl, both on every Debian and RHEL host.
    const checked = spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: bundle });
    expect(checked.status).toBe(0);
    const verified = await sh(VERIFY, [bundle, '--pubkey', pub]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('verified: the signature and 3 files');
  });

  it('refuses a changed package, a signature by another key and a missing signature', async () => {
    const dir = tempDir();
    const bundle = release(dir);
    const site = await siteKey(dir, 'site');
    const stranger = await siteKey(dir, 'stranger');
    await sh(SIGN, [bundle, '--key', site.key]);

    const wrongKey = await sh(VERIFY, [bundle, '--pubkey', stranger.pub]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('SHA256SUMS is NOT signed by this key');

    appendFileSync(path.join(bundle, 'mirqab-agent_0.1.0_amd64.deb'), 'implant');
    const changed = await sh(VERIFY, [bundle, '--pubkey', site.pub]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('mirqab-agent_0.1.0_amd64.deb: FAILED');
    expect(changed.stderr).toContain('do not match SHA256SUMS; install nothing');

    // Re-signing with a stranger's key after the change does not help the stranger.
    await sh(SIGN, [bundle, '--key', stranger.key]);
    expect((await sh(VERIFY, [bundle, '--pubkey', site.pub])).code).toBe(1);

    const unsigned = release(tempDir());
    await sh(SIGN, [unsigned, '--key', site.key]);
    spawnSync('rm', [path.join(unsigned, 'SHA256SUMS.sig')]);
    const missing = await sh(VERIFY, [unsigned, '--pubkey', site.pub]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no SHA256SUMS.sig');
  });

  it('bad input gets a usage line or names what is wrong', async () => {
    const dir = tempDir();
    expect((await sh(SIGN, [dir])).stderr).toContain('usage: sign.sh DIR');
    const noKey = await sh(SIGN, [dir, '--key', path.join(dir, 'none.pem')]);
    expect(noKey.stderr).toContain('cannot read the key');
    const { key } = await siteKey(dir, 'site');
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect((await sh(SIGN, [empty, '--key', key])).stderr).toContain('holds no files to sign');
  });

  it('also signs and verifies with gpg, where the site keeps its key there', async (ctx) => {
    if (spawnSync('gpg', ['--version']).error || spawnSync('gpgv', ['--version']).error)
      ctx.skip('gpg and gpgv are not installed here');
    const dir = tempDir('mq-gpg-');
    const home = path.join(dir, 'g');
    mkdirSync(home, { mode: 0o700 });
    const env = { ...process.env, GNUPGHOME: home };
    ctx.onTestFinished(() => void spawnSync('gpgconf', ['--kill', 'all'], { env }));
    const gen = ['--batch', '--passphrase', '', '--quick-gen-key', 'Site <ops@site.example>'];
    await execFileAsync('gpg', [...gen, 'ed25519', 'sign', 'never'], { env });
    const keyring = path.join(dir, 'site.gpg');
    writeFileSync(
      keyring,
      (await execFileAsync('gpg', ['--export'], { env, encoding: 'buffer' })).stdout,
    );

    const bundle = release(dir);
    expect((await sh(SIGN, [bundle, '--gpg', 'ops@site.example'], env)).code).toBe(0);
    const verified = await sh(VERIFY, [bundle, '--gpg-keyring', keyring]);
    expect(verified.stdout).toContain('verified: the signature and 3 files');
    appendFileSync(path.join(bundle, 'SHA256SUMS'), `${'0'.repeat(64)}  extra\n`);
    const forged = await sh(VERIFY, [bundle, '--gpg-keyring', keyring]);
    expect(forged.stderr).toContain('NOT signed by this keyring');
  });
});
