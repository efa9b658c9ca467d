/**
 * The composition of the platform (docs/architecture.md, "Composition"): every service and every
 * background job is built here, once, over one store and one clock, and the same instances are
 * handed to the HTTP app, the HJ 212 ingest server, the timers and the CLI. Nothing else constructs
 * a service; route files take theirs from the app context.
 */
import { AlarmEngine } from './alarms/alarm-engine.js';
import type { AlarmEngineOptions } from './alarms/alarm-engine.js';
import { AlarmSignal } from './alarms/alarm-signal.js';
import { AlarmService } from './alarms/alarm.service.js';
import type { AlarmCaseOpener, AlarmCaller, AlarmServiceOptions } from './alarms/alarm.service.js';
import { LimitService } from './alarms/limit.service.js';
import { AuditService } from './audit/audit.service.js';
import { AccountService } from './auth/account.service.js';
import type { AppMode, AuthSettings } from './auth/auth.service.js';
import { AuthService } from './auth/auth.service.js';
import { ScopeService } from './auth/scope.js';
import { CarbonService } from './carbon/carbon.service.js';
import { alarmLookupOf } from './cases/alarm-lookup.js';
import { autoCaseHandler } from './cases/auto-case.js';
import { CaseEscalator } from './cases/case-escalator.js';
import { CaseService } from './cases/case.service.js';
import type { CaseCaller } from './cases/case.service.js';
import type { Clock } from './clock.js';
import { HealthService } from './health.service.js';
import { IndicatorService } from './indicators/indicator.service.js';
import {
  AIR_INDICATOR_KEYS,
  airProvider,
  CASE_INDICATOR_KEYS,
  caseProvider,
  IndicatorProviders,
  SOURCE_INDICATOR_KEYS,
  sourceProvider,
  WATER_INDICATOR_KEYS,
  waterProvider,
} from './indicators/providers.js';
import { PacketLogService } from './ingest/packet-log.service.js';
import type { Logger } from './logger.js';
import { AirService } from './monitor/air.service.js';
import { CorrectionService } from './monitor/correction.service.js';
import { ReadingService } from './monitor/reading.service.js';
import { SourceService } from './monitor/source.service.js';
import { WaterService } from './monitor/water.service.js';
import { CityImportService } from './registry/city-import.service.js';
import { ReportService } from './reports/report.service.js';
import { DeviceService } from './registry/device.service.js';
import { SearchService } from './registry/search.service.js';
import { SiteService } from './registry/site.service.js';
import { CityService } from './registry/city.service.js';
import type { OutboundNotifier } from './response/notifier.js';
import { LoggingNotifier, ResponseSignal } from './response/notifier.js';
import { ResponseService } from './response/response.service.js';
import { Metrics } from './ops/metrics.js';
import { ReadinessService } from './ops/readiness.js';
import { AlarmSettingsService } from './settings/alarm-settings.service.js';
import type { Store } from './store/store.js';
import { WasteService } from './waste/waste.service.js';

/** The actor of changes the platform makes by itself (defined beside the audit log). */
export { SYSTEM_ACTOR } from './audit/audit.service.js';

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  logger?: Logger | undefined;
  /** `serve` (default) refuses demo accounts; `demo` accepts them. */
  mode?: AppMode | undefined;
  /** Token lifetime and login rate limits, where they differ from the defaults. */
  authSettings?: Partial<AuthSettings> | undefined;
  /** How a slowed-down login waits (the real timer by default; tests record instead). */
  authPause?: ((ms: number) => Promise<void>) | undefined;
  /** Alarm engine tuning (timer period, windows, caches) and when a condition counts as cleared. */
  alarmEngine?:
    | (Omit<AlarmEngineOptions, 'logger' | 'service'> & Pick<AlarmServiceOptions, 'autoCloseAfterMs'>)
    | undefined;
  /**
   * Alarms opened before this instant never open a case by themselves (a history replay); default:
   * when the services were built.
   */
  autoCasesSince?: Date | undefined;
  /** Outbound notices of heavy-pollution alerts (SMS, webhook); default: written to the log. */
  responseNotifier?: OutboundNotifier | undefined;
}

/** Every service of the platform, built once. */
export interface Services {
  readonly store: Store;
  readonly clock: Clock;
  readonly mode: AppMode;
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly accounts: AccountService;
  /** Row scoping: which sites a caller may see. */
  readonly scope: ScopeService;
  readonly air: AirService;
  readonly water: WaterService;
  readonly alarms: AlarmService;
  /** Emission limits of outlets: rows, presets, their record. */
  readonly limits: LimitService;
  /** Pollution sources: outlets a caller may see, outlet compliance. */
  readonly sources: SourceService;
  /** Rung by the alarm service after each stored change; wakes the SSE streams of this process. */
  readonly alarmSignal: AlarmSignal;
  readonly cases: CaseService;
  /** Background job: judges readings after each commit and on a timer. */
  readonly alarmEngine: AlarmEngine;
  /** Background job: climbs the escalation ladder for overdue cases. */
  readonly escalator: CaseEscalator;
  /** Districts and monitored places, scoped; sites created by imports (audited). */
  readonly sites: SiteService;
  /** HJ 212 devices: the list and their credentials (audited). */
  readonly devices: DeviceService;
  /** One site's readings, as received or corrected, scoped. */
  readonly readings: ReadingService;
  /** The HJ 212 packet log, scoped. */
  readonly packets: PacketLogService;
  /** Data review: corrections of readings (audited with their row). */
  readonly corrections: CorrectionService;
  /** Whether the platform and its store answer. */
  readonly health: HealthService;
  /** Bureau settings: alarm thresholds per industry and site, the rules that open cases by themselves. */
  readonly settings: AlarmSettingsService;
  /** The global search over sites, devices and case numbers, scoped. */
  readonly search: SearchService;
  /** The Prometheus registry of this composition (GET /metrics; docs/operations.md §5). */
  readonly metrics: Metrics;
  /** Whether this process should be sent traffic (GET /api/v1/ready). */
  readonly readiness: ReadinessService;
  /** City packages: import (checked, one audited transaction) and export of the master data. */
  readonly cityImport: CityImportService;
  /** The city for the map (overview) and the audited master-data edits of the admin pages. */
  readonly city: CityService;
  /** Carbon: energy accounts, factors, carbon-efficiency code, energy budgets, dual-control indicators. */
  readonly carbon: CarbonService;
  /** Hazardous waste: parties, ledgers, manifests, deadlines, mass balance, zero-waste statistics. */
  readonly waste: WasteService;
  /** Heavy-pollution weather response: forecasts, alerts, grades, obligations judged from CEMS data. */
  readonly response: ResponseService;
  /** Rung by the response service on each alert change; the SSE streams send it on. */
  readonly responseSignal: ResponseSignal;
  /** Targets and indicators: the board, district rankings, targets and entered statistics. */
  readonly indicators: IndicatorService;
  /** Reports as PDF, XLSX, HTML: generated, stored, listed; the schedule and its timed pass. */
  readonly reports: ReportService;
}

/** Builds every service over one store and clock. Starts nothing: the caller starts the jobs. */
export function createServices(deps: ServiceDeps): Services {
  const { store, clock, logger } = deps;
  const mode = deps.mode ?? 'serve';
  const audit = new AuditService(store.audit, clock);
  const cases = new CaseService({ store, clock, audit, alarms: alarmLookupOf(store.alarms) });
  const settings = new AlarmSettingsService({ store, clock, audit });
  // Live alarms of the rules the bureau set (default: critical exceedances) open a case by themselves.
  const openCase = autoCaseHandler(cases, {
    since: deps.autoCasesSince ?? clock.now(),
    logger,
    rules: () => settings.autoCaseRules(),
  });
  const alarmSignal = new AlarmSignal();
  const scope = new ScopeService(store);
  const { autoCloseAfterMs, ...engineTuning } = deps.alarmEngine ?? {};
  const sources = new SourceService({ store, clock, scope, audit });
  const alarms = new AlarmService({
    store,
    clock,
    audit,
    scope,
    signal: alarmSignal,
    ...(autoCloseAfterMs !== undefined ? { autoCloseAfterMs } : {}),
    autoResolve: (rule) => settings.autoResolves(rule),
    cases: alarmCaseOpenerOf(cases),
    onChange: (change) => {
      if (change.kind !== 'opened') return;
      const a = change.alarm;
      void openCase({
        id: a.id,
        siteId: a.siteId,
        parameter: a.parameter,
        rule: a.rule,
        severity: a.severity,
        message: a.message.zh,
        openedAt: a.openedAt,
      });
    },
  });
  const air = new AirService({ air: store.air, districts: store.districts, clock });
  const responseSignal = new ResponseSignal();
  const response = new ResponseService({
    store,
    clock,
    audit,
    scope,
    alarms,
    air,
    notifier: deps.responseNotifier ?? new LoggingNotifier(logger),
    signal: responseSignal,
    logger,
  });
  const water = new WaterService(store, clock, audit);
  const districtCodes = async (): Promise<string[]> => (await store.districts.list()).map((d) => d.code);
  // Computed indicators, one provider per owning module (docs/indicators.md §4). Carbon and waste
  // register theirs here: providers.register(keys, fromModuleIndicators(carbon.indicators…, districtCodes)).
  const providers = new IndicatorProviders()
    .register(AIR_INDICATOR_KEYS, airProvider(air))
    .register(WATER_INDICATOR_KEYS, waterProvider(water))
    .register(SOURCE_INDICATOR_KEYS, sourceProvider(sources, districtCodes))
    .register(CASE_INDICATOR_KEYS, caseProvider(cases));
  const indicators = new IndicatorService({ store, clock, audit, providers, air });
  const reportSources = { air, water, sources, cases, alarms, indicators };
  const metrics = new Metrics();
  const alarmEngine = new AlarmEngine(store, clock, { ...engineTuning, logger, service: alarms });
  metrics.watchAlarmEngine(alarmEngine);
  metrics.watchDbPool(() => store.poolStats());
  return {
    store,
    clock,
    mode,
    metrics,
    readiness: new ReadinessService({ store, alarmEngine }),
    audit,
    auth: new AuthService({
      db: store.db,
      users: store.users,
      sessions: store.sessions,
      audit,
      clock,
      mode,
      settings: deps.authSettings,
      logger,
      pause: deps.authPause,
    }),
    accounts: new AccountService(store, audit, clock),
    scope,
    air,
    water,
    alarms,
    limits: new LimitService({ store, clock, audit, sources }),
    sources,
    alarmSignal,
    cases,
    alarmEngine,
    escalator: new CaseEscalator(cases),
    sites: new SiteService(store, scope, audit),
    devices: new DeviceService(store, scope, audit, clock),
    readings: new ReadingService(store, scope),
    packets: new PacketLogService(store, scope),
    corrections: new CorrectionService(store, scope, audit, clock),
    health: new HealthService(store, clock),
    settings,
    search: new SearchService({ store, scope }),
    cityImport: new CityImportService({ store, audit, clock }),
    city: new CityService(store, audit, clock),
    carbon: new CarbonService({ store, clock, audit, alarms }),
    waste: new WasteService({ store, clock, audit, alarms }),
    response,
    responseSignal,
    indicators,
    reports: new ReportService({ store, clock, audit, scope, sources: reportSources, logger }),
  };
}

/** 立案 for the alarm service: the case service's preview and opening, with the alarm caller as a case caller. */
function alarmCaseOpenerOf(cases: CaseService): AlarmCaseOpener {
  const caseCallerOf = (caller: AlarmCaller): CaseCaller => ({
    username: caller.actor.username,
    role: caller.actor.role as CaseCaller['role'],
    districtCode: caller.scope.kind === 'district' ? caller.scope.districtCode : null,
    enterpriseSiteId: null,
    scope: caller.scope,
    address: caller.address,
  });
  return {
    previewFromAlarm: (alarmId) => cases.previewFromAlarm(alarmId),
    openForAlarm: (caller, alarmId) => cases.openForAlarm(caseCallerOf(caller), alarmId),
  };
}
