// `mirqab drill run --headless`, as an operator checks a scenario before a game day: a real process,
// a temporary workspace, the score as JSON or as a table, and clear refusals.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { mirqab, startCliSite } from '../../helpers/cliSite.ts';
import { tempDir } from '../../helpers/tempDir.ts';

it('runs a built-in scenario headless with an idle responder and prints what it missed as JSON', async () => {
  const run = await mirqab([
    'drill',
    'run',
    'suspected-data-breach',
    '--headless',
    '--responder',
    'idle',
    '--json',
  ]);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as {
    score: number;
    responder: string;
    components: { key: string; fraction: number; outcome: string }[];
  };
  expect(result.responder).toBe('idle');
  expect(result.score).toBeLessThanOrEqual(30);
  const acknowledge = result.components.find((c) => c.key === 'acknowledge')!;
  expect(acknowledge).toMatchObject({ fraction: 0, outcome: 'never acknowledged' });
}, 180_000);

it('refuses a run without --headless, an unknown scenario or a bad speed (exit 2), and an invalid file with its problems (exit 1)', async () => {
  const noMode = await mirqab(['drill', 'run', 'gpu-node-xid']);
  expect(noMode.code).toBe(2);
  expect(noMode.stderr).toMatch(/add --headless/);
  const unknown = await mirqab(['drill', 'run', 'no-such-drill', '--headless']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/no drill scenario named "no-such-drill"/);
  const speed = await mirqab(['drill', 'run', 'gpu-node-xid', '--headless', '--speed', 'fast']);
  expect(speed.code).toBe(2);
  expect(speed.stderr).toMatch(/--speed must be max or a number/);
  const file = join(tempDir(), 'broken.yaml');
  writeFileSync(file, 'apiVersion: mirqab/v1\nkind: DrillScenario\nname: Broken\n');
  const invalid = await mirqab(['drill', 'run', file, '--headless']);
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toMatch(/broken\.yaml:3:1: name: must be lowercase letters/);
}, 120_000);

it('records a headless run in the site history when asked, marked headless and audited', async () => {
  const site = await startCliSite('mirqab-drill-record-');
  try {
    const run = await mirqab([
      'drill',
      'run',
      'suspected-data-breach',
      '--headless',
      '--responder',
      'idle',
      '--record',
      '--team',
      'Red team',
      '--data-dir',
      site.dataDir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/recorded as drill 1/);
    const [recorded] = await site.admin.must('drill.runs', {});
    expect(recorded).toMatchObject({ mode: 'headless', team: 'Red team', state: 'ended' });
    const detail = await site.admin.must('drill.run', { id: recorded!.id });
    expect(detail.score).toBe(recorded!.score);
    expect(detail.components.find((c) => c.key === 'acknowledge')!.outcome).toBe(
      'never acknowledged',
    );
    const audit = await site.admin.must('audit.list', { action: 'drill.run' });
    expect(audit.entries).toHaveLength(1);
  } finally {
    site.close();
  }
}, 180_000);
