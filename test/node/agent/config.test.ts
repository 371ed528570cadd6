// Config validation: an operator sees the file, line, column and field of every mistake.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigIssues, loadAgentConfig, parseAgentConfig } from '../../../agent/config.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const VALID = `# /etc/mirqab-agent.yaml
name: gpu-node-01
listen: { host: 0.0.0.0, port: 7443 }
identityDir: identity
spool:
  dir: spool
  maxBytes: 67108864
collectors:
  host: { intervalMs: 5000, mounts: [/, /data] }
  gpu: { intervalMs: 5000, nvidiaSmiPath: /usr/bin/nvidia-smi }
  scrape:
    - { url: 'http://127.0.0.1:8002/metrics', server: triton, intervalMs: 10000 }
actions:
  - name: restart_service
    description: restart a model server unit
    params:
      - { name: service, type: string, pattern: '[a-z0-9@._-]+' }
    command: [/usr/bin/systemctl, restart, '{service}']
    timeoutMs: 60000
`;

function issuesOf(text: string) {
  const result = parseAgentConfig(text, '/etc/mirqab');
  if (result.ok) throw new Error('expected the config to be refused');
  return result.issues;
}

describe('agent config', () => {
  it('accepts a full config and resolves paths against the config folder', () => {
    const result = parseAgentConfig(VALID, '/etc/mirqab');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.identityDir).toBe('/etc/mirqab/identity');
    expect(result.config.collectors.host?.mounts).toEqual(['/', '/data']);
    expect(result.config.actions[0]?.params[0]?.required).toBe(true);
    expect(result.config.batchIntervalMs).toBe(1000);
  });

  it('names the line and field of a wrong type', () => {
    const issues = issuesOf(VALID.replace('port: 7443', 'port: "seven"'));
    expect(issues[0]).toMatchObject({ line: 3, field: 'listen.port' });
  });

  it('names the line of an unknown key', () => {
    const issues = issuesOf(
      VALID.replace('  maxBytes: 67108864', '  maxBytes: 67108864\n  maxBytez: 1'),
    );
    expect(issues[0]).toMatchObject({ line: 8, column: 3, field: 'spool.maxBytez' });
  });

  it('points a missing field at its parent', () => {
    const issues = issuesOf(VALID.replace('  dir: spool\n', ''));
    expect(issues[0]).toMatchObject({ line: 6, field: 'spool.dir' });
  });

  it('refuses a command template that uses a shell-free program path wrongly or an undeclared placeholder', () => {
    const relative = issuesOf(VALID.replace('[/usr/bin/systemctl,', '[systemctl,'));
    expect(relative[0]).toMatchObject({ line: 18, field: 'actions[0].command[0]' });
    expect(relative[0]?.message).toContain('absolute path');
    const undeclared = issuesOf(VALID.replace("'{service}'", "'{unit}'"));
    expect(undeclared[0]).toMatchObject({
      line: 18,
      field: 'actions[0].command[2]',
      message: 'placeholder {unit} names no declared parameter',
    });
  });

  it('refuses an invalid regular expression in a parameter pattern', () => {
    const issues = issuesOf(VALID.replace("'[a-z0-9@._-]+'", "'[a-z'"));
    expect(issues[0]).toMatchObject({ line: 17, field: 'actions[0].params[0].pattern' });
    expect(issues[0]?.message).toContain('invalid regular expression');
  });

  it('refuses a string parameter with neither a pattern nor an enum, naming its line and field', () => {
    const issues = issuesOf(
      VALID.replace(
        "{ name: service, type: string, pattern: '[a-z0-9@._-]+' }",
        '{ name: service, type: string }',
      ),
    );
    expect(issues).toEqual([
      {
        line: 17,
        column: 9,
        field: 'actions[0].params[0]',
        message:
          "a string parameter needs a pattern (a regular expression the whole value must match, e.g. '[a-z0-9][a-z0-9._-]*') or an enum (the only values allowed)",
      },
    ]);
  });

  it('takes an enum as the list of values a string parameter may have', () => {
    const result = parseAgentConfig(
      VALID.replace("pattern: '[a-z0-9@._-]+'", 'enum: [tritonserver, vllm]'),
      '/etc/mirqab',
    );
    expect(result.ok && result.config.actions[0]?.params[0]).toMatchObject({
      name: 'service',
      enum: ['tritonserver', 'vllm'],
    });
    const onInteger = issuesOf(
      VALID.replace("type: string, pattern: '[a-z0-9@._-]+'", 'type: integer, enum: [a]'),
    );
    expect(onInteger[0]).toMatchObject({
      line: 17,
      field: 'actions[0].params[0].enum',
      message: 'enum applies to string parameters only',
    });
    const dashed = issuesOf(VALID.replace("pattern: '[a-z0-9@._-]+'", "enum: [vllm, '--all']"));
    expect(dashed[0]).toMatchObject({ line: 17, field: 'actions[0].params[0].enum[1]' });
    expect(dashed[0]?.message).toContain('"--all" starts with "-"');
  });

  it('refuses an integer parameter whose min admits negative values unless it allows a leading dash', () => {
    const negative = VALID.replace(
      "{ name: service, type: string, pattern: '[a-z0-9@._-]+' }",
      '{ name: offset, type: integer, min: -10, max: 10 }',
    ).replace("'{service}'", "'--offset={offset}'");
    const issues = issuesOf(negative);
    expect(issues[0]).toMatchObject({ line: 17, field: 'actions[0].params[0].min' });
    expect(issues[0]?.message).toContain('a negative value starts with "-"');
    expect(
      parseAgentConfig(
        negative.replace('max: 10 }', 'max: 10, allowLeadingDash: true }'),
        '/etc/mirqab',
      ).ok,
    ).toBe(true);
  });

  it('lets a parameter start with "-" only where the program cannot read it as an option', () => {
    const allowed = VALID.replace(
      "pattern: '[a-z0-9@._-]+' }",
      "pattern: '[a-z0-9@._-]+', allowLeadingDash: true }",
    );
    const bare = issuesOf(allowed);
    expect(bare[0]).toMatchObject({ line: 18, field: 'actions[0].command[2]' });
    expect(bare[0]?.message).toContain(
      '{service} allows a leading "-": put it after a "--" argument',
    );
    expect(
      parseAgentConfig(
        allowed.replace("restart, '{service}'", "restart, --, '{service}'"),
        '/etc/mirqab',
      ).ok,
    ).toBe(true);
    expect(
      parseAgentConfig(
        allowed.replace("restart, '{service}'", "restart, '--unit={service}'"),
        '/etc/mirqab',
      ).ok,
    ).toBe(true);
    // "--" as the program's first argument still counts; a "--" after the value does not.
    expect(
      issuesOf(allowed.replace("restart, '{service}'", "restart, '{service}', --"))[0],
    ).toMatchObject({ field: 'actions[0].command[2]' });
    const onBoolean = issuesOf(
      VALID.replace(
        "type: string, pattern: '[a-z0-9@._-]+' }",
        'type: boolean, allowLeadingDash: true }',
      ).replace("'{service}'", "'--now={service}'"),
    );
    expect(onBoolean[0]).toMatchObject({
      field: 'actions[0].params[0].allowLeadingDash',
      message: 'allowLeadingDash applies to string and integer parameters only',
    });
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOf('identityDir: x\nspool: { dir: y\nactions: []\n');
    expect(issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(issues[0]?.field).toBe('');
  });

  it("takes a scrape target's model and version, for servers whose metrics name no model (TGI)", () => {
    const tgi = VALID.replace(
      'server: triton, intervalMs: 10000 }',
      "server: triton, intervalMs: 10000 }\n    - { url: 'http://127.0.0.1:3000/metrics', server: tgi, model: meta-llama/Llama-3.1-8B-Instruct, version: 3 }",
    );
    const result = parseAgentConfig(tgi, '/etc/mirqab');
    expect(result.ok && result.config.collectors.scrape[1]).toMatchObject({
      server: 'tgi',
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      version: '3',
    });

    const orphan = issuesOf(tgi.replace('model: meta-llama/Llama-3.1-8B-Instruct, ', ''));
    expect(orphan[0]).toMatchObject({
      line: 13,
      field: 'collectors.scrape[1].version',
      message: 'version labels the configured model: set model too',
    });
    const empty = issuesOf(tgi.replace('model: meta-llama/Llama-3.1-8B-Instruct', "model: ''"));
    expect(empty[0]).toMatchObject({ line: 13, field: 'collectors.scrape[1].model' });
    expect(empty[0]?.message).toMatch(/a model name such as .*not empty/);
    const list = issuesOf(tgi.replace('version: 3', 'version: [3]'));
    expect(list[0]).toMatchObject({ line: 13, field: 'collectors.scrape[1].version' });
  });

  it('accepts the example config shipped in docs/', () => {
    const file = fileURLToPath(new URL('../../../docs/mirqab-agent.example.yaml', import.meta.url));
    const result = loadAgentConfig(file);
    expect(result.ok ? [] : formatConfigIssues(file, result.issues)).toEqual([]);
    expect(
      result.ok && result.config.collectors.scrape.find((s) => s.server === 'tgi'),
    ).toMatchObject({ model: 'meta-llama/Llama-3.1-8B-Instruct', version: '3' });
    // The example teaches "--" before operands in every action.
    expect(result.ok && result.config.actions.map((a) => a.command.includes('--'))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('formats issues as file:line:column: field: message', () => {
    const dir = tempDir();
    const file = join(dir, 'agent.yaml');
    writeFileSync(file, VALID.replace('server: triton', 'server: sagemaker'));
    const result = loadAgentConfig(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatConfigIssues(file, result.issues)).toMatch(
      new RegExp(`^${file}:12:\\d+: collectors\\.scrape\\[0\\]\\.server: `),
    );
  });
});
