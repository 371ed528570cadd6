// The console in Arabic with the dark theme, as an Arabic-speaking operator reads it: the demo site
// and its cluster named in Arabic, agent events and audit actions in Arabic, a typed Latin name kept
// in one piece, and an SLO chart whose axis reads "100 %", not "% 100". Screenshots go to
// test-results/screens/ (English first, then Arabic) for a person to look at.
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, createLatencySlo, shot, startDemo } from './demoSloSite.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { OperatorsPage } from './pages/OperatorsPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

const TYPED = '<img src=x> Abu Dhabi DC1';

test('an Arabic-speaking operator reads the demo fleet, the audit log, the operators and an SLO chart in Arabic', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const operators = new OperatorsPage(page);
  await operators.open();
  await operators.create({
    username: 'noura',
    displayName: TYPED,
    role: 'auditor',
    password: 'Tall-Cedar-Orbit-42!',
  });
  await expect(operators.row('noura')).toBeVisible();

  const site = await startDemo(page, app);
  await createLatencySlo(site.slo);
  await expect(site.slo.sliChart).toBeVisible();
  await shot(page, 'arabic-slo-detail-en');

  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(site.slo.sliChart).toBeVisible();
  await shot(page, 'arabic-slo-detail-ar-dark');

  // The Fleet view comes back to the host it showed last (the demo's first host).
  await site.fleet.open();
  await expect(page.getByTestId('fleet-event').first()).toContainText('بدأ الوكيل العمل');
  await expect(
    page.locator('[data-testid="fleet-action"][data-action="drain_host"]'),
  ).toContainText('إخراج هذا المضيف من الخدمة');
  await shot(page, 'arabic-host-ar-dark');
  await page.getByTestId('fleet-back').click();
  await expect(page.locator('.fleet-site-name').first()).toHaveText('تجريبي');
  await expect(page.locator('.fleet-cluster-name').first()).toHaveText(
    'عنقود وحدات GPU تجريبي (محاكاة)',
  );
  await shot(page, 'arabic-fleet-ar-dark');

  await page.getByTestId('nav-audit').click();
  const enrolled = new AuditPage(page).rows({ action: 'fleet.enrol' }).first();
  await expect(enrolled.getByTestId('audit-row-action')).toHaveText('تسجيل مضيف');
  await expect(enrolled).toContainText('مسؤول');
  await shot(page, 'arabic-audit-ar-dark');

  await operators.open();
  const name = operators.row('noura').getByTestId('operator-row-name');
  await expect(name).toHaveText(TYPED);
  expect(await name.evaluate((el) => el.tagName)).toBe('BDI');
  await expect(page.locator('img')).toHaveCount(0);
  await shot(page, 'arabic-operators-ar-dark');
});
