/**
 * The heavy-pollution response in a real browser, on the demo city: the supervisor finds the past
 * alert with its obligations (a mix of carried out, not carried out and no data), the reduction and
 * the map; issues an alert, which the cockpit then shows as a banner; lifts it and the banner goes.
 * The enterprise sees its own grade, measures and obligations only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserRig } from './harness.js';
import { browserTitle, HAS_CHROMIUM, openRig } from './harness.js';

const SUPERVISOR = ['supervisor', 'demo-supervisor-2026'] as const;
const ENTERPRISE = ['enterprise', 'demo-enterprise-2026'] as const;

describe.skipIf(!HAS_CHROMIUM)(browserTitle('heavy-pollution response'), () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    // Ten days of outlet history: the past alert (three days back) has its seven-day baseline.
    rig = await openRig('response', { airDays: 1, waterDays: 1, outletDays: 10 });
  }, 240_000);

  afterAll(async () => {
    await rig?.close();
  }, 180_000);

  it('the supervisor sees the past alert: obligations with every status, the reduction and the map', async () => {
    await rig.loginAs(...SUPERVISOR);
    await rig.page.goto(rig.url('/response'));
    const table = rig.page.getByTestId('response-obligations');
    await table.waitFor({ timeout: 20_000 });
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('未落实');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('已落实');
    expect(text).toContain('无数据');
    await rig.page.getByTestId('response-reduction').waitFor({ timeout: 20_000 });
    expect(await rig.page.getByTestId('response-compliance-rate').textContent()).toMatch(/%/);
    expect(await rig.page.getByTestId('response-map').locator('circle').count()).toBeGreaterThan(10);
    await rig.shot('response-past-alert');
  });

  it('issuing an alert puts a banner on the cockpit; lifting it takes the banner away', async () => {
    await rig.page.getByTestId('response-issue-level').selectOption('yellow');
    await rig.page.getByTestId('response-issue-basis').fill('预报未来两天 AQI > 150');
    await rig.page.getByTestId('response-issue-submit').click();
    await rig.page.waitForURL(/\/response\/\d+$/, { timeout: 20_000 });
    await rig.page.getByTestId('response-transitions').waitFor({ timeout: 20_000 });
    await rig.page.goto(rig.url('/'));
    const banner = rig.page.getByTestId('response-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain('黄色');
    await rig.shot('response-cockpit-banner');
    await banner.getByRole('link').click();
    await rig.page.getByTestId('response-lift').click();
    await expect
      .poll(() => rig.page.getByTestId('response-transitions').count(), { timeout: 20_000 })
      .toBe(0);
    await rig.page.goto(rig.url('/'));
    await rig.page.getByTestId('cockpit').waitFor({ timeout: 20_000 });
    expect(await rig.page.getByTestId('response-banner').count()).toBe(0);
  });

  it('the enterprise sees its own grade, measures and obligations only', async () => {
    await rig.loginAs(...ENTERPRISE);
    await rig.page.goto(rig.url('/response'));
    const grade = rig.page.getByTestId('response-my-grade');
    await grade.waitFor({ timeout: 20_000 });
    expect(await grade.textContent()).toMatch(/C级/);
    const mine = rig.page.getByTestId('response-my-obligations');
    await expect
      .poll(() => mine.locator('[data-testid=response-evidence]').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(rig.pageErrors).toEqual([]);
    await rig.shot('response-enterprise');
  });
});
