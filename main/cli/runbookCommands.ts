// `mirqab runbook validate|import|export`: check a runbook file without a store (exit 0 "ok: NAME
// vVERSION, N steps", or exit 1 with every problem as FILE:LINE:COLUMN: field: message), store a new
// version, or write a stored one back out as it was imported.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.ts';
import type { WritableDb } from '../store/types.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

function readRunbookFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Prints every problem of the file, one per line (exit 1); the runbook when there were none. */
async function checked(file: string, text: string) {
  const { formatRunbookProblem, parseRunbook } =
    await import('../../shared/domain/runbooks/index.ts');
  const parsed = parseRunbook(text);
  if (parsed.ok) return parsed.runbook;
  for (const p of parsed.problems) console.log(formatRunbookProblem(p, file));
  process.exitCode = 1;
  return undefined;
}

const library = async (db: WritableDb) =>
  new (await import('../runbooks/index.ts')).RunbookLibrary({
    store: () => db,
    clock: systemClock,
  });

export function runbookCommands(program: Command, ctx: CliContext): void {
  const runbook = program
    .command('runbook')
    .description('validate, import and export runbooks (YAML, apiVersion mirqab/v1)');
  runbook
    .command('validate')
    .description('check a runbook file (no store needed); exit 1 with every problem, one per line')
    .argument('<file>', 'a runbook YAML file')
    .action(async (file: string) => {
      const runbook = await checked(file, readRunbookFile(file));
      if (runbook)
        console.log(`ok: ${runbook.name} v${runbook.version}, ${runbook.steps.length} steps`);
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
      if (!(await checked(file, text))) return;
      const { actor, role } = ctx.cliActor();
      const stored = await withStore(ctx, opts, async (db) =>
        (await library(db)).import(text, { username: actor, role }, file),
      );
      console.log(`imported ${stored.name} v${stored.version}, ${stored.stepCount} steps`);
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
      const { source, fileName } = await withStore(ctx, opts, async (db) =>
        (await library(db)).export(name, version),
      );
      if (opts.out) {
        writeFileSync(opts.out, source);
        console.error(`wrote ${fileName} to ${opts.out}`);
      } else process.stdout.write(source);
    });
}
