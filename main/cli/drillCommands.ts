// `mirqab drill list|validate|import`: list the scenario library (the built-ins, and the site's
// imported scenarios when a data folder is given), check a scenario file without a store (exit 0
// "ok: NAME vVERSION, …", or exit 1 with every problem as FILE:LINE:COLUMN: field: message), and
// store a new version. `drillCommands` returns the `drill` command so more subcommands join it.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { DrillScenario } from '../../shared/domain/drills/scenario.ts';
import { systemClock } from '../core/clock.ts';
import type { WritableDb } from '../store/types.ts';
import type { DrillScenarioLibrary, ScenarioListing } from '../drills/library.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

function readScenarioFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The scenario, or undefined after printing every problem of the file, one per line (exit 1). */
async function checked(file: string, text: string): Promise<DrillScenario | undefined> {
  const { formatDrillProblem, parseDrillScenario } =
    await import('../../shared/domain/drills/validate.ts');
  const parsed = parseDrillScenario(text);
  if (parsed.ok) return parsed.scenario;
  for (const p of parsed.problems) console.log(formatDrillProblem(p, file));
  process.exitCode = 1;
  return undefined;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeScenario(s: DrillScenario): string {
  return [
    `${s.name} v${s.version}`,
    count(s.injects.length, 'inject'),
    count(s.hints.length, 'hint'),
    count(s.site.slos.length, 'SLO'),
    `${s.durationMinutes} minutes`,
  ].join(', ');
}

function printTable(rows: ScenarioListing[]): void {
  const lines = [
    ['NAME', 'VERSION', 'SOURCE', 'CATEGORY', 'MINUTES', 'TITLE'],
    ...rows.map((s) => [
      s.name,
      String(s.version),
      s.source,
      s.category,
      String(s.durationMinutes),
      s.title,
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const line of lines)
    console.log(
      line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    );
}

/** The scenario library: the built-ins, and the site's imported scenarios when `db` is given. */
async function scenarioLibrary(db?: WritableDb): Promise<DrillScenarioLibrary> {
  const { DrillScenarioLibrary } = await import('../drills/library.ts');
  return new DrillScenarioLibrary({ ...(db ? { store: () => db } : {}), clock: systemClock });
}

export function drillCommands(program: Command, ctx: CliContext): Command {
  const drill = program
    .command('drill')
    .description('list, validate and import drill scenarios (YAML, apiVersion mirqab/v1)');
  drill
    .command('list')
    .description(
      "list the scenario library: the built-ins, and the site's imported scenarios when a data folder is given (--data-dir or $MIRQAB_DATA_DIR)",
    )
    .option(
      '--json',
      'print JSON: [{name, version, title, category, durationMinutes, source, digest}]',
    )
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const hasSite = opts.dataDir !== undefined || process.env.MIRQAB_DATA_DIR !== undefined;
      const listed = hasSite
        ? await withStore(ctx, opts, async (db) => (await scenarioLibrary(db)).list())
        : (await scenarioLibrary()).list();
      if (opts.json) console.log(JSON.stringify(listed, null, 2));
      else printTable(listed);
    });
  drill
    .command('validate')
    .description('check a scenario file (no store needed); exit 1 with every problem, one per line')
    .argument('<file>', 'a drill scenario YAML file')
    .action(async (file: string) => {
      const scenario = await checked(file, readScenarioFile(file));
      if (scenario) console.log(`ok: ${describeScenario(scenario)}`);
    });
  drill
    .command('import')
    .description(
      'store the scenario as a new version (every version is kept); nothing is stored if it has a problem',
    )
    .argument('<file>', 'a drill scenario YAML file')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (file: string, opts: { dataDir?: string }) => {
      const text = readScenarioFile(file);
      const scenario = await checked(file, text);
      if (!scenario) return;
      const { actor, role } = ctx.cliActor();
      await withStore(ctx, opts, async (db) =>
        (await scenarioLibrary(db)).import(text, { username: actor, role }, file),
      );
      console.log(`imported ${describeScenario(scenario)}`);
    });
  return drill;
}
