// `mirqab-agent run --config FILE`: validates the whole config first (errors name file, line and
// field), then starts the agent and stops it cleanly on SIGINT or SIGTERM.
import type { Command } from 'commander';
import type { CollectorFactories } from '../agent.ts';
import { stderrLogger } from '../log.ts';

/** factories: the GPU and scrape collectors, which live outside this module. */
export function registerRun(program: Command, factories: CollectorFactories = {}): void {
  program
    .command('run')
    .description('start the agent: collect, spool and serve telemetry over wss with mutual TLS')
    .requiredOption('--config <file>', "the agent's YAML config")
    .action(async (opts: { config: string }) => {
      // SIGINT/SIGTERM are ours from the start: one that arrives while the agent is still starting
      // (`systemctl restart` right after a start) stops it cleanly once it has started.
      const signalled = new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // Loaded when the command runs, so `--help` stays quick.
      const [{ formatConfigIssues, loadAgentConfig }, { startAgent }, { IdentityError }] =
        await Promise.all([
          import('../config.ts'),
          import('../agent.ts'),
          import('../identity.ts'),
        ]);
      const loaded = loadAgentConfig(opts.config);
      if (!loaded.ok) {
        process.stderr.write(
          `mirqab-agent run: the config is not valid:\n${formatConfigIssues(opts.config, loaded.issues)}\n`,
        );
        process.exitCode = 2;
        return;
      }
      let agent;
      try {
        agent = await startAgent(loaded.config, {
          logger: stderrLogger,
          collectorFactories: factories,
        });
      } catch (error) {
        if (
          !(error instanceof IdentityError) &&
          (error as NodeJS.ErrnoException).code !== 'EADDRINUSE'
        )
          throw error;
        process.stderr.write(`mirqab-agent run: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const signal = await signalled;
      stderrLogger.info('stopping', { signal });
      try {
        await agent.stop();
      } catch (error) {
        stderrLogger.error('stop failed', { error: String(error) });
        process.exitCode = 1;
      }
    });
}
