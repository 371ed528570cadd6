// `mirqab postmortem export` as an auditor runs it while the console serves the same data folder:
// real processes, the real encrypted store, the real headless Chromium, read back with pdftotext.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mirqab, startCliSite, type CliSite } from '../../helpers/cliSite.ts';

const run = promisify(execFile);
let site: CliSite;
let dataDir: string;
let work: string;
let admin: CliSite['admin'];

beforeAll(async () => {
  site = await startCliSite('mirqab-cli-postmortem-');
  ({ dataDir, work, admin } = site);
}, 60_000); // mirqab init derives the store key at the real scrypt cost
afterAll(() => site.close());

it('exports a postmortem as PDF and Markdown, stamped and audited; bad input gets one clear line', async () => {
  const incident = await admin.must('incidents.declare', {
    title: 'Recommender drifted',
    impact: 'medium',
    urgency: 'medium',
    category: 'model_accuracy',
  });
  const pm = await admin.must('postmortems.create', { incidentId: incident.id });
  await admin.must('postmortems.update', {
    id: pm.id,
    sections: { trigger: 'A holiday shifted the traffic mix.' },
  });
  const out = join(work, 'out');

  const pdf = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'pdf',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(pdf.code).toBe(0);
  expect(pdf.stdout).toMatch(
    new RegExp(
      `^postmortem ${pm.id}: postmortem-${pm.id}-r1-en\\.pdf, postmortem-${pm.id}-r1-en\\.checkpoint\\.json in .* \\(audit checkpoint #\\d+, root [0-9a-f]{16}…\\)$`,
      'm',
    ),
  );
  const { stdout: text } = await run('pdftotext', [
    '-enc',
    'UTF-8',
    join(out, `postmortem-${pm.id}-r1-en.pdf`),
    '-',
  ]);
  expect(text.replace(/\s+/g, ' ')).toContain('A holiday shifted the traffic mix.');
  expect(text).toMatch(/Produced at audit checkpoint #\d+/);

  const md = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'md',
    '--language',
    'ar',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect(md.code).toBe(0);
  expect(md.stdout).toContain(`postmortem-${pm.id}-r1-ar.md`);

  const { entries } = await admin.must('audit.list', { action: 'postmortem.export' });
  expect(
    entries.map((e) => [e.actor.startsWith('cli:'), (e.details as { format: string }).format]),
  ).toEqual([
    [true, 'md'],
    [true, 'pdf'],
  ]);

  const bad = await mirqab([
    'postmortem',
    'export',
    String(pm.id),
    '--format',
    'docx',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect([bad.code, bad.stderr.trim()]).toEqual([2, 'mirqab: --format must be md or pdf.']);
  const missing = await mirqab([
    'postmortem',
    'export',
    '999',
    '--format',
    'md',
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect([missing.code, missing.stderr.trim()]).toEqual([1, 'mirqab: There is no postmortem 999.']);
}, 120_000); // five CLI processes, each starting TypeScript and unwrapping the store key
