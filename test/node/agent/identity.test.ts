// The agent's identity on disk: private files, a pairing code that matches its certificate, no
// silent overwrite, and unpair issuing a fresh one-time code.
import { statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  currentPairingCode,
  forgetConsole,
  IdentityError,
  initAgent,
  loadIdentity,
  pinConsole,
  unpair,
} from '../../../agent/identity.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('agent identity', () => {
  it('creates a private key, a certificate and a pairing code that names its fingerprint', async () => {
    const dir = join(tempDir(), 'identity');
    const { identity, pairingCode } = await initAgent(dir, {
      name: 'gpu-node-01',
      altNames: ['gpu-node-01.dc1', '10.1.2.3'],
    });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ['agent-key.pem', 'agent-cert.pem', 'agent.json', 'pairing-secret'])
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const code = parsePairingCode(pairingCode);
    expect(code.ok && code.code.fingerprint).toBe(identity.fingerprint);
    const cert = new X509Certificate(identity.certPem);
    expect(cert.subject).toBe(`CN=${identity.agentId}`);
    expect(cert.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, DNS:gpu-node-01.dc1, IP Address:10.1.2.3',
    );
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(loadIdentity(dir)).toEqual(identity);
    expect(currentPairingCode(dir)).toBe(pairingCode);
  });

  it('refuses to overwrite an existing identity', async () => {
    const dir = tempDir();
    await initAgent(dir);
    await expect(initAgent(dir)).rejects.toThrow(IdentityError);
  });

  it('explains a missing identity', () => {
    expect(() => loadIdentity(join(tempDir(), 'nowhere'))).toThrow(/run `mirqab-agent init/);
  });

  it('forgets a console only while it is the pinned one (a revoke from a replaced console changes nothing)', async () => {
    const dir = tempDir();
    await initAgent(dir);
    pinConsole(dir, 'a'.repeat(64), 'first site');
    expect(forgetConsole(dir, 'b'.repeat(64))).toBeNull();
    expect(currentPairingCode(dir)).toBeNull();
    expect(forgetConsole(dir, 'a'.repeat(64))).toMatchObject({
      fingerprint: 'a'.repeat(64),
      consoleName: 'first site',
    });
    expect(currentPairingCode(dir)).not.toBeNull();
    expect(forgetConsole(dir, 'a'.repeat(64))).toBeNull();
  });

  it('burns the secret on pairing and issues a new one on unpair', async () => {
    const dir = tempDir();
    const { pairingCode } = await initAgent(dir);
    pinConsole(dir, 'a'.repeat(64), 'site');
    expect(currentPairingCode(dir)).toBeNull();
    const fresh = unpair(dir);
    expect(fresh).not.toBe(pairingCode);
    expect(currentPairingCode(dir)).toBe(fresh);
  });
});
