// `mirqab experiment analyse FILE.json`: the analysis of an experiment from per-arm data, printed as JSON
// for scripts. Needs no store: the statistics are the console's own (shared/domain/stats).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from './secrets.ts';

function readInput(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function experimentCommands(program: Command): void {
  const experiment = program.command('experiment').description('analyse model experiments');
  experiment
    .command('analyse')
    .alias('analyze')
    .description(
      'print the analysis of an experiment as JSON: per metric and variant the estimate, interval, p-value (corrected), always-valid interval, chance to win, CUPED; and the sample-ratio check',
    )
    .argument('<file>', 'the experiment as JSON (arms, metrics with per-arm data); - reads stdin')
    .action(async (file: string) => {
      const { analyseExperiment, parseExperimentAnalysisInput, StatsInputError } =
        await import('../../shared/domain/stats/index.ts');
      const parsed = parseExperimentAnalysisInput(readInput(file));
      if (!parsed.ok)
        throw new CliError(`${file} is not a valid experiment:\n  ${parsed.problems.join('\n  ')}`);
      try {
        console.log(JSON.stringify(analyseExperiment(parsed.value), null, 2));
      } catch (error) {
        if (error instanceof StatsInputError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
    });
}
