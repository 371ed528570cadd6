// Allowlisted actions: only what the agent's own config declares, with typed, validated
// parameters, run without a shell; plus one round trip over a real paired session.
import { describe, expect, it } from 'vitest';
import {
  createActionRunner,
  createDeclaredActionRunner,
  validateParams,
  buildArgv,
} from '../../../agent/actions.ts';
import { parseAgentConfig, type ActionConfig } from '../../../agent/config.ts';
import { SIMULATED_ACTIONS } from '../../../agent/simulator/actions.ts';
import type { ActionSpec, AgentEvent } from '../../../shared/agent-protocol/index.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { openSession, pair, startTestAgent } from './agentFixture.ts';

const node = JSON.stringify(process.execPath);
const ACTIONS_YAML = `
actions:
  - name: echo_args
    description: prints its arguments, one JSON array
    params:
      - { name: model, type: string, pattern: '[a-z0-9_-]+|x; rm -rf /', max: 64 }
      - { name: replicas, type: integer, min: 1, max: 8, required: false }
      - { name: force, type: boolean, required: false }
    command: [${node}, -e, 'console.log(JSON.stringify(process.argv.slice(1)))', 'model={model}', '{replicas}', '{force}']
    timeoutMs: 10000
  - name: slow
    params: []
    command: [${node}, -e, 'setTimeout(() => {}, 60000)']
    timeoutMs: 200
  - name: noisy
    params: []
    command: [${node}, -e, 'process.stdout.write("y".repeat(200000)); process.stderr.write("done")']
    timeoutMs: 10000
  - name: fails
    params: []
    command: [${node}, -e, 'console.error("no such model"); process.exit(3)']
    timeoutMs: 10000
`;

function actions(): ActionConfig[] {
  const parsed = parseAgentConfig(`identityDir: /tmp/x\nspool: { dir: /tmp/y }\n${ACTIONS_YAML}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config.actions;
}

const command = (action: string, params: Record<string, string | number | boolean> = {}) => ({
  type: 'command' as const,
  id: `cmd-${action}`,
  action,
  params,
});

describe('agent actions', () => {
  it('runs a declared action with valid parameters and returns its output and exit code', async () => {
    const result = await createActionRunner(actions()).run(
      command('echo_args', { model: 'llama3-8b', replicas: 2, force: true }),
    );
    expect(result).toMatchObject({
      type: 'command_result',
      id: 'cmd-echo_args',
      status: 'ok',
      exitCode: 0,
    });
    expect(JSON.parse(result.output)).toEqual(['model=llama3-8b', '2', 'true']);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes a shell-looking value as one literal argument, never through a shell', async () => {
    const result = await createActionRunner(actions()).run(
      command('echo_args', { model: 'x; rm -rf /' }),
    );
    expect(result.status).toBe('ok');
    // Optional parameters left out drop their whole argv element.
    expect(JSON.parse(result.output)).toEqual(['model=x; rm -rf /']);
  });

  it('rejects invalid parameters with a reason and reports the refusal as an event', async () => {
    const events: AgentEvent[] = [];
    const runner = createActionRunner(actions(), { onEvent: (e) => events.push(e) });
    const cases: [Record<string, string | number | boolean>, RegExp][] = [
      [{ model: 'Bad Model!' }, /does not match the pattern/],
      [{ model: 'ok', replicas: 9 }, /at most 8/],
      [{ model: 'ok', replicas: 1.5 }, /must be an integer/],
      [{ model: 'ok', force: 'yes' }, /true or false/],
      [{ model: 'ok', extra: 1 }, /unknown parameter: extra/],
      [{}, /"model" is required/],
      [{ model: 5 }, /must be a string/],
    ];
    for (const [params, reason] of cases) {
      const result = await runner.run(command('echo_args', params));
      expect(result.status).toBe('rejected');
      expect(result.reason).toMatch(reason);
    }
    expect(events).toHaveLength(cases.length);
    expect(events[0]).toMatchObject({ kind: 'action_refused', severity: 'warning' });
  });

  it('rejects an action the config does not declare', async () => {
    const result = await createActionRunner(actions()).run(command('rm_everything'));
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'action "rm_everything" is not declared in this agent\'s config',
    });
  });

  it('kills an action that outlives its timeout', async () => {
    const result = await createActionRunner(actions()).run(command('slow'));
    expect(result.status).toBe('timeout');
    expect(result.reason).toMatch(/200 ms timeout/);
  });

  it('truncates output to 64 KiB and reports a failing exit code', async () => {
    const runner = createActionRunner(actions());
    const noisy = await runner.run(command('noisy'));
    expect(noisy.status).toBe('ok');
    expect(noisy.output.length).toBeLessThanOrEqual(64 * 1024);
    expect(noisy.output).toMatch(/\[output truncated: \d+ more bytes\]$/);
    const fails = await runner.run(command('fails'));
    expect(fails).toMatchObject({ status: 'failed', exitCode: 3, output: 'no such model\n' });
  });

  it('runs one instance of an action at a time', async () => {
    const runner = createActionRunner(actions());
    const first = runner.run(command('slow'));
    const second = await runner.run(command('slow'));
    expect(second).toMatchObject({
      status: 'rejected',
      reason: 'action "slow" is already running',
    });
    expect((await first).status).toBe('timeout');
  });

  it('builds argv from whole and embedded placeholders', () => {
    const values = validateParams(actions()[0]!, { model: 'm1', replicas: 3 });
    expect(values.ok).toBe(true);
    if (values.ok)
      expect(
        buildArgv(['/bin/x', '--model={model}', '{replicas}', '{force}'], values.values),
      ).toEqual(['/bin/x', '--model=m1', '3']);
  });

  it('refuses a value that starts with "-" unless the parameter allows it, whatever its pattern admits', () => {
    const params: ActionSpec['params'] = [
      { name: 'file', type: 'string', pattern: '[a-z=/-]+', required: false },
      { name: 'offset', type: 'integer', required: false },
      {
        name: 'operand',
        type: 'string',
        pattern: '[a-z=-]+',
        allowLeadingDash: true,
        required: false,
      },
      { name: 'delta', type: 'integer', min: -5, allowLeadingDash: true, required: false },
    ];
    expect(validateParams({ params }, { file: '--output=/tmp/x' })).toEqual({
      ok: false,
      reason: 'parameter "file" must not start with "-": the program could read it as an option',
    });
    expect(validateParams({ params }, { file: '-' })).toMatchObject({ ok: false });
    expect(validateParams({ params }, { offset: -1 })).toEqual({
      ok: false,
      reason: 'parameter "offset" must not be negative: a leading "-" could be read as an option',
    });
    expect(
      validateParams({ params }, { file: 'a-b', offset: 0, operand: '--output=x', delta: -5 }),
    ).toEqual({
      ok: true,
      values: new Map([
        ['file', 'a-b'],
        ['offset', '0'],
        ['operand', '--output=x'],
        ['delta', '-5'],
      ]),
    });
  });

  it('takes only the values an enum lists, and nothing for a string declared with neither pattern nor enum', () => {
    const service: ActionSpec['params'][number] = {
      name: 'service',
      type: 'string',
      enum: ['tritonserver', 'vllm'],
      required: true,
    };
    expect(validateParams({ params: [service] }, { service: 'vllm' })).toMatchObject({ ok: true });
    expect(validateParams({ params: [service] }, { service: 'sshd' })).toEqual({
      ok: false,
      reason: 'parameter "service" must be one of: tritonserver, vllm',
    });
    // Declared actions that bypass the config (the simulator's) fail closed the same way.
    const loose: ActionSpec = {
      name: 'loose',
      description: '',
      params: [{ name: 'file', type: 'string', required: true }],
      timeoutMs: 1000,
    };
    const runner = createDeclaredActionRunner([loose], () =>
      Promise.reject(new Error('never runs')),
    );
    return expect(runner.run(command('loose', { file: 'app.log' }))).resolves.toMatchObject({
      status: 'rejected',
      reason:
        'parameter "file" is declared without a pattern or an enum, so this agent accepts no value for it',
    });
  });

  it('keeps "--" where the template puts it, before values that start with "-"', () => {
    expect(
      buildArgv(['/usr/bin/sort', '--', '{file}', '{extra}'], new Map([['file', '--output=x']])),
    ).toEqual(['/usr/bin/sort', '--', '--output=x']);
  });

  it('declares every simulated string parameter with a pattern that refuses a leading "-"', () => {
    for (const action of SIMULATED_ACTIONS) {
      for (const param of action.params.filter((p) => p.type === 'string')) {
        expect(param.pattern ?? param.enum, `${action.name}.${param.name}`).toBeDefined();
        expect(validateParams({ params: [param] }, { [param.name]: '-x' })).toMatchObject({
          ok: false,
          reason: expect.stringContaining('must not start with "-"') as unknown,
        });
        expect(validateParams({ params: [param] }, { [param.name]: 'llama-3-8b' })).toMatchObject({
          ok: true,
        });
      }
    }
  });

  it('lists actions in hello and runs one over a paired session', async () => {
    const t = await startTestAgent({ yaml: ACTIONS_YAML });
    const cert = await makeConsoleCert();
    await pair(t, cert);
    const c = await openSession(t, cert);
    const hello = c.frames.find((f) => f.type === 'hello');
    expect(hello?.type === 'hello' && hello.actions?.map((a) => a.name)).toEqual([
      'echo_args',
      'slow',
      'noisy',
      'fails',
    ]);
    c.send({ type: 'command', id: 'c1', action: 'echo_args', params: { model: 'x; rm -rf /' } });
    const result = await c.next('command_result');
    expect(JSON.parse(result.output)).toEqual(['model=x; rm -rf /']);
    c.send({ type: 'command', id: 'c2', action: 'echo_args', params: { model: '$(reboot)' } });
    expect(await c.next('command_result')).toMatchObject({ id: 'c2', status: 'rejected' });
    // The refusal also reaches the console as an event in the next telemetry batch.
    t.agent.sampler.flush();
    const batch = await c.next('telemetry', (f) =>
      f.events.some((e) => e.kind === 'action_refused'),
    );
    expect(batch.events.find((e) => e.kind === 'action_refused')?.details).toMatchObject({
      commandId: 'c2',
    });
  });
});
