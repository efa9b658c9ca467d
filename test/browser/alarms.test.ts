/**
 * Alarm handling in a real browser (issue 23, item 1 and the 立案 half of item 2), on the demo city:
 * an exceedance on the demo enterprise's outlet stays unhandled in the exceedance tab; the enterprise
 * explains it in its own login; the supervisor rejects nothing but opens a case (立案) after seeing the
 * derived responsible unit — the enterprise — and lands on the case. Screenshots go to
 * test-output/browser/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { loadConfig } from '../../src/config/config.js';
import { HOUR_MS } from '../../src/standards/china-time.js';
import { alarmServiceOver } from '../alarm-service.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, SHOTS, browserTitle, ensureWebBuild } from './harness.js';

const title = browserTitle('alarm handling');

describe.skipIf(!HAS_CHROMIUM)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-alarms-'));
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  let alarmId = 0;
  let enterpriseName = '';
  const pageErrors: string[] = [];
  const url = (path: string): string => `${platform.httpUrl}${path}`;

  const login = async (username: string, password: string): Promise<void> => {
    await page.evaluate('sessionStorage.clear()');
    await page.goto(url('/login'));
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('whoami').waitFor({ timeout: 20_000 });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild();
    const config = loadConfig({ db: `sqlite:${join(dir, 'demo.db')}`, httpPort: '0', hj212Port: '0' }, {});
    platform = await startPlatform({
      config,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      version: 'test',
      demo: true,
      simulate: false,
      demoHistory: { airDays: 1, waterDays: 1, outletDays: 1 },
      print: () => undefined,
    });
    // An exceedance on the demo enterprise's first outlet, an hour ago, through the alarm service.
    const user = await platform.store.users.getByUsername('enterprise');
    const enterprise = await platform.store.sites.getById(user?.enterpriseSiteId ?? -1);
    const outlet = (await platform.store.sites.list({ parentId: enterprise?.id ?? -1, limit: 1 })).items[0];
    if (enterprise === null || outlet === undefined) throw new Error('the demo enterprise has no outlet');
    enterpriseName = enterprise.name;
    const hour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
    const recorded = await alarmServiceOver(platform.store, systemClock).record({
      rule: 'exceedance',
      severity: 'critical',
      siteId: outlet.id,
      parameter: 'a21026',
      window: { from: hour, to: new Date(hour.getTime() + HOUR_MS) },
      values: [{ at: hour, value: 52.345678, flag: 'N' }],
      limit: 35,
      message: { zh: '浏览器测试超标', en: 'browser test exceedance' },
    });
    alarmId = recorded.alarm?.id ?? 0;
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('lists the exceedance as unhandled in its own tab, with names instead of codes', async () => {
    await page.goto(url('/login'));
    await login('supervisor', 'demo-supervisor-2026');
    await page.goto(url('/alarms'));
    await page.getByTestId('alarm-table').waitFor({ timeout: 20_000 });
    const table = page.getByTestId('alarm-table');
    await expect.poll(() => table.textContent()).toContain('浏览器测试超标');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('二氧化硫');
    expect(text).toContain('未处理');
    expect(text).not.toMatch(/sudden-step|constant-value|a21026|\bcritical\b/);
    await page.getByTestId('alarm-tab-data_quality').click();
    await expect.poll(() => table.textContent()).not.toContain('浏览器测试超标');
    await page.screenshot({ path: join(SHOTS, 'alarms-data-quality.png') });
  });

  it('the enterprise explains its own alarm', async () => {
    await login('enterprise', 'demo-enterprise-2026');
    await page.goto(url(`/alarms/${alarmId}`));
    await page.getByTestId('alarm-explanation-text').fill('10:00–11:00 脱硫塔检修，已恢复');
    await page.getByTestId('alarm-evidence-file').setInputFiles({
      name: '检修记录.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    await expect.poll(() => page.getByTestId('alarm-evidence-files').textContent()).toContain('检修记录.pdf');
    await page.getByTestId('alarm-explain').click();
    await expect.poll(() => page.getByTestId('alarm-explanation').textContent()).toContain('脱硫塔检修');
    expect(await page.getByTestId('alarm-history').textContent()).toContain('企业提交说明');
  });

  it('the supervisor opens a case after seeing the responsible unit, and the alarm is handled', async () => {
    await login('supervisor', 'demo-supervisor-2026');
    await page.goto(url(`/alarms/${alarmId}`));
    await expect.poll(() => page.getByTestId('alarm-explanation').textContent()).toContain('脱硫塔检修');
    await page.getByTestId('alarm-open-case').click();
    await expect
      .poll(() => page.getByTestId('open-case-responsible').textContent(), { timeout: 20_000 })
      .toContain(enterpriseName);
    await page.screenshot({ path: join(SHOTS, 'alarm-open-case.png') });
    await page.getByTestId('open-case-confirm').click();
    await page.waitForURL(/\/cases\/\d+$/, { timeout: 20_000 });
    await page.goto(url(`/alarms/${alarmId}`));
    await expect.poll(() => page.getByTestId('alarm-state').textContent()).toMatch(/已处理.*已立案/);
    expect(pageErrors).toEqual([]);
  });
});
