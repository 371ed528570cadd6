// `mirqab-agent init`: creates the agent's identity and prints the pairing code the operator
// pastes into the console. Output goes to stdout; errors to stderr with a non-zero exit.
import { resolve } from 'node:path';
import type { Command } from 'commander';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description("create this agent's key, certificate and one-time pairing code")
    .requiredOption(
      '--dir <dir>',
      'the identity folder (created 0700; refuses to overwrite an existing identity)',
    )
    .option('--name <name>', 'the name the console shows for this host (default: the host name)')
    .option(
      '--san <hostOrIp...>',
      'extra host names or IP addresses for the certificate (localhost and 127.0.0.1 are always in it)',
      [],
    )
    .action(async (opts: { dir: string; name?: string; san: string[] }) => {
      const dir = resolve(opts.dir);
      // Loaded when the command runs, so `--help` stays quick.
      const { IdentityError, initAgent } = await import('../identity.ts');
      try {
        const { identity, pairingCode } = await initAgent(dir, {
          name: opts.name,
          altNames: opts.san,
        });
        process.stdout.write(
          [
            `agent id:     ${identity.agentId}`,
            `name:         ${identity.name}`,
            `fingerprint:  ${identity.fingerprint}`,
            '',
            'Pairing code (paste it into the console when you add this host; it works once):',
            pairingCode,
            '',
          ].join('\n'),
        );
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        process.stderr.write(`mirqab-agent init: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
