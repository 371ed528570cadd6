// Incident response on the demo site, as the on-call operator lives it: the admin puts themself on
// call with a default escalation policy; the SLO's fast-burn page alert and a GPU that falls off the
// bus each open an incident and page them; they acknowledge one from the paging bar, work the other
// through its lifecycle (start, pin its priority, a note), approve the proposed fail-over and watch
// the incident resolve itself once its alert does; the audit chain still verifies. The console's
// clock is moved on rather than waited for (fixtures.ts).
import { expect, test } from './fixtures.ts';
import {
  breakModelUntilPaged,
  CLOCK_STARTS_MINUTES_AGO,
  MODEL,
  SLO,
  setFailOverPolicy,
  shot,
  startDemo,
} from './demoSloSite.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { OnCallPage } from './pages/OnCallPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';
import { ShellPage } from './pages/ShellPage.ts';
import type { SloPage } from './pages/SloPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

const SCHEDULE = 'Platform on call';
const POLICY = 'Page the platform on-call';
const SLO_TITLE = 'Demo model under 2.5 s';
const GPU_TITLE = 'reported Xid 79: GPU has fallen off the bus';

/**
 * The latency SLO, paging on the fast burn alone (the Workbook's 1 h / 5 min rule): the team's own
 * alerting, so the page — and the incident it opened — ends minutes after the burn does, instead of
 * waiting out the slow windows' hours.
 */
async function createFastBurnSlo(slo: SloPage): Promise<void> {
  await slo.open();
  await slo.create();
  await slo.fillLatency({
    name: SLO,
    displayName: SLO_TITLE,
    model: MODEL,
    thresholdSeconds: '2.5',
    objectivePercent: '99.5',
  });
  await slo.id('slo-custom-windows').check();
  const rules = slo.id('slo-window-row');
  await expect(rules).toHaveCount(4);
  await expect(rules.first().locator('select')).toHaveValue('page');
  await expect(rules.first().locator('input').first()).toHaveValue('60');
  // Keep the first rule (page, 60 min / 5 min); the slow page and the two tickets go.
  for (let rule = 3; rule >= 1; rule--) await rules.nth(rule).getByRole('button').click();
  await expect(rules).toHaveCount(1);
  await slo.save();
  await expect(slo.detail(SLO)).toBeVisible();
}

/** The date a week before today (YYYY-MM-DD): a rotation that began then covers now, whatever the hour. */
function aWeekAgo(): string {
  return new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
}

test('paged for an SLO burn and a GPU fault, the on-call admin works the incidents to resolution', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000);
  const incidents = new IncidentPage(page);
  const oncall = new OnCallPage(page);
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  await createFastBurnSlo(site.slo);
  await setFailOverPolicy(site);

  await test.step('the admin goes on call, with a default escalation policy', async () => {
    await oncall.createSchedule({ name: SCHEDULE, participants: ['admin'], startDate: aWeekAgo() });
    await expect(oncall.schedule(SCHEDULE)).toBeVisible();
    await oncall.createPolicy({
      name: POLICY,
      isDefault: true,
      priorities: ['P1', 'P2', 'P3'],
      tiers: [{ schedules: [SCHEDULE], timeoutMinutes: 15 }],
    });
    await expect(oncall.policy(POLICY)).toContainText(`on call for ${SCHEDULE}`);
    await oncall.open('now');
    await expect(oncall.nowCard(SCHEDULE)).toHaveAttribute('data-username', 'admin');
  });

  let sloIncident = 0;
  let gpuIncident = 0;
  await test.step('the SLO burn and a GPU fault each open an incident and page the admin', async () => {
    await breakModelUntilPaged(page, app, site);
    // Another host's GPU 0 (it serves the other model) falls off the bus: Xid 79.
    await site.fleet.open();
    await page.getByTestId('fleet-back').click();
    await site.fleet.hostRows().nth(2).click();
    await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
    await site.fleet.injectFault({ kind: 'gpu_xid_error', target: '0', minutes: 30 });

    await incidents.open();
    const sloRow = incidents.rows().filter({ hasText: SLO_TITLE });
    const gpuRow = incidents.rows().filter({ hasText: GPU_TITLE });
    await expect(gpuRow).toBeVisible({ timeout: 30_000 });
    await expect(incidents.rows()).toHaveCount(2);
    // Both are P2: a critical alert, no SLA (impact medium), burning or failing now (urgency high).
    await expect(sloRow).toHaveAttribute('data-priority', 'P2');
    await expect(sloRow).toHaveAttribute('data-state', 'new');
    await expect(gpuRow).toHaveAttribute('data-priority', 'P2');
    await expect(gpuRow).toHaveAttribute('data-state', 'new');
    await expect(incidents.navCount('incidents')).toHaveAttribute('data-count', '2');
    sloIncident = Number(await sloRow.getAttribute('data-incident-id'));
    gpuIncident = Number(await gpuRow.getAttribute('data-incident-id'));

    // The escalation policy pages whoever is on call: the bar names both incidents to the admin.
    await expect(incidents.id('paging-count')).toHaveAttribute('data-count', '2', {
      timeout: 30_000,
    });
    await expect(incidents.pagingRow(sloIncident)).toHaveAttribute('data-priority', 'P2');
    await expect(incidents.pagingRow(sloIncident)).toContainText(SLO_TITLE);
    await expect(incidents.pagingRow(gpuIncident)).toContainText(GPU_TITLE);
    await shot(page, 'incidents-en');
  });

  await test.step('the GPU incident is acknowledged from the paging bar', async () => {
    await incidents.acknowledgePage(gpuIncident);
    await expect(incidents.row(gpuIncident)).toHaveAttribute('data-state', 'in_progress');
    await expect(incidents.pagingRow(sloIncident)).toBeVisible();
  });

  await test.step('the SLO incident is started, and only the moves its state allows are offered', async () => {
    await incidents.openIncident(sloIncident);
    await expect(incidents.state()).toHaveAttribute('data-state', 'new');
    await expect(incidents.timelineEntries('escalation').first()).toContainText(
      `Paged admin: tier 1 of "${POLICY}"`,
    );
    expect(await incidents.offeredMoves()).toEqual([
      'in_progress',
      'on_hold',
      'resolved',
      'canceled',
    ]);
    await incidents.transition('in_progress', 'Looking at the slow host.');
    await expect(incidents.state()).toHaveAttribute('data-state', 'in_progress');
    // Starting work acknowledges it: the page is answered and the bar goes.
    await expect(incidents.id('incident-acknowledged')).toContainText('admin');
    await expect(incidents.pagingBar()).toHaveCount(0);
    await expect(incidents.timelineEntries('state').last()).toContainText(
      'Moved to in_progress (was new): Looking at the slow host.',
    );
    expect(await incidents.offeredMoves()).toEqual(['on_hold', 'resolved', 'canceled']);

    // An in-progress incident cannot be closed without being resolved first: the console refuses
    // the move even when asked for it directly, and the incident stays where it was.
    const refused = await new ShellPage(page).rawCall('incidents.transition', {
      id: sloIncident,
      to: 'closed',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('cannot move from in_progress to closed'),
      },
    });
    await expect(incidents.state()).toHaveAttribute('data-state', 'in_progress');
  });

  await test.step('the commander pins the priority and notes what is being done', async () => {
    await expect(incidents.id('incident-priority')).toHaveAttribute('data-priority', 'P2');
    await incidents.id('incident-set-priority').click();
    await incidents.id('incident-priority-impact').selectOption('high');
    await incidents.id('incident-priority-urgency').selectOption('high');
    // The dialog shows the priority impact × urgency make before it is sent.
    await expect(incidents.id('incident-priority-priority')).toHaveAttribute('data-priority', 'P1');
    await incidents.id('incident-priority-reason').fill('The model serves the checkout flow.');
    await incidents.id('incident-priority-confirm').click();
    await expect(incidents.id('incident-priority-dialog')).toHaveCount(0);
    await expect(incidents.id('incident-priority')).toHaveAttribute('data-priority', 'P1');
    await expect(incidents.id('incident-header').locator('.incident-priority')).toHaveText('P1');
    await expect(incidents.timelineEntries('priority').last()).toContainText(
      'Priority P2 → P1 (impact high, urgency high): The model serves the checkout flow.',
    );

    const note = `Failing ${MODEL} over from ${site.faultyHost} to ${site.standbyHost}.`;
    await incidents.addNote(note);
    await expect(incidents.timelineEntries('note').last()).toContainText(note);
    await expect(incidents.alerts()).toHaveCount(1);
    await expect(incidents.alerts().first()).toHaveAttribute('data-state', 'firing');
    await shot(page, 'incident-detail-en');
  });

  await test.step('the approved fail-over ends the burn, and the incident resolves itself', async () => {
    await site.slo.open();
    await expect(site.slo.detail(SLO)).toBeVisible();
    const action = site.slo.actions.first();
    await expect(action).toHaveAttribute('data-status', 'proposed', { timeout: 30_000 });
    await action.getByTestId('slo-action-approve').click();
    await expect(action).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });

    // Five whole minutes on the standby host take the 5-minute window under the page threshold.
    await app.advanceClock(5);
    await incidents.open(); // the Incidents view reopens on the incident last shown
    await expect(incidents.detail(sloIncident)).toBeVisible();
    await expect(incidents.state()).toHaveAttribute('data-state', 'resolved', { timeout: 60_000 });
    await expect(incidents.alerts().first()).toHaveAttribute('data-state', 'resolved');
    await expect(incidents.timelineEntries('state').last()).toContainText(
      'Resolved: every alert in the incident has resolved (was in_progress).',
    );
    // Resolved is not final: it may be reopened or closed, nothing else.
    expect(await incidents.offeredMoves()).toEqual(['in_progress', 'closed']);
    await shot(page, 'incident-resolved-en');
  });

  await test.step('the queue keeps the resolved incident out of the open ones', async () => {
    await incidents.back();
    await expect(incidents.row(gpuIncident)).toHaveAttribute('data-state', 'in_progress');
    await expect(incidents.row(sloIncident)).toHaveCount(0);
    await incidents.filter({ state: 'all' });
    await expect(incidents.row(sloIncident)).toHaveAttribute('data-state', 'resolved');
    await expect(incidents.row(sloIncident)).toHaveAttribute('data-priority', 'P1');
  });

  await test.step('the queue and the incident in Arabic, right to left', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(incidents.row(sloIncident)).toBeVisible();
    await shot(page, 'incidents-ar');
    await incidents.openIncident(sloIncident);
    await expect(incidents.state()).toHaveAttribute('data-state', 'resolved');
    await shot(page, 'incident-detail-ar');
    await page.getByTestId('lang-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  });

  await test.step('every step is in the audit trail, and its chain verifies', async () => {
    const audit = new AuditPage(page);
    await new ShellPage(page).go('audit');
    await expect(audit.rows({ action: 'incident.acknowledge', outcome: 'success' })).toHaveCount(2);
    await expect(audit.rows({ action: 'incident.priority', outcome: 'success' })).toHaveCount(1);
    await expect(audit.rows({ action: 'incident.escalate', outcome: 'success' })).toHaveCount(2);
    const verified = await audit.verify();
    await expect(verified).toHaveAttribute('data-ok', 'true');
  });
});
