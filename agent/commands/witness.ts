// `mirqab-agent witness`: prints what this agent witnessed of its console's audit log — the newest
// checkpoint it cosigned and its own witness key — as JSON an auditor can pass to
// `mirqab audit verify-bundle --previous FILE` (and the key to --expect-witness).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';

export function registerWitness(program: Command): void {
  program
    .command('witness')
    .description(
      'print the audit checkpoint this agent cosigned and its witness key fingerprint (JSON)',
    )
    .requiredOption('--dir <dir>', 'the identity folder given to `mirqab-agent init`')
    .option(
      '--forget',
      'forget the held checkpoint, e.g. before pairing with a different site (a console with another key is refused until then)',
    )
    .action(async (opts: { dir: string; forget?: boolean }) => {
      const dir = resolve(opts.dir);
      // Loaded when the command runs, so `--help` stays quick.
      const { forgetWitnessState, readWitnessState, witnessKeyFingerprint } =
        await import('../witness.ts');
      if (!existsSync(join(dir, 'agent.json'))) {
        process.stderr.write(
          `mirqab-agent witness: no agent identity in ${dir}; run \`mirqab-agent init --dir ${dir}\` first.\n`,
        );
        process.exitCode = 2;
        return;
      }
      try {
        if (opts.forget) {
          const had = forgetWitnessState(dir);
          process.stdout.write(
            had
              ? 'Forgot the witnessed checkpoint; the next console key this agent sees is pinned.\n'
              : 'Nothing to forget: this agent holds no checkpoint.\n',
          );
          return;
        }
        const state = readWitnessState(dir);
        process.stdout.write(
          `${JSON.stringify({ witnessKeyFingerprint: witnessKeyFingerprint(dir), ...(state ?? { checkpoint: null }) }, null, 2)}\n`,
        );
      } catch (error) {
        process.stderr.write(
          `mirqab-agent witness: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 2;
      }
    });
}
