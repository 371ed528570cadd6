// The SLA report on the demo site: an admin defines an SLA over the latency SLO for a customer, reads
// this month's figures, exports the report and reads its PDF (pdftotext) and CSV, in English and Arabic.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, createLatencySlo, SLO, shot, startDemo } from './demoSloSite.ts';
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
  await expect(page.getByTestId('sla-figures')).toBeVisible({ timeout: 30_000 });
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
  const csv = readFileSync(`${base}.csv`, 'utf8');
  expect(csv).toContain('Demo Bank');
  expect(csv).toContain(SLO);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('sla-figures')).toBeVisible();
  await shot(page, 'sla-report-ar');
});
