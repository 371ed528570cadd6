// Runs the actions the agent's own config declares, and nothing else. Parameters are validated
// against their declared types and substituted into a fixed argv: there is never a shell, so a
// value like `x; rm -rf /` reaches the program as one literal argument, and no value may start
// with '-' (an option such as --output=FILE) unless the config allows it for that parameter.
import { spawn } from 'node:child_process';
import type { ActionSpec, AgentEvent, FrameOf } from '../shared/agent-protocol/index.ts';
import { PLACEHOLDER, type ActionConfig } from './config.ts';
import { silentLogger, type Logger } from './log.ts';

/** Output kept per run (stdout and stderr together); the protocol caps it at 64 KiB. */
export const MAX_OUTPUT_BYTES = 64 * 1024 - 128;
/** After a timeout's SIGTERM, how long the process group gets before SIGKILL. */
const KILL_GRACE_MS = 2000;

type CommandFrame = FrameOf<'command'>;
type CommandResult = FrameOf<'command_result'>;
type ParamValue = CommandFrame['params'][string];

export interface ActionRunner {
  /** What hello advertises: the console may list these, never add to them. */
  readonly specs: ActionSpec[];
  run(command: CommandFrame): Promise<CommandResult>;
}

export interface ActionRunnerOptions {
  logger?: Logger;
  /** Receives an action_refused event for each rejected command; it goes out with the next batch. */
  onEvent?: (event: AgentEvent) => void;
  now?: () => number;
}

/**
 * Runs a declared action once its parameters have been checked, with each value validated and
 * rendered as a string. Real agents spawn the config's argv; the simulator changes its simulation.
 */
export type ActionExecutor = (
  action: ActionSpec,
  values: Map<string, string>,
) => Promise<Execution>;

export function createActionRunner(
  actions: ActionConfig[],
  options: ActionRunnerOptions = {},
): ActionRunner {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const byName = new Map(actions.map((a) => [a.name, a]));
  const specs = actions.map(({ name, description, params, timeoutMs }) => ({
    name,
    description,
    params,
    timeoutMs,
  }));
  return createDeclaredActionRunner(
    specs,
    (spec, values) => {
      const action = byName.get(spec.name)!;
      const argv = buildArgv(action.command, values);
      logger.info('action argv', { action: action.name, argv });
      return execute(argv, action.timeoutMs, now);
    },
    options,
  );
}

/** The guard every runner shares: only declared actions, validated parameters, one run per action at a time, refusals reported. */
export function createDeclaredActionRunner(
  specs: ActionSpec[],
  executor: ActionExecutor,
  options: ActionRunnerOptions = {},
): ActionRunner {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const byName = new Map(specs.map((a) => [a.name, a]));
  const running = new Set<string>();

  const reject = (command: CommandFrame, reason: string): CommandResult => {
    logger.warn('action refused', { commandId: command.id, action: command.action, reason });
    options.onEvent?.({
      kind: 'action_refused',
      severity: 'warning',
      message: `refused action "${command.action.slice(0, 64)}": ${reason}`,
      tsMs: now(),
      details: { commandId: command.id, action: command.action, reason },
    });
    return {
      type: 'command_result',
      id: command.id,
      status: 'rejected',
      exitCode: null,
      output: '',
      durationMs: 0,
      reason,
    };
  };

  return {
    specs,
    async run(command) {
      const action = byName.get(command.action);
      if (!action)
        return reject(command, `action "${command.action}" is not declared in this agent's config`);
      const checked = validateParams(action, command.params);
      if (!checked.ok) return reject(command, checked.reason);
      // One run per action name: two concurrent rollbacks of the same model would race.
      if (running.has(action.name))
        return reject(command, `action "${action.name}" is already running`);
      running.add(action.name);
      try {
        logger.info('action started', {
          commandId: command.id,
          action: action.name,
          params: command.params,
        });
        const result = await executor(action, checked.values);
        logger.info('action finished', {
          commandId: command.id,
          action: action.name,
          status: result.status,
          exitCode: result.exitCode,
          durationMs: result.durationMs,
        });
        return { type: 'command_result', id: command.id, ...result };
      } finally {
        running.delete(action.name);
      }
    },
  };
}

export type ParamCheck = { ok: true; values: Map<string, string> } | { ok: false; reason: string };

/** Checks every parameter against its declaration and renders each as the string that goes into argv. */
export function validateParams(
  action: Pick<ActionSpec, 'params'>,
  params: Record<string, ParamValue>,
): ParamCheck {
  const declared = new Map(action.params.map((p) => [p.name, p]));
  const unknown = Object.keys(params).filter((name) => !declared.has(name));
  if (unknown.length > 0)
    return {
      ok: false,
      reason: `unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    };
  const values = new Map<string, string>();
  for (const spec of action.params) {
    const value = params[spec.name];
    if (value === undefined) {
      if (spec.required) return { ok: false, reason: `parameter "${spec.name}" is required` };
      continue;
    }
    if (spec.type === 'string') {
      if (typeof value !== 'string')
        return { ok: false, reason: `parameter "${spec.name}" must be a string` };
      if (value.includes('\0'))
        return { ok: false, reason: `parameter "${spec.name}" contains a NUL character` };
      if (value.startsWith('-') && spec.allowLeadingDash !== true) {
        return {
          ok: false,
          reason: `parameter "${spec.name}" must not start with "-": the program could read it as an option`,
        };
      }
      // Fail closed: a declaration that slipped past config validation accepts nothing.
      if (spec.pattern === undefined && spec.enum === undefined) {
        return {
          ok: false,
          reason: `parameter "${spec.name}" is declared without a pattern or an enum, so this agent accepts no value for it`,
        };
      }
      if (spec.min !== undefined && value.length < spec.min)
        return {
          ok: false,
          reason: `parameter "${spec.name}" must be at least ${spec.min} characters`,
        };
      if (spec.max !== undefined && value.length > spec.max)
        return {
          ok: false,
          reason: `parameter "${spec.name}" must be at most ${spec.max} characters`,
        };
      if (spec.enum !== undefined && !spec.enum.includes(value)) {
        return {
          ok: false,
          reason: `parameter "${spec.name}" must be one of: ${spec.enum.join(', ')}`,
        };
      }
      if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`, 'u').test(value)) {
        return {
          ok: false,
          reason: `parameter "${spec.name}" does not match the pattern ${spec.pattern}`,
        };
      }
      values.set(spec.name, value);
    } else if (spec.type === 'integer') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        return { ok: false, reason: `parameter "${spec.name}" must be an integer` };
      if (value < 0 && spec.allowLeadingDash !== true) {
        return {
          ok: false,
          reason: `parameter "${spec.name}" must not be negative: a leading "-" could be read as an option`,
        };
      }
      if (spec.min !== undefined && value < spec.min)
        return { ok: false, reason: `parameter "${spec.name}" must be at least ${spec.min}` };
      if (spec.max !== undefined && value > spec.max)
        return { ok: false, reason: `parameter "${spec.name}" must be at most ${spec.max}` };
      values.set(spec.name, String(value));
    } else {
      if (typeof value !== 'boolean')
        return { ok: false, reason: `parameter "${spec.name}" must be true or false` };
      values.set(spec.name, String(value));
    }
  }
  return { ok: true, values };
}

/**
 * Substitutes validated values into the template; an element that is only an absent optional
 * placeholder is dropped. Literal elements, a `--` among them, stay exactly where the config put them.
 */
export function buildArgv(template: string[], values: Map<string, string>): string[] {
  const argv: string[] = [];
  for (const element of template) {
    const whole = /^\{([a-z][a-z0-9_]{0,63})\}$/.exec(element);
    if (whole && !values.has(whole[1]!)) continue;
    argv.push(element.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? ''));
  }
  return argv;
}

export interface Execution {
  status: 'ok' | 'failed' | 'timeout';
  exitCode: number | null;
  output: string;
  durationMs: number;
  reason?: string;
}

function execute(argv: string[], timeoutMs: number, now: () => number): Promise<Execution> {
  const started = now();
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let dropped = 0;
    let timedOut = false;
    let settled = false;
    // detached: the action gets its own process group, so a timeout also kills what it spawned.
    const child = spawn(argv[0]!, argv.slice(1), {
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      const take = Math.min(Math.max(0, MAX_OUTPUT_BYTES - kept), chunk.length);
      if (take > 0) chunks.push(chunk.subarray(0, take));
      kept += take;
      dropped += chunk.length - take;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      graceTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    const finish = (code: number | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      let output = Buffer.concat(chunks).toString('utf8');
      if (dropped > 0) output += `\n[output truncated: ${dropped} more bytes]`;
      const durationMs = Math.max(0, now() - started);
      if (spawnError) {
        resolvePromise({
          status: 'failed',
          exitCode: null,
          output,
          durationMs,
          reason: `could not start ${argv[0]}: ${spawnError.message}`,
        });
      } else if (timedOut) {
        resolvePromise({
          status: 'timeout',
          exitCode: code,
          output,
          durationMs,
          reason: `killed after the ${timeoutMs} ms timeout`,
        });
      } else {
        resolvePromise({
          status: code === 0 ? 'ok' : 'failed',
          exitCode: code,
          output,
          durationMs,
          ...(code === 0
            ? {}
            : { reason: code === null ? 'killed by a signal' : `exited with code ${code}` }),
        });
      }
    };
    // A program that cannot start emits 'error' and may never emit 'close'.
    child.on('error', (error) => {
      if (child.pid === undefined) finish(null, error);
    });
    child.on('close', (code) => finish(code));
  });
}
