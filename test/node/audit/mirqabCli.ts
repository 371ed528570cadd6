// Runs the real `mirqab` and `mirqab-agent` command lines as separate processes, as an operator or an auditor would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PASSPHRASE } from '../../helpers/console.ts';

const run = promisify(execFile);

export type CliResult = { code: number; stdout: string; stderr: string };

async function cli(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export const mirqab = (args: string[]) =>
  cli('bin/mirqab.mjs', args, { ...process.env, MIRQAB_PASSPHRASE: PASSPHRASE });
export const mirqabAgent = (args: string[]) =>
  cli('bin/mirqab-agent.mjs', args, { ...process.env });
