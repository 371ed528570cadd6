// The ITIL priority matrix and the first guesses the console makes for impact, urgency and category.
import { describe, expect, it } from 'vitest';
import {
  categoryFor,
  LEVELS,
  PRIORITIES,
  priorityFor,
  priorityRank,
  suggestPriority,
  type Level,
  type Priority,
  type SuggestionInput,
} from '../../../shared/domain/incidents/index.ts';

const ITIL_MATRIX: [impact: Level, urgency: Level, priority: Priority][] = [
  ['high', 'high', 'P1'],
  ['high', 'medium', 'P2'],
  ['medium', 'high', 'P2'],
  ['high', 'low', 'P3'],
  ['medium', 'medium', 'P3'],
  ['low', 'high', 'P3'],
  ['medium', 'low', 'P4'],
  ['low', 'medium', 'P4'],
  ['low', 'low', 'P5'],
];

describe('the priority matrix', () => {
  it.each(ITIL_MATRIX)('impact %s and urgency %s make a %s incident', (impact, urgency, p) => {
    expect(priorityFor(impact, urgency)).toBe(p);
  });

  it('covers every pair of impact and urgency exactly once', () => {
    const pairs = LEVELS.flatMap((impact) => LEVELS.map((urgency) => `${impact}/${urgency}`));
    expect(ITIL_MATRIX.map(([impact, urgency]) => `${impact}/${urgency}`).sort()).toEqual(
      pairs.sort(),
    );
  });

  it('is symmetric: swapping impact and urgency never changes the priority', () => {
    for (const impact of LEVELS)
      for (const urgency of LEVELS)
        expect(priorityFor(impact, urgency)).toBe(priorityFor(urgency, impact));
  });

  it('sorts P1 first and P5 last', () => {
    expect([...PRIORITIES].sort((a, b) => priorityRank(a) - priorityRank(b))).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
    ]);
    expect(priorityRank('P1')).toBeLessThan(priorityRank('P2'));
  });
});

const calm: SuggestionInput = {
  severity: 'warning',
  slas: [],
  timeToExhaustionMinutes: null,
  breadth: 1,
};

describe('the suggested priority', () => {
  it('rates impact high for a service under an SLA, and names the SLA', () => {
    const s = suggestPriority({ ...calm, slas: ['gold-customer'] });
    expect(s.impact).toBe('high');
    expect(s.reasons[0]).toContain('gold-customer');
  });

  it('rates an info alert on an SLA service medium impact', () => {
    expect(suggestPriority({ ...calm, severity: 'info', slas: ['gold'] }).impact).toBe('medium');
  });

  it('rates impact medium when several services are hit or a critical alert has no SLA', () => {
    const broad = suggestPriority({ ...calm, breadth: 3 });
    expect(broad.impact).toBe('medium');
    expect(broad.reasons[0]).toContain('3 services or hosts');
    const critical = suggestPriority({ ...calm, severity: 'critical' });
    expect(critical.impact).toBe('medium');
    expect(critical.reasons[0]).toContain('critical alert');
  });

  it('rates one host with no SLA low impact', () => {
    expect(suggestPriority(calm).impact).toBe('low');
  });

  it.each([
    [5, 'high'],
    [59.9, 'high'],
    [60, 'medium'],
    [23 * 60, 'medium'],
    [24 * 60, 'low'],
    [7 * 24 * 60, 'low'],
  ] as const)(
    'rates urgency from the error budget: exhausted in %d min is %s',
    (minutes, urgency) => {
      const s = suggestPriority({
        ...calm,
        severity: 'critical',
        timeToExhaustionMinutes: minutes,
      });
      expect(s.urgency).toBe(urgency);
      expect(s.reasons[1]).toContain(`runs out in ${Math.round(minutes)} min`);
    },
  );

  it.each([
    ['critical', 'high'],
    ['warning', 'medium'],
    ['info', 'low'],
  ] as const)('with no budget burning, a %s alert is %s urgency', (severity, urgency) => {
    const s = suggestPriority({ ...calm, severity });
    expect(s.urgency).toBe(urgency);
    expect(s.reasons[1]).toContain(`${severity} severity`);
  });

  it('makes an SLA service whose budget runs out within the hour a P1', () => {
    const s = suggestPriority({ ...calm, slas: ['gold'], timeToExhaustionMinutes: 20 });
    expect(priorityFor(s.impact, s.urgency)).toBe('P1');
  });
});

describe('the suggested category', () => {
  it.each([
    ['CertificateExpiringSoon', 'alertmanager', 'security_privacy'],
    ['PredictionDriftHigh', 'model', 'model_accuracy'],
    ['FeatureStoreFreshnessLag', 'threshold', 'data_pipeline'],
    ['SLOBurnRatePage', 'slo', 'inference_anomaly'],
    ['InferenceLatencyHigh', 'alertmanager', 'inference_anomaly'],
    ['SomethingOnTheHost', 'agent', 'gpu_infrastructure'],
    ['GPUThermalThrottling', 'alertmanager', 'gpu_infrastructure'],
    ['BackupWindowOverrun', 'threshold', 'other'],
  ] as const)('%s from the %s source is filed under %s', (rule, source, category) => {
    expect(categoryFor(source, rule, {})).toBe(category);
  });

  it.each(['GPUXidError', 'GPUECCDoubleBitErrors', 'NVLinkErrors', 'DCGMRowRemapError'])(
    'a GPU hardware error (%s) is filed under GPU infrastructure, not inference',
    (rule) => {
      expect(categoryFor('alertmanager', rule, {})).toBe('gpu_infrastructure');
      expect(categoryFor('agent', rule, {})).toBe('gpu_infrastructure');
    },
  );

  it('takes the category label into account', () => {
    expect(categoryFor('alertmanager', 'Custom', { category: 'kafka' })).toBe('data_pipeline');
  });

  it('puts security first: a TLS error on an inference endpoint is a security incident', () => {
    expect(categoryFor('alertmanager', 'InferenceTLSHandshakeErrors', {})).toBe('security_privacy');
  });
});
