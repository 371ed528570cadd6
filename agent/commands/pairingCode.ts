// `mirqab-agent pairing-code`: prints the agent's current one-time pairing code, e.g. after the
// console revoked it (the agent issues a new code then, and never writes the secret to its log).
import { resolve } from 'node:path';
import type { Command } from 'commander';

export function registerPairingCode(program: Command): void {
  program
    .command('pairing-code')
    .description('print the current one-time pairing code (none while paired)')
    .requiredOption('--dir <dir>', 'the identity folder given to `mirqab-agent init`')
    .action(async (opts: { dir: string }) => {
      // Loaded when the command runs, so `--help` stays quick.
      const { currentPairingCode, IdentityError } = await import('../identity.ts');
      try {
        const code = currentPairingCode(resolve(opts.dir));
        if (code) {
          process.stdout.write(`${code}\n`);
          return;
        }
        process.stderr.write(
          'mirqab-agent pairing-code: this agent is paired with a console; run `mirqab-agent unpair` to pair it with another.\n',
        );
        process.exitCode = 1;
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        process.stderr.write(`mirqab-agent pairing-code: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
