// The `mirqab-agent` command line: `init`, `run --config`, `unpair`, `pairing-code`, `witness`, `simulate` (a
// simulated site of real agents), `parse-metrics` (exactly what the agent would read from a scrape
// or an nvidia-smi capture, to debug a scrape) and `gpu-probe` (the GPU collector once). Data goes
// to stdout; every problem goes to stderr with its line.
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { SERVER_KINDS, type ServerKind } from '../shared/domain/metrics/canonicalRules.ts';
import type { ParseIssue } from '../shared/domain/metrics/types.ts';
import { registerInit } from './commands/init.ts';
import { registerPairingCode } from './commands/pairingCode.ts';
import { registerRun } from './commands/run.ts';
import { registerUnpair } from './commands/unpair.ts';
import { registerWitness } from './commands/witness.ts';
import { registerSimulate } from './simulator/simulateCommand.ts';

const VERSION = '0.1.0';

/** Exit codes: 1 invalid input, 2 unreadable file or bad usage, 3 no GPU on this host. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** JSON has no NaN or infinities; write them as Prometheus spells them. */
function jsonValue(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return value;
}

function reportIssues(file: string, issues: readonly ParseIssue[]): void {
  for (const issue of issues) err(`${file}:${issue.line}: ${issue.message}`);
}

interface ParseMetricsOptions {
  format: 'auto' | 'prometheus' | 'openmetrics' | 'nvidia-smi';
  canonical?: boolean;
  server: ServerKind | 'auto';
  fields?: string;
}

async function parseMetrics(file: string, opts: ParseMetricsOptions): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      2,
    );
  }
  // Parsers are loaded when the command runs (here and in gpu-probe), so `--help` stays quick.
  if (opts.format === 'nvidia-smi') {
    const { parseNvidiaSmiCsv } = await import('../shared/domain/metrics/nvidiaSmi.ts');
    const fields = opts.fields?.split(',').map((f) => f.trim());
    const result = parseNvidiaSmiCsv(new TextDecoder().decode(bytes), fields ? { fields } : {});
    for (const gpu of result.gpus) out(JSON.stringify(gpu));
    reportIssues(file, result.errors);
    if (result.errors.length > 0 || result.gpus.length === 0) {
      throw new CliError(
        `${file}: ${result.gpus.length === 0 ? 'no GPU rows found' : `${result.errors.length} row(s) rejected`}`,
        1,
      );
    }
    return;
  }
  const [{ parseExposition }, { toCanonical }] = await Promise.all([
    import('../shared/domain/metrics/exposition.ts'),
    import('../shared/domain/metrics/canonical.ts'),
  ]);
  const result = parseExposition(bytes, { format: opts.format });
  if (opts.canonical) {
    const { signals } = toCanonical(result.families, { server: opts.server });
    for (const s of signals) out(JSON.stringify({ ...s, value: jsonValue(s.value) }));
  } else {
    for (const family of result.families) {
      for (const s of family.samples) {
        const line: Record<string, unknown> = {
          name: s.name,
          labels: s.labels,
          value: jsonValue(s.value),
        };
        if (s.timestampMs !== undefined) line.timestamp = s.timestampMs;
        out(JSON.stringify(line));
      }
    }
  }
  reportIssues(file, result.errors);
  if (result.errors.length > 0)
    throw new CliError(
      `${file}: not valid ${result.format} text (${result.errors.length} problem(s) above)`,
      1,
    );
}

export function buildProgram(): Command {
  const program = new Command('mirqab-agent')
    .description(
      'Mirqab host agent: collects GPU, host and inference-server metrics for the console.',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  registerInit(program);
  registerRun(program);
  registerUnpair(program);
  registerPairingCode(program);
  registerWitness(program);
  registerSimulate(program);

  program
    .command('parse-metrics')
    .description(
      'print what the agent reads from a metrics file: one JSON line per sample (or per GPU row)',
    )
    .argument('<file>', 'a Prometheus/OpenMetrics scrape, or nvidia-smi --query-gpu CSV output')
    .addOption(
      new Option(
        '--format <format>',
        'input format (auto: OpenMetrics if it ends with "# EOF", else Prometheus)',
      )
        .choices(['auto', 'prometheus', 'openmetrics', 'nvidia-smi'])
        .default('auto'),
    )
    .option(
      '--canonical',
      'print the canonical model-service and GPU signals instead of raw samples',
    )
    .addOption(
      new Option('--server <server>', 'which mapping --canonical applies')
        .choices(['auto', ...SERVER_KINDS])
        .default('auto'),
    )
    .option(
      '--fields <list>',
      'nvidia-smi: the --query-gpu field list, for output without a header',
    )
    .action(async (file: string, opts: ParseMetricsOptions) => parseMetrics(file, opts));

  program
    .command('gpu-probe')
    .description(
      'run the GPU collector once and print its JSON result (exit 3 when no GPU is present)',
    )
    .option('--nvidia-smi <path>', 'the nvidia-smi binary to run', 'nvidia-smi')
    .option('--timeout <ms>', 'how long to wait for nvidia-smi', '10000')
    .action(async (opts: { nvidiaSmi: string; timeout: string }) => {
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
        throw new CliError(
          `--timeout must be a positive number of milliseconds, not ${opts.timeout}`,
          2,
        );
      const { collectGpus } = await import('./collectors/gpu.ts');
      const result = await collectGpus({ binary: opts.nvidiaSmi, timeoutMs });
      out(JSON.stringify(result));
      if (result.state === 'absent') process.exitCode = 3;
      if (result.state === 'failed') process.exitCode = 1;
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    err(`mirqab-agent: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof CliError ? error.exitCode : 2;
  }
}
