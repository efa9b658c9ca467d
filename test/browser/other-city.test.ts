/**
 * A second city in a real browser (issue 21, "done when"): 云岭市 (test/fixtures/city-packages/other-city/)
 * is imported into an empty database and served (`serve` mode, no demo data); a bureau admin manages
 * its master data on the 主数据 admin tab, and its cockpit shows its own name and districts.
 * Screenshots go to test-output/browser/.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { runCli } from '../cli.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, SHOTS, browserTitle, ensureWebBuild } from './harness.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/city-packages/other-city/', import.meta.url));
/** The cockpit draws the city from GET /api/v1/city (helper B4's route and map); checked once they are here. */
const CITY_ROUTE_PRESENT = existsSync(new URL('../../src/api/city.routes.ts', import.meta.url));
const title = browserTitle('a second city');

describe.skipIf(!HAS_CHROMIUM)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-browser-other-'));
  const db = `sqlite:${join(dir, 'other.db')}`;
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const url = (path: string): string => `${platform.httpUrl}${path}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild();
    expect((await runCli('city', 'import', FIXTURE, '--db', db, '--lang', 'en')).code).toBe(0);
    const user = await runCli(
      'user',
      'add',
      '--username',
      'chief',
      '--password',
      'chief-password-1',
      '--role',
      'admin',
      '--db',
      db,
    );
    expect(user.code).toBe(0);
    platform = await startPlatform({
      config: loadConfig({ db, httpPort: '0', hj212Port: '0' }, {}),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      version: 'test',
      demo: false,
      print: () => undefined,
    });
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('logs in as the bureau admin of the new city', async () => {
    await page.goto(url('/login'));
    await page.locator('input[name=username]').fill('chief');
    await page.locator('input[name=password]').fill('chief-password-1');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('cockpit').waitFor({ timeout: 30_000 });
  });

  it.skipIf(!CITY_ROUTE_PRESENT)(
    'its cockpit shows its own name and districts, nothing of Huzhou',
    async () => {
      await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain('云岭市');
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('湖州');
      await page.locator('[data-testid=city-map] canvas').first().waitFor();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(SHOTS, 'other-city-cockpit.png') });
    },
  );

  it('主数据: lists its districts and stations, creates a district and retires it', async () => {
    await page.goto(url('/admin/masterData'));
    await page.getByTestId('master-districts').waitFor({ timeout: 30_000 });
    const districts = await page.getByTestId('master-districts').innerText();
    for (const name of ['碧江区', '石门区', '松溪县']) expect(districts).toContain(name);
    await page.getByRole('tab', { name: '空气站' }).click();
    await expect
      .poll(() => page.getByTestId('master-sites').innerText(), { timeout: 20_000 })
      .toContain('YL-AIR-01');
    await page.getByRole('tab', { name: '区县' }).click();
    await page.getByTestId('master-new').click();
    const form = page.getByTestId('master-district-form');
    await form.locator('input[name=code]').fill('529922');
    await form.locator('input[name=name]').fill('新桥县');
    await form.locator('input[name=nameEn]').fill('Xinqiao County');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => page.getByTestId('master-districts').innerText(), { timeout: 20_000 })
      .toContain('新桥县');
    const row = page.getByTestId('master-districts').locator('tr', { hasText: '529922' });
    await row.getByRole('button', { name: '撤销' }).click();
    await expect
      .poll(() => page.getByTestId('master-districts').innerText(), { timeout: 20_000 })
      .not.toContain('新桥县');
    await page.screenshot({ path: join(SHOTS, 'other-city-master-data.png') });
    const audit = await fetch(url('/api/v1/districts'));
    expect(((await audit.json()) as { items: { code: string }[] }).items.map((d) => d.code)).toEqual([
      '529902',
      '529903',
      '529921',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('主数据: a package workbook is checked first (report shown), then imported when confirmed', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const file of readdirSync(FIXTURE).filter((f) => f.endsWith('.csv'))) {
      const sheet = workbook.addWorksheet(file.replace(/\.csv$/, ''));
      // The fixture's cells hold no commas or quotes, so a split is the CSV reading here.
      for (const line of readFileSync(join(FIXTURE, file), 'utf8').trimEnd().split(/\r?\n/)) {
        sheet.addRow(line.split(','));
      }
    }
    // One change against the store: a new name for a station.
    const stationSheet = workbook.getWorksheet('air_stations');
    if (stationSheet === undefined) throw new Error('no air_stations sheet');
    stationSheet.getCell('B2').value = '碧江公园（新）';
    const xlsx = join(dir, 'yunling.xlsx');
    writeFileSync(xlsx, Buffer.from(await workbook.xlsx.writeBuffer()));
    await page.goto(url('/admin/masterData'));
    const panel = page.getByTestId('master-import');
    await panel.locator('input[name=workbook]').setInputFiles(xlsx);
    await panel.locator('input[name=boundaries]').setInputFiles(join(FIXTURE, 'boundaries.geojson'));
    await panel.getByRole('button', { name: '检查' }).click();
    await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
    const report = await page.getByTestId('import-report').innerText();
    expect(report).toMatch(/air_stations\s+0\s+1\s+2\s+0/);
    await panel.getByRole('button', { name: '确认导入' }).click();
    await expect
      .poll(() => page.getByTestId('master-import-notice').innerText(), { timeout: 30_000 })
      .toBe('已导入');
    await page.screenshot({ path: join(SHOTS, 'other-city-import.png') });
    const stations = (await (await fetch(url('/api/v1/sites?kind=air_station'))).json()) as {
      items: { code: string; name: string }[];
    };
    expect(stations.items.find((x) => x.code === 'YL-AIR-01')?.name).toBe('碧江公园（新）');
    expect(pageErrors).toEqual([]);
  });
});
