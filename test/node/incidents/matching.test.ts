// Silence matchers behave like Alertmanager's (=, !=, =~, !~, anchored regexes); alerts group by
// service, else cluster, else rule; fingerprints are Prometheus' label-set fingerprints.
import { describe, expect, it } from 'vitest';
import {
  allMatch,
  groupKeyFor,
  labelsFingerprint,
  matcherError,
  matches,
  routingLabels,
  severityFromLabel,
  type LabelMatcher,
} from '../../../shared/domain/incidents/index.ts';
import { firing } from './incidentSite.ts';

const eq = (name: string, value: string): LabelMatcher => ({
  name,
  value,
  isRegex: false,
  isEqual: true,
});
const ne = (name: string, value: string): LabelMatcher => ({ ...eq(name, value), isEqual: false });
const re = (name: string, value: string): LabelMatcher => ({ ...eq(name, value), isRegex: true });
const nre = (name: string, value: string): LabelMatcher => ({ ...re(name, value), isEqual: false });

const llama = { alertname: 'InferenceLatencyHigh', service: 'llama-3-8b', cluster: 'dc1-gpu' };

describe('silence matchers', () => {
  it('= matches the exact value only', () => {
    expect(matches(eq('service', 'llama-3-8b'), llama)).toBe(true);
    expect(matches(eq('service', 'llama-3'), llama)).toBe(false);
    expect(matches(eq('service', 'LLAMA-3-8B'), llama)).toBe(false);
  });

  it('!= matches any other value', () => {
    expect(matches(ne('service', 'mistral-7b'), llama)).toBe(true);
    expect(matches(ne('service', 'llama-3-8b'), llama)).toBe(false);
  });

  it('=~ is anchored at both ends, as in Alertmanager', () => {
    expect(matches(re('service', 'llama-.*'), llama)).toBe(true);
    expect(matches(re('service', 'llama'), llama)).toBe(false);
    expect(matches(re('service', '3-8b'), llama)).toBe(false);
    expect(matches(re('service', '.*3-8b'), llama)).toBe(true);
  });

  it('anchoring covers every branch of an alternation', () => {
    expect(matches(re('service', 'mistral|llama'), llama)).toBe(false);
    expect(matches(re('service', 'mistral-7b|llama-3-8b'), llama)).toBe(true);
  });

  it('!~ matches values the anchored pattern does not', () => {
    expect(matches(nre('service', 'mistral.*'), llama)).toBe(true);
    expect(matches(nre('service', 'llama.*'), llama)).toBe(false);
    expect(matches(nre('service', 'llama'), llama)).toBe(true);
  });

  it('a missing label reads as empty, as in Alertmanager', () => {
    expect(matches(eq('gpu', ''), llama)).toBe(true);
    expect(matches(ne('gpu', ''), llama)).toBe(false);
    expect(matches(re('gpu', '.*'), llama)).toBe(true);
    expect(matches(re('gpu', '.+'), llama)).toBe(false);
  });

  it('an invalid regular expression is named and never matches', () => {
    expect(matcherError(re('service', 'llama-(3'))).toBe(
      '"llama-(3" is not a valid regular expression',
    );
    expect(matches(re('service', 'llama-(3'), llama)).toBe(false);
    expect(matcherError(re('service', 'llama-.*'))).toBeNull();
    expect(matcherError(eq('service', 'llama-(3'))).toBeNull();
  });

  it('a silence applies only when every matcher matches, and never with no matchers', () => {
    expect(allMatch([eq('service', 'llama-3-8b'), re('cluster', 'dc1-.*')], llama)).toBe(true);
    expect(allMatch([eq('service', 'llama-3-8b'), eq('cluster', 'dc2-gpu')], llama)).toBe(false);
    expect(allMatch([], llama)).toBe(false);
  });
});

describe('grouping alerts into incidents', () => {
  it('groups by service first, then model, then cluster, then rule', () => {
    expect(groupKeyFor({ service: 'llama-3-8b', model: 'x', cluster: 'dc1' }, 'R')).toBe(
      'service:llama-3-8b',
    );
    expect(groupKeyFor({ model: 'llama-3-8b', cluster: 'dc1' }, 'R')).toBe('service:llama-3-8b');
    expect(groupKeyFor({ cluster: 'dc1-gpu', host: 'gpu-07' }, 'R')).toBe('cluster:dc1-gpu');
    expect(groupKeyFor({ host: 'gpu-07' }, 'GPUXidError')).toBe('rule:GPUXidError');
  });

  it('an incident_group label overrides the service', () => {
    expect(groupKeyFor({ incident_group: 'dc1-power', service: 'llama-3-8b' }, 'R')).toBe(
      'group:dc1-power',
    );
  });

  it('routes on the alert labels plus its rule and source', () => {
    const alert = firing({ service: 'llama-3-8b' }, { rule: 'Other', source: 'threshold' });
    expect(routingLabels(alert)).toEqual({
      alertname: 'GPUThermalThrottling',
      service: 'llama-3-8b',
      source: 'threshold',
    });
    const unnamed = { ...alert, labels: { service: 'llama-3-8b' } };
    expect(routingLabels(unnamed).alertname).toBe('Other');
  });
});

describe('alert fingerprints', () => {
  it('an empty label set has the FNV-1a offset basis as its fingerprint, as in Prometheus', () => {
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
  });

  it("matches Prometheus' LabelSet.Fingerprint on its own test vector", () => {
    // prometheus/common model: {name: "garland, briggs", fear: "love is not enough"} → 5799056148416392346
    const expected = 5799056148416392346n.toString(16).padStart(16, '0');
    expect(labelsFingerprint({ name: 'garland, briggs', fear: 'love is not enough' })).toBe(
      expected,
    );
  });

  it('does not depend on the order the labels arrive in', () => {
    expect(labelsFingerprint({ a: '1', b: '2', c: '3' })).toBe(
      labelsFingerprint({ c: '3', a: '1', b: '2' }),
    );
  });

  it('tells label sets apart even when their concatenation is the same', () => {
    expect(labelsFingerprint({ ab: 'c' })).not.toBe(labelsFingerprint({ a: 'bc' }));
    expect(labelsFingerprint({ service: 'llama' })).not.toBe(
      labelsFingerprint({ service: 'llama', gpu: '' }),
    );
  });

  it('hashes non-ASCII values as UTF-8', () => {
    const arabic = labelsFingerprint({ site: 'أبوظبي' });
    expect(arabic).toMatch(/^[0-9a-f]{16}$/);
    expect(arabic).not.toBe(labelsFingerprint({ site: 'abu-dhabi' }));
  });
});

describe('severity labels', () => {
  it.each([
    ['page', 'critical'],
    ['P1', 'critical'],
    ['critical', 'critical'],
    ['ticket', 'warning'],
    ['warning', 'warning'],
    [undefined, 'warning'],
    ['info', 'info'],
    ['none', 'info'],
  ] as const)('a severity label %s is %s', (label, severity) => {
    expect(severityFromLabel(label)).toBe(severity);
  });
});
