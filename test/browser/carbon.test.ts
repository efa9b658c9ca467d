/**
 * The carbon pages in a real browser (issue 13), on the demo city: the public carbon-code page an
 * enterprise's QR code links to opens without a login; a supervisor opens 碳效 from the menu, sees
 * the city's indicators against targets, the grade distribution and the grade-4/5 enterprises,
 * opens a technical-retrofit case from one, and follows the link to the energy-budget alarms; the
 * enterprise user sees only its own carbon file. The API is read only to know what to expect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeListDto } from '../../src/api/carbon.schemas.js';
import type { BrowserRig } from './harness.js';
import { browserTitle, HAS_CHROMIUM, openRig } from './harness.js';

const SUPERVISOR = ['supervisor', 'demo-supervisor-2026'] as const;
const ENTERPRISE = ['enterprise', 'demo-enterprise-2026'] as const;

describe.skipIf(!HAS_CHROMIUM)(browserTitle('carbon pages'), () => {
  let rig: BrowserRig;
  let grades: GradeListDto;

  beforeAll(async () => {
    rig = await openRig('carbon', { airDays: 1, waterDays: 1, outletDays: 0 });
    const login = await fetch(rig.url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SUPERVISOR[0], password: SUPERVISOR[1] }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(rig.url('/api/v1/carbon/grades'), {
      headers: { authorization: `Bearer ${token}` },
    });
    grades = (await res.json()) as GradeListDto;
  }, 240_000);
  afterAll(async () => {
    await rig.close();
  });

  it('opens the public carbon-code page without a login, with the grade and the QR code', async () => {
    const graded = grades.items.find((g) => g.grade !== null);
    expect(graded, 'the demo city has graded enterprises').toBeDefined();
    const { page } = rig;
    await page.goto(rig.url(`/carbon/code/${encodeURIComponent(graded?.code ?? '')}`));
    await page.getByTestId('carbon-code-page').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('carbon-grade').first().textContent(), { timeout: 30_000 })
      .toContain(`${graded?.grade} 级`);
    await expect
      .poll(() =>
        page.locator('img[src*="qr.svg"]').evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await page.getByTestId('carbon-code-trend').locator('li').count()).toBeGreaterThan(1);
    await rig.shot('carbon-public-code');
  });

  it('a supervisor sees the overview and opens a retrofit case for a grade-4/5 enterprise', async () => {
    const { page } = rig;
    await rig.loginAs(...SUPERVISOR);
    await page.locator('a[href="/carbon"]').first().click();
    await page.getByTestId('carbon-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('carbon-city-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('carbon-city-table').locator('tbody tr').count()).toBe(6);
    await expect
      .poll(() => page.getByTestId('carbon-budget-alerts').locator('tbody tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await rig.shot('carbon-overview');
    const low = grades.items.filter((g) => g.grade !== null && g.grade >= 4);
    expect(low.length, 'the demo city has grade-4/5 enterprises').toBeGreaterThan(0);
    const target = low[0];
    await page.getByTestId(`open-case-${target?.code ?? ''}`).click();
    await page.waitForURL(/\/cases\/\d+/, { timeout: 30_000 });
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 30_000 })
      .toContain(target?.name ?? '');
    await rig.shot('carbon-case');
    await page.goto(rig.url('/carbon'));
    await page.getByTestId('budget-alarms-link').click();
    await page.waitForURL(/rule=energy-budget/);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 30_000 })
      .toContain('用能预算预警');
    await rig.shot('carbon-budget-alarms');
  });

  it('the enterprise user sees its own carbon file', async () => {
    const { page } = rig;
    await rig.loginAs(...ENTERPRISE);
    await page.goto(rig.url('/carbon'));
    await page.getByTestId('carbon-file').waitFor({ timeout: 30_000 });
    await page.getByTestId('carbon-qr').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId('carbon-months').locator('tbody tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await rig.shot('carbon-enterprise-file');
    expect(rig.pageErrors).toEqual([]);
  });
});
