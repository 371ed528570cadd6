// Silences: an operator holds back alerts by their labels for a while. Matching alerts are kept
// (suppressed) but open no incident; when the silence ends, those still firing go back through the
// pipeline. Creating and expiring one is audited; a silence that would hide everything is refused.
import { describe, expect, it } from 'vitest';
import type { LabelMatcher } from '../../../shared/domain/incidents/index.ts';
import { verifyAuditLog } from '../../../main/audit/index.ts';
import {
  COMMANDER,
  firing,
  HOUR,
  MINUTE,
  refusal,
  resolved,
  setUpIncidents,
  type IncidentSite,
} from './incidentSite.ts';

const DAY = 24 * HOUR;
const pin = (name: string, value: string): LabelMatcher => ({
  name,
  value,
  isRegex: false,
  isEqual: true,
});
const llamaLatency = firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' });
const mistralLatency = firing({ alertname: 'InferenceLatencyHigh', service: 'mistral-7b' });

function silence(
  site: IncidentSite,
  matchers: LabelMatcher[],
  options: { startsInMs?: number; lastsMs?: number; reason?: string } = {},
) {
  const start = site.nowMs() + (options.startsInMs ?? 0);
  return site.stream.createSilence(
    {
      matchers,
      ...(options.startsInMs === undefined ? {} : { startsAt: new Date(start).toISOString() }),
      endsAt: new Date(start + (options.lastsMs ?? HOUR)).toISOString(),
      reason: options.reason ?? 'llama-3-8b rollout in the change window',
    },
    COMMANDER,
  );
}

describe('an active silence', () => {
  it('suppresses a new matching alert: kept in the stream, no incident opened', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')]);
    expect(s).toMatchObject({ status: 'active', createdBy: 'omar', expiredAt: null });
    const result = site.send(llamaLatency);
    expect(result.openedIncidentIds).toEqual([]);
    expect(site.alert(result.alertIds[0]!)).toMatchObject({
      state: 'suppressed',
      silenceId: s.id,
      incidentId: null,
      isFlapping: false,
    });
    expect(site.incidents.list({ limit: 10 }).total).toBe(0);
    expect(site.incidents.counts()).toMatchObject({ open: 0, firingAlerts: 0 });
  });

  it('lets alerts it does not match through', () => {
    const site = setUpIncidents();
    silence(site, [pin('service', 'llama-3-8b')]);
    expect(site.send(mistralLatency).openedIncidentIds).toHaveLength(1);
  });

  it('matches on the rule name and source too', () => {
    const site = setUpIncidents();
    silence(site, [pin('alertname', 'InferenceLatencyHigh'), pin('source', 'alertmanager')]);
    expect(site.alert(site.send(mistralLatency).alertIds[0]!).state).toBe('suppressed');
  });

  it('shows a suppressed alert on the open incident it would have joined, without firing it', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    silence(site, [pin('alertname', 'QueueDepthHigh')]);
    const queue = site.send(firing({ alertname: 'QueueDepthHigh', service: 'llama-3-8b' }));
    expect(site.alert(queue.alertIds[0]!)).toMatchObject({ state: 'suppressed', incidentId: id });
    expect(site.incidents.detail(id!)).toMatchObject({ alertCount: 2, firingAlertCount: 1 });
    expect(site.timeline(id!).at(-1)!.text).toBe(
      'Alert firing (silenced): QueueDepthHigh on llama-3-8b',
    );
  });

  it('suppresses matching alerts that are already firing when it is created', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    const other = site.send(mistralLatency);
    const s = silence(site, [pin('service', 'llama-3-8b')]);
    const [held] = site.stream.list({ incidentId: id!, limit: 10 });
    expect(held).toMatchObject({ state: 'suppressed', silenceId: s.id });
    expect(site.alert(other.alertIds[0]!).state).toBe('firing');
    expect(site.incidents.counts().firingAlerts).toBe(1);
  });
});

describe('when a silence ends', () => {
  it('expiring it sends the alerts it held that still fire back through the pipeline', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')]);
    const { alertIds } = site.send(llamaLatency);
    site.clock.advance(10 * MINUTE);
    const expired = site.stream.expireSilence(s.id, COMMANDER);
    expect(expired).toMatchObject({
      status: 'expired',
      expiredBy: 'omar',
      expiredAt: site.clock.now().toISOString(),
    });
    expect(site.alert(alertIds[0]!).state).toBe('resolved');
    const firingNow = site.stream.list({ states: ['firing'], limit: 10 });
    expect(firingNow).toEqual([
      expect.objectContaining({
        fingerprint: llamaLatency.fingerprint,
        silenceId: null,
        startedAt: new Date(llamaLatency.startsAtMs).toISOString(),
      }),
    ]);
    const [incident] = site.incidents.list({ limit: 10 }).items;
    expect(incident).toMatchObject({ state: 'new', service: 'llama-3-8b', firingAlertCount: 1 });
    expect(firingNow[0]!.incidentId).toBe(incident!.id);
  });

  it('a released alert joins the incident already open for its service', () => {
    const site = setUpIncidents();
    const [id] = site.send(
      firing({ alertname: 'QueueDepthHigh', service: 'llama-3-8b' }),
    ).incidentIds;
    const s = silence(site, [pin('alertname', 'InferenceLatencyHigh')]);
    site.send(llamaLatency);
    site.stream.expireSilence(s.id, COMMANDER);
    expect(site.incidents.detail(id!).firingAlertCount).toBe(2);
    expect(site.incidents.list({ limit: 10 }).total).toBe(1);
  });

  it('alerts that resolved while silenced stay resolved when it ends', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')]);
    site.send(llamaLatency);
    site.send(resolved(llamaLatency));
    expect(site.stream.expireSilence(s.id, COMMANDER).status).toBe('expired');
    expect(site.stream.list({ states: ['firing', 'suppressed'], limit: 10 })).toEqual([]);
    expect(site.incidents.list({ limit: 10 }).total).toBe(0);
  });

  it('its end passing on the clock releases the alerts at the next sweep', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')], { lastsMs: 2 * HOUR });
    site.send(llamaLatency);
    site.clock.advance(HOUR);
    expect(site.stream.sweep()).toBe(0);
    site.clock.advance(HOUR);
    expect(site.stream.silences(true)[0]).toMatchObject({ id: s.id, status: 'expired' });
    expect(site.stream.sweep()).toBe(1);
    expect(site.incidents.counts()).toMatchObject({ open: 1, firingAlerts: 1 });
    expect(site.stream.sweep()).toBe(0);
    // After its end a new alert is no longer held either.
    expect(site.send(firing({ service: 'llama-3-8b' })).openedIncidentIds).toEqual([]);
    expect(site.incidents.counts().firingAlerts).toBe(2);
  });

  it('a silence cannot be expired twice, and an unknown one is named', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')]);
    site.stream.expireSilence(s.id, COMMANDER);
    expect(refusal(() => site.stream.expireSilence(s.id, COMMANDER))).toEqual({
      code: 'CONFLICT',
      message: `Silence ${s.id} has already ended.`,
    });
    expect(refusal(() => site.stream.expireSilence(999, COMMANDER))).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no silence 999.',
    });
  });
});

describe('scheduled silences', () => {
  it('a silence that starts later is pending and does not hold alerts yet', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')], { startsInMs: HOUR });
    expect(s.status).toBe('pending');
    expect(site.send(llamaLatency).openedIncidentIds).toHaveLength(1);
    site.clock.advance(HOUR);
    expect(site.stream.silences(false)[0]!.status).toBe('active');
    expect(site.send(firing({ service: 'llama-3-8b' })).alertIds).toHaveLength(1);
    expect(site.incidents.counts().firingAlerts).toBe(1);
  });

  it('an alert still firing when a scheduled silence begins is silenced, as in Alertmanager', () => {
    const site = setUpIncidents();
    const s = silence(site, [pin('service', 'llama-3-8b')], { startsInMs: HOUR });
    const { alertIds } = site.send(llamaLatency);
    site.clock.advance(HOUR + MINUTE);
    // The console's periodic silence sweep runs, and the source re-sends the alert.
    site.stream.sweep();
    site.send(llamaLatency);
    const open = site.stream.list({ states: ['firing', 'suppressed'], limit: 10 });
    expect(open.map((a) => a.id)).toEqual(alertIds);
    expect(open[0]).toMatchObject({ state: 'suppressed', silenceId: s.id });
  });
});

describe('creating a silence', () => {
  it('is refused with a clear message when a regular expression is invalid', () => {
    const site = setUpIncidents();
    const matchers = [{ name: 'service', value: 'llama-(3', isRegex: true, isEqual: true }];
    expect(refusal(() => silence(site, matchers))).toEqual({
      code: 'BAD_REQUEST',
      message: 'Matcher service: "llama-(3" is not a valid regular expression.',
    });
  });

  it('is refused when it has only negative matchers, which would hide nearly everything', () => {
    const site = setUpIncidents();
    const negative = [
      { name: 'service', value: 'llama-3-8b', isRegex: false, isEqual: false },
      { name: 'cluster', value: 'dc2-.*', isRegex: true, isEqual: false },
    ];
    expect(refusal(() => silence(site, negative))).toEqual({
      code: 'BAD_REQUEST',
      message:
        'A silence needs at least one matcher that an empty label does not satisfy (e.g. service="fraud-detector").',
    });
    const matchAll = [{ name: 'service', value: '.*', isRegex: true, isEqual: true }];
    expect(refusal(() => silence(site, matchAll)).code).toBe('BAD_REQUEST');
    expect(site.stream.silences(true)).toEqual([]);
  });

  it.each([
    ['service=""', { name: 'service', value: '', isRegex: false, isEqual: true }],
    ['service=~".*?"', { name: 'service', value: '.*?', isRegex: true, isEqual: true }],
    ['service=~"(.*)"', { name: 'service', value: '(.*)', isRegex: true, isEqual: true }],
    ['alertname=~".{0,}"', { name: 'alertname', value: '.{0,}', isRegex: true, isEqual: true }],
  ])('is refused when its only matcher %s also matches alerts without the label', (_, m) => {
    const site = setUpIncidents();
    expect(refusal(() => silence(site, [m])).code).toBe('BAD_REQUEST');
  });

  it('is refused when it ends before it starts, is already over, or lasts over 90 days', () => {
    const site = setUpIncidents();
    const llama = [pin('service', 'llama-3-8b')];
    expect(refusal(() => silence(site, llama, { lastsMs: 0 })).message).toBe(
      'A silence must end after it starts and in the future.',
    );
    expect(refusal(() => silence(site, llama, { startsInMs: -2 * HOUR, lastsMs: HOUR }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'A silence must end after it starts and in the future.',
    });
    expect(refusal(() => silence(site, llama, { lastsMs: 91 * DAY })).message).toBe(
      'A silence may last at most 90 days; create a new one after that.',
    );
    expect(silence(site, llama, { lastsMs: 90 * DAY }).status).toBe('active');
  });

  it('and expiring it are audited with who, why and what it matched', () => {
    const site = setUpIncidents();
    const matchers = [pin('service', 'llama-3-8b')];
    const s = silence(site, matchers, { reason: 'vendor firmware update' });
    site.clock.advance(MINUTE);
    site.stream.expireSilence(s.id, COMMANDER);
    const [created] = site.audit('silence.create');
    expect(created).toMatchObject({
      actor: 'omar',
      role: 'incident_commander',
      target: `silence:${s.id}`,
      outcome: 'success',
      details: { matchers, reason: 'vendor firmware update', endsAt: s.endsAt },
    });
    expect(site.audit('silence.expire')).toEqual([
      expect.objectContaining({
        actor: 'omar',
        target: `silence:${s.id}`,
        details: { reason: 'vendor firmware update' },
      }),
    ]);
    expect(verifyAuditLog(site.db, site.clock.now()).ok).toBe(true);
  });

  it('lists active silences, and ended ones only when asked', () => {
    const site = setUpIncidents();
    const ended = silence(site, [pin('service', 'llama-3-8b')]);
    const current = silence(site, [pin('service', 'mistral-7b')], { lastsMs: 2 * HOUR });
    site.stream.expireSilence(ended.id, COMMANDER);
    expect(site.stream.silences(false).map((s) => s.id)).toEqual([current.id]);
    expect(site.stream.silences(true).map((s) => s.id)).toEqual([current.id, ended.id]);
  });
});

describe('an incident whose alerts were silenced', () => {
  it('resolves by itself once those alerts resolve', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    silence(site, [pin('service', 'llama-3-8b')]);
    site.clock.advance(10 * MINUTE);
    site.send(resolved(llamaLatency));
    expect(site.stream.list({ states: ['firing', 'suppressed'], limit: 10 })).toEqual([]);
    expect(site.incidents.detail(id!).state).toBe('resolved');
  });
});
