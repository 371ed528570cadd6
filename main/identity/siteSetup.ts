// First-run setup, the site's status, store unlock and key management.
import { auditBy, ensureSigningKey } from '../audit/index.ts';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract.ts';
import { DomainError } from '../core/errors.ts';
import type { Site } from '../core/site.ts';
import { putSettings } from '../core/settingsRepository.ts';
import {
  changePassphrase,
  createStore,
  getProtectedKey,
  openStore,
  rotateKey,
  setProtectedKey,
  unwrapKeyWithPassphrase,
  type WritableDb,
} from '../store/db.ts';
import { StoreError } from '../store/types.ts';
import { beginAttempt, waitDetails, waitSentence } from './attemptGuard.ts';
import type { Attempt } from './attempts.ts';
import type { IdentityDeps } from './deps.ts';
import { insertOperator } from './operatorRepository.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { sessionInfo, type Actor, type ResolvedSession } from './sessions.ts';

const SYSTEM = { username: 'system', role: 'system' };
const UNKNOWN = { username: 'unknown', role: 'none' };

/** A wrong passphrase or recovery key is a guess to count; a damaged or newer store is not. */
const isWrongSecret = (error: unknown) =>
  error instanceof StoreError && (error.code === 'WRONG_PASSPHRASE' || error.code === 'WRONG_KEY');

/** A store's refusal in the backend's one vocabulary, with the wait a failure started, so the operator learns of it before trying again. */
function asDomainError(error: unknown, sentence = ''): unknown {
  if (!(error instanceof StoreError)) return error;
  return new DomainError(isWrongSecret(error) ? 'WRONG_KEY' : 'CONFLICT', error.message + sentence);
}

/** Runs store work, turning a StoreError into a DomainError. */
async function storeWork<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDomainError(error);
  }
}

/** Counts a failure against the attempt if it was a wrong secret; releases it otherwise. */
const settle = (attempt: Attempt, error: unknown, now: Date) =>
  isWrongSecret(error) ? attempt.failed(now) : (attempt.release(), []);

/** Keeps an OS-protected copy of the key where the OS can protect it properly (desktop). */
async function protectKey(site: Site, key: Buffer): Promise<void> {
  const protector = site.keyProtector;
  if (!protector || !(await protector.isAvailable())) return;
  setProtectedKey(site.dataDir, await protector.protect(key));
}

/** Desktop start-up: open the store with the OS-protected key when there is one. */
export async function tryOpenWithProtectedKey(site: Site): Promise<boolean> {
  const protector = site.keyProtector;
  const blob = site.state() === 'locked' ? getProtectedKey(site.dataDir) : null;
  if (!protector || !blob || !(await protector.isAvailable())) return false;
  try {
    const key = await protector.unprotect(blob);
    site.attach(openStore(site.dataDir, key), key);
    return true;
  } catch {
    return false; // the protected copy is stale or unreadable: the passphrase still works
  }
}

export class SiteSetup {
  constructor(
    private readonly deps: IdentityDeps & { shell: 'desktop' | 'browser'; version: string },
  ) {}

  status(session: ResolvedSession | null): ChannelOutput<'app.status'> {
    const { site, shell, version } = this.deps;
    const state = site.state();
    const settings = state === 'ready' ? site.settings() : null;
    return {
      state,
      siteName: settings?.siteName ?? null,
      timeZone: settings?.timeZone ?? 'Asia/Dubai',
      shell,
      version,
      signedIn:
        session && settings
          ? sessionInfo(session.operator, session.locked, settings.lockAfterMinutes)
          : null,
    };
  }

  async create(
    input: ChannelParsedInput<'setup.create'>,
    now: Date,
  ): Promise<{ recoveryKey: string }> {
    const { site } = this.deps;
    if (site.state() !== 'uninitialised')
      throw new DomainError('CONFLICT', 'This site is already set up.');
    assertStrongPassword(input.adminPassword, [
      input.adminUsername,
      input.adminDisplayName,
      input.siteName,
    ]);
    const passwordHash = await hashPassword(input.adminPassword, site.kdf);
    const { db, recoveryKey } = await storeWork(() =>
      createStore({ dataDir: site.dataDir, passphrase: input.passphrase, cost: site.kdf }),
    );
    db.transaction(() => {
      ensureSigningKey(db);
      putSettings(db, { siteName: input.siteName, timeZone: input.timeZone });
      const admin = insertOperator(
        db,
        {
          username: input.adminUsername,
          displayName: input.adminDisplayName,
          role: 'admin',
          passwordHash,
        },
        now,
      );
      auditBy(
        db,
        SYSTEM,
        {
          action: 'setup.create',
          target: `site:${input.siteName}`,
          outcome: 'success',
          details: { timeZone: input.timeZone, firstAdmin: admin.username },
        },
        now,
      );
    })();
    site.attach(db, Buffer.from(recoveryKey, 'hex'));
    await protectKey(site, Buffer.from(recoveryKey, 'hex'));
    return { recoveryKey };
  }

  /** Opens the store with the passphrase or the recovery key; failures are audited once it opens. */
  async unlockStore(
    input: ChannelParsedInput<'store.unlock'>,
    client: string,
    now: Date,
  ): Promise<void> {
    const { site } = this.deps;
    if (site.state() === 'ready') return;
    if (site.state() === 'uninitialised') site.store(); // throws STORE_UNINITIALISED
    const how = 'passphrase' in input ? 'passphrase' : 'recovery key';
    await site.unlockOnce(async () => {
      if (site.state() === 'ready') return;
      const attempt = beginAttempt(
        this.deps,
        { store: how, source: client },
        { actor: UNKNOWN, action: 'store.unlock', target: 'store' },
        now,
      );
      let db: WritableDb;
      try {
        const key =
          'passphrase' in input
            ? await unwrapKeyWithPassphrase(site.dataDir, input.passphrase, { cost: site.kdf })
            : Buffer.from(input.recoveryKey, 'hex');
        db = openStore(site.dataDir, key);
        attempt.succeeded();
        site.attach(db, key);
        await protectKey(site, key);
      } catch (error) {
        const waits = settle(attempt, error, now);
        site.recordWhileLocked(
          {
            actor: UNKNOWN.username,
            role: UNKNOWN.role,
            action: 'store.unlock',
            target: 'store',
            outcome: 'failure',
            details: {
              with: how,
              client,
              reason: error instanceof Error ? error.message : String(error),
              ...waitDetails(waits),
            },
          },
          now,
        );
        throw asDomainError(error, waitSentence(waits, site.timeZone()));
      }
      auditBy(
        db,
        SYSTEM,
        {
          action: 'store.unlock',
          target: 'store',
          outcome: 'success',
          details: { with: how, client },
        },
        now,
      );
    });
  }

  async changePassphrase(
    actor: Actor,
    current: string,
    next: string,
    client: string,
    now: Date,
  ): Promise<void> {
    const { site } = this.deps;
    const db = site.store();
    const attempt = beginAttempt(
      this.deps,
      { store: 'passphrase', source: client },
      { actor, action: 'store.changePassphrase', target: 'store' },
      now,
    );
    try {
      await changePassphrase(site.dataDir, current, next, { cost: site.kdf });
    } catch (error) {
      const waits = settle(attempt, error, now);
      auditBy(
        db,
        actor,
        {
          action: 'store.changePassphrase',
          target: 'store',
          outcome: 'failure',
          details: { reason: 'wrong current passphrase', ...waitDetails(waits) },
        },
        now,
      );
      throw asDomainError(error, waitSentence(waits, site.timeZone()));
    }
    attempt.succeeded();
    auditBy(
      db,
      actor,
      { action: 'store.changePassphrase', target: 'store', outcome: 'success' },
      now,
    );
  }

  /** A new store key (and recovery key), re-wrapped under the passphrase. */
  async rotateKey(
    actor: Actor,
    passphrase: string,
    client: string,
    now: Date,
  ): Promise<{ recoveryKey: string }> {
    const { site } = this.deps;
    const db = site.store();
    let result: { db: WritableDb; recoveryKey: string };
    const attempt = beginAttempt(
      this.deps,
      { store: 'passphrase', source: client },
      { actor, action: 'store.rotateKey', target: 'store' },
      now,
    );
    try {
      result = await rotateKey(db, site.dataDir, passphrase, { cost: site.kdf });
    } catch (error) {
      const waits = settle(attempt, error, now);
      auditBy(
        db,
        actor,
        {
          action: 'store.rotateKey',
          target: 'store',
          outcome: 'failure',
          details: {
            reason: error instanceof Error ? error.message : String(error),
            ...waitDetails(waits),
          },
        },
        now,
      );
      throw asDomainError(error, waitSentence(waits, site.timeZone()));
    }
    attempt.succeeded();
    site.attach(result.db, Buffer.from(result.recoveryKey, 'hex'));
    await protectKey(site, Buffer.from(result.recoveryKey, 'hex'));
    auditBy(
      result.db,
      actor,
      { action: 'store.rotateKey', target: 'store', outcome: 'success' },
      now,
    );
    return { recoveryKey: result.recoveryKey };
  }
}
