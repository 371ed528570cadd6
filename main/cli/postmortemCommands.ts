// `mirqab postmortem export ID --format md|pdf --out DIR`: the same export the console writes, run
// against the store directly (the console may be serving the same folder: the store is WAL).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

export function postmortemCommands(program: Command, ctx: CliContext): void {
  const postmortem = program.command('postmortem').description('export postmortems');
  postmortem
    .command('export')
    .description(
      'write a postmortem as Markdown or PDF, stamped with the audit checkpoint (and that checkpoint beside it)',
    )
    .argument('<id>', 'the postmortem number')
    .requiredOption('--format <format>', 'md or pdf')
    .requiredOption('--out <dir>', 'the folder to write into')
    .option('--language <lang>', 'en or ar', 'en')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(
      async (
        idText: string,
        opts: { format: string; out: string; language: string; dataDir?: string },
      ) => {
        const id = Number(idText);
        if (!Number.isInteger(id) || id <= 0)
          throw new CliError(`The postmortem number must be a positive integer, not "${idText}".`);
        if (opts.format !== 'md' && opts.format !== 'pdf')
          throw new CliError('--format must be md or pdf.');
        if (opts.language !== 'en' && opts.language !== 'ar')
          throw new CliError('--language must be en or ar.');
        const { format, language } = opts;
        const [
          { EventBus },
          { getSettings },
          { PostmortemService },
          { createChromiumPrinter },
          { PostmortemReports },
        ] = await Promise.all([
          import('../core/events.ts'),
          import('../core/settingsRepository.ts'),
          import('../postmortems/postmortemService.ts'),
          import('../reports/pdf.ts'),
          import('../reports/postmortemReports.ts'),
        ]);
        await withStore(ctx, opts, async (db, { dataDir }) => {
          const settings = getSettings(db);
          const timeZone = () => settings.timeZone;
          const postmortems = new PostmortemService({
            store: () => db,
            clock: systemClock,
            events: new EventBus(),
            timeZone,
          });
          const reports = new PostmortemReports({
            store: () => db,
            clock: systemClock,
            timeZone,
            siteName: () => settings.siteName,
            dataDir,
            printer: createChromiumPrinter({
              onNotice: (message) => console.log(`Note: ${message}`),
            }),
            postmortems,
            exportDir: resolve(opts.out),
          });
          const actor = ctx.cliActor();
          const written = await reports.exportPostmortem(id, format, language, {
            username: actor.actor,
            role: actor.role,
          });
          for (const warning of written.warnings) console.log(`Note: ${warning}`);
          console.log(
            `postmortem ${id}: ${written.files.map((f) => f.name).join(', ')} in ${written.directory} (audit checkpoint #${written.checkpoint.treeSize}, root ${written.checkpoint.rootHash.slice(0, 16)}…)`,
          );
        });
      },
    );
}
