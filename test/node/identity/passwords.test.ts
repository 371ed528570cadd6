// Password rules through the same pipeline the shells use: strength on every new password, an
// admin's reset with a forced change at the next sign-in, and a wrong current password named as such.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { ratePassword } from '../../../shared/domain/passwordStrength.ts';
import {
  ADMIN_PASSWORD,
  clientOf,
  PASSPHRASE,
  setUpSite,
  TEST_KDF,
  type TestSite,
} from '../../helpers/console.ts';

describe('password strength', () => {
  it('rates repeats, common passwords and the account’s own name as too weak', () => {
    expect(ratePassword('aaaaaaaaaa')).toMatchObject({
      isStrongEnough: false,
      warning: 'simpleRepeat',
    });
    expect(ratePassword('password123').isStrongEnough).toBe(false);
    expect(ratePassword('Noura2026!').isStrongEnough).toBe(true);
    expect(ratePassword('Noura2026!', ['noura'])).toMatchObject({
      isStrongEnough: false,
      warning: 'userInputs',
    });
    expect(ratePassword('cedar-lantern-orbit-7').isStrongEnough).toBe(true);
  });

  it('a site cannot be set up with a weak admin password', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-weak-'));
    const app = await createConsole({
      dataDir,
      shell: 'browser',
      version: 'test',
      logger: silentLogger,
      kdf: TEST_KDF,
    });
    try {
      const result = await clientOf(app).call('setup.create', {
        siteName: 'Abu Dhabi DC1',
        timeZone: 'Asia/Dubai',
        passphrase: PASSPHRASE,
        adminUsername: 'admin',
        adminDisplayName: 'Site Admin',
        adminPassword: 'aaaaaaaaaa',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
      expect(!result.ok && result.error.message).toMatch(/too easy to guess/);
      expect((await clientOf(app).must('app.status', {})).state).toBe('uninitialised');
    } finally {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('operators’ passwords', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('a new operator and a changed password must be strong enough', async () => {
    const created = await site.admin.call('operators.create', {
      username: 'noura',
      displayName: 'Noura',
      role: 'operator',
      password: 'aaaaaaaaaa',
    });
    expect(created).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const changed = await site.admin.call('auth.changePassword', {
      current: ADMIN_PASSWORD,
      next: 'password1234',
    });
    expect(changed).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
  });

  it('a wrong current password is named as such, not as a wrong sign-in', async () => {
    const result = await site.admin.call('auth.changePassword', {
      current: 'not-my-password-9',
      next: 'cedar-lantern-orbit-7',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CURRENT_PASSWORD', message: 'The current password is wrong.' },
    });
  });

  it('an admin resets a password: sessions end, and the operator must set a new one before anything else', async () => {
    const noura = await site.operatorWithRole('operator', 'noura');
    expect(
      await site.admin.call('operators.resetPassword', {
        username: 'noura',
        password: 'aaaaaaaaaa',
      }),
    ).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    await site.admin.must('operators.resetPassword', {
      username: 'noura',
      password: 'temporary-cedar-41',
    });
    expect(await noura.call('overview.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    const again = clientOf(site.app, 'noura again');
    expect(
      await again.call('auth.signIn', { username: 'noura', password: 'noura-password-1' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const info = await again.must('auth.signIn', {
      username: 'noura',
      password: 'temporary-cedar-41',
    });
    expect(info.mustChangePassword).toBe(true);
    for (const refused of [
      await again.call('overview.get', {}),
      await again.call('incidents.list', {}),
    ]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    }
    expect((await again.must('auth.whoami', {})).mustChangePassword).toBe(true);
    expect(
      await again.call('auth.changePassword', {
        current: 'temporary-cedar-41',
        next: 'temporary-cedar-41',
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await again.must('auth.changePassword', {
      current: 'temporary-cedar-41',
      next: 'nouras-own-lantern-8',
    });
    expect((await again.must('auth.whoami', {})).mustChangePassword).toBeUndefined();
    expect((await again.call('overview.get', {})).ok).toBe(true);

    const audit = await site.admin.must('audit.list', { action: 'operators.resetPassword' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      target: 'operator:noura',
      outcome: 'success',
    });
    expect(JSON.stringify(audit.entries[0])).not.toContain('temporary-cedar-41');
  });

  it('resetting needs operators.manage, and an admin changes their own password instead', async () => {
    await site.operatorWithRole('operator', 'noura');
    const auditor = await site.operatorWithRole('auditor', 'aisha');
    expect(
      await auditor.call('operators.resetPassword', {
        username: 'noura',
        password: 'temporary-cedar-41',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await site.admin.call('operators.resetPassword', {
        username: 'admin',
        password: 'temporary-cedar-41',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
