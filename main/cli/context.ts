// What every store-backed `mirqab` command shares: the --data-dir option, the CLI's actor, and the
// site's store opened for one command. The store's modules (and the native SQLite module) load only
// when a command opens it, so `mirqab --help` and the commands that need no store start without them.
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import { CliError, secretFrom } from './secrets.ts';

export interface CliContext {
  dataDirOption: string;
  dataDirHelp: string;
  dataDir(opts: { dataDir?: string }): string;
  openForCli(dataDir: string): Promise<{ db: WritableDb; key: Buffer }>;
  cliActor(): { actor: string; role: string };
}

/** The site's store, opened with MIRQAB_RECOVERY_KEY, else MIRQAB_PASSPHRASE (or a prompt). */
export async function openForCli(dataDir: string): Promise<{ db: WritableDb; key: Buffer }> {
  const store = await import('../store/db.ts');
  if (!store.storeExists(dataDir))
    throw new CliError(`No Mirqab store in ${dataDir}; run \`mirqab init\` first.`);
  const key = process.env.MIRQAB_RECOVERY_KEY
    ? store.parseRecoveryKey(process.env.MIRQAB_RECOVERY_KEY)
    : await store.unwrapKeyWithPassphrase(
        dataDir,
        await secretFrom('MIRQAB_PASSPHRASE', 'Site passphrase'),
      );
  return { db: store.openStore(dataDir, key), key };
}

export async function closeForCli(db: WritableDb): Promise<void> {
  (await import('../store/db.ts')).closeStore(db);
}

/**
 * Runs `work` on the site's store named by `opts` and closes the store after. An error `refused`
 * recognises (by default a DomainError: the console would have refused the same) exits 1 with its
 * message; anything else goes on to the command line's handler.
 */
export async function withStore<T>(
  ctx: CliContext,
  opts: { dataDir?: string },
  work: (db: WritableDb, site: { dataDir: string; key: Buffer }) => Promise<T> | T,
  refused: (error: unknown) => boolean = (error) => error instanceof DomainError,
): Promise<T> {
  const dataDir = ctx.dataDir(opts);
  const { db, key } = await ctx.openForCli(dataDir);
  try {
    return await work(db, { dataDir, key });
  } catch (error) {
    if (refused(error)) throw new CliError((error as Error).message, 1);
    throw error;
  } finally {
    await closeForCli(db);
  }
}
