// Postmortem exports through the report pipeline of a real console: Markdown and PDF (printed by the
// real headless Chromium and read back with poppler's pdftotext), English and Arabic, stamped with
// the audit checkpoint, audited with each file's SHA-256, and free of what a section tried to inject.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

const run = promisify(execFile);
let site: TestSite;
let author: Client;

const XSS = '<script>alert(1)</script> [click](javascript:alert(2)) ![x](http://203.0.113.9/p.png)';

async function draftPostmortem(): Promise<number> {
  const incident = await author.must('incidents.declare', {
    title: 'Fraud model accuracy dropped',
    impact: 'high',
    urgency: 'high',
    category: 'model_accuracy',
    service: 'fraud-detector',
  });
  const { id } = await author.must('postmortems.create', { incidentId: incident.id });
  await author.must('postmortems.update', {
    id,
    sections: {
      rootCauses: `Version **v2.3.1** shipped with a stale feature map. ${XSS}`,
      wentWell: 'The rollback runbook worked first time.',
    },
  });
  await author.must('postmortems.addActionItem', {
    id,
    title: 'Gate deploys on shadow accuracy',
    owner: 'omar',
    dueDate: '2026-12-10',
  });
  return id;
}

beforeEach(async () => {
  site = await setUpSite();
  author = await site.operatorWithRole('operator', 'amal');
  await site.operatorWithRole('incident_commander', 'omar');
});
afterEach(() => site.cleanup());

async function audited(file: string, dir: string) {
  const { entries } = await site.admin.must('audit.list', { action: 'postmortem.export' });
  const details = entries[0]!.details as {
    files: { name: string; sha256: string }[];
    checkpoint: { treeSize: number; rootHash: string };
  };
  const bytes = await readFile(path.join(dir, file));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  expect(details.files.find((f) => f.name === file)?.sha256).toBe(sha256);
  return details;
}

describe('postmortem exports', () => {
  it('Markdown: the template in order, raw HTML literal, the action items and the audit stamp', async () => {
    const id = await draftPostmortem();
    const out = await author.must('postmortems.export', { id, format: 'md', language: 'en' });
    expect(out.files.map((f) => f.name)).toEqual([
      `postmortem-${id}-r1-en.md`,
      `postmortem-${id}-r1-en.checkpoint.json`,
    ]);
    const md = await readFile(path.join(out.directory, out.files[0]!.name), 'utf8');
    const headings = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'The incident',
      'Summary',
      'Impact',
      'Root causes',
      'Trigger',
      'Detection',
      'Resolution',
      'Action items',
      'Lessons learned',
      'What went well',
      'What went wrong',
      'Where we got lucky',
      'Timeline',
      'Model and data',
      'Model and version',
      'Data slice',
      'Drift and quality evidence',
      'SLI charts',
      'Provenance',
    ]);
    expect(md).toContain('&lt;script>alert(1)&lt;/script>');
    expect(md).not.toContain('<script>');
    expect(md).toContain('| Gate deploys on shadow accuracy | omar | 2026-12-10 | Open |');
    const details = await audited(out.files[0]!.name, out.directory);
    expect(md).toContain(`#${details.checkpoint.treeSize}`);
    expect(md).toContain(details.checkpoint.rootHash);
    const checkpoint = JSON.parse(
      await readFile(path.join(out.directory, out.files[1]!.name), 'utf8'),
    ) as { checkpoint: { rootHash: string } };
    expect(checkpoint.checkpoint.rootHash).toBe(out.checkpoint.rootHash);

    // A second export never overwrites the first.
    const again = await author.must('postmortems.export', { id, format: 'md', language: 'en' });
    expect(again.files[0]!.name).toBe(`postmortem-${id}-r1-en-2.md`);
  });

  it('PDF in English and Arabic, read back with pdftotext, stamped on every page', async () => {
    const id = await draftPostmortem();
    const en = await author.must('postmortems.export', { id, format: 'pdf', language: 'en' });
    const enFile = path.join(en.directory, en.files[0]!.name);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', enFile, '-']);
    for (const words of [
      'Postmortem: Fraud model accuracy dropped',
      'Root causes',
      'Version v2.3.1 shipped with a stale feature map.',
      '<script>alert(1)</script> click [x]',
      'Gate deploys on shadow accuracy',
      'Where we got lucky',
      'Drift and quality evidence',
      `Produced at audit checkpoint #${en.checkpoint.treeSize}`,
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(words);
    await audited(en.files[0]!.name, en.directory);

    const ar = await author.must('postmortems.export', { id, format: 'pdf', language: 'ar' });
    const arFile = path.join(ar.directory, ar.files[0]!.name);
    const { stdout: arText } = await run('pdftotext', ['-enc', 'UTF-8', arFile, '-']);
    // reason: pdftotext splits Arabic words where glyphs join and adds bidi marks; compare letters only.
    const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
    for (const words of ['الأسباب الجذرية', 'الإجراءات المطلوبة', 'أين حالفنا الحظ'])
      expect(letters(arText)).toContain(letters(words));
    expect(ar.files[0]!.name).toBe(`postmortem-${id}-r1-ar.pdf`);
  });
});
