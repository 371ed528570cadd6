// Escalation as responders live it: who is paged when, what stops the chain, and the warnings before
// a response or resolution target is missed.
import { describe, expect, it } from 'vitest';
import { get, run, sql } from '../../../main/store/sql.ts';
import { COMMANDER, everyDay, setUpEscalation, type EscalationSite } from './escalationSite.ts';

/** L1 on-call (amal this week), L2 ML engineers (chen), then the platform lead by name. */
function threeTiers(site: EscalationSite, repeat = 0) {
  const l1 = site.schedule({ name: 'Platform L1', layers: [everyDay(['amal', 'bilal'])] });
  const l2 = site.schedule({ name: 'ML engineers', layers: [everyDay(['chen'])] });
  const policy = site.policy({
    name: 'Critical',
    isDefault: true,
    priorities: ['P1', 'P2'],
    repeat,
    tiers: [
      {
        kind: 'first_line',
        label: 'L1 operator',
        targets: [{ type: 'schedule', scheduleId: l1 }],
        timeoutMinutes: 15,
      },
      {
        kind: 'functional',
        label: 'L2 ML engineer',
        targets: [{ type: 'schedule', scheduleId: l2 }],
        timeoutMinutes: 20,
      },
      {
        kind: 'hierarchical',
        label: 'L3 platform lead',
        targets: [{ type: 'operator', username: 'lead' }],
        timeoutMinutes: 30,
      },
    ],
  });
  return { l1, l2, policy };
}

const paged = (site: EscalationSite) => site.pages.map((p) => [p.usernames.join(','), p.tier]);
/** Escalation steps only (warnings are paged as tier 0). */
const steps = (site: EscalationSite) => paged(site).filter(([, tier]) => tier !== 0);

describe('escalation along a policy', () => {
  it('a P1 incident pages the L1 on-call at once and escalates to tier 2 after 15 minutes', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P1');
    expect(site.advance(0).pages).toBe(1);
    expect(steps(site)).toEqual([['amal', 1]]);
    expect(site.pages[0]).toMatchObject({
      incidentId: incident,
      priority: 'P1',
      title: 'Fraud scoring p99 over 300 ms',
      atMs: site.nowMs(),
    });

    expect(site.advance(14).pages).toBe(0);
    expect(site.advance(1).pages).toBe(1);
    expect(steps(site)).toEqual([
      ['amal', 1],
      ['chen', 2],
    ]);
    site.advance(20);
    expect(steps(site).at(-1)).toEqual(['lead', 3]);

    const timeline = site.timeline(incident);
    // Tier 1, the response-target warning at 12 minutes, tier 2, tier 3.
    expect(timeline.map((e) => e.kind)).toEqual([
      'escalation',
      'escalation',
      'escalation',
      'escalation',
    ]);
    expect(timeline[0]!.text).toBe(
      'Paged amal: tier 1 (L1 operator) of "Critical". Unless acknowledged, tier 2 (L2 ML engineer) is paged in 15 min.',
    );
    expect(timeline[3]!.text).toContain('This was the last step of the chain.');
    expect(timeline[2]!.details).toMatchObject({
      tier: 2,
      tierKind: 'functional',
      usernames: ['chen'],
    });
    expect(site.audit('incident.escalate').map((e) => [e.actor, e.target, e.details.tier])).toEqual(
      [
        ['system:escalation', `incident:${incident}`, 1],
        ['system:escalation', `incident:${incident}`, 2],
        ['system:escalation', `incident:${incident}`, 3],
      ],
    );
    // The chain has ended: nothing more is paged however long nobody answers.
    site.advance(120);
    expect(site.pages.filter((p) => p.tier > 0)).toHaveLength(3);
  });

  it('acknowledging stops the chain', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P2');
    site.advance(0);
    site.advance(5);
    site.acknowledge(incident, 'amal');
    site.advance(60);
    expect(paged(site)).toEqual([['amal', 1]]);
  });

  it('repeats the whole chain the number of times the policy says, then stops', () => {
    const site = setUpEscalation();
    threeTiers(site, 1);
    site.open('P1');
    for (let i = 0; i < 12; i++) site.advance(i === 0 ? 0 : 15);
    expect(steps(site)).toEqual([
      ['amal', 1],
      ['chen', 2],
      ['lead', 3],
      ['amal', 1],
      ['chen', 2],
      ['lead', 3],
    ]);
  });

  it('pages whoever is on call at the moment of the step, including an override', () => {
    const site = setUpEscalation();
    const { l1 } = threeTiers(site);
    site.oncall.addOverride(
      {
        scheduleId: l1,
        username: 'dana',
        startsAt: '2026-11-26T05:00:00.000Z',
        endsAt: '2026-11-26T08:00:00.000Z',
        reason: 'amal at the dentist',
      },
      COMMANDER,
    );
    site.open('P1');
    site.advance(0);
    expect(paged(site)).toEqual([['dana', 1]]);
  });

  it('a tier with nobody on call passes to the next tier at once, and the timeline says why', () => {
    const site = setUpEscalation();
    const weekdays = site.schedule({
      name: 'Weekday L1',
      layers: [{ ...everyDay(['amal']), days: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
    });
    site.policy({
      name: 'Weekday first',
      isDefault: true,
      priorities: ['P1'],
      tiers: [
        {
          kind: 'first_line',
          targets: [{ type: 'schedule', scheduleId: weekdays }],
          timeoutMinutes: 10,
        },
        {
          kind: 'hierarchical',
          targets: [{ type: 'operator', username: 'lead' }],
          timeoutMinutes: 10,
        },
      ],
    });
    // Saturday 28 November, 10:00 Dubai: the weekday rota does not cover it.
    site.clock.advance(2 * 24 * 60 * 60_000);
    const incident = site.open('P1');
    site.advance(0);
    expect(paged(site)).toEqual([['lead', 2]]);
    expect(site.timeline(incident).map((e) => e.text)[0]).toBe(
      'Nobody to page at tier 1 of "Weekday first": nobody is on call for "Weekday L1".',
    );
    expect(site.audit('incident.escalate')[0]?.outcome).toBe('failure');
  });

  it('a disabled operator is never paged', () => {
    const site = setUpEscalation();
    threeTiers(site);
    run(site.db, sql`UPDATE operators SET disabled = 1 WHERE username = 'amal'`);
    const incident = site.open('P1');
    site.advance(0);
    expect(paged(site)).toEqual([['chen', 2]]);
    expect(site.timeline(incident)[0]!.text).toContain('amal is disabled');
  });
});

describe('choosing the policy', () => {
  it('an incident no policy covers is noted once on its timeline and pages nobody', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P4');
    site.advance(0);
    site.advance(30);
    expect(site.pages).toEqual([]);
    expect(site.timeline(incident).map((e) => e.text)).toEqual([
      'No escalation policy applies to P4 incidents like this one; nobody is paged.',
    ]);
  });

  it('a P3 raised to P1 starts paging under the P1 policy from its first tier', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P3');
    site.advance(0);
    expect(site.pages).toEqual([]);
    run(site.db, sql`UPDATE incidents SET priority = 'P1' WHERE id = ${incident}`);
    site.advance(1);
    expect(paged(site)).toEqual([['amal', 1]]);
    expect(site.timeline(incident).map((e) => e.text)[1]).toBe(
      'Priority changed from P3 to P1: escalation follows "Critical".',
    );
  });

  it('a service-specific policy takes its service’s incidents before the default', () => {
    const site = setUpEscalation();
    threeTiers(site);
    site.policy({
      name: 'Fraud scoring',
      priorities: ['P1', 'P2'],
      services: ['fraud-scoring'],
      tiers: [
        {
          kind: 'functional',
          targets: [{ type: 'operator', username: 'bilal' }],
          timeoutMinutes: 5,
        },
      ],
    });
    site.open('P1', { service: 'fraud-scoring' });
    site.open('P1', { service: 'ocr' });
    site.advance(0);
    expect(paged(site)).toEqual([
      ['bilal', 1],
      ['amal', 1],
    ]);
  });

  it('deleting the policy mid-chain stops the paging and says so on the timeline', () => {
    const site = setUpEscalation();
    const { policy } = threeTiers(site);
    const incident = site.open('P1');
    site.advance(0);
    site.policies.remove(policy, COMMANDER);
    site.advance(15);
    expect(steps(site)).toEqual([['amal', 1]]);
    expect(site.timeline(incident).map((e) => e.text)).toContain(
      'Escalation stopped: its policy was deleted.',
    );
  });
});

describe('warnings before a target is missed', () => {
  it('warns the paged tier once when the P1 response clock is 75 % used', () => {
    const site = setUpEscalation();
    threeTiers(site);
    site.policies.save(
      1,
      {
        ...site.policies.list()[0]!,
        tiers: site.policies.list()[0]!.tiers.map((t) => ({ ...t, timeoutMinutes: 30 })),
      },
      COMMANDER,
    );
    const incident = site.open('P1'); // respond within 15 min: at risk from 11 min 15 s
    site.advance(0);
    expect(site.advance(11).warnings).toBe(0);
    expect(site.advance(1).warnings).toBe(1);
    expect(paged(site)).toEqual([
      ['amal', 1],
      ['amal', 0],
    ]);
    expect(site.pages[1]!.text).toBe(
      'P1 Fraud scoring p99 over 300 ms: response target at risk (12 of 15 min)',
    );
    expect(site.advance(1).warnings).toBe(0);
    expect(
      get(
        site.db,
        sql`SELECT respond_warned, resolve_warned FROM incidents WHERE id = ${incident}`,
      ),
    ).toEqual({ respond_warned: 1, resolve_warned: 0 });
    expect(site.timeline(incident).at(-1)?.text).toBe(
      'Response target at risk: 12 of 15 min used; warned amal.',
    );
    expect(site.audit('incident.targetWarning')).toHaveLength(1);
  });

  it('after acknowledgement, warns the acknowledger once when the resolution clock is at risk', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P2'); // resolve within 480 min: at risk from 360 min
    site.advance(0);
    site.advance(2);
    site.acknowledge(incident, 'bilal');
    site.advance(350);
    expect(site.pages.filter((p) => p.tier === 0)).toEqual([]);
    site.advance(10);
    expect(paged(site).at(-1)).toEqual(['amal,bilal', 0]);
    site.advance(200);
    expect(site.pages.filter((p) => p.tier === 0)).toHaveLength(1);
    expect(site.timeline(incident).at(-1)?.details).toMatchObject({
      warning: 'resolve',
      status: 'at_risk',
    });
  });

  it('an acknowledgement before the response clock is at risk means no response warning', () => {
    const site = setUpEscalation();
    threeTiers(site);
    const incident = site.open('P1');
    site.advance(0);
    site.advance(3);
    site.acknowledge(incident, 'amal');
    site.advance(20);
    expect(site.pages.filter((p) => p.tier === 0)).toEqual([]);
  });
});
