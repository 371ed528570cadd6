// The alert pipeline: one firing alert opens an incident, redeliveries change nothing, alerts about
// the same service join it, the incident resolves itself when they all resolve and reopens if the
// problem comes back soon; flapping alerts are held back.
import { describe, expect, it } from 'vitest';
import { SlaSpecSchema } from '../../../shared/domain/slo/sla.ts';
import { verifyAuditLog } from '../../../main/audit/index.ts';
import { upsertSla } from '../../../main/slo/slaRepository.ts';
import { get, run, sql } from '../../../main/store/sql.ts';
import {
  firing,
  HOUR,
  MINUTE,
  resolved,
  RESPONDER,
  setUpIncidents,
  sloSummary,
} from './incidentSite.ts';

const llamaLatency = firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' });

describe('a firing alert', () => {
  it('opens a New incident with the suggested priority and category, on the timeline and in the audit log', () => {
    const site = setUpIncidents();
    const result = site.send(llamaLatency);
    expect(result.incidentIds).toHaveLength(1);
    expect(result.openedIncidentIds).toEqual(result.incidentIds);
    const incident = site.incidents.detail(result.incidentIds[0]!);
    // A warning on a service with no SLA and no budget burning: low impact, medium urgency.
    expect(incident).toMatchObject({
      state: 'new',
      priority: 'P4',
      impact: 'low',
      urgency: 'medium',
      category: 'inference_anomaly',
      service: 'llama-3-8b',
      title: 'InferenceLatencyHigh on llama-3-8b',
      isDrill: false,
      openedAt: site.clock.now().toISOString(),
      detectedAt: new Date(llamaLatency.startsAtMs).toISOString(),
      alertCount: 1,
      firingAlertCount: 1,
    });
    expect(incident.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['opened', 'system:incidents'],
      ['alert', null],
    ]);
    expect(incident.timeline[0]!.text).toMatch(
      /^Opened as P4 from the alertmanager alert InferenceLatencyHigh\.$/,
    );
    expect(incident.alerts).toEqual([
      expect.objectContaining({
        id: result.alertIds[0],
        state: 'firing',
        fingerprint: llamaLatency.fingerprint,
        incidentId: incident.id,
        silenceId: null,
        isFlapping: false,
      }),
    ]);
    const [opened] = site.audit('incident.open');
    expect(opened).toMatchObject({
      actor: 'system:incidents',
      role: 'system',
      target: `incident:${incident.id}`,
      outcome: 'success',
      details: {
        priority: 'P4',
        rule: 'InferenceLatencyHigh',
        source: 'alertmanager',
        fingerprint: llamaLatency.fingerprint,
        groupKey: 'service:llama-3-8b',
      },
    });
    expect(verifyAuditLog(site.db, site.clock.now())).toMatchObject({ ok: true, count: 1 });
  });

  it('on a service under an SLA whose error budget runs out within the hour opens a P1', () => {
    const site = setUpIncidents();
    upsertSla(
      site.db,
      SlaSpecSchema.parse({
        name: 'gold-customer',
        customer: 'Ministry of Health',
        slos: ['llama-availability'],
        target: 0.995,
      }),
      'admin',
      site.clock.now(),
    );
    site.sloSummaries.push(sloSummary('llama-availability', 'llama-3-8b', 25));
    const [id] = site.send(llamaLatency).incidentIds;
    const incident = site.incidents.detail(id!);
    expect(incident).toMatchObject({ priority: 'P1', impact: 'high', urgency: 'high' });
    expect(incident.timeline[0]!.details.reasons).toEqual([
      'Impact high: the service is under SLA gold-customer.',
      'Urgency high: the error budget runs out in 25 min at the current burn rate.',
    ]);
    expect(incident.slos).toEqual(['llama-availability']);
  });

  it('delivered again changes nothing: same alert, same incident, no new timeline entry', () => {
    const site = setUpIncidents();
    const first = site.send(llamaLatency);
    site.clock.advance(MINUTE);
    const again = site.send(llamaLatency);
    expect(again).toEqual({ alertIds: [], incidentIds: [], openedIncidentIds: [] });
    const all = site.stream.list({ limit: 100 });
    expect(all.map((a) => a.id)).toEqual(first.alertIds);
    expect(site.incidents.list({ limit: 100 }).total).toBe(1);
    expect(site.timeline(first.incidentIds[0]!)).toHaveLength(2);
    expect(site.audit('incident.open')).toHaveLength(1);
    // It was seen again, though.
    expect(all[0]!.lastSeenAt).toBe(site.clock.now().toISOString());
  });

  it('resolves when its resolution arrives, and a second resolution changes nothing', () => {
    const site = setUpIncidents();
    const { alertIds, incidentIds } = site.send(llamaLatency);
    site.clock.advance(10 * MINUTE);
    const endsAtMs = site.nowMs() - MINUTE;
    expect(site.send(resolved(llamaLatency, endsAtMs))).toEqual({
      alertIds,
      incidentIds,
      openedIncidentIds: [],
    });
    expect(site.alert(alertIds[0]!)).toMatchObject({
      state: 'resolved',
      resolvedAt: new Date(endsAtMs).toISOString(),
    });
    const timelineLength = site.timeline(incidentIds[0]!).length;
    const auditCount = site.audit('incident.transition').length;
    site.clock.advance(MINUTE);
    expect(site.send(resolved(llamaLatency))).toEqual({
      alertIds: [],
      incidentIds: [],
      openedIncidentIds: [],
    });
    expect(site.timeline(incidentIds[0]!)).toHaveLength(timelineLength);
    expect(site.audit('incident.transition')).toHaveLength(auditCount);
    expect(site.stream.list({ limit: 100 })).toHaveLength(1);
  });

  it('a resolution for an alert never seen is ignored', () => {
    const site = setUpIncidents();
    expect(site.send(resolved(llamaLatency)).alertIds).toEqual([]);
    expect(site.stream.list({ limit: 100 })).toEqual([]);
  });

  it('never dates its resolution in the future', () => {
    const site = setUpIncidents();
    const { alertIds } = site.send(llamaLatency);
    site.send(resolved(llamaLatency, site.nowMs() + HOUR));
    expect(site.alert(alertIds[0]!).resolvedAt).toBe(site.clock.now().toISOString());
  });
});

describe('grouping', () => {
  it('a second alert for the same service joins the open incident', () => {
    const site = setUpIncidents();
    const [first] = site.send(llamaLatency).incidentIds;
    site.clock.advance(5 * MINUTE);
    const errors = firing({ alertname: 'InferenceErrorRateHigh', service: 'llama-3-8b' });
    const joined = site.send(errors);
    expect(joined.incidentIds).toEqual([first]);
    expect(joined.openedIncidentIds).toEqual([]);
    const detail = site.incidents.detail(first!);
    expect(detail.alertCount).toBe(2);
    expect(detail.timeline.at(-1)!.text).toBe('Alert firing: InferenceErrorRateHigh on llama-3-8b');
    expect(site.audit('incident.open')).toHaveLength(1);
  });

  it('an alert on a different cluster without a service opens another incident', () => {
    const site = setUpIncidents();
    const dc1 = site.send(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu' }));
    const dc1Again = site.send(
      firing({ alertname: 'NodeDiskPressure', cluster: 'dc1-gpu', host: 'gpu-07' }),
    );
    const dc2 = site.send(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc2-gpu' }));
    expect(dc1Again.incidentIds).toEqual(dc1.incidentIds);
    expect(dc2.incidentIds).not.toEqual(dc1.incidentIds);
    expect(dc2.openedIncidentIds).toEqual(dc2.incidentIds);
    expect(site.incidents.detail(dc2.incidentIds[0]!).cluster).toBe('dc2-gpu');
  });

  it('an earlier-starting alert that joins moves the detection time back', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    const earlier = llamaLatency.startsAtMs - 10 * MINUTE;
    site.send(
      firing({ alertname: 'QueueDepthHigh', service: 'llama-3-8b' }, { startsAtMs: earlier }),
    );
    expect(site.incidents.detail(id!).detectedAt).toBe(new Date(earlier).toISOString());
  });

  it('a drill alert opens a drill incident of its own, apart from the real one', () => {
    const site = setUpIncidents();
    const [real] = site.send(llamaLatency).incidentIds;
    const drill = site.send(
      firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b', drill: 'q4-gameday' }),
    );
    expect(drill.openedIncidentIds).toHaveLength(1);
    expect(drill.incidentIds).not.toContain(real);
    expect(site.incidents.detail(drill.incidentIds[0]!).isDrill).toBe(true);
    expect(site.incidents.counts().open).toBe(1);
  });
});

describe('resolving and reopening by itself', () => {
  it('an incident resolves when every alert in it has resolved, audited as the system', () => {
    const site = setUpIncidents();
    const errors = firing({ alertname: 'InferenceErrorRateHigh', service: 'llama-3-8b' });
    const [id] = site.send(llamaLatency).incidentIds;
    site.send(errors);
    site.clock.advance(20 * MINUTE);
    site.send(resolved(llamaLatency));
    expect(site.incidents.detail(id!).state).toBe('new');
    site.clock.advance(5 * MINUTE);
    site.send(resolved(errors));
    const detail = site.incidents.detail(id!);
    expect(detail).toMatchObject({
      state: 'resolved',
      resolvedAt: site.clock.now().toISOString(),
      firingAlertCount: 0,
    });
    // A P4's resolution target is 72 hours: met in 25 minutes.
    expect(detail.resolve).toMatchObject({ status: 'met', elapsedMs: 25 * MINUTE });
    expect(detail.timeline.at(-1)).toMatchObject({
      kind: 'state',
      actor: 'system:incidents',
      text: 'Resolved: every alert in the incident has resolved (was new).',
    });
    expect(site.audit('incident.transition')).toEqual([
      expect.objectContaining({
        actor: 'system:incidents',
        role: 'system',
        target: `incident:${id}`,
        details: { from: 'new', to: 'resolved', reason: 'all alerts resolved' },
      }),
    ]);
    expect(verifyAuditLog(site.db, site.clock.now()).ok).toBe(true);
  });

  it('a recurrence within the reopen window reopens the incident instead of opening another', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    site.send(resolved(llamaLatency));
    site.clock.advance(45 * MINUTE);
    const again = site.send(llamaLatency);
    expect(again.incidentIds).toEqual([id]);
    expect(again.openedIncidentIds).toEqual([]);
    const detail = site.incidents.detail(id!);
    expect(detail).toMatchObject({ state: 'in_progress', resolvedAt: null, firingAlertCount: 1 });
    expect(detail.resolve.status).not.toBe('met');
    expect(detail.timeline.filter((e) => e.kind === 'state').at(-1)).toMatchObject({
      actor: 'system:incidents',
      text: 'Reopened: the problem came back (InferenceLatencyHigh on llama-3-8b).',
    });
    expect(site.audit('incident.transition').at(-1)).toMatchObject({
      actor: 'system:incidents',
      details: { from: 'resolved', to: 'in_progress', reason: 'alert recurred' },
    });
    expect(site.incidents.list({ limit: 10 }).total).toBe(1);
  });

  it('a recurrence after the reopen window opens a new incident', () => {
    const site = setUpIncidents();
    const [first] = site.send(llamaLatency).incidentIds;
    site.send(resolved(llamaLatency));
    site.clock.advance(61 * MINUTE);
    const again = site.send(llamaLatency);
    expect(again.openedIncidentIds).toHaveLength(1);
    expect(again.incidentIds).not.toContain(first);
    expect(site.incidents.detail(first!).state).toBe('resolved');
  });

  it('an incident On Hold resolves by itself too, leaving the hold out of its resolution time', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    site.clock.advance(10 * MINUTE);
    site.incidents.transition(id!, 'on_hold', 'vendor ticket', RESPONDER);
    site.clock.advance(2 * HOUR);
    site.send(resolved(llamaLatency));
    expect(site.incidents.detail(id!)).toMatchObject({
      state: 'resolved',
      resolve: { status: 'met', elapsedMs: 10 * MINUTE },
    });
  });

  it('an incident that resolved by itself before anyone acknowledged it stops its response clock', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    site.clock.advance(5 * MINUTE);
    site.send(resolved(llamaLatency));
    // Days later the P4's 8-hour response target has long passed, but nothing was left to respond to.
    site.clock.advance(3 * 24 * HOUR);
    const { respond } = site.incidents.detail(id!);
    expect(respond).toMatchObject({ elapsedMs: 5 * MINUTE, dueAt: null });
    expect(['met', 'missed']).toContain(respond.status);
  });

  it('a reopened incident warns again about its resolution target, as after an operator reopens it', () => {
    const site = setUpIncidents();
    const resolveWarned = (id: number) =>
      get<{ resolve_warned: number }>(
        site.db,
        sql`SELECT resolve_warned FROM incidents WHERE id = ${id}`,
      )?.resolve_warned;
    const [id] = site.send(llamaLatency).incidentIds;
    // Escalation warned that the resolution target was at risk.
    run(site.db, sql`UPDATE incidents SET resolve_warned = 1 WHERE id = ${id!}`);
    site.incidents.transition(id!, 'resolved', undefined, RESPONDER);
    site.incidents.transition(id!, 'in_progress', 'errors came back', RESPONDER);
    expect(resolveWarned(id!)).toBe(0);
    run(site.db, sql`UPDATE incidents SET resolve_warned = 1 WHERE id = ${id!}`);
    site.send(resolved(llamaLatency));
    site.clock.advance(10 * MINUTE);
    site.send(llamaLatency);
    expect(site.incidents.detail(id!).state).toBe('in_progress');
    expect(resolveWarned(id!)).toBe(0);
  });

  it('leaves incidents open when auto-resolve is turned off', () => {
    const site = setUpIncidents({ isAutoResolve: false });
    const [id] = site.send(llamaLatency).incidentIds;
    site.send(resolved(llamaLatency));
    expect(site.incidents.detail(id!)).toMatchObject({ state: 'new', firingAlertCount: 0 });
  });

  it('an incident an operator closed is not reopened: the recurrence opens a new one', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    site.send(resolved(llamaLatency));
    site.incidents.transition(id!, 'closed', undefined, { username: 'omar', role: 'admin' });
    site.clock.advance(5 * MINUTE);
    const again = site.send(llamaLatency);
    expect(again.openedIncidentIds).toHaveLength(1);
    expect(site.incidents.detail(id!).state).toBe('closed');
  });
});
