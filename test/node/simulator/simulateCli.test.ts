// `mirqab-agent simulate` as an operator runs it: a real process that prints one line per agent,
// serves the fault control on 127.0.0.1, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../helpers/tempDir.ts';

const BIN = fileURLToPath(new URL('../../../bin/mirqab-agent.mjs', import.meta.url));

describe('mirqab-agent simulate', () => {
  it('prints "name address pairingCode" per agent, takes faults over HTTP, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'simulate',
        '--hosts',
        '2',
        '--gpus-per-host',
        '1',
        '--models',
        'gpt2-small',
        '--dir',
        tempDir('mirqab-sim-cli-'),
        '--fault-control',
        '0',
        '--interval',
        '1000',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exited = once(child, 'exit');
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (lines.length === 2) break;
    }
    expect(lines[0]).toMatch(/^sim-gpu-01 127\.0\.0\.1:\d+ mq1\.[0-9a-f]{64}\.[0-9a-f]{32}$/);
    expect(lines[1]).toMatch(/^sim-gpu-02 127\.0\.0\.1:\d+ mq1\.[0-9a-f]{64}\.[0-9a-f]{32}$/);

    let control = '';
    for await (const line of createInterface({ input: child.stderr })) {
      const match = /"faultControl":"(http:\/\/127\.0\.0\.1:\d+)\/faults"/.exec(line);
      if (match) {
        control = match[1]!;
        break;
      }
    }
    const posted = await fetch(`${control}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'error_burst',
        target: { host: 'sim-gpu-02' },
        durationSeconds: 30,
      }),
    });
    expect(posted.status).toBe(201);
    const listed = (await (await fetch(`${control}/faults`)).json()) as {
      faults: { spec: { kind: string } }[];
    };
    expect(listed.faults.map((f) => f.spec.kind)).toEqual(['error_burst']);
    const invalid = await fetch(`${control}/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'meteor', target: { host: 'sim-gpu-02' }, durationSeconds: 30 }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_fault',
    );
    const unknown = await fetch(`${control}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'host_down',
        target: { host: 'sim-gpu-07' },
        durationSeconds: 30,
      }),
    });
    expect(unknown.status).toBe(404);

    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });

  it('documents the fault control and the declared actions in --help', async () => {
    const child = spawn(process.execPath, [BIN, 'simulate', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await once(child, 'exit');
    expect(text).toContain('POST /faults');
    expect(text).toContain('network_partition');
    expect(text).toContain('fail_over {model, standby}');
  });
});
