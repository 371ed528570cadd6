// A postmortem over the API of a real console (encrypted store): created from a P1 incident and
// pre-filled, reviewed by named operators (never the author), published read-only, reopened as a
// new revision; every step audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
let author: Client;
let commander: Client;
let engineer: Client;
let viewer: Client;

async function resolvedP1(client: Client) {
  const incident = await client.must('incidents.declare', {
    title: 'Fraud model answers slowly',
    impact: 'high',
    urgency: 'high',
    category: 'model_accuracy',
    service: 'fraud-detector',
    note: 'Latency climbed after the 10:00 deploy',
  });
  site.clock.advance(45 * 60_000);
  await client.must('incidents.transition', {
    id: incident.id,
    to: 'resolved',
    note: 'rolled back',
  });
  return incident.id;
}

const codeOf = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? 'ok' : `${r.error?.code}: ${r.error?.message}`;

beforeEach(async () => {
  site = await setUpSite();
  // The incidents here last 45 minutes of test clock: sessions must not lock meanwhile.
  await site.admin.must('settings.update', { lockAfterMinutes: 480 });
  author = await site.operatorWithRole('operator', 'amal');
  commander = await site.operatorWithRole('incident_commander', 'omar');
  engineer = await site.operatorWithRole('ml_engineer', 'noura');
  viewer = await site.operatorWithRole('viewer', 'vera');
});
afterEach(() => site.cleanup());

describe('postmortems', () => {
  it('a P1 incident requires one; it is pre-filled from the incident and there is only one', async () => {
    const incidentId = await resolvedP1(author);
    expect(await author.must('postmortems.forIncident', { incidentId })).toMatchObject({
      postmortemId: null,
      reasons: ['priority'],
    });
    expect(codeOf(await viewer.call('postmortems.create', { incidentId }))).toMatch(/^FORBIDDEN/);

    const pm = await author.must('postmortems.create', { incidentId });
    expect(pm).toMatchObject({ state: 'draft', revision: 1, author: 'amal', incidentId });
    expect(pm.sections.impact).toContain('**Duration:** 45 min');
    expect(pm.sections.impact).toContain('P1 (impact high, urgency high)');
    expect(pm.sections.timeline).toContain('Latency climbed after the 10:00 deploy');
    // Times in the site's zone (Asia/Dubai).
    expect(pm.sections.timeline).toContain('2026-11-26 10:00 UTC+04:00');
    expect(pm.sections.modelVersion).toContain('fraud\\-detector');
    expect(pm.sections.rootCauses).toBe('');

    expect(codeOf(await commander.call('postmortems.create', { incidentId }))).toMatch(
      /^CONFLICT: Incident \d+ already has a postmortem/,
    );
    const linked = await viewer.must('postmortems.forIncident', { incidentId });
    expect(linked).toMatchObject({ postmortemId: pm.id, state: 'draft' });
    const timeline = (await viewer.must('incidents.get', { id: incidentId })).timeline;
    expect(timeline.at(-1)?.text).toBe(`Postmortem #${pm.id} started by amal.`);
  });

  it('named reviewers approve or request changes; publishing needs every approval; published is read-only until reopened', async () => {
    const incidentId = await resolvedP1(author);
    const { id } = await author.must('postmortems.create', { incidentId });
    await author.must('postmortems.update', {
      id,
      sections: { rootCauses: 'A feature was **null** for new merchants.' },
    });

    expect(codeOf(await author.call('postmortems.submit', { id }))).toMatch(
      /^CONFLICT: Name at least one reviewer/,
    );
    expect(codeOf(await author.call('postmortems.setReviewers', { id, usernames: ['amal'] }))).toBe(
      'BAD_REQUEST: amal wrote this postmortem and cannot review it; name someone else.',
    );
    expect(codeOf(await author.call('postmortems.setReviewers', { id, usernames: ['vera'] }))).toBe(
      'BAD_REQUEST: vera is viewer, a role that may not review postmortems.',
    );
    expect(
      codeOf(await author.call('postmortems.setReviewers', { id, usernames: ['ghost'] })),
    ).toBe('BAD_REQUEST: There is no active operator named "ghost".');
    await author.must('postmortems.setReviewers', { id, usernames: ['omar', 'noura'] });
    expect(codeOf(await author.call('postmortems.publish', { id }))).toMatch(
      /^CONFLICT: .* submit it for review first/,
    );

    expect((await author.must('postmortems.submit', { id })).state).toBe('in_review');
    expect(
      codeOf(await author.call('postmortems.update', { id, sections: { trigger: 'x' } })),
    ).toMatch(/^CONFLICT: Postmortem \d+ is in review/);
    // The author is not a reviewer; nor is anyone not named.
    expect(codeOf(await author.call('postmortems.review', { id, decision: 'approve' }))).toBe(
      `FORBIDDEN: amal is not a named reviewer of postmortem ${id}.`,
    );
    expect(
      codeOf(await engineer.call('postmortems.review', { id, decision: 'request_changes' })),
    ).toBe('BAD_REQUEST: comment: say what should change.');
    const changes = await engineer.must('postmortems.review', {
      id,
      decision: 'request_changes',
      comment: 'Name the data slice.',
    });
    expect(changes.state).toBe('draft');
    expect(changes.comments.map((c) => [c.author, c.text])).toEqual([
      ['noura', 'Name the data slice.'],
    ]);

    await author.must('postmortems.update', { id, sections: { dataSlice: 'New merchants, UAE' } });
    await author.must('postmortems.submit', { id });
    await commander.must('postmortems.review', { id, decision: 'approve' });
    expect(codeOf(await author.call('postmortems.publish', { id }))).toBe(
      'CONFLICT: Every named reviewer must approve first; still waiting for noura.',
    );
    await engineer.must('postmortems.review', { id, decision: 'approve', comment: 'Good.' });
    const published = await author.must('postmortems.publish', { id });
    expect(published).toMatchObject({ state: 'published', publishedBy: 'amal', approvedCount: 2 });
    expect(
      codeOf(await author.call('postmortems.update', { id, sections: { trigger: 'x' } })),
    ).toMatch(/read-only; reopen it as a new revision/);

    const reopened = await commander.must('postmortems.reopen', {
      id,
      reason: 'The vendor found a second cause',
    });
    expect(reopened).toMatchObject({ state: 'draft', revision: 2, approvedCount: 0 });

    const { entries } = await site.admin.must('audit.list', { text: `postmortem:${id}` });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'postmortem.create',
      'postmortem.update',
      'postmortem.reviewers',
      'postmortem.submit',
      'postmortem.review',
      'postmortem.update',
      'postmortem.submit',
      'postmortem.review',
      'postmortem.review',
      'postmortem.publish',
      'postmortem.reopen',
    ]);
  });

  it('action items have an operator as owner, a due date in the site zone, and stay tracked after publishing', async () => {
    const incidentId = await resolvedP1(author);
    const { id } = await author.must('postmortems.create', { incidentId });
    expect(
      codeOf(
        await author.call('postmortems.addActionItem', {
          id,
          title: 'Add a canary',
          owner: 'ghost',
          dueDate: null,
        }),
      ),
    ).toBe('BAD_REQUEST: owner: there is no active operator named "ghost".');
    expect(
      codeOf(
        await author.call('postmortems.addActionItem', {
          id,
          title: 'Add a canary',
          owner: 'omar',
          dueDate: '26/11/2026',
        }),
      ),
    ).toMatch(/^BAD_REQUEST: .*YYYY-MM-DD/);
    // The clock is 2026-11-26 06:45 UTC, 10:45 in Dubai: the 25th is past, the 26th is today.
    await author.must('postmortems.addActionItem', {
      id,
      title: 'Add a canary stage',
      owner: 'omar',
      dueDate: '2026-11-25',
    });
    const detail = await author.must('postmortems.addActionItem', {
      id,
      title: 'Alert on null features',
      owner: 'noura',
      dueDate: '2026-11-26',
    });
    expect(detail.actionItems.map((a) => [a.title, a.isOverdue])).toEqual([
      ['Add a canary stage', true],
      ['Alert on null features', false],
    ]);
    expect(detail.openActionItems).toBe(2);

    const done = await engineer.must('postmortems.updateActionItem', {
      itemId: detail.actionItems[1]!.id,
      status: 'done',
    });
    expect(done).toMatchObject({ status: 'done', isOverdue: false });
    const open = await viewer.must('postmortems.actionItems', {});
    expect(open.map((a) => [a.title, a.owner, a.isOverdue])).toEqual([
      ['Add a canary stage', 'omar', true],
    ]);
    expect(await viewer.must('postmortems.actionItems', { includeClosed: true })).toHaveLength(2);
    expect(
      codeOf(
        await viewer.call('postmortems.updateActionItem', {
          itemId: done.id,
          status: 'open',
        }),
      ),
    ).toMatch(/^FORBIDDEN/);
  });

  it('the budget share that requires a postmortem is a site setting, changed by admins and audited', async () => {
    expect(await viewer.must('postmortems.policy', {})).toEqual({ budgetThresholdPercent: 20 });
    expect(
      codeOf(await commander.call('postmortems.setPolicy', { budgetThresholdPercent: 5 })),
    ).toMatch(/^FORBIDDEN/);
    expect(
      codeOf(await site.admin.call('postmortems.setPolicy', { budgetThresholdPercent: 0 })),
    ).toMatch(/^BAD_REQUEST/);
    await site.admin.must('postmortems.setPolicy', { budgetThresholdPercent: 5 });
    expect(await viewer.must('postmortems.policy', {})).toEqual({ budgetThresholdPercent: 5 });
    const { entries } = await site.admin.must('audit.list', { action: 'postmortem.policy' });
    expect(entries[0]?.details).toEqual({ before: 20, after: 5 });
  });
});
