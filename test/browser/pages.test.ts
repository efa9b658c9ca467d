/**
 * Every main page, for each kind of user, in a real browser: it loads with no console error, no
 * uncaught exception and no failed request (the icon included); a district officer's cockpit shows
 * their district in every tile; the map draws the city the server describes (GET /city). The
 * platform with the demo city runs in-process on a temp SQLite file; Chromium is Debian's.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, SHOTS, browserTitle, ensureWebBuild } from './harness.js';

const title = browserTitle('every page, for every role,');

/** The demo accounts the test logs in with, and the pages (path, test id) each may open. */
const ROLES = [
  {
    username: 'supervisor',
    password: 'demo-supervisor-2026',
    pages: [
      ['/', 'cockpit'],
      ['/air', 'air-page'],
      ['/water', 'water-page'],
      ['/sources', 'sources-page'],
      ['/alarms', 'alarms-page'],
      ['/cases', 'cases-page'],
      ['/response', 'response-page'],
      ['/admin', 'admin-page'],
      ['/public', 'public-page'],
    ],
  },
  {
    username: 'wuxing',
    password: 'demo-wuxing-2026',
    pages: [
      ['/', 'cockpit'],
      ['/air', 'air-page'],
      ['/water', 'water-page'],
      ['/sources', 'sources-page'],
      ['/alarms', 'alarms-page'],
      ['/cases', 'cases-page'],
      ['/response', 'response-page'],
    ],
  },
  {
    username: 'enterprise',
    password: 'demo-enterprise-2026',
    pages: [
      ['/', 'cockpit'],
      ['/air', 'air-page'],
      ['/water', 'water-page'],
      ['/sources', 'sources-page'],
      ['/alarms', 'alarms-page'],
      ['/cases', 'cases-page'],
      ['/response', 'response-page'],
    ],
  },
] as const;

/** What went wrong on a page: console errors, uncaught exceptions, failed or refused requests. */
interface Problems {
  console: string[];
  exceptions: string[];
  requests: string[];
}

function watch(page: Page): Problems {
  const p: Problems = { console: [], exceptions: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') p.console.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => p.exceptions.push(e.message));
  page.on('requestfailed', (r) => {
    // Leaving a page aborts its open requests (the live stream, pending queries): not a failure.
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') p.requests.push(`${r.method()} ${r.url()}: ${reason}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) p.requests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
  });
  return p;
}

describe.skipIf(!HAS_CHROMIUM)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-pages-'));
  let platform: Platform;
  let browser: Browser;
  const url = (path: string): string => `${platform.httpUrl}${path}`;

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
      demoHistory: { airDays: 2, waterDays: 2, outletDays: 1 },
      print: () => undefined,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  /** A fresh browser profile logged in as the account. */
  async function loggedIn(
    username: string,
    password: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
    });
    const page = await context.newPage();
    await page.goto(url('/login'));
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('cockpit').waitFor({ timeout: 30_000 });
    return { context, page };
  }

  const settle = async (page: Page): Promise<void> => {
    await expect.poll(() => page.locator('.state-loading').count(), { timeout: 30_000 }).toBe(0);
    await page.waitForTimeout(600);
  };

  it('serves the icon the page links to', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await fetch(url(path));
      expect(res.status, path).toBe(200);
    }
    const html = await (await fetch(url('/'))).text();
    expect(html).toMatch(/<link rel="icon" href="\/favicon\.svg"/);
  });

  for (const role of ROLES) {
    it(`loads every page of ${role.username} with no console error and no failed request`, async () => {
      const { context, page } = await loggedIn(role.username, role.password);
      const problems = watch(page);
      try {
        for (const [path, testId] of role.pages) {
          await page.goto(url(path));
          await page.getByTestId(testId).waitFor({ timeout: 30_000 });
          await settle(page);
          const icon = await page.evaluate<number>(
            "(async () => { const l = document.querySelector('link[rel=icon]'); return l === null ? 0 : (await fetch(l.href)).status; })()",
          );
          expect(icon, `icon on ${path}`).toBe(200);
        }
        await page.goto(url('/'));
        await page.locator('[data-testid=city-map] canvas').first().waitFor({ timeout: 30_000 });
        await settle(page);
        await page.screenshot({ path: join(SHOTS, `pages-cockpit-${role.username}.png`) });
        expect(problems).toEqual({ console: [], exceptions: [], requests: [] });
      } finally {
        await context.close();
      }
    }, 240_000);
  }

  it('loads the public pages without a login, with no console error and no failed request', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      for (const path of ['/', '/public']) {
        await page.goto(url(path));
        await page.getByTestId('public-page').waitFor({ timeout: 30_000 });
        await page.locator('.echart canvas').first().waitFor({ timeout: 30_000 });
        await settle(page);
      }
      const city = (await (await fetch(url('/api/v1/city'))).json()) as { name: string };
      expect(await page.locator('h1.page-title').textContent()).toContain(city.name);
      expect(problems).toEqual({ console: [], exceptions: [], requests: [] });
    } finally {
      await context.close();
    }
  }, 240_000);

  it('draws whatever city the server describes: other names and boundaries, or none at all', async () => {
    const square = (x0: number, y0: number, x1: number, y1: number) => [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ];
    const other = {
      name: '测试市',
      nameEn: 'Testcity',
      code: '990100',
      center: [119.85, 30.75],
      bounds: [
        [119.2, 30.3],
        [120.5, 31.2],
      ],
      districts: [
        { code: '990101', name: '东区', nameEn: 'East', parent: null },
        { code: '990102', name: '西区', nameEn: 'West', parent: null },
      ],
      boundaries: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '990101', name: '东区' },
            geometry: { type: 'Polygon', coordinates: square(119.85, 30.3, 120.5, 31.2) },
          },
          {
            type: 'Feature',
            properties: { code: '990102', name: '西区' },
            geometry: { type: 'MultiPolygon', coordinates: [square(119.2, 30.3, 119.85, 31.2)] },
          },
        ],
      },
    };
    for (const [variant, city] of [
      ['other-city', other],
      [
        'no-boundaries',
        { ...other, bounds: null, center: null, boundaries: { type: 'FeatureCollection', features: [] } },
      ],
    ] as const) {
      const { context, page } = await loggedIn('supervisor', 'demo-supervisor-2026');
      const problems = watch(page);
      try {
        await context.route('**/api/v1/city', (route) => route.fulfill({ json: city }));
        await page.reload();
        await page.locator('[data-testid=city-map] canvas').first().waitFor({ timeout: 30_000 });
        await settle(page);
        expect(await page.getByTestId('city-map').locator('h2').textContent()).toContain('测试市');
        expect(await page.locator('.brand').textContent()).toContain('测试市');
        await page.screenshot({ path: join(SHOTS, `pages-cockpit-${variant}.png`) });
        expect(problems).toEqual({ console: [], exceptions: [], requests: [] });
      } finally {
        await context.close();
      }
    }
  }, 240_000);

  it('shows a district officer only their district, in every tile and on the map', async () => {
    const city = (await (await fetch(url('/api/v1/city'))).json()) as {
      districts: { code: string; name: string }[];
    };
    const own = city.districts.find((d) => d.code === '330502');
    expect(own).toBeDefined();
    const sections = (await (await fetch(url('/api/v1/water/sections'))).json()) as {
      items: { section: { districtCode: string } }[];
    };
    const ownSections = sections.items.filter((s) => s.section.districtCode === '330502').length;
    const stations = (await (await fetch(url('/api/v1/sites?kind=air_station&district=330502'))).json()) as {
      items: { longitude: number | null }[];
    };

    const { context, page } = await loggedIn('wuxing', 'demo-wuxing-2026');
    try {
      await settle(page);
      expect(await page.getByTestId('cockpit-scope').textContent()).toContain(own?.name ?? '?');
      // No way back to the whole city for a district officer.
      expect(await page.getByTestId('cockpit-scope-clear').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('city-aqi').locator('h2').textContent())
        .toContain(own?.name ?? '?');
      await expect
        .poll(() => page.getByTestId('water-compliance-count').textContent())
        .toMatch(new RegExp(`${ownSections} `));
      const located = stations.items.filter((s) => s.longitude !== null).length;
      await expect
        .poll(() => page.getByTestId('map-layer-air').locator('small').textContent())
        .toBe(String(located));
      const alarmsLink = page.getByTestId('kpi-strip').locator('a[href^="/alarms"]');
      expect(await alarmsLink.getAttribute('href')).toContain('district=330502');
      const casesLink = page.getByTestId('kpi-strip').locator('a[href^="/cases"]');
      expect(await casesLink.getAttribute('href')).toContain('districtCode=330502');
      await page.screenshot({ path: join(SHOTS, 'pages-cockpit-district.png') });
    } finally {
      await context.close();
    }
  }, 240_000);

  it('drills down to a district from the ranking and from the map, and back to the city', async () => {
    const { context, page } = await loggedIn('supervisor', 'demo-supervisor-2026');
    try {
      await settle(page);
      expect(await page.getByTestId('cockpit-scope').count()).toBe(0);
      await page.getByTestId('district-rank-330503').click();
      await expect.poll(() => page.getByTestId('cockpit-scope').textContent()).toContain('南浔区');
      expect(page.url()).toContain('district=330503');
      await settle(page);
      await page.getByTestId('cockpit-scope-clear').click();
      await expect.poll(() => page.getByTestId('cockpit-scope').count()).toBe(0);
      // A click on a district's area on the map drills down too (points tried until one is on an
      // area rather than on a marker; a marker opens its page, so go back and try the next).
      const canvas = page.locator('[data-testid=city-map] canvas').first();
      const box = await canvas.boundingBox();
      expect(box).not.toBeNull();
      let drilled = false;
      for (const [fx, fy] of [
        [0.3, 0.6],
        [0.35, 0.65],
        [0.45, 0.75],
        [0.55, 0.7],
      ] as const) {
        if (box === null) break;
        await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
        await page.waitForTimeout(400);
        if (page.url().includes('district=')) {
          drilled = true;
          break;
        }
        if (new URL(page.url()).pathname !== '/') {
          await page.goto(url('/'));
          await settle(page);
        }
      }
      expect(drilled).toBe(true);
      await expect.poll(() => page.getByTestId('cockpit-scope').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('keeps the session in a new tab, and logs every tab out together', async () => {
    const { context, page } = await loggedIn('supervisor', 'demo-supervisor-2026');
    try {
      const second = await context.newPage();
      await second.goto(url('/air'));
      await second.getByTestId('air-page').waitFor({ timeout: 30_000 });
      expect(await second.getByTestId('whoami').textContent()).toContain('supervisor');
      await page.getByTestId('logout').click();
      await expect.poll(() => second.getByTestId('whoami').count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('marks every panel stale while the live stream is down', async () => {
    const { context, page } = await loggedIn('supervisor', 'demo-supervisor-2026');
    try {
      await settle(page);
      expect(await page.getByTestId('stale-mark').count()).toBe(0);
      await context.route('**/api/v1/events*', (route) => route.abort());
      // Reload: the stream cannot connect, so what the page shows may be old.
      await page.reload();
      await page.getByTestId('cockpit').waitFor();
      await expect
        .poll(() => page.getByTestId('stale-mark').count(), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(await page.locator('.panel').count());
      await page.screenshot({ path: join(SHOTS, 'pages-cockpit-stale.png') });
    } finally {
      await context.close();
    }
  }, 240_000);
});
