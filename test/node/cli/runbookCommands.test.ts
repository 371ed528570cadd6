// `mirqab runbook validate|import|export` as an operator runs them: real processes and a real store.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mirqab } from '../../helpers/cliSite.ts';

let work: string;
let dataDir: string;

const RUNBOOK = `apiVersion: mirqab/v1
kind: Runbook
name: restart-triton
version: 1
title: Restart Triton on {{incident.host}}
steps:
  - id: restart
    type: action
    title: Restart
    action: restart_service
    host: "{{incident.host}}"
    params: { model: "{{incident.model}}" }
  - id: check
    type: manual
    title: Check latency
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mirqab-cli-runbook-'));
  dataDir = join(work, 'site');
  expect((await mirqab(['init', '--data-dir', dataDir])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('validates a runbook without a store: ok with its name, version and steps, or every problem with its line and field', async () => {
  const good = join(work, 'restart.yaml');
  writeFileSync(good, RUNBOOK);
  expect(await mirqab(['runbook', 'validate', good])).toMatchObject({
    code: 0,
    stdout: 'ok: restart-triton v1, 2 steps\n',
  });
  const bad = join(work, 'bad.yaml');
  writeFileSync(
    bad,
    RUNBOOK.replace('version: 1', 'version: one').replace('{{incident.model}}', '{{incident.gpu}}'),
  );
  const result = await mirqab(['runbook', 'validate', bad]);
  expect(result.code).toBe(1);
  expect(result.stdout.trim().split('\n')).toEqual([
    `${bad}:4:1: version: must be a whole number`,
    `${bad}:12:15: steps[0].params.model: unknown template variable "incident.gpu" (known: incident.id, incident.title, incident.priority, incident.service, incident.cluster, incident.host, incident.model, incident.version, model.current, model.lastKnownGood)`,
  ]);
}, 60_000);

it('imports a new version and exports it back as it was written; a bad file stores nothing', async () => {
  const file = join(work, 'import.yaml');
  writeFileSync(file, RUNBOOK);
  expect(await mirqab(['runbook', 'import', file, '--data-dir', dataDir])).toMatchObject({
    code: 0,
    stdout: 'imported restart-triton v1, 2 steps\n',
  });
  const bad = join(work, 'bad-import.yaml');
  writeFileSync(
    bad,
    RUNBOOK.replace('version: 1', 'version: 2').replace('type: manual', 'type: wait'),
  );
  const refused = await mirqab(['runbook', 'import', bad, '--data-dir', dataDir]);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe(`${bad}:14:5: steps[1].type: must be "manual" or "action"\n`);
  const out = join(work, 'out.yaml');
  const exported = await mirqab([
    'runbook',
    'export',
    'restart-triton',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(exported.code).toBe(0);
  expect(readFileSync(out, 'utf8')).toBe(RUNBOOK);
  expect(await mirqab(['runbook', 'export', 'nothing-here', '--data-dir', dataDir])).toMatchObject({
    code: 1,
    stderr: 'mirqab: There is no runbook named "nothing-here".\n',
  });
}, 90_000);
