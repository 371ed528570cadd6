// First-run setup, store unlock and key management.
import { ensureSigningKey } from '../audit/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { resolveSession } from '../auth/sessions.ts';
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
import { insertOperator } from '../store/repositories/operators.ts';
import { putSettings } from '../store/repositories/settings.ts';
import { StoreError } from '../store/types.ts';
import { beginAttempt, waitDetails, waitSentence } from './attemptGuard.ts';
import { audit, requireActor, sessionInfo, type ApiDeps, type DomainHandlers } from './handler.ts';
import type { Site } from '../core/site.ts';
import { DomainError } from '../core/errors.ts';

const SYSTEM = { username: 'system', role: 'system' };
const UNKNOWN = { username: 'unknown', role: 'none' };

/** A wrong passphrase or recovery key is a guess to count; a damaged or newer store is not. */
const isWrongSecret = (error: unknown) =>
  error instanceof StoreError && (error.code === 'WRONG_PASSPHRASE' || error.code === 'WRONG_KEY');

/** Adds the wait a failure started to its error, so the operator learns of it before trying again. */
function withWait(error: unknown, sentence: string): unknown {
  if (!sentence || !(error instanceof StoreError)) return error;
  return new StoreError(error.code, error.message + sentence, { cause: error });
}

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

export function setupHandlers(
  deps: ApiDeps,
): DomainHandlers<
  'app.status' | 'setup.create' | 'store.unlock' | 'store.changePassphrase' | 'store.rotateKey'
> {
  const { site } = deps;
  return {
    'app.status': (_input, { ctx, now }) => {
      const state = site.state();
      const settings = state === 'ready' ? site.settings() : null;
      const resolved =
        state === 'ready' && settings
          ? resolveSession(site.store(), ctx.sessionToken, now, settings.lockAfterMinutes)
          : null;
      return {
        state,
        siteName: settings?.siteName ?? null,
        timeZone: settings?.timeZone ?? 'Asia/Dubai',
        shell: deps.shell,
        version: deps.version,
        signedIn:
          resolved && settings
            ? sessionInfo(resolved.operator, resolved.locked, settings.lockAfterMinutes)
            : null,
      };
    },

    'setup.create': async (input, { now }) => {
      if (site.state() !== 'uninitialised') {
        throw new DomainError('CONFLICT', 'This site is already set up.');
      }
      const passwordHash = await hashPassword(input.adminPassword, site.kdf);
      const { db, recoveryKey } = await createStore({
        dataDir: site.dataDir,
        passphrase: input.passphrase,
        cost: site.kdf,
      });
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
        audit(db, SYSTEM, {
          action: 'setup.create',
          target: `site:${input.siteName}`,
          outcome: 'success',
          details: { timeZone: input.timeZone, firstAdmin: admin.username },
        }, now);
      })();
      site.attach(db, Buffer.from(recoveryKey, 'hex'));
      await protectKey(site, Buffer.from(recoveryKey, 'hex'));
      return { recoveryKey };
    },

    'store.unlock': async (input, { ctx, now }) => {
      if (site.state() === 'ready') return { done: true as const };
      if (site.state() === 'uninitialised') site.store(); // throws STORE_UNINITIALISED
      const how = 'passphrase' in input ? 'passphrase' : 'recovery key';
      await site.unlockOnce(async () => {
        if (site.state() === 'ready') return;
        const attempt = beginAttempt(deps, { store: how, source: ctx.client }, { actor: UNKNOWN, action: 'store.unlock', target: 'store' }, now);
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
          const waits = isWrongSecret(error) ? attempt.failed(now) : (attempt.release(), []);
          site.recordWhileLocked({
            actor: UNKNOWN.username,
            role: UNKNOWN.role,
            action: 'store.unlock',
            target: 'store',
            outcome: 'failure',
            details: { with: how, client: ctx.client, reason: error instanceof Error ? error.message : String(error), ...waitDetails(waits) },
          }, now);
          // the pipeline turns a StoreError into WRONG_KEY or CONFLICT
          throw withWait(error, waitSentence(waits, site.timeZone()));
        }
        audit(db, SYSTEM, {
          action: 'store.unlock',
          target: 'store',
          outcome: 'success',
          details: { with: how, client: ctx.client },
        }, now);
      });
      return { done: true as const };
    },

    'store.changePassphrase': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const guarded = { actor, action: 'store.changePassphrase', target: 'store' };
      const attempt = beginAttempt(deps, { store: 'passphrase', source: call.ctx.client }, guarded, call.now);
      try {
        await changePassphrase(site.dataDir, input.current, input.next, { cost: site.kdf });
      } catch (error) {
        const waits = isWrongSecret(error) ? attempt.failed(call.now) : (attempt.release(), []);
        audit(db, actor, { action: 'store.changePassphrase', target: 'store', outcome: 'failure', details: { reason: 'wrong current passphrase', ...waitDetails(waits) } }, call.now);
        throw withWait(error, waitSentence(waits, site.timeZone()));
      }
      attempt.succeeded();
      audit(db, actor, { action: 'store.changePassphrase', target: 'store', outcome: 'success' }, call.now);
      return { done: true as const };
    },

    'store.rotateKey': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      let result: { db: WritableDb; recoveryKey: string };
      const attempt = beginAttempt(deps, { store: 'passphrase', source: call.ctx.client }, { actor, action: 'store.rotateKey', target: 'store' }, call.now);
      try {
        result = await rotateKey(db, site.dataDir, input.passphrase, { cost: site.kdf });
      } catch (error) {
        const waits = isWrongSecret(error) ? attempt.failed(call.now) : (attempt.release(), []);
        audit(db, actor, { action: 'store.rotateKey', target: 'store', outcome: 'failure', details: { reason: error instanceof Error ? error.message : String(error), ...waitDetails(waits) } }, call.now);
        throw withWait(error, waitSentence(waits, site.timeZone()));
      }
      attempt.succeeded();
      site.attach(result.db, Buffer.from(result.recoveryKey, 'hex'));
      await protectKey(site, Buffer.from(result.recoveryKey, 'hex'));
      audit(result.db, actor, { action: 'store.rotateKey', target: 'store', outcome: 'success' }, call.now);
      return { recoveryKey: result.recoveryKey };
    },
  };
}
