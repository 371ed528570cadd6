// `mirqab drill list|validate|import` as an operator runs them: real processes and a real store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mirqab, startCliSite, type CliSite } from '../../helpers/cliSite.ts';
import {
  BUILTIN_SCENARIOS as BUILTINS,
  COOLING_SCENARIO as SCENARIO,
} from '../../helpers/drillScenarios.ts';

let site: CliSite;

beforeAll(async () => {
  site = await startCliSite('mirqab-cli-drill-');
}, 60_000);
afterAll(() => site.close());

it('validates a scenario without a store: ok with what it holds, or every problem with its line and field', async () => {
  const good = join(site.work, 'cooling.yaml');
  writeFileSync(good, SCENARIO);
  expect(await mirqab(['drill', 'validate', good])).toMatchObject({
    code: 0,
    stdout: 'ok: rack-b-cooling v1, 1 inject, 1 hint, 0 SLOs, 40 minutes\n',
  });
  const bad = join(site.work, 'bad.yaml');
  writeFileSync(
    bad,
    SCENARIO.replace('version: 1', 'version: one')
      .replace('host: sim-gpu-01', 'host: sim-gpu-07')
      .replace('priority: P3', 'priority: urgent'),
  );
  const result = await mirqab(['drill', 'validate', bad]);
  expect(result.code).toBe(1);
  expect(result.stdout.trim().split('\n')).toEqual([
    `${bad}:4:1: version: must be a number`,
    `${bad}:13:15: injects[0].target.host: is not a host of this site (sim-gpu-01, sim-gpu-02)`,
    `${bad}:21:3: expected.priority: must be one of P1, P2, P3, P4, P5`,
  ]);
}, 60_000);

it('lists the built-ins without a store, and with the site the scenarios imported into it', async () => {
  const bare = await mirqab(['drill', 'list', '--json']);
  expect(bare.code).toBe(0);
  const listed = JSON.parse(bare.stdout) as { name: string; source: string; digest: string }[];
  expect(listed.map((s) => s.name)).toEqual(BUILTINS);
  expect(listed.every((s) => s.source === 'builtin' && /^[0-9a-f]{64}$/.test(s.digest))).toBe(true);

  const file = join(site.work, 'import.yaml');
  writeFileSync(file, SCENARIO);
  expect(await mirqab(['drill', 'import', file, '--data-dir', site.dataDir])).toMatchObject({
    code: 0,
    stdout: 'imported rack-b-cooling v1, 1 inject, 1 hint, 0 SLOs, 40 minutes\n',
  });
  const table = await mirqab(['drill', 'list', '--data-dir', site.dataDir]);
  expect(table.code).toBe(0);
  const lines = table.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^NAME\s+VERSION\s+SOURCE\s+CATEGORY\s+MINUTES\s+TITLE$/);
  expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
    'NAME',
    ...[...BUILTINS, 'rack-b-cooling'].sort(),
  ]);
  expect(lines.find((l) => l.startsWith('rack-b-cooling'))).toMatch(
    /^rack-b-cooling\s+1\s+imported\s+throttling\s+40\s+Rack B loses cooling$/,
  );
  // The import is in the site's audit trail, by the operator who ran the command.
  const { entries } = await site.admin.must('audit.list', {
    action: 'drill.scenarioImport',
    limit: 10,
  });
  expect(entries.map((e) => [e.target, e.actor.startsWith('cli:')])).toEqual([
    ['drill-scenario:rack-b-cooling', true],
  ]);
}, 60_000);

it('refuses to import a bad file, a built-in name or a changed version, storing nothing', async () => {
  const bad = join(site.work, 'bad-import.yaml');
  writeFileSync(bad, SCENARIO.replace('name: rack-b-cooling', 'name: Rack B'));
  const refused = await mirqab(['drill', 'import', bad, '--data-dir', site.dataDir]);
  expect(refused).toMatchObject({
    code: 1,
    stdout: `${bad}:3:1: name: must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit\n`,
  });
  const builtin = join(site.work, 'builtin.yaml');
  writeFileSync(builtin, SCENARIO.replace('name: rack-b-cooling', 'name: traffic-surge'));
  expect(await mirqab(['drill', 'import', builtin, '--data-dir', site.dataDir])).toMatchObject({
    code: 1,
    stderr:
      'mirqab: "traffic-surge" is a built-in scenario and cannot be changed; import yours under another name.\n',
  });
  const changed = join(site.work, 'changed.yaml');
  writeFileSync(changed, SCENARIO.replace('durationMinutes: 40', 'durationMinutes: 50'));
  await mirqab(['drill', 'import', join(site.work, 'import.yaml'), '--data-dir', site.dataDir]);
  expect(await mirqab(['drill', 'import', changed, '--data-dir', site.dataDir])).toMatchObject({
    code: 1,
    stderr:
      'mirqab: Version 1 of "rack-b-cooling" is already stored with other content; every version is kept, so raise the version.\n',
  });
}, 60_000);
