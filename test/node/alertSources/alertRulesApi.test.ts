// Threshold rules through the console's API: who may read and write them, what is refused and why,
// and the audit trail every change leaves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThresholdRuleInput } from '../../../shared/domain/alertRules/index.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';

const hotGpu: ThresholdRuleInput = {
  name: 'GpuTooHot',
  metric: 'gpu_temperature_celsius',
  operator: '>',
  threshold: 90,
  clearThreshold: 85,
  forSeconds: 300,
  matchers: [{ name: 'cluster', value: 'DGX pod A' }],
  severity: 'critical',
};

describe('threshold rules through the API', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await setUpSite();
  });
  afterEach(() => site.cleanup());

  it('an ML engineer creates, changes and deletes a rule; every step is audited and a viewer can read them', async () => {
    const engineer = await site.operatorWithRole('ml_engineer');
    const created = await engineer.must('alertRules.save', { rule: hotGpu });
    expect(created).toMatchObject({
      ...hotGpu,
      matchers: [{ name: 'cluster', value: 'DGX pod A', isRegex: false, isEqual: true }],
      description: '',
      isEnabled: true,
      updatedBy: 'ml-engineer',
      updatedAtMs: site.clock.now().getTime(),
    });
    const viewer = await site.operatorWithRole('viewer');
    expect(await viewer.must('alertRules.list', {})).toEqual([created]);

    const changed = await engineer.must('alertRules.save', {
      id: created.id,
      rule: { ...hotGpu, name: 'GpuOverheating', threshold: 92, forSeconds: 120 },
    });
    expect(changed).toMatchObject({ id: created.id, name: 'GpuOverheating', threshold: 92 });
    await engineer.must('alertRules.delete', { id: created.id });
    expect(await viewer.must('alertRules.list', {})).toEqual([]);

    const audit = await site.admin.must('audit.list', { text: 'alertRule.', limit: 10 });
    expect(audit.entries.map((e) => [e.action, e.actor, e.target]).reverse()).toEqual([
      ['alertRule.create', 'ml-engineer', 'alertRule:GpuTooHot'],
      ['alertRule.update', 'ml-engineer', 'alertRule:GpuOverheating'],
      ['alertRule.delete', 'ml-engineer', 'alertRule:GpuOverheating'],
    ]);
    expect(audit.entries.at(-2)?.details).toMatchObject({
      before: { name: 'GpuTooHot', threshold: 90 },
      after: { name: 'GpuOverheating', threshold: 92 },
    });
  });

  it('refuses viewers and operators who may not edit rules', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const someone = await site.operatorWithRole(role);
      expect(await someone.call('alertRules.save', { rule: hotGpu })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await site.admin.must('alertRules.list', {})).toEqual([]);
  });

  it('says what is wrong with a rule: a clear level on the wrong side, a bad pattern, a taken name, an unknown rule', async () => {
    const wrongSide = await site.admin.call('alertRules.save', {
      rule: { ...hotGpu, clearThreshold: 95 },
    });
    expect(wrongSide).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!wrongSide.ok)
      expect(wrongSide.error.message).toBe(
        'rule.clearThreshold: A rule that fires above 90 must clear at or below it (e.g. fire above 90, clear below 85)',
      );
    const badPattern = await site.admin.call('alertRules.save', {
      rule: { ...hotGpu, matchers: [{ name: 'host', value: 'gpu-(', isRegex: true }] },
    });
    expect(badPattern).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringContaining('rule.matchers.0.value') as unknown,
      },
    });

    await site.admin.must('alertRules.save', { rule: hotGpu });
    const other = await site.admin.must('alertRules.save', { rule: { ...hotGpu, name: 'Other' } });
    expect(await site.admin.call('alertRules.save', { id: other.id, rule: hotGpu })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'A rule named "GpuTooHot" already exists.' },
    });
    expect(
      await site.admin.call('alertRules.save', { id: 999, rule: { ...hotGpu, name: 'New' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await site.admin.call('alertRules.delete', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('offers no signals before the fleet has reported any', async () => {
    expect(await site.admin.must('alertRules.signals', {})).toEqual({
      metrics: [],
      labelValues: { cluster: [], host: [], gpu: [], model: [], version: [], server: [] },
    });
  });
});
