// `mirqab-agent` as an operator runs it: a real process reading real captures.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir.ts';
import { fixture } from '../../helpers/fixtures.ts';

const run = promisify(execFile);

async function agent(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/mirqab-agent.mjs', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('mirqab-agent parse-metrics', () => {
  it('prints one JSON line per sample', async () => {
    const { code, stdout, stderr } = await agent([
      'parse-metrics',
      fixture('metrics', 'prometheus-python-client.txt'),
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(18);
    expect(lines[1]).toEqual({
      name: 'inference_requests_total',
      labels: { model: 'fraud-detector', status: 'error', version: '3' },
      value: 14,
    });
  });

  it('prints timestamps and spells NaN and infinities as Prometheus does', async () => {
    const file = join(tempDir(), 'om.txt');
    writeFileSync(file, '# TYPE a gauge\na{x="1"} NaN 1.5\na{x="2"} +Inf\n# EOF\n');
    const { code, stdout } = await agent(['parse-metrics', '--format', 'openmetrics', file]);
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toEqual([
      { name: 'a', labels: { x: '1' }, value: 'NaN', timestamp: 1500 },
      { name: 'a', labels: { x: '2' }, value: '+Inf' },
    ]);
  });

  it('prints the canonical signals with --canonical', async () => {
    const { code, stdout } = await agent([
      'parse-metrics',
      '--canonical',
      fixture('metrics', 'vllm_datadog_fixture.txt'),
    ]);
    expect(code).toBe(0);
    const signals = jsonLines(stdout);
    expect(signals).toContainEqual({
      signal: 'tokens_generated_total',
      server: 'vllm',
      model: 'facebook/opt-125m',
      labels: {},
      value: 7,
    });
  });

  it('prints one JSON object per GPU row of nvidia-smi output', async () => {
    const { code, stdout } = await agent([
      'parse-metrics',
      '--format',
      'nvidia-smi',
      fixture('nvidia-smi', 'smi-query-load.csv'),
    ]);
    expect(code).toBe(0);
    const [gpu] = jsonLines(stdout);
    expect(gpu).toMatchObject({
      index: 0,
      powerDrawW: 698.71,
      clockEventReasons: { active: ['SW power cap'] },
    });
  });

  it('rejects invalid input with each problem and its line on stderr', async () => {
    const { code, stderr } = await agent([
      'parse-metrics',
      '--format',
      'openmetrics',
      fixture('expfmt', 'openmetrics_parsers', 'bad_histograms_9', 'metrics'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad_histograms_9\/metrics:3: buckets of a are out of order/);
  });

  it('says so when the file cannot be read', async () => {
    const { code, stderr } = await agent(['parse-metrics', join(tempDir(), 'missing.prom')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mirqab-agent: cannot read .*missing\.prom/);
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await agent([
      'parse-metrics',
      '--format',
      'csv',
      fixture('metrics', 'prometheus-python-client.txt'),
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Allowed choices are');
  });
});

describe('mirqab-agent gpu-probe', () => {
  it('reports a host without nvidia-smi as absent (exit 3)', async () => {
    const { code, stdout } = await agent([
      'gpu-probe',
      '--nvidia-smi',
      join(tempDir(), 'nvidia-smi'),
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'absent' });
  });
});
