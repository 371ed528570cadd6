// Mean time to detect, acknowledge and resolve, as documented in shared/domain/incidents/mttx.ts:
// MTTD from the first alert's start to opening, MTTA opening to acknowledgement, MTTR opening to
// resolution; per priority, category and service, and week by week in the site's zone. Drills and
// canceled incidents are left out.
import { describe, expect, it } from 'vitest';
import { mttx, mttxBy, type MttxInput } from '../../../shared/domain/incidents/index.ts';
import { COMMANDER, firing, MINUTE, resolved, RESPONDER, setUpIncidents } from './incidentSite.ts';

const T0 = Date.parse('2026-11-26T06:00:00.000Z');
const incident = (
  detected: number,
  opened: number,
  acknowledged: number | null,
  resolvedAt: number | null,
): MttxInput => ({
  detectedAtMs: T0 + detected * MINUTE,
  openedAtMs: T0 + opened * MINUTE,
  acknowledgedAtMs: acknowledged === null ? null : T0 + acknowledged * MINUTE,
  resolvedAtMs: resolvedAt === null ? null : T0 + resolvedAt * MINUTE,
});

describe('MTTD, MTTA and MTTR', () => {
  it('are empty for no incidents', () => {
    expect(mttx([])).toEqual({ count: 0, mttdMinutes: null, mttaMinutes: null, mttrMinutes: null });
  });

  it('average detection, acknowledgement and resolution in minutes', () => {
    expect(mttx([incident(0, 2, 12, 62), incident(0, 4, 8, 24)])).toEqual({
      count: 2,
      mttdMinutes: 3,
      mttaMinutes: 7,
      mttrMinutes: 40,
    });
  });

  it('leave unacknowledged and unresolved incidents out of MTTA and MTTR, not out of MTTD', () => {
    expect(mttx([incident(0, 6, null, null), incident(0, 0, 10, null)])).toEqual({
      count: 2,
      mttdMinutes: 3,
      mttaMinutes: 10,
      mttrMinutes: null,
    });
  });

  it('never count a negative time (a clock skewed between sources)', () => {
    expect(mttx([incident(5, 0, -1, -2)])).toEqual({
      count: 1,
      mttdMinutes: 0,
      mttaMinutes: 0,
      mttrMinutes: 0,
    });
  });

  it('group by a key, keys in order', () => {
    const rows = [
      { ...incident(0, 1, 2, 3), priority: 'P3' },
      { ...incident(0, 1, 5, 9), priority: 'P1' },
      { ...incident(0, 3, 5, 9), priority: 'P1' },
    ];
    expect(mttxBy(rows, (r) => r.priority)).toEqual([
      { key: 'P1', value: { count: 2, mttdMinutes: 2, mttaMinutes: 3, mttrMinutes: 7 } },
      { key: 'P3', value: { count: 1, mttdMinutes: 1, mttaMinutes: 1, mttrMinutes: 2 } },
    ]);
  });
});

describe('incident statistics', () => {
  it('per priority, category and service and week by week in Dubai, without drills or canceled incidents', () => {
    const site = setUpIncidents();
    expect(site.nowMs()).toBe(T0);
    // A: opened by an alert that began 2 minutes earlier; acknowledged after 10, resolved after 60.
    const latency = firing(
      { alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' },
      { startsAtMs: T0 - 2 * MINUTE },
    );
    const [a] = site.send(latency).incidentIds;
    site.clock.advance(10 * MINUTE);
    site.incidents.acknowledge(a!, RESPONDER);
    site.clock.advance(50 * MINUTE);
    site.send(resolved(latency));
    // B: declared P1 on another service; acknowledged after 4, resolved after 20.
    const b = site.incidents.declare(
      {
        title: 'mistral-7b timeouts',
        impact: 'high',
        urgency: 'high',
        category: 'inference_anomaly',
        service: 'mistral-7b',
      },
      COMMANDER,
    ).id;
    site.clock.advance(4 * MINUTE);
    site.incidents.acknowledge(b, RESPONDER);
    site.clock.advance(16 * MINUTE);
    site.incidents.transition(b, 'resolved', undefined, RESPONDER);
    // Neither a game-day drill nor a canceled duplicate counts.
    const [drill] = site.send(
      firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu', drill: 'q4' }),
    ).incidentIds;
    site.clock.advance(MINUTE);
    site.incidents.acknowledge(drill!, RESPONDER);
    const duplicate = site.incidents.declare(
      { title: 'dup', impact: 'low', urgency: 'low', category: 'other' },
      COMMANDER,
    ).id;
    site.incidents.transition(duplicate, 'canceled', 'duplicate of B', COMMANDER);
    // D: Monday 01:00 in Dubai is still Sunday in UTC; it belongs to Monday's week.
    site.clock.advance(Date.parse('2026-11-29T21:00:00.000Z') - site.nowMs());
    site.incidents.declare(
      {
        title: 'Rack 4 power',
        impact: 'medium',
        urgency: 'medium',
        category: 'gpu_infrastructure',
      },
      COMMANDER,
    );
    site.clock.advance(Date.parse('2026-12-03T07:00:00.000Z') - site.nowMs());

    const stats = site.incidents.stats(14);
    expect(stats.from).toBe('2026-11-19T07:00:00.000Z');
    expect(stats.to).toBe('2026-12-03T07:00:00.000Z');
    expect(stats.overall).toEqual({
      count: 3,
      mttdMinutes: 2 / 3,
      mttaMinutes: 7,
      mttrMinutes: 40,
    });
    expect(stats.byPriority).toEqual([
      { key: 'P1', count: 1, mttdMinutes: 0, mttaMinutes: 4, mttrMinutes: 20 },
      { key: 'P3', count: 1, mttdMinutes: 0, mttaMinutes: null, mttrMinutes: null },
      { key: 'P4', count: 1, mttdMinutes: 2, mttaMinutes: 10, mttrMinutes: 60 },
    ]);
    expect(stats.byCategory).toEqual([
      { key: 'gpu_infrastructure', count: 1, mttdMinutes: 0, mttaMinutes: null, mttrMinutes: null },
      { key: 'inference_anomaly', count: 2, mttdMinutes: 1, mttaMinutes: 7, mttrMinutes: 40 },
    ]);
    expect(Object.fromEntries(stats.byService.map(({ key, count }) => [key, count]))).toEqual({
      'llama-3-8b': 1,
      'mistral-7b': 1,
      '—': 1,
    });
    // Weeks start on Monday at midnight in Asia/Dubai (20:00 UTC on Sunday).
    expect(stats.trend.map((w) => [w.weekStart, w.count])).toEqual([
      ['2026-11-15T20:00:00.000Z', 0],
      ['2026-11-22T20:00:00.000Z', 2],
      ['2026-11-29T20:00:00.000Z', 1],
    ]);
    expect(stats.trend[0]).toMatchObject({
      mttdMinutes: null,
      mttaMinutes: null,
      mttrMinutes: null,
    });
    expect(stats.trend[1]).toMatchObject({ mttaMinutes: 7, mttrMinutes: 40 });
  });

  it('cover only incidents opened within the range', () => {
    const site = setUpIncidents();
    site.incidents.declare(
      { title: 'old', impact: 'low', urgency: 'low', category: 'other' },
      COMMANDER,
    );
    site.clock.advance(3 * 24 * 60 * MINUTE);
    site.incidents.declare(
      { title: 'recent', impact: 'low', urgency: 'low', category: 'other' },
      COMMANDER,
    );
    site.clock.advance(MINUTE);
    expect(site.incidents.stats(2).overall.count).toBe(1);
    expect(site.incidents.stats(7).overall.count).toBe(2);
  });
});
