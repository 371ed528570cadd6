// The GPU collector: asks nvidia-smi for one CSV row per GPU. A host without nvidia-smi, or one
// whose driver is broken, is a state the console shows, never an exception that stops the agent.
import { execFile, type ExecFileException } from 'node:child_process';
import {
  GPU_QUERY_FIELDS,
  parseNvidiaSmiCsv,
  type GpuSample,
} from '../../shared/domain/metrics/nvidiaSmi.ts';
import type { ParseIssue } from '../../shared/domain/metrics/types.ts';

export type GpuProbeResult =
  | { state: 'ok'; gpus: GpuSample[]; fields: string[]; warnings: ParseIssue[] }
  | { state: 'absent'; reason: string }
  | { state: 'failed'; reason: string };

export interface GpuCollectorOptions {
  /** Path or name of the nvidia-smi binary (tests point it at a script replaying real output). */
  binary?: string;
  timeoutMs?: number;
  fields?: readonly string[];
}

interface RunOutcome {
  stdout: string;
  stderr: string;
  error: ExecFileException | null;
}

const MAX_OUTPUT = 4 * 1024 * 1024;
// nvidia-smi names a field the installed driver does not know; older GPUs lack remapped_rows.*.
const UNKNOWN_FIELD = /Field "([^"\n]{1,100})" is not a valid field to query/;

function run(binary: string, args: string[], timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ stdout, stderr, error });
      },
    );
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim().slice(0, 300) ?? '';
}

export async function collectGpus(options: GpuCollectorOptions = {}): Promise<GpuProbeResult> {
  const binary = options.binary ?? 'nvidia-smi';
  const timeoutMs = options.timeoutMs ?? 10_000;
  let fields = [...(options.fields ?? GPU_QUERY_FIELDS)];
  for (let attempt = 0; attempt < 4; attempt++) {
    const args = [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
    const { stdout, stderr, error } = await run(binary, args, timeoutMs);
    if (error?.code === 'ENOENT')
      return {
        state: 'absent',
        reason: `${binary} not found: no NVIDIA driver tools on this host`,
      };
    if (error?.killed)
      return { state: 'failed', reason: `${binary} did not answer within ${timeoutMs} ms` };
    if (error) {
      const message = firstLine(stdout) || firstLine(stderr) || error.message;
      const unknown = UNKNOWN_FIELD.exec(`${stdout}\n${stderr}`)?.[1];
      if (unknown && fields.includes(unknown) && fields.length > 1) {
        fields = fields.filter((f) => f !== unknown);
        continue;
      }
      if (/No devices were found/i.test(message)) return { state: 'absent', reason: message };
      const exit =
        typeof error.code === 'number'
          ? `exit code ${error.code}`
          : String(error.code ?? error.signal ?? 'error');
      return { state: 'failed', reason: `${binary} failed (${exit}): ${message}` };
    }
    const parsed = parseNvidiaSmiCsv(stdout, { fields });
    if (parsed.gpus.length === 0) {
      const why = parsed.errors[0]
        ? `line ${parsed.errors[0].line}: ${parsed.errors[0].message}`
        : 'no GPU rows in its output';
      return { state: 'failed', reason: `${binary} output could not be read (${why})` };
    }
    return { state: 'ok', gpus: parsed.gpus, fields: parsed.fields, warnings: parsed.errors };
  }
  return { state: 'failed', reason: `${binary} rejected too many query fields` };
}
