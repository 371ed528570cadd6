// `mirqab-agent unpair`: revokes the pinned console (a running agent refuses it from the next
// heartbeat on) and prints a fresh one-time pairing code.
import { resolve } from 'node:path';
import type { Command } from 'commander';

export function registerUnpair(program: Command): void {
  program
    .command('unpair')
    .description('forget the paired console and print a new pairing code')
    .requiredOption('--dir <dir>', 'the identity folder given to `mirqab-agent init`')
    .action(async (opts: { dir: string }) => {
      // Loaded when the command runs, so `--help` stays quick.
      const { IdentityError, unpair } = await import('../identity.ts');
      try {
        const code = unpair(resolve(opts.dir));
        process.stdout.write(`Unpaired. New pairing code (works once):\n${code}\n`);
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        process.stderr.write(`mirqab-agent unpair: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
