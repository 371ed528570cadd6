// Every free text of incident response is shown as the text it is, never run as markup: the on-call
// schedule's and the escalation policy's names, a declared incident's title, service and note, notes on
// the timeline and on a move, a priority's reason, a silence's matcher and reason, and the summary and
// labels of an alert the site's Alertmanager delivers. Each carries an <img onerror> and a <script>
// that would set window.__xss; the page must show them literally and the flag must stay unset.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { OnCallPage } from './pages/OnCallPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const XSS = `${IMG}${SCRIPT}`;

const SCHEDULE = `Rota ${XSS}`;
const POLICY = `Page ${XSS}`;
const TITLE = `Checkout returns 500s ${XSS}`;
const SERVICE = `checkout-${IMG}`;
const DECLARE_NOTE = `Reported by the help desk ${XSS}`;
const NOTE = `Rolled back release 42 ${XSS}`;
const HOLD_NOTE = `Waiting on the payment provider ${XSS}`;
const REASON = `Every checkout fails ${XSS}`;
const ALERT_SUMMARY = `Queue backlog over 10 000 jobs ${XSS}`;
const TEAM_LABEL = `payments ${IMG}`;
const SILENCE_REASON = `Provider maintenance window ${XSS}`;

/** Nothing the texts carry became an element, and no handler ran. */
async function expectNoMarkupRan(page: Page): Promise<void> {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('script', { hasText: '__xss' })).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
}

/** An intake token made in Settings → Alert intake, read from the dialog that shows it once. */
async function createIntakeToken(page: Page): Promise<string> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-intake').click();
  await page.getByTestId('intake-create').click();
  await page.getByTestId('intake-name').fill('site alertmanager');
  await page.getByTestId('intake-create-submit').click();
  const token = (await page.getByTestId('intake-token').innerText()).trim();
  await page.getByTestId('intake-done').click();
  await expect(page.getByTestId('intake-created-dialog')).toHaveCount(0);
  return token;
}

test('free text in incidents, on-call, silences and Alertmanager alerts renders as text', async ({
  app,
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const incidents = new IncidentPage(page);
  const oncall = new OnCallPage(page);
  await setUpAndSignIn(page, app.url);

  await test.step('on-call schedule and escalation policy names', async () => {
    await oncall.createSchedule({
      name: SCHEDULE,
      participants: ['admin'],
      startDate: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
    });
    await expect(oncall.schedule(SCHEDULE).locator('h2')).toHaveText(SCHEDULE);
    await oncall.createPolicy({
      name: POLICY,
      isDefault: true,
      priorities: ['P1', 'P2', 'P3', 'P4', 'P5'],
      tiers: [{ schedules: [SCHEDULE] }],
    });
    await expect(oncall.policy(POLICY).locator('h2')).toContainText(POLICY);
    await expect(oncall.policy(POLICY).getByTestId('oncall-policy-tier')).toContainText(
      `on call for ${SCHEDULE}`,
    );
    await oncall.open('schedules');
    await expect(oncall.schedule(SCHEDULE).getByTestId('oncall-used-by')).toContainText(POLICY);
    await oncall.open('now');
    await expect(oncall.nowCard(SCHEDULE).locator('h2')).toHaveText(SCHEDULE);
    await expect(oncall.nowCard(SCHEDULE)).toHaveAttribute('data-username', 'admin');
    await expectNoMarkupRan(page);
  });

  let declared = 0;
  await test.step('a declared incident: title, service, note; paged under the policy', async () => {
    await incidents.open();
    declared = await incidents.declare({
      title: TITLE,
      impact: 'high',
      urgency: 'high',
      service: SERVICE,
      note: DECLARE_NOTE,
    });
    await expect(incidents.id('incident-title')).toHaveText(TITLE);
    await expect(incidents.id('incident-header')).toContainText(SERVICE);
    await expect(incidents.timelineEntries('note').first()).toContainText(DECLARE_NOTE);
    // The policy pages the schedule's on-call person; its name is text on the timeline, and the
    // incident's title is text in the paging bar.
    await expect(incidents.pagingRow(declared).getByTestId('paging-title')).toHaveText(TITLE, {
      timeout: 30_000,
    });
    await expect(incidents.timelineEntries('escalation').first()).toContainText(
      `tier 1 of "${POLICY}"`,
    );
    await expectNoMarkupRan(page);
  });

  await test.step('a note, a move with a note, and a priority reason on the timeline', async () => {
    await incidents.addNote(NOTE);
    await expect(
      incidents.timelineEntries('note').last().getByTestId('incident-timeline-text'),
    ).toHaveText(NOTE);
    await incidents.transition('on_hold', HOLD_NOTE);
    await expect(incidents.state()).toHaveAttribute('data-state', 'on_hold');
    await expect(incidents.timelineEntries('state').last()).toContainText(HOLD_NOTE);
    await incidents.setPriority({ impact: 'medium', urgency: 'high', reason: REASON });
    await expect(incidents.id('incident-priority')).toHaveAttribute('data-priority', 'P2');
    await expect(incidents.timelineEntries('priority').last()).toContainText(REASON);
    await incidents.back();
    await expect(incidents.row(declared).getByTestId('incident-row-title')).toHaveText(TITLE);
    await expect(incidents.row(declared)).toContainText(SERVICE);
    await expectNoMarkupRan(page);
  });

  let fromAlertmanager = 0;
  await test.step("an Alertmanager alert's summary and labels", async () => {
    const token = await createIntakeToken(page);
    const now = new Date().toISOString();
    const labels = {
      alertname: 'InferenceQueueBacklog',
      severity: 'critical',
      service: 'batch-scoring',
      team: TEAM_LABEL,
    };
    const delivered = await request.post(new URL('/intake/alertmanager', app.url).href, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        version: '4',
        groupKey: '{}:{alertname="InferenceQueueBacklog"}',
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'mirqab',
        groupLabels: { alertname: 'InferenceQueueBacklog' },
        commonLabels: labels,
        commonAnnotations: { summary: ALERT_SUMMARY },
        externalURL: 'http://alertmanager.example:9093',
        alerts: [
          {
            status: 'firing',
            labels,
            annotations: { summary: ALERT_SUMMARY, description: `Runbook ${XSS}` },
            startsAt: now,
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus.example:9090/graph',
          },
        ],
      },
    });
    expect(delivered.status()).toBe(200);
    expect(await delivered.json()).toEqual({ accepted: 1 });

    // The alert opened an incident named after its summary, and the admin is paged for it.
    await expect(incidents.pagingBar().getByText(ALERT_SUMMARY, { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await incidents.open();
    const row = incidents.rows().filter({ hasText: ALERT_SUMMARY });
    await expect(row.getByTestId('incident-row-title')).toHaveText(ALERT_SUMMARY);
    fromAlertmanager = Number(await row.getAttribute('data-incident-id'));
    await incidents.openIncident(fromAlertmanager);
    await expect(incidents.id('incident-title')).toHaveText(ALERT_SUMMARY);
    await expect(incidents.alerts()).toHaveCount(1);
    await expect(incidents.alerts().first()).toContainText(ALERT_SUMMARY);
    await expect(incidents.alerts().first()).toContainText(`team=${TEAM_LABEL}`);

    // The stream on the Alerts page and the Overview's firing alerts show the same texts.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alerts-tab-stream').click();
    const streamed = page.getByTestId('stream-alert-row').filter({ hasText: ALERT_SUMMARY });
    await expect(streamed.getByTestId('stream-summary')).toHaveText(ALERT_SUMMARY);
    await expect(streamed.getByTestId('alert-labels')).toContainText(`team=${TEAM_LABEL}`);
    await page.getByTestId('nav-overview').click();
    await expect(
      page.getByTestId('home-firing-summary').filter({ hasText: ALERT_SUMMARY }),
    ).toHaveText(ALERT_SUMMARY);
    await expect(page.getByTestId('home-oncall-schedule')).toHaveAttribute(
      'data-schedule',
      SCHEDULE,
    );
    await expectNoMarkupRan(page);
  });

  await test.step("a silence's matcher and reason, and its preview of the alert", async () => {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alerts-tab-silences').click();
    await page.getByTestId('silence-create').click();
    const dialog = page.getByTestId('silence-dialog');
    await dialog.getByTestId('silence-matcher-name').fill('team');
    await dialog.getByTestId('silence-matcher-value').fill(TEAM_LABEL);
    await dialog.getByTestId('silence-reason').fill(SILENCE_REASON);
    // The preview names the firing alert the matcher catches, by its summary.
    await expect(dialog.getByTestId('silence-preview')).toHaveAttribute('data-count', '1');
    await expect(dialog.getByTestId('silence-preview-alert')).toContainText(ALERT_SUMMARY);
    await expectNoMarkupRan(page);
    await dialog.getByTestId('silence-submit').click();
    await expect(dialog).toHaveCount(0);
    const silence = page.getByTestId('silence-row');
    await expect(silence).toHaveCount(1);
    await expect(silence.getByTestId('silence-reason')).toHaveText(SILENCE_REASON);
    await expect(silence.getByTestId('silence-matchers')).toContainText(TEAM_LABEL);
    await expectNoMarkupRan(page);
  });
});
