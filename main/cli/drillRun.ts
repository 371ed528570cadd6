// `mirqab drill run NAME|FILE --headless [--speed N|max] [--responder scripted|idle] [--json]`: a
// drill with no UI. Its workspace lives in a temporary folder (removed afterwards unless --keep
// names one); a scripted responder follows the scenario's expected response, an idle one does
// nothing. Prints the score and each component with its target, what happened and the evidence
// (JSON with --json); --record also keeps the result in the site's drill history, marked headless.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { DrillScenario } from '../../shared/domain/drills/scenario.ts';
import type { DrillSpeed } from '../drills/drillClock.ts';
import type { DrillResult } from '../drills/headless.ts';
import { RESPONDERS, type ResponderKind } from '../drills/responderKinds.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger, stderrLogger } from '../log.ts';
import { closeForCli, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

async function scenarioFrom(nameOrFile: string): Promise<DrillScenario> {
  const looksLikeFile = /[./\\]/.test(nameOrFile) || existsSync(nameOrFile);
  if (!looksLikeFile) {
    const { DrillScenarioLibrary } = await import('../drills/library.ts');
    try {
      return new DrillScenarioLibrary({ clock: systemClock }).get(nameOrFile).scenario;
    } catch (error) {
      throw new CliError(
        `${error instanceof Error ? error.message : String(error)} (\`mirqab drill list\` names them)`,
      );
    }
  }
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${nameOrFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { formatDrillProblem, parseDrillScenario } =
    await import('../../shared/domain/drills/validate.ts');
  const parsed = parseDrillScenario(text);
  if (!parsed.ok)
    throw new CliError(
      `${nameOrFile} is not a valid scenario:\n${parsed.problems.map((p) => formatDrillProblem(p, nameOrFile)).join('\n')}`,
      1,
    );
  return parsed.scenario;
}

function speedFrom(value: string): DrillSpeed {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed < 1 || speed > 1000)
    throw new CliError(`--speed must be max or a number from 1 to 1000, not "${value}"`);
  return speed;
}

function printResult(result: DrillResult): void {
  console.log(`${result.scenario.title} (${result.scenario.name} v${result.scenario.version})`);
  console.log(
    `responder ${result.responder}, ${result.durationMinutes} drill minutes in ${result.tookSeconds} s`,
  );
  console.log(`score ${result.score}/100`);
  for (const c of result.components) {
    const points = Math.round(c.weight * c.fraction * 10) / 10;
    console.log(
      `  ${c.key.padEnd(15)} ${String(points).padStart(4)}/${c.weight}  ${c.outcome} (target: ${c.target})`,
    );
  }
}

/** Adds `run` to the `drill` command. */
export function drillRunCommand(drill: Command, version: string, ctx: CliContext): void {
  drill
    .command('run')
    .description(
      'run a drill without a UI in a temporary workspace and print its score (exit 0 whatever the score)',
    )
    .argument('<scenario>', 'a built-in or imported scenario name, or a scenario YAML file')
    .option('--headless', 'run with no UI (the only mode here; people drill in the console)')
    .option('--speed <speed>', 'drill minutes per real minute, or max', 'max')
    .option('--responder <kind>', `who responds: ${RESPONDERS.join(' or ')}`, 'scripted')
    .option('--json', 'print the result as JSON')
    .option('--keep <dir>', 'keep the drill workspace in this folder instead of a temporary one')
    .option('--verbose', 'log what the workspace does to stderr')
    .option('--record', "record the result in the site's drill history (marked headless; audited)")
    .option('--team <team>', 'the team named on a recorded result', '')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(
      async (
        nameOrFile: string,
        opts: {
          record?: boolean;
          team: string;
          dataDir?: string;
          headless?: boolean;
          speed: string;
          responder: string;
          json?: boolean;
          keep?: string;
          verbose?: boolean;
        },
      ) => {
        if (!opts.headless)
          throw new CliError(
            'a drill with people runs in the console (Drills page); add --headless to run it here with a scripted or idle responder',
          );
        if (!(RESPONDERS as readonly string[]).includes(opts.responder))
          throw new CliError(
            `--responder must be ${RESPONDERS.join(' or ')}, not "${opts.responder}"`,
          );
        const scenario = await scenarioFrom(nameOrFile);
        const speed = speedFrom(opts.speed);
        const dir = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), 'mirqab-drill-'));
        const logger = opts.verbose ? stderrLogger : silentLogger;
        // The site's store is opened first, so a wrong passphrase stops the run before it starts.
        const site = opts.record ? await ctx.openForCli(ctx.dataDir(opts)) : null;
        try {
          const [{ runHeadlessDrill }, { recordHeadlessRun }, { drillWorkspaceOpener }] =
            await Promise.all([
              import('../drills/headless.ts'),
              import('../drills/records.ts'),
              import('../index.ts'),
            ]);
          const result = await runHeadlessDrill({
            scenario,
            dir,
            speed,
            responder: opts.responder as ResponderKind,
            openWorkspace: drillWorkspaceOpener({ version, logger }),
            logger,
          });
          if (opts.json) console.log(JSON.stringify(result, null, 2));
          else printResult(result);
          if (site) {
            const { actor, role } = ctx.cliActor();
            const by = { username: actor, role };
            const id = recordHeadlessRun(site.db, result, opts.team.trim(), by, new Date());
            if (!opts.json) console.log(`recorded as drill ${id}`);
          }
        } finally {
          if (site) await closeForCli(site.db);
          if (!opts.keep) rmSync(dir, { recursive: true, force: true });
        }
      },
    );
}
