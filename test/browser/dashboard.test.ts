/**
 * The dashboard in a real browser: the platform with the demo city runs in-process on a temp
 * SQLite file, Chromium (Debian's, never downloaded) opens the built web app, logs in and visits
 * every page, checking real content; screenshots go to test-output/browser/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { DEMO_CITY } from '../../src/sim/demo-city.js';
import { chinaDate, DAY_MS } from '../../src/standards/china-time.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, SHOTS, browserTitle, ensureWebBuild } from './harness.js';

const title = browserTitle('the dashboard');

describe.skipIf(!HAS_CHROMIUM)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-browser-'));
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const url = (path: string): string => `${platform.httpUrl}${path}`;
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  /** Whether an endpoint of the platform exists yet (others build some of them concurrently). */
  const endpointExists = async (path: string, token?: string): Promise<boolean> => {
    const res = await fetch(url(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.status !== 404) return true;
    const body = (await res.json()) as { error?: { message?: string } };
    return !/^no route /.test(body.error?.message ?? '');
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
      demoHistory: { airDays: 3, waterDays: 2, outletDays: 1 },
      print: () => undefined,
    });
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    const t0 = Date.now();
    await context?.close();
    const t1 = Date.now();
    await platform?.close();
    console.log(`browser test teardown: chromium closed in ${t1 - t0} ms, platform in ${Date.now() - t1} ms`);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('serves the app with content types, long-cached hashed assets and the SPA fallback', async () => {
    const home = await fetch(url('/'));
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const html = await home.text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('HZ-AIR-01'); // the server-rendered list for readers without JavaScript
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(url(asset ?? ''));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const deep = await fetch(url('/air/HZ-AIR-01'));
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(url('/api/v1/no-such-thing'));
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not-found' } });
    expect((await fetch(url('/assets/missing.js'))).status).toBe(404);
    expect((await fetch(url('/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('shows the public page without login: station AQI and sections', async () => {
    await page.goto(url('/public'));
    await page.getByTestId('public-page').waitFor();
    await expect
      .poll(() => page.getByTestId('public-sections').textContent())
      .toMatch(/断面|加载失败|未上线|暂无/);
    if (await endpointExists('/api/v1/air/latest')) {
      await page.getByTestId('aqi-badge').first().waitFor();
      expect(await page.getByTestId('aqi-badge').first().textContent()).toMatch(/^\d+$|—/);
    }
    await page.locator('.echart canvas').first().waitFor();
    await shot('public-zh');
  });

  it('logs in and shows the cockpit with the map', async () => {
    await page.goto(url('/login'));
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('demo-admin-2026');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('cockpit').waitFor();
    expect(await page.getByTestId('whoami').textContent()).toContain('admin');
    await page.locator('[data-testid=city-map] canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('devices-online').textContent()).toMatch(/^\d+ \/ \d+$/);
    if (await endpointExists('/api/v1/air/latest')) {
      await expect
        .poll(() => page.getByTestId('city-aqi-value').textContent(), { timeout: 20_000 })
        .toMatch(/^\d+$/);
    }
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await shot('cockpit-zh');
  });

  it('switches to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('.mainnav').textContent()).toContain('Cockpit');
    await page.waitForTimeout(600);
    await shot('cockpit-en');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('.mainnav').textContent()).toContain('驾驶舱');
  });

  for (const [path, name, testId] of [
    ['/air', 'air', 'air-page'],
    ['/air/HZ-AIR-01', 'air-station', 'station-page'],
    ['/water', 'water', 'water-page'],
    ['/sources', 'sources', 'sources-page'],
    ['/alarms', 'alarms', 'alarms-page'],
    ['/cases', 'cases', 'cases-page'],
    ['/admin', 'admin', 'admin-page'],
  ] as const) {
    it(`renders ${path}`, async () => {
      await page.goto(url(path));
      await page.getByTestId(testId).waitFor({ timeout: 20_000 });
      // Not 'networkidle': the live event stream stays open. Wait until no panel is still loading.
      await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000 }).toBe(0);
      await page.waitForTimeout(500);
      await shot(name);
    });
  }

  it('acknowledges an open alarm, when there is one', async () => {
    const token = await page.evaluate<string | null>("localStorage.getItem('qingshan.token')");
    expect(token).toBeTruthy();
    if (!(await endpointExists('/api/v1/alarms', token ?? ''))) return;
    const res = await fetch(url('/api/v1/alarms?state=open&limit=1'), {
      headers: { authorization: `Bearer ${token}` },
    });
    const open = ((await res.json()) as { items: { id: number }[] }).items[0];
    if (open === undefined) return;
    await page.goto(url(`/alarms/${open.id}`));
    await page.getByTestId('alarm-acknowledge').click();
    await expect.poll(() => page.getByTestId('alarm-state').textContent()).toMatch(/已确认|acknowledged/i);
    await shot('alarm-acknowledged');
  });

  /** The session's bearer token, to set up cases through the API. */
  const sessionToken = async (): Promise<string> =>
    (await page.evaluate<string | null>("localStorage.getItem('qingshan.token')")) ?? '';
  const api = async <T>(path: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(url(`/api/v1${path}`), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.ok, `${path}: ${res.status}`).toBe(true);
    return (await res.json()) as T;
  };
  const settle = async (): Promise<void> => {
    await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000 }).toBe(0);
    await page.waitForTimeout(500);
  };

  it('shows an outlet compliance panel with numbers, limits and the 48-hour chart', async () => {
    await page.goto(url('/sources/HZ-E-002'));
    await page.getByTestId('enterprise-page').waitFor();
    const panel = page.getByTestId('outlet-compliance').first();
    await panel.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => panel.getByTestId('hours-valid').textContent(), { timeout: 20_000 })
      .toMatch(/^\d+ \/ \d+$/);
    await expect.poll(() => panel.getByTestId('compliance-summary').textContent()).toMatch(/\d+(\.\d)?%/);
    await expect.poll(() => panel.getByTestId('outlet-limits').textContent()).toMatch(/mg\/m³/);
    await panel.getByTestId('limit-chart').locator('canvas').first().waitFor({ timeout: 20_000 });
    await settle();
    await panel.scrollIntoViewIfNeeded();
    await shot('sources-compliance-zh');
  });

  it('switches the air ranking between stations, districts, AQI, PM2.5 and the composite index', async () => {
    await page.goto(url('/air'));
    const ranking = page.getByTestId('air-ranking');
    await ranking.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => ranking.getByTestId('ranking-table').locator('tbody tr').count())
      .toBeGreaterThan(0);
    await ranking.getByTestId('ranking-scope').locator('[data-key=station]').click();
    await ranking.getByTestId('ranking-by').locator('[data-key=pm25]').click();
    await expect.poll(() => ranking.getByTestId('ranking-table').textContent()).toMatch(/µg\/m³/);
    await ranking.getByTestId('ranking-by').locator('[data-key=ci]').click();
    await expect
      .poll(() => ranking.locator('.state-error, [data-testid=ranking-table]').first().textContent())
      .toMatch(/\d\.\d\d|—/);
    expect(await ranking.locator('.state-error').count()).toBe(0);
    await settle();
    await page.getByTestId('ranking-panel').scrollIntoViewIfNeeded();
    await shot('air-ranking-zh');
  });

  it('shows the admin limits table and applies the preset', async () => {
    await page.goto(url('/admin/limits'));
    const tab = page.getByTestId('limits-tab');
    await tab.waitFor({ timeout: 20_000 });
    await page.getByTestId('limits-outlet').selectOption('HZ-E-002-G1');
    await expect.poll(() => page.getByTestId('limits-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByTestId('apply-preset').click();
    await expect.poll(() => page.getByTestId('limits-notice').textContent()).toMatch(/已添加 \d+ 条限值/);
    await settle();
    await shot('admin-limits-zh');
  });

  it('sets an alarm threshold for an industry in the bureau settings and sees it in force', async () => {
    await page.goto(url('/admin/settings'));
    await page.getByTestId('alarm-settings').waitFor({ timeout: 20_000 });
    // The default auto-case rule (a critical exceedance opens a case) is listed.
    await expect
      .poll(() => page.getByTestId('auto-case-table').locator('tbody tr').count())
      .toBeGreaterThan(0);
    const form = page.getByTestId('edit-threshold');
    await form.locator('input[name=override-key]').fill('1752');
    await form.locator('select[name=threshold-key]').selectOption('transmissionRateMin');
    await form.locator('input[name=threshold-value]').fill('0.8');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('threshold-notice').textContent()).toMatch(/已保存/);
    await expect.poll(() => page.getByTestId('override-table').textContent()).toMatch(/1752/);
    await settle();
    await shot('admin-settings-zh');
  });

  it('assigns a case with an uploaded attachment as supervisor, and downloads it', async () => {
    await page.getByTestId('logout').click();
    await page.locator('input[name=username]').waitFor();
    await page.locator('input[name=username]').fill('supervisor');
    await page.locator('input[name=password]').fill('demo-supervisor-2026');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('cockpit').waitFor();
    const token = await sessionToken();
    const created = await api<{ id: number }>('/cases', token, {
      source: 'inspection',
      subject: { type: 'district', districtCode: '330502' },
      category: 'other',
      title: '浏览器测试：现场检查发现问题',
      description: 'Created by the browser test.',
    });
    await api(`/cases/${created.id}/transitions`, token, { to: 'verified', comment: '核实' });

    await page.goto(url(`/cases/${created.id}`));
    await page.getByTestId('case-actions').waitFor({ timeout: 20_000 });
    // A PNG's signature and IHDR: the server judges evidence by its bytes.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .getByTestId('case-file')
      .setInputFiles({ name: 'site-photo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('case-pending').textContent()).toContain('site-photo.png');
    // No unit is preselected by chance: the district comes from the case's subject, or is chosen.
    await page.getByTestId('case-unit-choose').check();
    await page.getByTestId('case-unit-type').selectOption('district');
    await page.getByTestId('case-unit-district').selectOption('330502');
    const deadline = chinaDate(new Date(Date.now() + 10 * DAY_MS));
    await page.getByTestId('case-deadline').fill(deadline);
    await page.getByTestId('case-comment').fill('请限期整改');
    await page.getByTestId('case-to-assigned').click();
    await expect.poll(() => page.getByTestId('case-assign-summary').textContent()).toContain(deadline);
    await page.getByTestId('case-assign-confirm').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已交办');
    // Due by the end of the chosen day, shown as that day.
    await expect.poll(() => page.getByTestId('case-deadline-shown').textContent()).toContain(deadline);
    const events = page.getByTestId('case-events');
    await expect.poll(() => events.textContent()).toContain('site-photo.png');
    const download = page.waitForEvent('download');
    await events.getByRole('button', { name: /site-photo\.png/ }).click();
    expect((await download).suggestedFilename()).toBe('site-photo.png');
    await settle();
    await shot('case-assigned-zh');
  });

  /** Logs out and in again as another demo account. */
  const loginAs = async (username: string, password: string): Promise<void> => {
    await page.getByTestId('logout').click();
    await page.locator('input[name=username]').waitFor();
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('whoami').waitFor();
  };

  it('runs a complaint through the loop by clicks: new case, derived enterprise, assign, rectify with evidence, accept, close', async () => {
    const token = await sessionToken();
    const code = DEMO_CITY.sites.find((s) => s.kind === 'enterprise')?.code ?? '';
    const sites = await api<{ items: { id: number; code: string; name: string }[] }>(
      '/sites?kind=enterprise&limit=1000',
      token,
    );
    const enterprise = sites.items.find((s) => s.code === code);
    expect(enterprise).toBeDefined();

    await page.goto(url('/cases'));
    await page.getByTestId('case-new').click();
    const form = page.getByTestId('new-case-form');
    await form.getByTestId('new-case-source').selectOption('complaint');
    await form.getByTestId('new-case-category').selectOption('air');
    await form.getByTestId('new-case-site-search').fill(code);
    await form.getByTestId('new-case-site').selectOption(String(enterprise?.id));
    await form.getByTestId('new-case-location').fill('厂区东门外');
    await form.getByTestId('new-case-reporter').fill('匿名群众');
    await form.getByTestId('new-case-external-ref').fill('12369-BROWSER-1');
    await form.getByTestId('new-case-description').fill('浏览器测试：群众反映夜间异味');
    await expect
      .poll(() => form.getByTestId('new-case-unit-derived').textContent())
      .toContain(enterprise?.name ?? '?');
    await form.getByTestId('new-case-submit').click();
    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('发现');
    const caseId = /\/cases\/(\d+)/.exec(page.url())?.[1] ?? '';
    expect(caseId).toMatch(/^\d+$/);
    expect(await page.getByTestId('case-source').textContent()).toBe('信访投诉（12369）');

    await page.getByTestId('case-to-verified').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已核实');
    expect(await page.getByTestId('case-unit-suggested').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('case-assign').textContent()).toContain(enterprise?.name ?? '?');
    const deadline = chinaDate(new Date(Date.now() + 7 * DAY_MS));
    await page.getByTestId('case-deadline').fill(deadline);
    await page.getByTestId('case-to-assigned').click();
    await expect
      .poll(() => page.getByTestId('case-assign-summary').textContent())
      .toContain(enterprise?.name ?? '?');
    await page.getByTestId('case-assign-confirm').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已交办');
    await expect.poll(() => page.getByTestId('case-responsible').textContent()).toContain(code);
    await expect.poll(() => page.getByTestId('case-deadline-shown').textContent()).toContain(deadline);

    await loginAs('enterprise', 'demo-enterprise-2026');
    await page.goto(url(`/cases/${caseId}`));
    await page.getByTestId('case-to-rectifying').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('整改中');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await page
      .getByTestId('case-file')
      .setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.getByTestId('case-pending').textContent()).toContain('整改报告.pdf');
    await page.getByTestId('case-comment').fill('已更换活性炭并加装收集罩');
    await page.getByTestId('case-to-self_checked').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已自查');
    await expect.poll(() => page.getByTestId('case-events').textContent()).toContain('整改报告.pdf');

    await loginAs('supervisor', 'demo-supervisor-2026');
    await page.goto(url(`/cases/${caseId}`));
    await page.getByTestId('case-to-under_acceptance').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('验收中');
    await page.getByTestId('case-to-publicised').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已公示');
    await page.getByTestId('case-to-closed').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已办结');
    await settle();
    await shot('case-closed-zh');

    // The filtered list finds it; the cockpit's closed count links to the list of exactly those.
    await page.goto(url(`/cases?state=closed&enterpriseSiteId=${enterprise?.id}`));
    await expect
      .poll(() => page.getByTestId('case-list').textContent())
      .toContain('浏览器测试：群众反映夜间异味');
    await page.goto(url('/'));
    const closed = page.getByTestId('case-funnel-closed');
    await expect.poll(() => closed.textContent()).toMatch(/^\d+$/);
    const count = await closed.textContent();
    await closed.click();
    await page.getByTestId('cases-page').waitFor();
    expect(page.url()).toContain('state=closed');
    await expect.poll(() => page.getByTestId('case-total').textContent()).toContain(count ?? '?');
    await settle();
    await shot('cases-closed-from-cockpit-zh');
  });

  it('shows the new parts in English too', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('.mainnav').textContent()).toContain('Cockpit');
    await page.goto(url('/admin/limits'));
    await page.getByTestId('limits-outlet').selectOption('HZ-E-002-G1');
    await settle();
    await shot('admin-limits-en');
    await page.goto(url('/sources/HZ-E-002'));
    await page
      .getByTestId('outlet-compliance')
      .first()
      .getByTestId('limit-chart')
      .locator('canvas')
      .first()
      .waitFor();
    await settle();
    await shot('sources-compliance-en');
    await page.goto(url('/water/HZ-W-01'));
    await page.getByTestId('section-series').locator('canvas').first().waitFor({ timeout: 20_000 });
    await settle();
    await shot('water-section-en');
    await page.goto(url('/cases?category=air&source=complaint'));
    await expect.poll(() => page.getByTestId('case-list').textContent()).toContain('Complaint (12369)');
    expect(await page.getByTestId('case-filters').textContent()).toContain('Newest opened first');
    await settle();
    await shot('cases-en');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('.mainnav').textContent()).toContain('驾驶舱');
  });

  it('ran without uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
