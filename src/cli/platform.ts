/**
 * Composition root: opens the store, loads the demo city when asked, builds the HTTP app and
 * listens. `serve` and `demo` both run through here.
 */
import { loadDemoCarbon } from '../sim/demo-carbon.js';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../api/app.js';
import type { Clock } from '../clock.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import { startHj212Server } from '../ingest/hj212-server.js';
import type { Config } from '../config/config.js';
import { redactUrl } from '../config/config.js';
import { ESCALATION_TICK_MS } from '../cases/index.js';
import { RESPONSE_TICK_MS } from '../response/response.service.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { loadDemoCases } from '../sim/demo-cases.js';
import { loadDemoWaste } from '../sim/demo-waste.js';
import { WASTE_TICK_MS, WasteTimer } from '../waste/waste-timer.js';
import { REPORT_TICK_MS } from '../reports/report.service.js';
import { loadDemoIndicators } from '../sim/demo-indicators.js';
import { DEMO_CITY } from '../sim/demo-city.js';
import { demoResponseAdjust, loadDemoAlert, loadDemoGrades } from '../sim/demo-response.js';
import { loadDemoWaterBodies } from '../sim/demo-water-bodies.js';
import { DeviceSimulator, demoCitySimDevices } from '../sim/simulator.js';
import type { DemoHistoryOptions } from './demo-history.js';
import { writeDemoHistory } from './demo-history.js';
import type { Store } from '../store/store.js';
import { openStore } from '../store/store.js';
import type { UserRole } from '../store/types.js';

export interface PlatformOptions {
  config: Config;
  clock: Clock;
  logger: FastifyBaseLogger;
  version: string;
  /** Load the demo city into an empty store and run the simulator. */
  demo: boolean;
  /** Run the built-in device simulator in demo mode (default true). */
  simulate?: boolean;
  /** Days of demo history written on the first demo start (defaults in demo-history.ts). */
  demoHistory?: DemoHistoryOptions;
  /** Where human-facing start-up lines go (stdout by default). */
  print?: (line: string) => void;
}

export interface Platform {
  store: Store;
  httpUrl: string;
  /** The HJ 212 listener's port. */
  hj212Port: number;
  close(): Promise<void>;
}

/**
 * Demo accounts, printed at start; these exist only in databases loaded by `qingshan demo`, are
 * marked `demo`, and are refused when the same database is run with `qingshan serve`.
 */
export interface DemoAccount {
  username: string;
  password: string;
  role: UserRole;
  districtCode?: string;
  enterpriseCode?: string;
}

export function demoAccounts(firstEnterpriseCode: string): DemoAccount[] {
  return [
    { username: 'admin', password: 'demo-admin-2026', role: 'admin' },
    { username: 'supervisor', password: 'demo-supervisor-2026', role: 'supervisor' },
    { username: 'wuxing', password: 'demo-wuxing-2026', role: 'district', districtCode: '330502' },
    { username: 'operator', password: 'demo-operator-2026', role: 'operator' },
    {
      username: 'enterprise',
      password: 'demo-enterprise-2026',
      role: 'enterprise',
      enterpriseCode: firstEnterpriseCode,
    },
  ];
}

/**
 * The demo city's package (docs/city-package.md), beside `src/` and `dist/` alike; written from
 * src/sim/demo-city.ts and held equal to it by src/sim/demo-package.test.ts.
 */
export const DEMO_PACKAGE_DIR = fileURLToPath(new URL('../../demo/huzhou/', import.meta.url));

/** The actor of what the demo loader writes (docs/architecture.md §4). */
const DEMO_ACTOR = { username: 'demo', role: null };

/**
 * Loads the demo city and its accounts when the store has no sites; returns whether it did. The
 * city comes in through the same `city import` a bureau uses, so that path runs on every demo start.
 */
export async function loadDemoIfEmpty(services: Services): Promise<boolean> {
  const { store } = services;
  if ((await store.sites.count()) > 0) return false;
  const report = await services.cityImport.importPackage(DEMO_PACKAGE_DIR, {
    actor: DEMO_ACTOR,
    demo: true,
    lang: 'en',
  });
  if (!report.applied) {
    throw new Error(`the demo package was rejected: ${report.rejections.map((r) => r.text).join('; ')}`);
  }
  await loadDemoCases(services);
  await loadDemoCarbon(services);
  await loadDemoWaste(services);
  await loadDemoGrades(services, DEMO_CITY);
  await loadDemoIndicators(services);
  const firstEnterprise = DEMO_CITY.sites.find((s) => s.kind === 'enterprise');
  if (!firstEnterprise) throw new Error('the demo city has no enterprise');
  for (const a of demoAccounts(firstEnterprise.code)) {
    const enterprise = a.enterpriseCode === undefined ? null : await store.sites.getByCode(a.enterpriseCode);
    await store.users.add({
      username: a.username,
      password: a.password,
      role: a.role,
      districtCode: a.districtCode ?? null,
      enterpriseSiteId: enterprise?.id ?? null,
      demo: true,
    });
  }
  return true;
}

/** Requests still running this long after shutdown began are cut off (a slow client never holds it up). */
const HTTP_CLOSE_GRACE_MS = 3000;

/** Closes the HTTP server; connections still open after `graceMs` are destroyed. */
async function closeHttp(
  app: { close(): Promise<void>; server: { closeAllConnections(): void } },
  graceMs: number,
): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, clock, logger } = options;
  const print = options.print ?? ((line: string) => console.log(line));
  const startedAt = clock.now();
  const store = await openStore(config.db, { clock });
  logger.info(
    { event: 'store.opened', db: config.db.kind === 'sqlite' ? config.db.url : redactUrl(config.db.url) },
    'store open and migrated',
  );
  let hj212: Hj212Server | undefined;
  let simulator: DeviceSimulator | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let escalationTimer: NodeJS.Timeout | undefined;
  let wasteTimer: NodeJS.Timeout | undefined;
  let responseTimer: NodeJS.Timeout | undefined;
  let reportTimer: NodeJS.Timeout | undefined;
  // Every service and job, once; alarms opened before now (a history replay) open no case.
  const services = createServices({
    store,
    clock,
    logger,
    mode: options.demo ? 'demo' : 'serve',
    autoCasesSince: startedAt,
  });
  const alarms = services.alarmEngine;
  let backfill: Promise<void> | undefined;
  try {
    if (options.demo && (await loadDemoIfEmpty(services))) {
      print(`Loaded the demo city ${DEMO_CITY.name} (${DEMO_CITY.nameEn}): ${DEMO_CITY.notice.en}`);
      print('Writing the demo history (a year of air, three months of water, a week of outlets)…');
      const rows = await writeDemoHistory(store, DEMO_CITY, clock.now(), {
        adjust: demoResponseAdjust(DEMO_CITY, clock.now()),
        ...options.demoHistory,
      });
      print(`Demo history written: ${rows.toLocaleString('en')} hourly readings.`);
      await loadDemoAlert(services, DEMO_CITY, clock.now());
      await loadDemoWaterBodies(store, services.water, clock.now());
      await services.limits.applyPresets({ username: 'demo', role: null });
      // The first judgement of the history runs beside the live evaluations (one at a time).
      backfill = alarms
        .backfill(new Date(clock.now().getTime() - 14 * 86_400_000))
        .then((r) => print(`Alarm engine judged the demo history: ${r.changes.length} alarm changes.`))
        .catch((err: unknown) =>
          logger.error({ event: 'alarms.backfill_failed', err }, 'alarm backfill failed'),
        );
    }
    hj212 = await startHj212Server({
      store,
      clock,
      logger,
      host: config.host,
      port: config.hj212Port,
      onCommitted: alarms.onCommitted,
      observer: services.metrics,
    });
    services.metrics.watchIngest(hj212);
    services.metrics.collectProcessMetrics();
    alarms.start();
    const app = await buildApp({
      services,
      version: options.version,
      startedAt,
      logger,
      ingest: hj212,
      metricsAccess: config.metrics,
    });
    await app.listen({ host: config.host, port: config.httpPort });
    // The packet log is kept for a configurable time; prune hourly.
    const prune = async (): Promise<void> => {
      const before = new Date(clock.now().getTime() - config.packetLogDays * 86_400_000);
      const n = await store.packets.prune(before);
      if (n > 0) {
        logger.info(
          { event: 'packets.pruned', pruned: n, before: before.toISOString() },
          'packet log pruned',
        );
      }
    };
    pruneTimer = setInterval(() => {
      prune().catch((err: unknown) =>
        logger.error({ event: 'packets.prune_failed', err }, 'packet log prune failed'),
      );
    }, 3600_000);
    pruneTimer.unref();
    // Overdue cases climb the escalation ladder on a timer (warning → 挂牌督办 → 约谈).
    const { escalator } = services;
    escalationTimer = setInterval(() => {
      escalator
        .tick()
        .catch((err: unknown) =>
          logger.error({ event: 'cases.escalation_failed', err }, 'case escalation failed'),
        );
    }, ESCALATION_TICK_MS);
    escalationTimer.unref();
    // Waste deadlines and limits (receipts overdue, storage time and capacity, balance, declarations).
    const wastePass = new WasteTimer(services.waste);
    wasteTimer = setInterval(() => {
      wastePass.tick().catch((err: unknown) => logger.error({ err }, 'waste pass failed'));
    }, WASTE_TICK_MS);
    wasteTimer.unref();
    // Obligations of active alerts are judged hour by hour from the CEMS data (docs/response.md §4).
    const { response } = services;
    responseTimer = setInterval(() => {
      response.tick().catch((err: unknown) => logger.error({ err }, 'response judgement failed'));
    }, RESPONSE_TICK_MS);
    responseTimer.unref();
    // The scheduled reports: the daily bulletin each morning, the monthly report on the 1st.
    const { reports } = services;
    reportTimer = setInterval(() => {
      reports.scheduledPass().catch((err: unknown) => logger.error({ err }, 'scheduled reports failed'));
    }, REPORT_TICK_MS);
    reportTimer.unref();
    if (options.demo && options.simulate !== false) {
      // The built-in simulator plays every demo device over real TCP against our own listener.
      const target = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      simulator = new DeviceSimulator({
        host: target,
        port: hj212.port,
        devices: demoCitySimDevices(DEMO_CITY),
      });
      await simulator.start();
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.httpPort;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const httpUrl = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    print(
      `Qingshan ${options.version} is running: dashboard ${httpUrl}/  API ${httpUrl}/api/v1  docs ${httpUrl}/docs`,
    );
    print(
      `HJ 212 listener on ${config.host}:${hj212.port}${simulator ? ` (the demo simulator plays ${DEMO_CITY.devices.length} devices into it)` : ''}`,
    );
    if (options.demo) {
      const firstEnterprise = DEMO_CITY.sites.find((s) => s.kind === 'enterprise');
      print('Demo accounts (demo databases only):');
      for (const a of demoAccounts(firstEnterprise?.code ?? '')) {
        const scope = a.districtCode ?? a.enterpriseCode ?? '';
        print(`  ${a.role.padEnd(10)} ${a.username} / ${a.password}${scope ? `  (${scope})` : ''}`);
      }
    }
    return {
      store,
      httpUrl,
      hj212Port: hj212.port,
      close: async () => {
        // Whatever load came before, this ends in seconds (docs/operations.md §7): timers and
        // background passes stop first, the listeners stop taking work, the transaction in
        // progress commits and is answered, the rest is dropped unanswered (loggers resend it).
        const began = performance.now();
        clearInterval(pruneTimer);
        clearInterval(escalationTimer);
        clearInterval(wasteTimer);
        clearInterval(responseTimer);
        clearInterval(reportTimer);
        const alarmsStopped = alarms.stop();
        await simulator?.stop(1000);
        const ingestClosed = hj212?.close();
        await closeHttp(app, HTTP_CLOSE_GRACE_MS);
        await ingestClosed;
        await backfill;
        await alarmsStopped;
        await store.close();
        logger.info(
          { event: 'platform.stopped', ms: Math.round(performance.now() - began) },
          'platform stopped',
        );
      },
    };
  } catch (err) {
    clearInterval(pruneTimer);
    clearInterval(escalationTimer);
    clearInterval(wasteTimer);
    clearInterval(responseTimer);
    clearInterval(reportTimer);
    await simulator?.stop(0);
    await hj212?.close();
    const stopped = alarms.stop();
    await backfill;
    await stopped;
    await store.close();
    throw err;
  }
}
