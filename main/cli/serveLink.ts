// `mirqab serve link`: a new one-time sign-in link from the console already serving this site, for a
// second browser or a colleague, without restarting it (see main/host/linkControl.ts).
import type { Command } from 'commander';
import { requestLink } from '../host/linkControl.ts';
import { CliError } from './secrets.ts';

export function serveLinkCommand(
  serve: Command,
  options: {
    dataDirOption: string;
    dataDirHelp: string;
    dataDir: (opts: { dataDir?: string }) => string;
  },
): void {
  serve
    .command('link')
    .description('print a new one-time sign-in link from the console serving this site')
    .option(options.dataDirOption, options.dataDirHelp)
    .action(async (_opts: { dataDir?: string }, command: Command) => {
      // reason: `serve` declares --data-dir too, so the flag may land on either command.
      const dir = options.dataDir(command.optsWithGlobals<{ dataDir?: string }>());
      try {
        const link = await requestLink(dir);
        console.log(`One-time link (opens once, until ${link.expiresAt}): ${link.url}`);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
    });
}
