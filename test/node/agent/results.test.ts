// Action results the console has not acked yet: kept on disk by the agent, sent again on every new
// session of the console that asked, forgotten once it acks. Real sockets, a real action process.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../agent/log.ts';
import { ResultStore, type CommandResult } from '../../../agent/resultStore.ts';
import { FEATURES } from '../../../shared/agent-protocol/index.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openSession, pair, startTestAgent, type TestAgent } from './agentFixture.ts';
import type { TestConsole } from './consoleClient.ts';

const ACKS = [FEATURES.resultAck];

/** An action that blocks until the test writes a line into the FIFO: it finishes exactly when told. */
function actionsYaml(fifo: string): string {
  return `
actions:
  - name: finish_rollback
    command: [/bin/sh, -c, 'read v < "$0"; echo "rolled back to $v"', ${fifo}]
    timeoutMs: 30000
  - name: report_ok
    command: [/bin/echo, ok]
`;
}

async function agentWithBlockingAction(): Promise<{
  t: TestAgent;
  finish: (line: string) => Promise<void>;
}> {
  const dir = tempDir('mirqab-agent-');
  const fifo = join(dir, 'rollback.fifo');
  execFileSync('mkfifo', [fifo]);
  const t = await startTestAgent({ dir, yaml: actionsYaml(fifo) });
  // Asynchronous: opening a FIFO for writing waits for the action to open it for reading.
  return { t, finish: (line) => writeFile(fifo, `${line}\n`) };
}

/** Resolves once the agent has answered a clock frame: anything it sent before that has arrived. */
async function settled(c: TestConsole): Promise<void> {
  const consoleMs = Date.now();
  c.send({ type: 'clock', consoleMs });
  await c.next('clock', (f) => f.consoleMs === consoleMs);
}

const result = (id: string, output = 'ok\n'): CommandResult => ({
  type: 'command_result',
  id,
  status: 'ok',
  exitCode: 0,
  output,
  durationMs: 5,
});

describe('action results the console has not acked', () => {
  it('a result produced while the console is away is kept on disk and sent on each new session until it is acked', async () => {
    const { t, finish } = await agentWithBlockingAction();
    const cert = await makeConsoleCert();
    await pair(t, cert);

    const first = await openSession(t, cert, ACKS);
    first.send({ type: 'command', id: 'cmd-rollback-1', action: 'finish_rollback', params: {} });
    await vi.waitFor(
      () => expect(t.logs.records.some((r) => r.message === 'action started')).toBe(true),
      { timeout: 5000, interval: 20 },
    );
    first.ws.terminate(); // the console drops mid-action
    await first.closed;
    await finish('7');
    await vi.waitFor(() => expect(t.agent.results.size).toBe(1), { timeout: 5000, interval: 20 });
    expect(
      readdirSync(join(t.config.spool.dir, 'results')).filter((f) => f.endsWith('.json')),
    ).toHaveLength(1);

    const second = await openSession(t, cert, ACKS);
    expect(await second.next('command_result')).toMatchObject({
      id: 'cmd-rollback-1',
      status: 'ok',
      exitCode: 0,
      output: 'rolled back to 7\n',
    });
    second.ws.close(); // no ack: the agent must send it again
    await second.closed;

    const third = await openSession(t, cert, ACKS);
    await third.next('command_result', (f) => f.id === 'cmd-rollback-1');
    third.send({ type: 'result_ack', id: 'cmd-rollback-1' });
    await vi.waitFor(() => expect(t.agent.results.size).toBe(0), { timeout: 5000, interval: 20 });
    expect(
      readdirSync(join(t.config.spool.dir, 'results')).filter((f) => f.endsWith('.json')),
    ).toEqual([]);
    third.ws.close();
    await third.closed;

    const fourth = await openSession(t, cert, ACKS);
    await settled(fourth);
    expect(fourth.frames.filter((f) => f.type === 'command_result')).toEqual([]);
  });

  it('a console that does not ack results gets them on the same session only, as before, and nothing is kept', async () => {
    const { t } = await agentWithBlockingAction();
    const cert = await makeConsoleCert();
    await pair(t, cert);
    const older = await openSession(t, cert);
    older.send({ type: 'command', id: 'cmd-ok', action: 'report_ok', params: {} });
    expect(await older.next('command_result')).toMatchObject({
      id: 'cmd-ok',
      status: 'ok',
      output: 'ok\n',
    });
    expect(t.agent.results.size).toBe(0);
  });
});

describe('the result store', () => {
  it('survives a restart, hands each console only its own results, forgets acked ones and reports what a full store drops', () => {
    const dir = tempDir();
    const [consoleA, consoleB] = ['a'.repeat(64), 'b'.repeat(64)];
    const store = ResultStore.open({ dir, maxResults: 3 });
    store.put(consoleA, result('one'));
    store.put(consoleB, result('two'));
    store.put(consoleA, result('three'));

    const reopened = ResultStore.open({ dir, maxResults: 3 });
    expect(reopened.pending(consoleA).map((r) => r.id)).toEqual(['one', 'three']);
    expect(reopened.pending(consoleB).map((r) => r.id)).toEqual(['two']);
    expect(reopened.ack('one')).toBe(true);
    expect(reopened.ack('one')).toBe(false);

    const dropped = reopened.put(consoleA, result('four'));
    expect(dropped).toEqual([]);
    const full = reopened.put(consoleA, result('five'));
    expect(full.map((d) => d.result.id)).toEqual(['two']);
    expect(reopened.discardFor(consoleA)).toBe(3);
    expect(ResultStore.open({ dir }).size).toBe(0);
  });

  it('moves an unreadable result file aside and removes a half-written one, without failing to open', () => {
    const dir = tempDir();
    const store = ResultStore.open({ dir });
    store.put('c'.repeat(64), result('kept'));
    writeFileSync(join(dir, '0000000000000000000000000000000000000000.json'), '{"not": "a result"');
    writeFileSync(join(dir, 'partial.json.tmp'), '{');
    const logs = memoryLogger();
    const reopened = ResultStore.open({ dir, logger: logs });
    expect(reopened.pending('c'.repeat(64)).map((r) => r.id)).toEqual(['kept']);
    expect(existsSync(join(dir, '0000000000000000000000000000000000000000.json.corrupt'))).toBe(
      true,
    );
    expect(existsSync(join(dir, 'partial.json.tmp'))).toBe(false);
    expect(logs.records.map((r) => r.message)).toEqual([
      'result store: an unreadable result file was moved aside',
    ]);
  });
});
