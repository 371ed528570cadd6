// Secrets for CLI commands: from the environment (scripts, CI) or a hidden prompt (people). The
// prompt library loads only when a person is asked.

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export async function secretFrom(
  envName: string,
  prompt: string,
  options: { confirm?: boolean } = {},
): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(`${envName} is not set and there is no terminal to ask for it.`);
  }
  const { default: password } = await import('@inquirer/password');
  const first = await password({ message: prompt, mask: '*' });
  if (options.confirm) {
    const again = await password({ message: 'Type it again to confirm', mask: '*' });
    if (again !== first) throw new CliError('The two entries do not match.');
  }
  return first;
}
