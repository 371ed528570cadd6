// `mirqab runbook validate|import|export`: check a runbook file without a store (exit 0 "ok: NAME
// vVERSION, N steps", or exit 1 with every problem as FILE:LINE:COLUMN: field: message), store a new
// version, or write a stored one back out as it was imported.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatRunbookProblem, parseRunbook } from '../../shared/domain/runbooks/index.ts';
import { systemClock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import { RunbookLibrary } from '../runbooks/index.ts';
import { closeStore } from '../store/db.ts';
import { CliError } from './secrets.ts';
import type { CliContext } from './sloCommands.ts';

function readRunbookFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Prints every problem of the file, one per line; true when there were none. */
function report(file: string, text: string): boolean {
  const parsed = parseRunbook(text);
  if (parsed.ok) return true;
  for (const p of parsed.problems) console.log(formatRunbookProblem(p, file));
  process.exitCode = 1;
  return false;
}

export function runbookCommands(program: Command, ctx: CliContext): void {
  const runbook = program
    .command('runbook')
    .description('validate, import and export runbooks (YAML, apiVersion mirqab/v1)');
  runbook
    .command('validate')
    .description('check a runbook file (no store needed); exit 1 with every problem, one per line')
    .argument('<file>', 'a runbook YAML file')
    .action((file: string) => {
      const text = readRunbookFile(file);
      if (!report(file, text)) return;
      const parsed = parseRunbook(text);
      if (parsed.ok)
        console.log(
          `ok: ${parsed.runbook.name} v${parsed.runbook.version}, ${parsed.runbook.steps.length} steps`,
        );
    });
  runbook
    .command('import')
    .description(
      'store the runbook as a new version (every version is kept); nothing is stored if it has a problem',
    )
    .argument('<file>', 'a runbook YAML file')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (file: string, opts: { dataDir?: string }) => {
      const text = readRunbookFile(file);
      if (!report(file, text)) return;
      const { db } = await ctx.openForCli(ctx.dataDir(opts));
      try {
        const library = new RunbookLibrary({ store: () => db, clock: systemClock });
        const { actor, role } = ctx.cliActor();
        const stored = library.import(text, { username: actor, role }, file);
        console.log(`imported ${stored.name} v${stored.version}, ${stored.stepCount} steps`);
      } catch (error) {
        if (error instanceof DomainError) throw new CliError(error.message, 1);
        throw error;
      } finally {
        closeStore(db);
      }
    });
  runbook
    .command('export')
    .description('write a stored runbook as imported (to stdout, or --out FILE)')
    .argument('<name>', "the runbook's name")
    .option('--version <n>', 'this version (default: the newest)')
    .option('--out <file>', 'write to this file')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (name: string, opts: { version?: string; out?: string; dataDir?: string }) => {
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && (!Number.isInteger(version) || version < 1))
        throw new CliError(`--version takes a whole number from 1, not "${opts.version}".`);
      const { db } = await ctx.openForCli(ctx.dataDir(opts));
      try {
        const library = new RunbookLibrary({ store: () => db, clock: systemClock });
        const { source, fileName } = library.export(name, version);
        if (opts.out) {
          writeFileSync(opts.out, source);
          console.error(`wrote ${fileName} to ${opts.out}`);
        } else process.stdout.write(source);
      } catch (error) {
        if (error instanceof DomainError) throw new CliError(error.message, 1);
        throw error;
      } finally {
        closeStore(db);
      }
    });
}
