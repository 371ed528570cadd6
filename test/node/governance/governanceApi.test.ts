// Retraining triggers and change records through the console's API: who may do what, bad input
// refused with a reason, four eyes at the edge, and exports for auditors (JSON and HTML, stamped
// with a signed checkpoint and audited), with free text escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpSite, type TestSite } from '../../helpers/console.ts';

const MODEL = 'llama-3-8b';
const XSS = '<script>alert(1)</script>';

describe('retraining triggers and change records through the API', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('ML engineers write rules and ask for changes; another approves; operators cannot; auditors export', async () => {
    const amal = await site.operatorWithRole('ml_engineer', 'amal');
    const omar = await site.operatorWithRole('ml_engineer', 'omar');
    const operator = await site.operatorWithRole('operator');
    const auditor = await site.operatorWithRole('auditor');

    const plain = await amal.call('retraining.setPipeline', {
      pipeline: { kind: 'webhook', url: 'http://pipeline.site.local/hook', caPem: '' },
    });
    expect(plain.ok ? null : plain.error.message).toMatch(/HTTPS only/);
    const relative = await amal.call('retraining.setPipeline', {
      pipeline: { kind: 'file_drop', directory: 'drops/incoming' },
    });
    expect(relative.ok ? null : relative.error.message).toMatch(/absolute folder path/);

    const rule = await amal.must('retraining.saveRule', {
      id: null,
      rule: {
        name: 'Drift on three features',
        model: MODEL,
        condition: { kind: 'drift_features', threshold: 0.1, minFeatures: 3, windowMinutes: 60 },
      },
    });
    expect(rule).toMatchObject({
      cooldownMinutes: 1440,
      isEnabled: true,
      updatedBy: 'amal',
      condition: { kind: 'drift_features', signal: 'feature_drifted', threshold: 0.1 },
    });
    const refused = await operator.call('retraining.saveRule', {
      id: rule.id,
      rule: {
        name: 'x',
        model: MODEL,
        condition: { kind: 'slo_burn', slo: 'acc', burnRateAtLeast: 2 },
      },
    });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await operator.must('retraining.rules', {})).items).toHaveLength(1);

    const change = await amal.must('changes.propose', {
      model: MODEL,
      kind: 'threshold_change',
      config: { threshold: 0.7, previous: 0.6 },
      reason: `Fewer false positives ${XSS}`,
    });
    expect(change).toMatchObject({ approval: 'pending', requestedBy: 'amal', source: 'operator' });
    const byOperator = await operator.call('changes.decide', {
      id: change.id,
      decision: 'approved',
      reason: 'ok',
    });
    expect(byOperator.ok ? null : byOperator.error.code).toBe('FORBIDDEN');
    const bySelf = await amal.call('changes.decide', {
      id: change.id,
      decision: 'approved',
      reason: 'ok',
    });
    expect(bySelf.ok ? null : bySelf.error.message).toMatch(/Four eyes/);
    const noReason = await omar.call('changes.decide', {
      id: change.id,
      decision: 'approved',
      reason: ' ',
    });
    expect(noReason.ok ? null : noReason.error.message).toMatch(/Say why/);
    await omar.must('changes.decide', {
      id: change.id,
      decision: 'approved',
      reason: 'Reviewed the PR curve',
    });
    const done = await amal.must('changes.recordOutcome', {
      id: change.id,
      outcome: 'applied',
      detail: 'Threshold 0.7 live on every host',
    });
    expect(done).toMatchObject({ approval: 'approved', decidedBy: 'omar', outcome: 'applied' });

    const byMl = await amal.call('changes.export', { id: null, format: 'json' });
    expect(byMl.ok ? null : byMl.error.code).toBe('FORBIDDEN');
    const json = await auditor.must('changes.export', { id: null, format: 'json' });
    const [doc, checkpoint] = json.files;
    expect(checkpoint!.name).toMatch(/\.checkpoint\.json$/);
    const exported = JSON.parse(readFileSync(join(json.directory, doc!.name), 'utf8')) as unknown;
    expect(exported).toMatchObject({
      format: 'mirqab-model-changes/v1',
      generatedBy: 'auditor',
      records: [{ id: change.id, decidedBy: 'omar', digest: change.digest }],
    });
    const html = await auditor.must('changes.export', {
      id: change.id,
      format: 'html',
      language: 'ar',
    });
    const page = readFileSync(join(html.directory, html.files[0]!.name), 'utf8');
    expect(page).toContain('dir="rtl"');
    expect(page).toContain('سجلات تغييرات النماذج');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain(XSS);
    const audit = await auditor.must('audit.list', { action: 'changes.export', limit: 10 });
    // Both exports, and the refused attempt, are in the audit log.
    expect(audit.entries.map((e) => `${e.actor} ${e.outcome}`)).toEqual([
      'auditor success',
      'auditor success',
      'amal denied',
    ]);
  });
});
