// The SLA report on the demo site: an admin defines an SLA over the latency SLO for a customer; a real
// report is refused because only simulated hosts have data, so the admin includes them, reads this
// month's figures marked SIMULATED DATA, exports the report and reads its PDF (pdftotext) and CSV, in
// English and then in Arabic from the Arabic console; finally the admin removes the demo site.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, createLatencySlo, SLO, shot, startDemo } from './demoSloSite.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test("this month's SLA report names the customer and the SLO and exports a PDF and CSV tied to an audit checkpoint", async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const { slo } = await startDemo(page, app);
  await createLatencySlo(slo);
  await slo.back();

  await slo.openSlas();
  await page.getByTestId('sla-empty-create').click();
  await page.getByTestId('sla-name').fill('demo-customer');
  await page.getByTestId('sla-customer').fill('Demo Bank');
  await page.locator(`[data-testid="sla-slo-option"][data-slo="${SLO}"]`).check();
  await page.getByTestId('sla-save').click();
  await expect(page.getByTestId('sla-report')).toBeVisible();
  // This month holds the demo's data (the picker opens on the month before).
  const thisMonth = await page.evaluate(() =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Dubai',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date()),
  );
  await page.getByTestId('sla-period').selectOption(thisMonth);
  await expect(page.getByTestId('sla-report-error')).toHaveAttribute(
    'data-code',
    'SIMULATED_DATA_ONLY',
    { timeout: 30_000 },
  );
  await shot(page, 'sla-report-simulated-only-en');
  await page.getByTestId('sla-include-simulated-now').click();
  await expect(page.getByTestId('sla-figures')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sla-simulated-banner')).toContainText('SIMULATED DATA');
  await shot(page, 'sla-report-en');

  await page.getByTestId('sla-export').click();
  await expect(page.getByTestId('sla-export-result')).toBeVisible({ timeout: 90_000 });
  const directory = (await page.getByTestId('sla-export-directory').innerText()).trim();
  const treeSize = await page.getByTestId('sla-export-checkpoint').getAttribute('data-tree-size');
  expect(directory.startsWith(app.dataDir)).toBe(true);
  const base = join(directory, `sla-demo-customer-${thisMonth}`);
  const { stdout: pdfText } = await promisify(execFile)('pdftotext', [
    '-layout',
    `${base}.pdf`,
    '-',
  ]);
  for (const text of ['Demo Bank', SLO, `#${treeSize}`]) expect(pdfText).toContain(text);
  for (const pageText of pdfText.split('\f').filter((p) => p.trim()))
    expect(pageText).toContain('SIMULATED DATA');
  const csv = readFileSync(`${base}.csv`, 'utf8');
  expect(csv).toMatch(/^\uFEFF# SIMULATED DATA/);
  expect(csv).toContain('Demo Bank');
  expect(csv).toContain(SLO);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('sla-figures')).toBeVisible();
  await shot(page, 'sla-report-ar');
  // Exported from the Arabic console, the report is written in Arabic.
  await page.getByTestId('sla-export').click();
  await expect(page.getByTestId('sla-export-file').first()).toContainText(
    `sla-demo-customer-${thisMonth}-2.pdf`,
    { timeout: 90_000 },
  );
  expect(readFileSync(`${base}-2.html`, 'utf8')).toContain('<html lang="ar" dir="rtl">');

  // The admin removes the demo site, after typing the confirmation word; the audit log records it.
  const fleet = new FleetPage(page);
  await fleet.open();
  // The Fleet view may reopen on the host last shown: step back to the host list.
  const detail = page.getByTestId('fleet-host-detail');
  await expect(detail.or(page.getByTestId('fleet-remove-demo'))).toBeVisible();
  if (await detail.isVisible()) await page.getByTestId('fleet-back').click();
  // Beside the demo, a real host is never offered the demo's simulated cluster.
  await page.getByTestId('fleet-enrol').click();
  await expect(page.getByTestId('fleet-enrol-cluster')).not.toContainText('Demo');
  await page.screenshot({ path: 'test-results/screens/fleet-enrol-beside-demo-ar.png' });
  await page.keyboard.press('Escape');
  await page.getByTestId('fleet-remove-demo').click();
  await page.getByTestId('fleet-remove-demo-word').fill('REMOVE');
  await page.screenshot({ path: 'test-results/screens/fleet-remove-demo-ar.png' });
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByTestId('fleet-remove-demo').click();
  const confirm = page.getByTestId('fleet-remove-demo-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('fleet-remove-demo-word').fill('REMOVE');
  await page.screenshot({ path: 'test-results/screens/fleet-remove-demo-en.png' });
  await confirm.click();
  await expect(page.getByTestId('fleet-empty')).toBeVisible({ timeout: 30_000 });
});
