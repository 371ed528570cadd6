// The alert stream as operators work it: list and filter it, judge alerts useful or noise (audited),
// and see which rules make the most noise.
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../main/audit/index.ts';
import {
  COMMANDER,
  firing,
  HOUR,
  MINUTE,
  refusal,
  resolved,
  RESPONDER,
  setUpIncidents,
} from './incidentSite.ts';

const DAY = 24 * HOUR;

describe('the alert stream', () => {
  it('lists newest first and filters by state, source and incident', () => {
    const site = setUpIncidents();
    const xid = firing(
      { alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu' },
      { source: 'agent' },
    );
    const [gpuIncident] = site.send(xid).incidentIds;
    site.clock.advance(MINUTE);
    const latency = firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' });
    site.send(latency);
    site.clock.advance(MINUTE);
    site.send(resolved(latency));
    expect(site.stream.list({ limit: 10 }).map((a) => a.rule)).toEqual([
      'InferenceLatencyHigh',
      'GPUThermalThrottling',
    ]);
    expect(site.stream.list({ states: ['resolved'], limit: 10 }).map((a) => a.rule)).toEqual([
      'InferenceLatencyHigh',
    ]);
    expect(site.stream.list({ sources: ['agent'], limit: 10 }).map((a) => a.rule)).toEqual([
      'GPUThermalThrottling',
    ]);
    expect(site.stream.list({ incidentId: gpuIncident!, limit: 10 })).toHaveLength(1);
    expect(site.stream.list({ limit: 1 })).toHaveLength(1);
  });

  it('a verdict on an alert is recorded with who gave it, audited, and announced', async () => {
    const site = setUpIncidents();
    const opened = site.nextEvent('incidents.changed');
    const { alertIds, incidentIds } = site.send(firing({ service: 'llama-3-8b' }));
    await opened;
    const next = site.nextEvent('incidents.changed');
    const judged = site.stream.setVerdict(alertIds[0]!, 'noise', RESPONDER);
    expect(judged).toMatchObject({ verdict: 'noise', verdictBy: 'amal' });
    expect(await next).toMatchObject({ incidentIds, isAlertsChanged: true });
    expect(site.audit('alert.verdict')).toEqual([
      expect.objectContaining({
        actor: 'amal',
        target: `alert:${alertIds[0]}`,
        details: { verdict: 'noise', rule: 'GPUThermalThrottling', source: 'alertmanager' },
      }),
    ]);
    // Changing one's mind is allowed and audited too.
    expect(site.stream.setVerdict(alertIds[0]!, 'useful', COMMANDER)).toMatchObject({
      verdict: 'useful',
      verdictBy: 'omar',
    });
    expect(site.audit('alert.verdict')).toHaveLength(2);
    expect(verifyAuditLog(site.db, site.clock.now()).ok).toBe(true);
  });

  it('a verdict on an unknown alert is refused by name', () => {
    const site = setUpIncidents();
    expect(refusal(() => site.stream.setVerdict(77, 'useful', RESPONDER))).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no alert 77.',
    });
  });
});

describe('the noise report', () => {
  it('ranks rules by alerts judged noise, with flapping and silenced counts', () => {
    const site = setUpIncidents();
    const noisy = (host: string) =>
      firing({ alertname: 'DiskAlmostFull', cluster: 'dc1-gpu', host }, { source: 'threshold' });
    for (const host of ['gpu-01', 'gpu-02', 'gpu-03']) {
      const { alertIds } = site.send(noisy(host));
      site.stream.setVerdict(alertIds[0]!, 'noise', RESPONDER);
    }
    const useful = site.send(firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' }));
    site.stream.setVerdict(useful.alertIds[0]!, 'useful', RESPONDER);
    site.stream.createSilence(
      {
        matchers: [{ name: 'host', value: 'gpu-04', isRegex: false, isEqual: true }],
        endsAt: new Date(site.nowMs() + HOUR).toISOString(),
        reason: 'disk swap',
      },
      COMMANDER,
    );
    site.send(noisy('gpu-04'));
    expect(site.stream.noiseReport(30)).toEqual([
      {
        source: 'threshold',
        rule: 'DiskAlmostFull',
        total: 4,
        useful: 0,
        noise: 3,
        unjudged: 1,
        flapping: 0,
        silenced: 1,
      },
      {
        source: 'alertmanager',
        rule: 'InferenceLatencyHigh',
        total: 1,
        useful: 1,
        noise: 0,
        unjudged: 0,
        flapping: 0,
        silenced: 0,
      },
    ]);
  });

  it('covers only alerts received within the days asked for', () => {
    const site = setUpIncidents();
    site.send(firing({ alertname: 'OldRule', cluster: 'dc1-gpu' }));
    site.clock.advance(10 * DAY);
    site.send(firing({ alertname: 'NewRule', cluster: 'dc2-gpu' }));
    expect(site.stream.noiseReport(7).map((r) => r.rule)).toEqual(['NewRule']);
    expect(
      site.stream
        .noiseReport(30)
        .map((r) => r.rule)
        .sort(),
    ).toEqual(['NewRule', 'OldRule']);
  });
});
