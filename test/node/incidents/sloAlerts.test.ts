// SLO burn-rate alerts feed the pipeline: a page opens (or joins) the incident for the SLO's model
// service as a critical alert, a ticket as a warning, pending ones wait, and a resolution resolves.
import { describe, expect, it } from 'vitest';
import { SloSpecSchema } from '../../../shared/domain/slo/spec.ts';
import { SloAlertSource } from '../../../main/incidents/sloAlerts.ts';
import { observeRule, type RuleObservation } from '../../../main/slo/alertRepository.ts';
import { upsertSlo } from '../../../main/slo/sloRepository.ts';
import { firing, MINUTE, setUpIncidents, type IncidentSite } from './incidentSite.ts';

function sloSite() {
  const site = setUpIncidents();
  upsertSlo(
    site.db,
    SloSpecSchema.parse({
      name: 'llama-availability',
      service: { model: 'llama-3-8b', site: 'dc1-gpu' },
      indicator: { type: 'availability', source: { kind: 'canonical' } },
      window: { type: 'rolling', days: 7 },
      objective: 0.999,
    }),
    'admin',
    site.clock.now(),
  );
  const source = new SloAlertSource(() => site.db, site.pipeline);
  return { site, source };
}

function observe(
  site: IncidentSite,
  state: RuleObservation['state'],
  severity: RuleObservation['severity'] = 'page',
) {
  return observeRule(
    site.db,
    {
      fingerprint: `llama-availability/${severity}`,
      sloName: 'llama-availability',
      severity,
      state,
      summary: 'llama-availability is burning its error budget 14.4× too fast',
      labels: { slo: 'llama-availability' },
      longMinutes: 60,
      shortMinutes: 5,
      threshold: 14.4,
      burnRateLong: 15,
      burnRateShort: 16,
    },
    site.nowMs(),
  );
}

describe('SLO burn-rate alerts in the pipeline', () => {
  it('a firing page opens a critical incident for the SLO model service', () => {
    const { site, source } = sloSite();
    const change = observe(site, 'firing');
    source.sync();
    const [alert] = site.stream.list({ limit: 10 });
    expect(alert).toMatchObject({
      source: 'slo',
      rule: 'SLOBurnRatePage',
      severity: 'critical',
      state: 'firing',
      service: 'llama-3-8b',
      cluster: 'dc1-gpu',
      sourceRef: `slo-alert:${change!.alertId}`,
      labels: { slo: 'llama-availability', alertname: 'SLOBurnRatePage', service: 'llama-3-8b' },
    });
    const incident = site.incidents.detail(alert!.incidentId!);
    // Critical, no SLA over it, no budget figures given: medium impact, high urgency.
    expect(incident).toMatchObject({
      priority: 'P2',
      category: 'inference_anomaly',
      service: 'llama-3-8b',
    });
  });

  it('syncing again with nothing new changes nothing', () => {
    const { site, source } = sloSite();
    observe(site, 'firing');
    source.sync();
    const [alert] = site.stream.list({ limit: 10 });
    const timeline = site.timeline(alert!.incidentId!).length;
    site.clock.advance(MINUTE);
    source.sync();
    source.sync();
    expect(site.stream.list({ limit: 10 })).toHaveLength(1);
    expect(site.timeline(alert!.incidentId!)).toHaveLength(timeline);
  });

  it('a pending alert waits; it goes in once it fires', () => {
    const { site, source } = sloSite();
    observe(site, 'pending');
    source.sync();
    expect(site.stream.list({ limit: 10 })).toEqual([]);
    site.clock.advance(MINUTE);
    observe(site, 'firing');
    source.sync();
    expect(site.stream.list({ limit: 10 })).toEqual([expect.objectContaining({ state: 'firing' })]);
  });

  it('a ticket goes in as a warning', () => {
    const { site, source } = sloSite();
    observe(site, 'firing', 'ticket');
    source.sync();
    expect(site.stream.list({ limit: 10 })[0]).toMatchObject({
      rule: 'SLOBurnRateTicket',
      severity: 'warning',
    });
  });

  it('when the burn stops the alert resolves and so does the incident', () => {
    const { site, source } = sloSite();
    observe(site, 'firing');
    source.sync();
    site.clock.advance(30 * MINUTE);
    observe(site, 'inactive');
    source.sync();
    const [alert] = site.stream.list({ limit: 10 });
    expect(alert).toMatchObject({ state: 'resolved', resolvedAt: site.clock.now().toISOString() });
    expect(site.incidents.detail(alert!.incidentId!).state).toBe('resolved');
  });

  it('a page for a service joins the incident Alertmanager already opened for it', () => {
    const { site, source } = sloSite();
    const [id] = site.send(
      firing({ alertname: 'InferenceErrorRateHigh', service: 'llama-3-8b' }),
    ).incidentIds;
    observe(site, 'firing');
    source.sync();
    expect(site.incidents.detail(id!).alertCount).toBe(2);
    expect(site.incidents.list({ limit: 10 }).total).toBe(1);
  });
});
