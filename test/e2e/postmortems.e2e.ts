// A postmortem as the incident commander writes it: a P1 incident says one is required; it is
// created pre-filled, written in Markdown whose XSS payloads the live preview shows as text, given a
// reviewer and an action item, exported as PDF (read back with pdftotext) and the audit chain still
// verifies.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { shot } from './demoSloSite.ts';
import { expect, test } from './fixtures.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { PostmortemPage } from './pages/PostmortemPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

const run = promisify(execFile);
const XSS =
  '<img src=x onerror="window.__xss=1"> <script>window.__xss=1</script> [click](javascript:window.__xss=1)';

test('a P1 incident is written up blameless, its Markdown sanitised, and exported as PDF', async ({
  page,
  app,
}) => {
  await setUpAndSignIn(page, app.url);
  const incidents = new IncidentPage(page);
  await incidents.open();
  await incidents.declare({
    title: 'Fraud model accuracy dropped',
    impact: 'high',
    urgency: 'high',
    category: 'model_accuracy',
    service: 'fraud-detector',
    note: 'Accuracy fell to 71 % after the 10:00 deploy',
  });
  const panel = page.getByTestId('incident-postmortem');
  await expect(panel).toHaveAttribute('data-required', 'true');
  await expect(panel).toContainText('Postmortem required');

  const pm = new PostmortemPage(page);
  await pm.createFromIncident();
  await expect(pm.preview('impact')).toContainText('P1 (impact high, urgency high)');
  await expect(pm.preview('timeline')).toContainText(
    'Accuracy fell to 71 % after the 10:00 deploy',
  );

  await pm.write('rootCauses', `A **stale feature map** in v2.3.1.\n\n${XSS}`);
  await expect(pm.preview('rootCauses').locator('strong')).toHaveText('stale feature map');
  await expect(pm.preview('rootCauses')).toContainText('<script>window.__xss=1</script>');
  await pm.save();
  await expect(page.locator('main img[src="x"], main script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  await pm.id('pm-add-item').getByLabel('Action').fill('Gate deploys on shadow accuracy');
  await pm.id('pm-add-item').getByLabel('Owner').fill('admin');
  await pm.id('pm-add-item').getByLabel('Due').fill('2026-12-10');
  await pm.id('pm-add-item').getByRole('button').click();
  await expect(pm.id('pm-action-item')).toHaveCount(1);
  await shot(page, 'postmortem-editor');

  const written = await pm.export('pdf', 'en');
  const file = /: (postmortem-\d+-r1-en\.pdf)/.exec(written)?.[1];
  expect(file).toBeTruthy();
  const { stdout } = await run('pdftotext', [
    '-enc',
    'UTF-8',
    join(app.dataDir, 'exports', 'reports', file!),
    '-',
  ]);
  expect(stdout.replace(/\s+/g, ' ')).toContain('A stale feature map in v2.3.1.');
  expect(stdout).toMatch(/Produced at audit checkpoint #\d+/);

  await page.getByTestId('nav-audit').click();
  const audit = new AuditPage(page);
  await expect(audit.rows({ action: 'postmortem.export' })).toHaveCount(1);
  await expect(await audit.verify()).toHaveAttribute('data-ok', 'true');
});
