// `mirqab-agent simulate`: starts a simulated site of real agents and prints one line per agent,
// `name address pairingCode`, on stdout (logs go to stderr), then runs until SIGINT or SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { stderrLogger, type Logger } from '../log.ts';
import { FAULT_KINDS } from '../../shared/domain/faultKinds.ts';
import { DEFAULT_MODELS } from './modelVersions.ts';

const integer = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};
const positive = (value: string) => {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('a positive number');
  return n;
};

/** 200 agents' routine connection logs would drown the terminal; warnings and errors still show. */
const quietLogger: Logger = {
  info: () => {},
  warn: (m, f) => stderrLogger.warn(m, f),
  error: (m, f) => stderrLogger.error(m, f),
};

interface SimulateOptions {
  hosts: number;
  gpusPerHost: number;
  models: string;
  seed: string;
  dir?: string;
  faultControl?: number;
  speed: number;
  interval: number;
  basePort?: number;
  verbose?: boolean;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'run a simulated site: N real agents (wss + mutual TLS on 127.0.0.1) with realistic, seeded telemetry',
    )
    .requiredOption('--hosts <n>', 'how many simulated hosts (agents)', integer(1, 1000))
    .option('--gpus-per-host <m>', 'H100 GPUs per host (0: CPU inference hosts)', integer(0, 16), 8)
    .option(
      '--models <list>',
      'model services on every host, comma-separated, each name or name@version (presets: gpt2-small, llama-3-8b, resnet50)',
      DEFAULT_MODELS.join(','),
    )
    .option('--seed <seed>', 'the same seed and faults give the same telemetry', '1')
    .option(
      '--dir <dir>',
      'where identities, spools and ports are kept; reusing it keeps the pairings (default: a new temporary folder)',
    )
    .option(
      '--fault-control <port>',
      'serve the fault-injection control on 127.0.0.1:PORT (0: any free port)',
      integer(0, 65_535),
    )
    .option(
      '--speed <x>',
      'run the 24 h traffic curve x times faster (timestamps stay real)',
      positive,
      1,
    )
    .option('--interval <ms>', 'how often every agent samples', integer(250, 60_000), 5000)
    .option(
      '--base-port <port>',
      'host i listens on base-port + i (default: the ports of the last run in --dir, else free ports)',
      integer(1, 65_535),
    )
    .option('--verbose', "log every agent's connections to stderr")
    .addHelpText(
      'after',
      [
        '',
        'Output: one line per agent on stdout, "name address pairingCode" ("paired" instead of a code once paired).',
        '',
        'Fault injection (with --fault-control PORT), on 127.0.0.1 only:',
        '  POST /faults  {"kind": KIND, "target": {"host": NAME, "gpu"?: INDEX, "model"?: NAME}, "durationSeconds": N, "params"?: {...}}',
        '  GET  /faults  the faults in force;   GET /agents  the simulated agents',
        `  KIND: ${FAULT_KINDS.join(', ')}`,
        '  params: factor (latency_spike, default 5; traffic_surge: arrivals ×, 3), ratio (error_burst, 0.25), xid (gpu_xid_error, 79),',
        '          powerLimitW (power_cap, 350), drop (accuracy_drop, 0.2),',
        "          version (bad_model_deploy: the model's bad version; it runs until rolled back)",
        '  e.g. curl -X POST 127.0.0.1:7600/faults -d \'{"kind":"thermal_throttle","target":{"host":"sim-gpu-01","gpu":0},"durationSeconds":300}\'',
        '',
        'Actions every agent declares (the console runs them like real ones; they change the simulation):',
        "  scale_replicas {model, replicas 1-16}   the model's serving capacity on that host",
        "  fail_over {model, standby}              move the model's traffic to the same model on the standby host",
        '  deploy_model_version {model, version}   restart the model on another version (1 → 2 good, 3 bad)',
        '  rollback_model {model, version}         restart the model on a version that host ran before',
        "  drain_host {reason?}                    take the host out of service: each model's traffic moves to the other hosts",
        '  pause_pipeline {pipeline}               pause MODEL-features: a stalled pipeline stops adding to the lag',
        "  restart_service {model}                 restart the model's server (clears a latency spike or error burst)",
      ].join('\n'),
    )
    .action(async (opts: SimulateOptions) => {
      const models = opts.models
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      if (models.length === 0) throw new Error('--models needs at least one model name');
      const dir = opts.dir ? resolve(opts.dir) : mkdtempSync(join(tmpdir(), 'mirqab-sim-'));
      const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
      // Loaded when the command runs, so `--help` stays quick.
      const [{ startSimulatedFleet }, { startFaultControl }] = await Promise.all([
        import('./fleet.ts'),
        import('./faultControl.ts'),
      ]);
      const fleet = await startSimulatedFleet({
        hosts: opts.hosts,
        gpusPerHost: opts.gpusPerHost,
        models,
        seed,
        dir,
        speed: opts.speed,
        sampleIntervalMs: opts.interval,
        basePort: opts.basePort,
        logger: opts.verbose ? stderrLogger : quietLogger,
      });
      for (const a of fleet.agents)
        process.stdout.write(`${a.name} ${a.address} ${a.pairingCode ?? 'paired'}\n`);
      const control =
        opts.faultControl === undefined ? null : await startFaultControl(fleet, opts.faultControl);
      stderrLogger.info('simulated fleet running (SIMULATED data)', {
        hosts: opts.hosts,
        dir,
        faultControl: control ? `http://127.0.0.1:${control.port}/faults` : null,
      });
      await new Promise<void>((done) => {
        const stop = (signal: NodeJS.Signals) => {
          stderrLogger.info('stopping the simulated fleet', { signal });
          Promise.all([control?.close(), fleet.stop()]).then(
            () => done(),
            (error: unknown) => {
              stderrLogger.error('stop failed', { error: String(error) });
              process.exitCode = 1;
              done();
            },
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
