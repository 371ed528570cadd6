// The `mirqab` command line: set up a site, serve the console to a browser, verify and export the
// audit trail, import and export SLOs, write SLA reports. Every command exits non-zero with one clear line on bad input.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Command, CommanderError } from 'commander';
import { stderrLogger } from '../log.ts';
import { StoreError } from '../store/types.ts';
import { auditCommands } from './auditCommands.ts';
import { openForCli } from './context.ts';
import { defaultDataDir } from './dataDir.ts';
import { advanceMinutes, e2eClock } from './e2eClock.ts';
import { incidentCommands } from './incidentCommands.ts';
import { intakeCommands } from './intakeCommands.ts';
import { oncallCommands } from './oncallCommands.ts';
import { runbookCommands } from './runbookCommands.ts';
import { postmortemCommands } from './postmortemCommands.ts';
import { drillCommands } from './drillCommands.ts';
import { drillRunCommand } from './drillRun.ts';
import { experimentCommands } from './experimentCommands.ts';
import { CliError, secretFrom } from './secrets.ts';
import { serveLinkCommand } from './serveLink.ts';
import { sloCommands } from './sloCommands.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = '0.1.0';
const cliCtx = { client: 'cli', sessionToken: null, setSessionToken: () => {} };
const cliActor = () => ({ actor: `cli:${userInfo().username}`, role: 'local-admin' });

type ServeOptions = { dataDir?: string; port: string; host: string; telemetryDiskBudget?: string };
/** The variable that sets the telemetry disk budget (as fleet/config.ts reads it), named here so help loads no fleet code. */
const DISK_BUDGET_ENV = 'MIRQAB_TELEMETRY_DISK_BUDGET';
const DISK_BUDGET_HELP = `most disk the store may use (e.g. 50GB); over it the oldest telemetry is dropped, and audited (default: $${DISK_BUDGET_ENV}, else the one an admin set in Settings → Telemetry storage, if any)`;

async function budgetOption(text: string | undefined) {
  const { diskBudgetConfig } = await import('../fleet/config.ts');
  try {
    return diskBudgetConfig(text);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function buildProgram(): Command {
  const program = new Command('mirqab')
    .description(
      'Mirqab operations console: set up a site, serve the console, check the audit trail, import and export SLOs, write SLA reports, read incidents, see who is on call, manage alert intake tokens, validate, import and export runbooks, export postmortems, list, validate and import drill scenarios, analyse experiments.',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  const dataDirOption = '--data-dir <dir>';
  const dataDirHelp =
    "the site's data folder (default: $MIRQAB_DATA_DIR, else the per-user app data folder)";
  const dataDir = (opts: { dataDir?: string }) =>
    resolve(opts.dataDir ?? defaultDataDir(process.env, process.platform));

  program
    .command('init')
    .description(
      'create the encrypted store and the first admin (reads MIRQAB_PASSPHRASE and MIRQAB_ADMIN_PASSWORD, or asks)',
    )
    .option(dataDirOption, dataDirHelp)
    .option('--site <name>', 'the site name shown in the console', 'Mirqab site')
    .option('--admin <username>', "the first admin's username", 'admin')
    .option('--time-zone <zone>', "the site's IANA time zone", 'Asia/Dubai')
    .action(async (opts: { dataDir?: string; site: string; admin: string; timeZone: string }) => {
      const dir = dataDir(opts);
      if ((await import('../store/db.ts')).storeExists(dir))
        throw new CliError(`${dir} already holds a Mirqab store.`);
      const passphrase = await secretFrom(
        'MIRQAB_PASSPHRASE',
        'New site passphrase (12+ characters)',
        { confirm: true },
      );
      const adminPassword = await secretFrom(
        'MIRQAB_ADMIN_PASSWORD',
        `Password for ${opts.admin} (10+ characters)`,
        { confirm: true },
      );
      // The console's modules load when a command needs them, so `mirqab --help` starts quickly.
      const app = await (
        await import('../index.ts')
      ).createConsole({
        dataDir: dir,
        shell: 'browser',
        version: VERSION,
        logger: stderrLogger,
      });
      try {
        const result = await app.dispatch(cliCtx, 'setup.create', {
          siteName: opts.site,
          timeZone: opts.timeZone,
          passphrase,
          adminUsername: opts.admin,
          adminDisplayName: opts.admin,
          adminPassword,
        });
        if (!result.ok) throw new CliError(result.error.message);
        const { recoveryKey } = result.value as { recoveryKey: string };
        console.log(
          `Created the Mirqab store in ${dir} for site "${opts.site}" with admin "${opts.admin}".`,
        );
        console.log(
          'Recovery key (shown once; store it offline, it opens the store if the passphrase is lost):',
        );
        console.log(recoveryKey);
      } finally {
        app.close();
      }
    });

  const serve = program
    .command('serve')
    .description(
      'serve the console to a browser on this machine (`mirqab serve link` prints another sign-in link)',
    )
    .option(dataDirOption, dataDirHelp)
    .option('--port <n>', 'TCP port (0 picks a free one)', '4780')
    .option(
      '--host <addr>',
      'address to bind; anything but loopback exposes the console to the network',
      '127.0.0.1',
    )
    .option('--telemetry-disk-budget <size>', DISK_BUDGET_HELP)
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--port must be 0-65535, not "${opts.port}".`);
      const budget = await budgetOption(opts.telemetryDiskBudget ?? process.env[DISK_BUDGET_ENV]);
      const rendererDir = join(repoRoot, 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html')))
        throw new CliError('The renderer is not built: run `npm run build` (or `npm run serve`).');
      const dir = dataDir(opts);
      const isE2e = process.env.MIRQAB_E2E === '1';
      // Test hook (MIRQAB_E2E=1 only): a clock that starts at MIRQAB_E2E_START and that stdin can move on; see e2eClock.ts.
      const clock = isE2e ? e2eClock(process.env.MIRQAB_E2E_START) : null;
      const app = await (
        await import('../index.ts')
      ).createConsole({
        dataDir: dir,
        shell: 'browser',
        version: VERSION,
        passphrase: process.env.MIRQAB_PASSPHRASE,
        logger: stderrLogger,
        fleet: budget,
        // End-to-end tests watch alerts fire within a test's time, so SLOs are evaluated every 2 s and
        // telemetry is folded into rollups within 1 s; the simulated agents send a jump's minutes just
        // after the clock passes them, so those are re-read.
        ...(clock
          ? {
              clock,
              slo: { evaluateEveryMs: 2000, lateMinutes: 15 },
              fleet: { ...budget, foldAfterMs: 1000 },
            }
          : {}),
      });
      const host = await (
        await import('../host/server.ts')
      ).startHost({
        app,
        rendererDir,
        host: opts.host,
        port,
        logger: stderrLogger,
        e2e: isE2e,
      });
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        console.error(
          `Warning: bound to ${opts.host}: anyone who can reach it and holds a sign-in link can use the console. Prefer 127.0.0.1.`,
        );
      }
      console.log(`Mirqab is serving ${dir} in browser mode. Open this one-time link: ${host.url}`);
      console.log(
        `Alertmanager intake: POST ${host.intakeUrl} with an intake token (mirqab intake token create NAME).`,
      );
      // A link works once and for five minutes; each line on stdin (Enter, or a supervising script) prints another.
      if (process.stdin.isTTY) console.log('Press Enter for a new one-time link.');
      createInterface({ input: process.stdin }).on('line', (line) => {
        const minutes = clock ? advanceMinutes(line) : null;
        if (clock && minutes !== null) {
          clock.advance(minutes * MINUTE_MS);
          console.log(`Clock advanced to ${clock.now().toISOString()}`);
          return;
        }
        console.log(`One-time link: ${host.issueLink()}`);
      });
      // `mirqab serve link`, run by the same account, asks for another link through the data folder.
      const linkControl = await (
        await import('../host/linkControl.ts')
      ).listenForLinkRequests(dir, host.issueSignInLink);
      if (!linkControl)
        console.error(
          'The data folder path is too long for `mirqab serve link`; press Enter here instead.',
        );
      const stop = () =>
        void Promise.all([host.close(), linkControl?.close()]).then(() => {
          app.close();
          process.exit(0);
        });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  serveLinkCommand(serve, { dataDirOption, dataDirHelp, dataDir });
  auditCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  sloCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  incidentCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  intakeCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  oncallCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  runbookCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  postmortemCommands(program, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  const drill = drillCommands(program, {
    dataDirOption,
    dataDirHelp,
    dataDir,
    openForCli,
    cliActor,
  });
  drillRunCommand(drill, VERSION, { dataDirOption, dataDirHelp, dataDir, openForCli, cliActor });
  experimentCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof CliError || error instanceof StoreError) {
      console.error(`mirqab: ${error.message}`);
      process.exitCode = error instanceof CliError ? error.exitCode : 2;
      return;
    }
    console.error(`mirqab: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
