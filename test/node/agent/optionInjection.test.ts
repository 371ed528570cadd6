// Option injection through action parameters, against a real agent process (`mirqab-agent run`)
// over wss with mutual TLS on 127.0.0.1, with /usr/bin/sort as the configured program: a value the
// console sends can never become one of the program's options unless the config allows it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { initAgent } from '../../../agent/identity.ts';
import type { FrameOf } from '../../../shared/agent-protocol/index.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { connectOk, type TestConsole } from './consoleClient.ts';

const BIN = fileURLToPath(new URL('../../../bin/mirqab-agent.mjs', import.meta.url));

const SHOW_LOG = `
actions:
  # A loose pattern, as an operator might write it: it admits "--output=/tmp/x" on purpose.
  - name: show_log
    params:
      - { name: file, type: string, pattern: '[A-Za-z0-9/=._-]+', max: 200 }
    command: [/usr/bin/sort, '{file}']
    timeoutMs: 10000
`;

const SORT_OPERAND = `
actions:
  - name: sort_operand
    params:
      - { name: file, type: string, pattern: '[A-Za-z0-9=._-]+', max: 200, allowLeadingDash: true }
    command: [/usr/bin/sort, --, '{file}']
    timeoutMs: 10000
  - name: sort_operand_strict
    params:
      - { name: file, type: string, pattern: '[A-Za-z0-9=._-]+', max: 200 }
    command: [/usr/bin/sort, --, '{file}']
    timeoutMs: 10000
`;

interface AgentProcess {
  dir: string;
  /** Everything the agent wrote to stderr so far (its JSON log). */
  log(): string;
  /** Resolves once the agent's log holds this text. */
  logged(text: string): Promise<void>;
  session: TestConsole;
  run(action: string, params: Record<string, string>): Promise<FrameOf<'command_result'>>;
}

function writeConfig(dir: string, yaml: string): string {
  const file = join(dir, 'agent.yaml');
  writeFileSync(
    file,
    [
      'listen: { host: 127.0.0.1, port: 0 }',
      'identityDir: identity',
      'spool: { dir: spool }',
      'batchIntervalMs: 100',
      yaml,
    ].join('\n'),
  );
  return file;
}

/** Starts `mirqab-agent run` in a fresh folder (its working directory), pairs a console and opens a session. */
async function startAgentProcess(yaml: string): Promise<AgentProcess> {
  const dir = tempDir('mirqab-agent-proc-');
  const { pairingCode } = await initAgent(join(dir, 'identity'), { name: 'test-host' });
  const code = parsePairingCode(pairingCode);
  if (!code.ok) throw new Error(code.reason);
  writeConfig(dir, yaml);
  const child = spawn(process.execPath, [BIN, 'run', '--config', 'agent.yaml'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  onTestFinished(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  });
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const w of waiters.filter((w) => stderr.includes(w.text))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const started = /"message":"agent started".*?"port":(\d+)/.exec(stderr);
      if (started) resolve(Number(started[1]));
    });
    child.once('exit', (status) =>
      reject(new Error(`the agent exited (${status}) before it started:\n${stderr}`)),
    );
  });
  const url = `wss://127.0.0.1:${port}`;
  const cert = await makeConsoleCert();
  const pairing = await connectOk(url, cert);
  pairing.send({ type: 'pair', secret: code.code.secret, consoleName: 'test console' });
  await pairing.next('paired');
  await pairing.closed;
  const session = await connectOk(url, cert);
  await session.next('hello');
  session.send({
    type: 'hello',
    v: 1,
    role: 'console',
    id: 'site-test',
    name: 'test console',
    sentAtMs: Date.now(),
  });
  let n = 0;
  return {
    dir,
    log: () => stderr,
    logged: (text) =>
      stderr.includes(text)
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ text, resolve })),
    session,
    async run(action, params) {
      const id = `cmd-${++n}`;
      session.send({ type: 'command', id, action, params });
      return session.next('command_result', (r) => r.id === id);
    },
  };
}

describe('agent actions refuse option injection', () => {
  it('refuses show_log {file: "--output=FILE"} against [/usr/bin/sort, "{file}"] and creates no file', async () => {
    const agent = await startAgentProcess(SHOW_LOG);
    writeFileSync(join(agent.dir, 'app.log'), 'b\na\n');
    // The action itself works: an ordinary value is a file operand.
    expect(await agent.run('show_log', { file: 'app.log' })).toMatchObject({
      status: 'ok',
      output: 'a\nb\n',
    });

    const target = join(agent.dir, 'x');
    const result = await agent.run('show_log', { file: `--output=${target}` });
    expect(result).toMatchObject({ status: 'rejected', exitCode: null, output: '' });
    expect(result.reason).toBe(
      'parameter "file" must not start with "-": the program could read it as an option',
    );
    expect(existsSync(target)).toBe(false);
    // The console hears of the refusal as an event too.
    const batch = await agent.session.next('telemetry', (f) =>
      f.events.some((e) => e.kind === 'action_refused'),
    );
    expect(batch.events.find((e) => e.kind === 'action_refused')?.details).toMatchObject({
      commandId: result.id,
      reason: result.reason,
    });
  });

  it('leaks nothing through --files0-from: the file is never read', async () => {
    const agent = await startAgentProcess(SHOW_LOG);
    const hostname = await agent.run('show_log', { file: '--files0-from=/etc/hostname' });
    expect(hostname).toMatchObject({ status: 'rejected', output: '' });

    // A file whose content is a random token shows that nothing of it reaches the console or the log.
    const token = randomBytes(16).toString('hex');
    writeFileSync(join(agent.dir, 'secret'), token);
    const secret = await agent.run('show_log', {
      file: `--files0-from=${join(agent.dir, 'secret')}`,
    });
    expect(secret).toMatchObject({ status: 'rejected', output: '' });
    // Wait until the refusal has been logged and sent on as an event, then look everywhere.
    await agent.logged(`"commandId":"${secret.id}"`);
    await agent.session.next('telemetry', (f) =>
      f.events.some((e) => e.details.commandId === secret.id),
    );
    expect(JSON.stringify(agent.session.frames)).not.toContain(token);
    expect(agent.log()).not.toContain(token);
  });

  it('honours "--" in the command: a value after it is a file operand, never an option, and still needs allowLeadingDash', async () => {
    const agent = await startAgentProcess(SORT_OPERAND);
    // A file really named "--output=x" in the agent's working directory.
    writeFileSync(join(agent.dir, '--output=x'), 'b\na\n');
    expect(await agent.run('sort_operand', { file: '--output=x' })).toMatchObject({
      status: 'ok',
      exitCode: 0,
      output: 'a\nb\n',
    });
    expect(existsSync(join(agent.dir, 'x'))).toBe(false);
    expect(readFileSync(join(agent.dir, '--output=x'), 'utf8')).toBe('b\na\n');

    // Without allowLeadingDash, the same value is refused even after "--".
    const strict = await agent.run('sort_operand_strict', { file: '--output=x' });
    expect(strict).toMatchObject({
      status: 'rejected',
      reason: 'parameter "file" must not start with "-": the program could read it as an option',
    });
  });

  it('will not start with a string parameter that has neither a pattern nor an enum, and says where', async () => {
    const dir = tempDir('mirqab-agent-proc-');
    await initAgent(join(dir, 'identity'), { name: 'test-host' });
    writeConfig(
      dir,
      'actions:\n  - name: show_log\n    params:\n      - { name: file, type: string }\n    command: [/usr/bin/sort, "{file}"]\n',
    );
    const child = spawn(process.execPath, [BIN, 'run', '--config', 'agent.yaml'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'exit')) as [number | null];
    expect(status).toBe(2);
    expect(stderr).toContain(
      "agent.yaml:8:9: actions[0].params[0]: a string parameter needs a pattern (a regular expression the whole value must match, e.g. '[a-z0-9][a-z0-9._-]*') or an enum (the only values allowed)",
    );
  });
});
