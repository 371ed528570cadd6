// Runs a command as a terminal would and returns its exit code and output, whether it succeeds or
// fails, so tests can assert on the message an operator sees.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CommandRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
