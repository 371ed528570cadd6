// Working an incident: declare, acknowledge, move it through the lifecycle, pause it On Hold,
// resolve, reopen and close. Each step is on the timeline and in the audit chain, and moves the
// lifecycle does not allow are refused with the moves it does.
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  INCIDENT_STATES,
  TRANSITIONS,
  type IncidentState,
} from '../../../shared/domain/incidents/index.ts';
import { verifyAuditLog } from '../../../main/audit/index.ts';
import {
  COMMANDER,
  declareIncident,
  firing,
  HOUR,
  MINUTE,
  refusal,
  RESPONDER,
  setUpIncidents,
  type IncidentSite,
} from './incidentSite.ts';

/** An incident brought to `state` through the service, as operators would. */
function incidentIn(site: IncidentSite, state: IncidentState): number {
  const { id } = declareIncident(site);
  const path: Record<IncidentState, IncidentState[]> = {
    new: [],
    in_progress: ['in_progress'],
    on_hold: ['on_hold'],
    resolved: ['resolved'],
    closed: ['resolved', 'closed'],
    canceled: ['canceled'],
  };
  for (const step of path[state]) site.incidents.transition(id, step, undefined, COMMANDER);
  expect(site.incidents.detail(id).state).toBe(state);
  return id;
}

describe('declaring an incident', () => {
  it('opens it New with the priority from the matrix, the note on the timeline, audited', () => {
    const site = setUpIncidents();
    const detail = site.incidents.declare(
      {
        title: 'Feature store lagging',
        impact: 'medium',
        urgency: 'high',
        category: 'data_pipeline',
        note: 'Reported by the fraud team',
      },
      RESPONDER,
    );
    expect(detail).toMatchObject({ state: 'new', priority: 'P2', service: null });
    expect(detail.timeline.map((e) => [e.kind, e.actor, e.text])).toEqual([
      ['opened', 'amal', 'Declared as P2 by amal.'],
      ['note', 'amal', 'Reported by the fraud team'],
    ]);
    expect(site.audit('incident.declare')).toEqual([
      expect.objectContaining({
        actor: 'amal',
        target: `incident:${detail.id}`,
        details: { priority: 'P2', category: 'data_pipeline', service: null },
      }),
    ]);
  });

  it('alerts for the same service do not join a declared incident by accident', () => {
    const site = setUpIncidents();
    const declared = declareIncident(site);
    const { incidentIds } = site.send(firing({ service: 'llama-3-8b' }));
    expect(incidentIds).not.toContain(declared.id);
  });
});

describe('acknowledging', () => {
  it('moves a New incident to In Progress and stops the response clock, met within target', () => {
    const site = setUpIncidents();
    const { id, respond } = declareIncident(site);
    expect(respond).toMatchObject({ status: 'running', targetMs: 15 * MINUTE });
    site.clock.advance(10 * MINUTE);
    const acked = site.incidents.acknowledge(id, RESPONDER);
    expect(acked).toMatchObject({
      state: 'in_progress',
      acknowledgedBy: 'amal',
      acknowledgedAt: site.clock.now().toISOString(),
      respond: { status: 'met', elapsedMs: 10 * MINUTE, dueAt: null },
    });
    site.clock.advance(HOUR);
    expect(site.incidents.detail(id).respond).toMatchObject({
      status: 'met',
      elapsedMs: 10 * MINUTE,
    });
    expect(acked.timeline.at(-1)).toMatchObject({
      kind: 'acknowledged',
      actor: 'amal',
      text: 'Acknowledged by amal; escalation stops.',
    });
  });

  it('after the P1 target has passed records the response as missed', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(20 * MINUTE);
    expect(site.incidents.detail(id).respond.status).toBe('breached');
    expect(site.incidents.acknowledge(id, RESPONDER).respond).toMatchObject({
      status: 'missed',
      elapsedMs: 20 * MINUTE,
    });
  });

  it('a second acknowledge is harmless: the first responder and time stand', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(MINUTE);
    const first = site.incidents.acknowledge(id, RESPONDER);
    site.clock.advance(MINUTE);
    const second = site.incidents.acknowledge(id, COMMANDER);
    expect(second).toMatchObject({
      state: 'in_progress',
      acknowledgedBy: 'amal',
      acknowledgedAt: first.acknowledgedAt,
    });
    expect(second.timeline).toHaveLength(first.timeline.length);
    expect(site.audit('incident.acknowledge')).toHaveLength(1);
  });

  it('is refused for an incident already resolved without an acknowledgement', () => {
    const site = setUpIncidents();
    const id = incidentIn(site, 'resolved');
    expect(refusal(() => site.incidents.acknowledge(id, RESPONDER))).toEqual({
      code: 'CONFLICT',
      message: `Incident ${id} is resolved; there is nothing to acknowledge.`,
    });
  });

  it('an unknown incident is named', () => {
    const site = setUpIncidents();
    expect(refusal(() => site.incidents.acknowledge(404, RESPONDER))).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no incident 404.',
    });
  });
});

describe('moving through the lifecycle', () => {
  const refused = INCIDENT_STATES.flatMap((from) =>
    INCIDENT_STATES.filter((to) => !TRANSITIONS[from].includes(to)).map(
      (to) => [from, to] as const,
    ),
  );

  it.each(refused)(
    'a %s incident cannot move to %s: CONFLICT naming the allowed moves',
    (from, to) => {
      const site = setUpIncidents();
      const id = incidentIn(site, from);
      const auditBefore = site.audit('incident.transition').length;
      const answer = refusal(() => site.incidents.transition(id, to, undefined, COMMANDER));
      const expected = checkTransition(from, to);
      expect(expected.ok).toBe(false);
      expect(answer).toEqual({ code: 'CONFLICT', message: !expected.ok && expected.message });
      for (const allowed of TRANSITIONS[from]) expect(answer.message).toContain(allowed);
      expect(site.incidents.detail(id).state).toBe(from);
      expect(site.audit('incident.transition')).toHaveLength(auditBefore);
    },
  );

  it('On Hold pauses the resolution clock; the time waiting is not counted', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(10 * MINUTE);
    site.incidents.acknowledge(id, RESPONDER);
    site.clock.advance(20 * MINUTE);
    const held = site.incidents.transition(id, 'on_hold', 'waiting on the GPU vendor', RESPONDER);
    expect(held.timeline.at(-1)!.text).toBe(
      'Moved to on_hold (was in_progress): waiting on the GPU vendor',
    );
    site.clock.advance(3 * HOUR);
    expect(site.incidents.detail(id).resolve).toEqual({
      status: 'running',
      elapsedMs: 30 * MINUTE,
      targetMs: 240 * MINUTE,
      dueAt: null,
    });
    site.incidents.transition(id, 'in_progress', undefined, RESPONDER);
    site.clock.advance(10 * MINUTE);
    expect(site.incidents.detail(id).resolve).toMatchObject({
      status: 'running',
      elapsedMs: 40 * MINUTE,
      dueAt: new Date(site.nowMs() + 200 * MINUTE).toISOString(),
    });
    const done = site.incidents.transition(
      id,
      'resolved',
      'restarted the inference pods',
      RESPONDER,
    );
    expect(done.resolve).toMatchObject({ status: 'met', elapsedMs: 40 * MINUTE });
  });

  it('resolving straight from On Hold leaves the hold out of the resolution time', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(5 * MINUTE);
    site.incidents.transition(id, 'on_hold', undefined, RESPONDER);
    site.clock.advance(5 * HOUR);
    const done = site.incidents.transition(id, 'resolved', undefined, RESPONDER);
    expect(done.resolve).toMatchObject({ status: 'met', elapsedMs: 5 * MINUTE });
  });

  it('a resolved incident reopens to In Progress, then resolves and closes for good', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.incidents.acknowledge(id, RESPONDER);
    site.clock.advance(30 * MINUTE);
    site.incidents.transition(id, 'resolved', undefined, RESPONDER);
    site.clock.advance(10 * MINUTE);
    const reopened = site.incidents.transition(id, 'in_progress', 'errors came back', COMMANDER);
    expect(reopened).toMatchObject({ state: 'in_progress', resolvedAt: null });
    expect(reopened.resolve.status).toBe('running');
    expect(reopened.timeline.at(-1)!.text).toBe('Reopened (was resolved): errors came back');
    site.incidents.transition(id, 'resolved', undefined, RESPONDER);
    const closed = site.incidents.transition(id, 'closed', 'post-incident review done', COMMANDER);
    expect(closed).toMatchObject({ state: 'closed', closedAt: site.clock.now().toISOString() });
    for (const to of INCIDENT_STATES)
      expect(
        refusal(() => site.incidents.transition(id, to, undefined, COMMANDER)).message,
      ).toContain('it is final');
  });

  it('moving a New incident to In Progress acknowledges it on the way', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(3 * MINUTE);
    const detail = site.incidents.transition(id, 'in_progress', undefined, RESPONDER);
    expect(detail).toMatchObject({
      acknowledgedBy: 'amal',
      respond: { status: 'met', elapsedMs: 3 * MINUTE },
    });
    expect(site.audit('incident.acknowledge')).toHaveLength(1);
  });

  it('an incident resolved before anyone acknowledged it stops its response clock too', () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(5 * MINUTE);
    site.incidents.transition(id, 'resolved', 'a transient blip', RESPONDER);
    site.clock.advance(2 * HOUR);
    const { respond } = site.incidents.detail(id);
    expect(respond.dueAt).toBeNull();
    expect(respond.elapsedMs).toBe(5 * MINUTE);
    expect(['met', 'missed']).toContain(respond.status);
  });

  it("a canceled incident's clocks stay where they stopped when it is noted or renamed later", () => {
    const site = setUpIncidents();
    const { id } = declareIncident(site);
    site.clock.advance(5 * MINUTE);
    const canceled = site.incidents.transition(id, 'canceled', 'declared twice', COMMANDER);
    expect(canceled.respond).toMatchObject({ status: 'met', elapsedMs: 5 * MINUTE });
    site.clock.advance(3 * HOUR);
    const noted = site.incidents.addNote(id, 'Duplicate of incident 7', COMMANDER);
    expect(noted.respond).toMatchObject({ status: 'met', elapsedMs: 5 * MINUTE });
    const renamed = site.incidents.update(id, { title: 'Duplicate of incident 7' }, COMMANDER);
    expect(renamed.respond).toMatchObject({ status: 'met', elapsedMs: 5 * MINUTE });
    expect(renamed.resolve).toMatchObject({ status: 'met', elapsedMs: 5 * MINUTE });
  });
});

describe('the audit trail of an incident', () => {
  it('records every change in order and the chain verifies', async () => {
    const site = setUpIncidents();
    const changed = site.nextEvent('incidents.changed');
    const { id } = declareIncident(site);
    expect((await changed).incidentIds).toEqual([id]);
    site.clock.advance(MINUTE);
    site.incidents.acknowledge(id, RESPONDER);
    site.incidents.assignRole(id, 'commander', 'omar', COMMANDER);
    site.incidents.setTeamMember(id, 'amal', 'platform_operator', COMMANDER);
    site.incidents.setPriority(id, 'medium', 'high', 'only the portal is affected', COMMANDER);
    site.incidents.addNote(id, 'Rolled back to model v6', RESPONDER);
    site.incidents.transition(id, 'on_hold', undefined, RESPONDER);
    site.clock.advance(HOUR);
    site.incidents.transition(id, 'resolved', undefined, RESPONDER);
    site.incidents.transition(id, 'closed', undefined, COMMANDER);
    const entries = ['incident.declare', 'incident.acknowledge', 'incident.role', 'incident.team']
      .concat(['incident.priority', 'incident.note', 'incident.transition'])
      .flatMap((action) => site.audit(action))
      .sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['incident.declare', 'omar', `incident:${id}`],
      ['incident.acknowledge', 'amal', `incident:${id}`],
      ['incident.role', 'omar', `incident:${id}`],
      ['incident.team', 'omar', `incident:${id}`],
      ['incident.priority', 'omar', `incident:${id}`],
      ['incident.note', 'amal', `incident:${id}`],
      ['incident.transition', 'amal', `incident:${id}`],
      ['incident.transition', 'amal', `incident:${id}`],
      ['incident.transition', 'omar', `incident:${id}`],
    ]);
    expect(site.audit('incident.transition').map((e) => [e.details.from, e.details.to])).toEqual([
      ['in_progress', 'on_hold'],
      ['on_hold', 'resolved'],
      ['resolved', 'closed'],
    ]);
    expect(verifyAuditLog(site.db, site.clock.now())).toMatchObject({
      ok: true,
      count: entries.length,
      firstBad: null,
    });
  });
});
