// The agent's single executable for this machine's architecture, as `npm run dist:agent` makes it,
// and a running copy of it as a child process whose JSON log lines tests can wait on.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
export const executablePath = join(root, `dist/agent/mirqab-agent-linux-${process.arch}`);
const bundlePath = join(root, 'out/agent/mirqab-agent.cjs');

/**
 * The executable, built by `npm run dist:agent` for this architecture when it is missing or older
 * than the agent's bundle (the runtime comes from the npm cache after the first time).
 */
export async function agentExecutable(): Promise<string> {
  const stale =
    !existsSync(executablePath) ||
    (existsSync(bundlePath) && statSync(bundlePath).mtimeMs > statSync(executablePath).mtimeMs);
  if (stale)
    await promisify(execFile)(
      process.execPath,
      [join(root, 'scripts/distAgent.mjs'), '--arch', process.arch],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
  return executablePath;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface AgentProcess {
  child: ChildProcess;
  lines: LogLine[];
  /** Resolves with the first log line (from the start) with this message. */
  logged(message: string): Promise<LogLine>;
  /** Resolves with the exit code once the process has exited and its log is read. */
  exited: Promise<number | null>;
}

/** Starts `file args` with exactly env, reading its stderr as the agent's JSON log lines. */
export function startAgentProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): AgentProcess {
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  const lines: LogLine[] = [];
  const waiters: (() => void)[] = [];
  let closed = false;
  child.once('close', () => {
    closed = true;
    for (const wake of waiters.splice(0)) wake();
  });
  createInterface({ input: child.stderr }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      lines.push({ level: 'raw', message: text });
    }
    for (const wake of waiters.splice(0)) wake();
  });
  // 'close': the process has exited and its stderr has been read to the end.
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  const logged = (message: string) =>
    new Promise<LogLine>((done, fail) => {
      const check = () => {
        const line = lines.find((l) => l.message === message);
        if (line) return done(line);
        if (closed)
          return fail(
            new Error(`the agent exited before logging "${message}":\n${JSON.stringify(lines)}`),
          );
        waiters.push(check);
      };
      check();
    });
  return { child, lines, logged, exited };
}
