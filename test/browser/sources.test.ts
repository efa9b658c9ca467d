/**
 * The enterprise pages in a real browser, across roles: the enterprise list with its month figures
 * and filters, the enterprise file headed by the company's name (with a red "not judged" where an
 * outlet has no limits), the header search, and English names. Same harness as dashboard.test.ts:
 * the demo city in-process on a temp SQLite file, Debian's Chromium, screenshots to
 * test-output/browser/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseListDto } from '../../src/api/source.schemas.js';
import { systemClock } from '../../src/clock.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { loadConfig } from '../../src/config/config.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, SHOTS, ensureWebBuild } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('enterprise pages and search in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-sources-'));
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string): string => `${platform.httpUrl}${path}`;

  const login = async (username: string, password: string): Promise<void> => {
    await page.goto(url('/login'));
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('whoami').waitFor();
  };
  const logout = async (): Promise<void> => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
  };
  const settled = async (): Promise<void> => {
    await expect.poll(() => page.locator('.state-loading').count(), { timeout: 30_000 }).toBe(0);
  };
  const apiAs = async <T>(path: string, username: string, password: string): Promise<T> => {
    const login = await fetch(url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(url(`/api/v1${path}`), { headers: { authorization: `Bearer ${token}` } });
    return (await res.json()) as T;
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
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('lists enterprises with month figures, filters them and opens the file by name', async () => {
    await login('supervisor', 'demo-supervisor-2026');
    await page.goto(url('/sources'));
    await page.getByTestId('enterprise-table').waitFor({ timeout: 30_000 });
    await settled();
    const header = await page.getByTestId('enterprise-table').locator('thead').textContent();
    expect(header).toContain('本月超标小时');
    expect(header).toContain('未闭环报警');
    expect(header).toContain('逾期案件');
    expect(header).toContain('达标情况');
    await page.getByTestId('enterprise-ranking').waitFor();
    await page.screenshot({ path: join(SHOTS, 'sources-list.png') });

    const list = await apiAs<EnterpriseListDto>('/enterprises', 'supervisor', 'demo-supervisor-2026');
    const first = list.items[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    await page.getByTestId('enterprise-search').fill(first.name.slice(0, 4));
    await expect
      .poll(() => page.getByTestId('enterprise-table').locator('tbody tr').first().textContent())
      .toContain(first.name);
    await page.getByTestId('enterprise-table').locator('tbody tr').first().click();
    await page.getByTestId('enterprise-page').waitFor();
    await expect.poll(() => page.getByTestId('enterprise-name').textContent()).toBe(first.name);
    await page.getByTestId('enterprise-identity').waitFor();
    expect(await page.getByTestId('enterprise-identity').textContent()).toContain(first.creditCode ?? '—');
    expect(await page.getByTestId('alarm-history').getAttribute('href')).toBe(
      `/alarms?kind=all&active=true&enterprise=${encodeURIComponent(first.code)}`,
    );
    expect(await page.getByTestId('case-history').getAttribute('href')).toMatch(
      /^\/cases\?enterpriseSiteId=\d+$/,
    );
    await settled();
    await page.screenshot({ path: join(SHOTS, 'enterprise-file.png'), fullPage: true });
  });

  it('shows an outlet without limits in red as not judged, never a green zero', async () => {
    const list = await apiAs<EnterpriseListDto>('/enterprises', 'supervisor', 'demo-supervisor-2026');
    const unjudged = list.items.find((e) => e.outletsWithoutLimits > 0);
    if (unjudged === undefined) return; // every demo outlet has a preset: nothing to show
    await page.goto(url(`/sources/${encodeURIComponent(unjudged.code)}`));
    await page.getByTestId('outlet-not-judged').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('no-limits').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('no-limits').first().textContent()).toContain('无法判定');
  });

  it('finds an enterprise from the header search and opens it', async () => {
    const list = await apiAs<EnterpriseListDto>('/enterprises', 'supervisor', 'demo-supervisor-2026');
    const target = list.items[1] ?? list.items[0];
    if (target === undefined) return;
    await page.goto(url('/'));
    await page.getByTestId('global-search').fill(target.code);
    await page.getByTestId('search-results').waitFor();
    await page.getByTestId('search-results').locator('a').first().click();
    await page.getByTestId('enterprise-page').waitFor();
    await expect.poll(() => page.getByTestId('enterprise-name').textContent()).toBe(target.name);
  });

  it('prints English names in English', async () => {
    await page.goto(url('/sources'));
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(() => page.getByTestId('enterprise-table').locator('thead').textContent())
      .toContain('Exceedance hours');
    const districtCell = await page
      .getByTestId('enterprise-table')
      .locator('tbody tr td')
      .nth(1)
      .textContent();
    expect(districtCell).toMatch(/^[A-Za-z ]+$/);
    await page.goto(url('/water'));
    await page.getByTestId('water-page').waitFor();
    await settled();
    const text = (await page.getByTestId('water-page').textContent()) ?? '';
    expect(text).not.toMatch(/劣V/);
    expect(text).not.toMatch(/重度黑臭|轻度黑臭/);
    await page.screenshot({ path: join(SHOTS, 'water-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await logout();
  });

  it('lets an enterprise find only its own sites', async () => {
    await login('enterprise', 'demo-enterprise-2026');
    const own = await apiAs<EnterpriseListDto>('/enterprises', 'enterprise', 'demo-enterprise-2026');
    expect(own.items).toHaveLength(1);
    await page.getByTestId('global-search').fill('HZ-E-');
    await page.getByTestId('search-results').waitFor();
    const hits = await page.getByTestId('search-results').locator('a').allTextContents();
    const ownCode = own.items[0]?.code ?? '';
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h).toContain(ownCode);
    await page.goto(url(`/sources/${encodeURIComponent(ownCode)}`));
    await expect.poll(() => page.getByTestId('enterprise-name').textContent()).toBe(own.items[0]?.name);
    await page.getByTestId('outlet-panel').first().waitFor();
    await settled();
    await page.screenshot({ path: join(SHOTS, 'enterprise-own-file.png'), fullPage: true });
    await logout();
  });

  it('shows a district officer the enterprises of their district only', async () => {
    await login('wuxing', 'demo-wuxing-2026');
    const mine = await apiAs<EnterpriseListDto>('/enterprises', 'wuxing', 'demo-wuxing-2026');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((e) => e.districtCode))).toEqual(new Set(['330502']));
    await page.goto(url('/sources'));
    await page.getByTestId('enterprise-table').waitFor({ timeout: 30_000 });
    await settled();
    await expect
      .poll(() => page.getByTestId('enterprise-table').locator('tbody tr').count())
      .toBe(Math.min(mine.items.length, 15));
    await logout();
  });

  it('had no page error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
