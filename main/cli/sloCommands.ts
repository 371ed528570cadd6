// `mirqab slo import|export` and `mirqab report sla`: the same SLO catalogue and SLA reports the
// console serves, run against the store directly (the console may be running: the store is WAL).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

export function sloCommands(program: Command, ctx: CliContext): void {
  const actor = () => ({ username: ctx.cliActor().actor, role: ctx.cliActor().role });
  const slo = program
    .command('slo')
    .description('import and export SLO specs (OpenSLO v1, Sloth, Pyrra)');
  slo
    .command('import')
    .description('import the SLOs in a YAML file; exit 1 when any SLO in it was refused')
    .argument('<file>', 'OpenSLO v1, Sloth (prometheus/v1) or Pyrra YAML')
    .option('--dry-run', 'check and list what would be imported, store nothing')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (file: string, opts: { dataDir?: string; dryRun?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(
          `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const [{ importSlos }, { getSettings }, { formatImportProblem }] = await Promise.all([
        import('../slo/catalog.ts'),
        import('../core/settingsRepository.ts'),
        import('../../shared/domain/slo/importTypes.ts'),
      ]);
      await withStore(ctx, opts, (db) => {
        const result = importSlos(db, text, {
          dryRun: opts.dryRun === true,
          actor: actor(),
          now: new Date(),
          timeZone: getSettings(db).timeZone,
        });
        const verb = result.dryRun ? 'would import' : 'imported';
        for (const s of result.slos)
          console.log(`${verb} ${s.name}${s.replaces ? ' (replaces the stored one)' : ''}`);
        for (const p of result.problems) console.log(`refused ${formatImportProblem(p, file)}`);
        for (const w of result.warnings) console.log(`note ${formatImportProblem(w, file)}`);
        console.log(`${result.slos.length} SLO(s) ${verb}, ${result.problems.length} problem(s).`);
        if (result.problems.length > 0) process.exitCode = 1;
      });
    });
  slo
    .command('export')
    .description('write SLOs as OpenSLO v1 YAML (to stdout, or --out FILE)')
    .option('--name <names...>', 'only these SLOs')
    .option('--out <file>', 'write to this file instead of stdout')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (opts: { dataDir?: string; name?: string[]; out?: string }) => {
      const { exportSlos } = await import('../slo/catalog.ts');
      await withStore(ctx, opts, (db) => {
        const { yaml, count } = exportSlos(db, opts.name);
        if (opts.out) {
          writeFileSync(resolve(opts.out), yaml);
          console.error(`Wrote ${count} SLO(s) to ${resolve(opts.out)}.`);
        } else {
          process.stdout.write(yaml);
        }
      });
    });

  const report = program.command('report').description('write compliance reports');
  report
    .command('sla')
    .description(
      'write SLA compliance reports (PDF, CSV, HTML) for a period, stamped with the audit checkpoint',
    )
    .option('--period <period>', 'YYYY-MM or YYYY-Qn in the site time zone (default: last month)')
    .option('--sla <names...>', 'only these SLAs (default: all)')
    .requiredOption('--out <dir>', 'the folder to write the reports into')
    .option('--language <lang>', 'en or ar', 'en')
    .option(
      '--include-simulated',
      'count simulated (demo) hosts too; every page then says SIMULATED DATA (left out by default)',
    )
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(
      async (opts: {
        dataDir?: string;
        period?: string;
        sla?: string[];
        out: string;
        language: string;
        includeSimulated?: boolean;
      }) => {
        if (opts.language !== 'en' && opts.language !== 'ar')
          throw new CliError('--language must be en or ar.');
        const language = opts.language;
        const [
          { SlaReports },
          { createChromiumPrinter },
          { listSlas },
          { getSettings },
          { previousMonth },
        ] = await Promise.all([
          import('../reports/slaReports.ts'),
          import('../reports/pdf.ts'),
          import('../slo/slaRepository.ts'),
          import('../core/settingsRepository.ts'),
          import('../../shared/domain/slo/period.ts'),
        ]);
        await withStore(ctx, opts, async (db, { dataDir }) => {
          const settings = getSettings(db);
          const reports = new SlaReports({
            store: () => db,
            clock: { now: () => new Date() },
            timeZone: () => settings.timeZone,
            siteName: () => settings.siteName,
            dataDir,
            printer: createChromiumPrinter({
              onNotice: (message) => console.log(`Note: ${message}`),
            }),
            exportDir: resolve(opts.out),
          });
          const period = opts.period ?? previousMonth(Date.now(), settings.timeZone).label;
          const names = opts.sla ?? listSlas(db).map((s) => s.name);
          if (names.length === 0)
            throw new CliError(
              'There are no SLAs to report on; define one in the console first.',
              1,
            );
          for (const name of names) {
            const written = await reports.exportReport(name, period, actor(), language, {
              includeSimulated: opts.includeSimulated === true,
            });
            console.log(
              `${name} ${period}: ${written.files.map((f) => f.name).join(', ')} in ${written.directory} (audit checkpoint #${written.checkpoint.treeSize}, root ${written.checkpoint.rootHash.slice(0, 16)}…)`,
            );
          }
        });
      },
    );
}
