/**
 * What a browser test of the platform needs: Debian's Chromium (never downloaded), the built web
 * app (built here when missing, so `npm test` works on a fresh clone), the platform with the demo
 * city in-process on a temp SQLite file, and a page that logs in as a demo account.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { WEB_DIST_DIR } from '../../src/api/web.routes.js';
import { systemClock } from '../../src/clock.js';
import type { Platform } from '../../src/cli/platform.js';
import { startPlatform } from '../../src/cli/platform.js';
import { loadConfig } from '../../src/config/config.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Where screenshots go. */
export const SHOTS = join(process.cwd(), 'test-output', 'browser');

/** A describe title that says why the tests are skipped when there is no Chromium. */
export function browserTitle(what: string): string {
  return HAS_CHROMIUM
    ? `${what} in Chromium`
    : `${what} in Chromium — skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

/** The flags the machine's closed network needs (no background connections, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds web/dist when it is missing. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIST_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(process.cwd(), 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/** A running demo platform and a Chromium page on it. */
export interface BrowserRig {
  platform: Platform;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions of the page, to assert there were none. */
  pageErrors: string[];
  url: (path: string) => string;
  /** Logs out whoever is logged in (if anyone) and logs in as a demo account. */
  loginAs: (username: string, password: string) => Promise<void>;
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the demo city (no simulator) and Chromium on it, Chinese by default. */
export async function openRig(
  name: string,
  demoHistory = { airDays: 1, waterDays: 1, outletDays: 1 },
): Promise<BrowserRig> {
  mkdirSync(SHOTS, { recursive: true });
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), `qingshan-${name}-`));
  const config = loadConfig({ db: `sqlite:${join(dir, 'demo.db')}`, httpPort: '0', hj212Port: '0' }, {});
  const platform = await startPlatform({
    config,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    version: 'test',
    demo: true,
    simulate: false,
    demoHistory,
    print: () => undefined,
  });
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Europe/London',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const url = (path: string): string => `${platform.httpUrl}${path}`;
  return {
    platform,
    context,
    page,
    pageErrors,
    url,
    async loginAs(username, password) {
      await page.goto(url('/login'));
      await page.evaluate('localStorage.clear(); sessionStorage.clear()');
      await page.goto(url('/login'));
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(password);
      await page.locator('button[type=submit]').click();
      await page.getByTestId('whoami').waitFor({ timeout: 20_000 });
    },
    async shot(file) {
      await page.screenshot({ path: join(SHOTS, `${file}.png`) });
    },
    async close() {
      await context.close();
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
