// Reading Alertmanager's webhook payload (version 4) against deliveries a real Alertmanager 0.25 sent.
import { describe, expect, it } from 'vitest';
import {
  alertmanagerTime,
  readAlertmanagerPayload,
  type AlertmanagerReading,
} from '../../../shared/domain/incidents/alertmanager.ts';
import { labelsFingerprint } from '../../../shared/domain/incidents/alerts.ts';
import { readFixture } from '../../helpers/fixtures.ts';

const delivery = (name: string): unknown =>
  JSON.parse(readFixture('alertmanager', `${name}.json`)) as unknown;

function mustRead(json: unknown): Extract<AlertmanagerReading, { ok: true }> {
  const reading = readAlertmanagerPayload(json);
  if (!reading.ok) throw new Error(reading.message);
  return reading;
}

function refused(json: unknown): string {
  const reading = readAlertmanagerPayload(json);
  if (reading.ok) throw new Error('the payload was accepted');
  return reading.message;
}

describe("a firing notification from the site's Alertmanager", () => {
  it('becomes one alert per Alertmanager alert, named by alertname, with its severity and link', () => {
    const { alerts, payload } = mustRead(delivery('group-firing'));
    expect(payload.receiver).toBe('mirqab');
    expect(payload.truncatedAlerts).toBe(0);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toEqual({
      source: 'alertmanager',
      fingerprint: '9bd95ede0631acda',
      status: 'firing',
      rule: 'TritonHighLatency',
      severity: 'critical',
      summary: 'p99 latency of fraud-scoring above 800 ms for 10m',
      labels: {
        alertname: 'TritonHighLatency',
        cluster: 'inference-a',
        instance: 'gpu-node-07:8002',
        service: 'fraud-scoring',
        severity: 'critical',
      },
      startsAtMs: Date.parse('2026-12-07T06:25:18.522Z'),
      sourceRef:
        'http://prometheus.dc1.example:9090/graph?g0.expr=histogram_quantile%280.99%2C+rate%28nv_inference_request_duration_us_bucket%5B5m%5D%29%29+%3E+800000&g0.tab=1',
    });
  });

  it('keeps no end time while the alert fires (Alertmanager sends Go zero time)', () => {
    const { alerts } = mustRead(delivery('group-firing'));
    for (const alert of alerts) expect(alert).not.toHaveProperty('endsAtMs');
    expect(alertmanagerTime('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('summarises with the summary annotation, else the description, else the alert name', () => {
    expect(mustRead(delivery('group-firing')).alerts.map((a) => a.summary)).toEqual([
      'p99 latency of fraud-scoring above 800 ms for 10m',
      'Triton queue time grew on gpu-node-08',
    ]);
    const [xid] = mustRead(delivery('single-firing')).alerts;
    expect(xid).toMatchObject({ summary: 'GpuXidErrors', severity: 'warning' });
  });

  it('computes the same fingerprint Alertmanager sends, from the labels alone', () => {
    for (const name of ['group-firing', 'single-firing', 'truncated-firing']) {
      const raw = delivery(name) as { alerts: { fingerprint: string }[] };
      const { alerts } = mustRead(raw);
      expect(alerts.map((a) => a.fingerprint)).toEqual(raw.alerts.map((a) => a.fingerprint));
      expect(alerts.map((a) => labelsFingerprint(a.labels))).toEqual(
        raw.alerts.map((a) => a.fingerprint),
      );
    }
  });

  it('reports how many alerts Alertmanager left out under max_alerts, and omits an empty link', () => {
    const { alerts, payload } = mustRead(delivery('truncated-firing'));
    expect(payload.truncatedAlerts).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).not.toHaveProperty('sourceRef');
    expect(alerts[0]!.severity).toBe('warning');
  });
});

describe('a resolved notification', () => {
  it('resolves each alert at the time Alertmanager says it ended', () => {
    const { alerts } = mustRead(delivery('group-resolved'));
    expect(alerts.map((a) => [a.status, a.endsAtMs])).toEqual([
      ['resolved', Date.parse('2026-12-07T06:35:21.558Z')],
      ['resolved', Date.parse('2026-12-07T06:35:21.558Z')],
    ]);
    const firing = mustRead(delivery('group-firing')).alerts;
    expect(alerts.map((a) => a.fingerprint)).toEqual(firing.map((a) => a.fingerprint));
  });
});

describe('what is refused, with a message that says what to fix', () => {
  const good = () => delivery('single-firing') as Record<string, unknown>;

  it('another payload version', () => {
    expect(refused({ ...good(), version: '3' })).toMatch(/version "3" is not supported.*"4"/);
    const { version: _dropped, ...unversioned } = good();
    expect(refused(unversioned)).toMatch(/version null is not supported/);
  });

  it('something that is not a payload at all', () => {
    expect(refused([good()])).toMatch(/JSON object/);
    expect(refused('firing')).toMatch(/JSON object/);
    expect(refused(null)).toMatch(/JSON object/);
  });

  it('alerts with a bad status, a missing or unset start, or labels that are not text', () => {
    const alert = (good().alerts as Record<string, unknown>[])[0]!;
    expect(refused({ ...good(), alerts: [{ ...alert, status: 'pending' }] })).toMatch(
      /alerts\.0\.status/,
    );
    expect(refused({ ...good(), alerts: [{ ...alert, startsAt: 'yesterday' }] })).toMatch(
      /alerts\.0\.startsAt: expected an RFC 3339 time/,
    );
    expect(
      refused({ ...good(), alerts: [{ ...alert, startsAt: '0001-01-01T00:00:00Z' }] }),
    ).toMatch(/alerts\.0\.startsAt: not set/);
    expect(refused({ ...good(), alerts: [{ ...alert, labels: { gpu: 3 } }] })).toMatch(
      /alerts\.0\.labels\.gpu/,
    );
  });
});

describe('times as Go writes them', () => {
  it('reads nanoseconds and zone offsets to the millisecond', () => {
    expect(alertmanagerTime('2026-12-07T06:25:18.522218731Z')).toBe(
      Date.parse('2026-12-07T06:25:18.522Z'),
    );
    expect(alertmanagerTime('2026-12-07T10:25:18+04:00')).toBe(
      Date.parse('2026-12-07T06:25:18.000Z'),
    );
  });
});
