/**
 * The heavy-pollution weather response (issue 14, docs/response.md): forecasts and the level they
 * call for, alerts and their transitions, enterprise grades and own lists, the obligations an alert
 * creates and their hourly judgement from CEMS data, notices, and the figures. Decides and audits;
 * the pure parts are ../standards/heavy-pollution-alert.ts, ./alert-machine.ts, ./measures.ts,
 * ./compliance.ts and ./forecast.ts.
 */
import type { AlarmService } from '../alarms/alarm.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import type { Scope, ScopedCaller, ScopeService } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import { readCsv } from '../ingest/csv.js';
import type { Logger } from '../logger.js';
import type { AirService } from '../monitor/air.service.js';
import { hourlyValues, SiteReadings } from '../monitor/site-readings.js';
import { hourlyLoads, type AggregateValue, type SeriesPoint } from '../monitor/source-series.js';
import { chinaDate, chinaDayStart, DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { AlertLevel, AlertRuleTable, ForecastDay } from '../standards/heavy-pollution-alert.js';
import {
  ALERT_LEVELS,
  checkAlertRuleTable,
  cutTargetPct,
  DEFAULT_ALERT_RULES,
  judgeLifting,
  proposeAlertLevel,
  type AlertProposal,
  type LiftJudgement,
} from '../standards/heavy-pollution-alert.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import type {
  AlertEventRow,
  AlertRow,
  GradeRow,
  NewGrade,
  ObligationRow,
} from '../store/response.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { AlertTransition } from './alert-machine.js';
import { levelAt, nextAlertStatus, type AlertEventKind } from './alert-machine.js';
import type {
  BaselineHour,
  EnterpriseHour,
  HourEvidence,
  ObligationStatus,
  OutletHour,
} from './compliance.js';
import {
  achievedCutKg,
  BASELINE_DAYS,
  baselineOf,
  enterpriseHours,
  judgeHour,
  obligationStatus,
} from './compliance.js';
import { persistenceTrendForecast } from './forecast.js';
import type {
  CityCut,
  Grade,
  Loads,
  Measure,
  MeasureKind,
  MeasureTemplate,
  ResponsePollutant,
} from './measures.js';
import {
  cityCut,
  DEFAULT_TEMPLATES,
  expandMeasure,
  expectedCutKg,
  MEASURE_KINDS,
  PERFORMANCE_GRADES,
  POLLUTANT_CODES,
  RESPONSE_POLLUTANTS,
} from './measures.js';
import type { OutboundNotifier, ResponseSignal } from './notifier.js';

/** The alarm rule of a failed measure (src/alarms/types.ts). */
export const RESPONSE_RULE = 'response-measures' as const;
/** How often the timed pass judges the newest complete hours, ms. */
export const RESPONSE_TICK_MS = 5 * 60_000;
/** Most enterprises listed under one alert. */
const MAX_LISTED = 5000;
/** Levels that create obligations (temporary controls and blue carry measures only if templates exist for them). */
const NO_CUT: Loads = { so2: 0, nox: 0, pm: 0, vocs: 0 };

export interface ResponseServiceDeps {
  store: Store;
  clock: Clock;
  audit: AuditService;
  scope: ScopeService;
  alarms: Pick<AlarmService, 'record'>;
  air: Pick<AirService, 'unit' | 'dailySeries'>;
  notifier: OutboundNotifier;
  signal: ResponseSignal;
  logger?: Logger | undefined;
}

/** An enterprise's grade in force, with its site. */
export interface EnterpriseGrade {
  site: Site;
  grade: Grade;
  industry: string;
  gradedOn: string;
  reviewDue: string | null;
  evidence: string;
  protectedBasis: string | null;
  source: string;
  recordedAt: Date;
  recordedBy: string;
}

export interface GradeInput {
  grade: Grade;
  industry: string;
  gradedOn: string;
  reviewDue: string | null;
  evidence: string;
  protectedBasis: string | null;
}

export interface AlertInput {
  level: AlertLevel;
  region: string;
  startsAt: Date;
  endsAt: Date | null;
  basis: string;
  /** Demo data (the demo loader only). */
  demo?: boolean;
  /** A past alert recorded after the fact (the demo): lifted at this instant, before its hours are judged. */
  liftedAt?: Date;
}

export interface AlertView extends AlertRow {
  history: AlertEventRow[];
  regionName: string;
}

export interface ObligationView {
  id: number;
  enterprise: Site;
  grade: string;
  industry: string;
  protectedBasis: string | null;
  measure: Measure;
  baselineKgPerDay: Loads;
  expectedCutKgPerDay: Loads;
  status: ObligationStatus;
  alarmId: number | null;
  evidence: (HourEvidence & { level: string })[];
  achievedCutKg: Partial<Record<ResponsePollutant, number>>;
}

export interface AlertFigures {
  alertId: number;
  level: string;
  cityCut: CityCut;
  /** Achieved (baseline − actual over judged hours) and expected (baseline × cut over the same hours), kg. */
  byPollutant: { pollutant: ResponsePollutant; expectedKg: number; achievedKg: number }[];
  byDistrict: {
    districtCode: string;
    expectedKg: number;
    achievedKg: number;
    listed: number;
    compliant: number;
  }[];
  statusCounts: Record<ObligationStatus, number>;
  /** compliant / (compliant + non_compliant + no_data); null before any is judged. */
  complianceRate: number | null;
  nonCompliant: { code: string; name: string; districtCode: string; grade: string }[];
}

export interface YearFigures {
  year: number;
  alertsByLevel: { level: AlertLevel; count: number }[];
  /** Days with daily AQI > 150 (moderate or worse) by district, all year and by season. */
  districts: {
    code: string;
    name: string;
    daysOver150: number;
    ozoneSeason: number;
    particulateSeason: number;
    /** The target: none ("basically eliminate"). */
    target: 0;
  }[];
  /** Ozone season May–September, particulate season January–March and October–December (our named seasons). */
  seasons: { ozone: string; particulate: string };
}

const GRADE_SET = new Set<string>(PERFORMANCE_GRADES);
const LEVEL_SET = new Set<string>(ALERT_LEVELS);

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

function loadsOf(v: unknown): Loads {
  const o = (v ?? {}) as Partial<Loads>;
  return { so2: o.so2 ?? 0, nox: o.nox ?? 0, pm: o.pm ?? 0, vocs: o.vocs ?? 0 };
}

export class ResponseService {
  constructor(private readonly deps: ResponseServiceDeps) {}

  // ---- rule tables and templates -------------------------------------------------------------

  /** The alert rule table in force today: the newest stored version valid by now, else the default. */
  async rules(): Promise<AlertRuleTable> {
    const today = chinaDate(this.deps.clock.now());
    const v = (await this.deps.store.response.ruleVersions('alert-rules')).find((r) => r.validFrom <= today);
    return v === undefined ? DEFAULT_ALERT_RULES : (v.body as AlertRuleTable);
  }

  /** Stores a new version of the alert rule table (checked; audited). */
  async setRules(caller: ScopedCaller, table: AlertRuleTable, note: string): Promise<AlertRuleTable> {
    try {
      checkAlertRuleTable(table);
    } catch (err) {
      if (err instanceof RangeError) throw new BadInputError(err.message);
      throw err;
    }
    if (!isDate(table.validFrom))
      throw new BadInputError(`validFrom = "${table.validFrom}": expected YYYY-MM-DD`);
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.addRuleVersion(
        {
          kind: 'alert-rules',
          version: table.version,
          validFrom: table.validFrom,
          body: table,
          note,
          createdAt: this.deps.clock.now(),
          createdBy: caller.actor.username,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'response.rules_changed',
          actor: caller.actor,
          target: { type: 'response-rules', id: table.version },
          details: { validFrom: table.validFrom, note },
          address: caller.address,
        },
        trx,
      );
    });
    return table;
  }

  /** The measure templates in force: the newest stored version valid by now, else the defaults. */
  async templates(): Promise<{ version: string; validFrom: string; items: MeasureTemplate[] }> {
    const today = chinaDate(this.deps.clock.now());
    const v = (await this.deps.store.response.ruleVersions('templates')).find((r) => r.validFrom <= today);
    return v === undefined
      ? { version: 'default', validFrom: '2020-06-24', items: [...DEFAULT_TEMPLATES] }
      : { version: v.version, validFrom: v.validFrom, items: v.body as MeasureTemplate[] };
  }

  /** Stores a new version of the templates (audited). */
  async setTemplates(
    caller: ScopedCaller,
    input: { version: string; validFrom: string; items: MeasureTemplate[]; note: string },
  ): Promise<void> {
    if (!isDate(input.validFrom))
      throw new BadInputError(`validFrom = "${input.validFrom}": expected YYYY-MM-DD`);
    input.items.forEach((t, i) => this.checkTemplate(t, `items[${i}]`));
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.addRuleVersion(
        {
          kind: 'templates',
          version: input.version,
          validFrom: input.validFrom,
          body: input.items,
          note: input.note,
          createdAt: this.deps.clock.now(),
          createdBy: caller.actor.username,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'response.templates_changed',
          actor: caller.actor,
          target: { type: 'response-templates', id: input.version },
          details: { validFrom: input.validFrom, rows: input.items.length, note: input.note },
          address: caller.address,
        },
        trx,
      );
    });
  }

  private checkTemplate(t: MeasureTemplate, field: string): void {
    for (const p of RESPONSE_POLLUTANTS) {
      const v = t.cutPct[p];
      if (!(v >= 0 && v <= 100)) throw new BadInputError(`${field}.cutPct.${p} = ${v} must lie in 0…100`);
    }
  }

  // ---- grades and own lists --------------------------------------------------------------------

  /** Enterprises a scope may see, by id. */
  private async enterprises(scope: Scope): Promise<Map<number, Site>> {
    const filter = await this.deps.scope.siteFilter(scope, { kind: 'enterprise' });
    if (filter === null) return new Map();
    const page = await this.deps.store.sites.list({ ...filter, kind: 'enterprise', limit: MAX_LISTED });
    return new Map(page.items.map((s) => [s.id, s]));
  }

  /** An enterprise a scope may see, by code (NotFoundError otherwise). */
  private async enterprise(scope: Scope, code: string): Promise<Site> {
    const site = await this.deps.store.sites.getByCode(code);
    if (site === null || site.kind !== 'enterprise' || !this.deps.scope.includes(scope, site)) {
      throw new NotFoundError(`enterprise ${code}`);
    }
    return site;
  }

  /** The grade in force of every enterprise a scope may see that has one. */
  async grades(scope: Scope): Promise<EnterpriseGrade[]> {
    const sites = await this.enterprises(scope);
    const rows = await this.deps.store.response.grades([...sites.keys()]);
    const newest = new Map<number, GradeRow>();
    for (const r of rows) newest.set(r.siteId, r);
    return [...newest.values()]
      .flatMap((r) => {
        const site = sites.get(r.siteId);
        return site === undefined ? [] : [gradeOf(site, r)];
      })
      .sort((a, b) => (a.site.code < b.site.code ? -1 : 1));
  }

  /** One enterprise's grade history, oldest first. */
  async gradeHistory(scope: Scope, code: string): Promise<EnterpriseGrade[]> {
    const site = await this.enterprise(scope, code);
    return (await this.deps.store.response.grades([site.id])).map((r) => gradeOf(site, r));
  }

  /** Sets grades (a new history row each; audited). */
  async setGrades(
    caller: ScopedCaller,
    items: readonly (GradeInput & { code: string })[],
    source: 'bureau' | 'csv' | 'demo',
  ): Promise<number> {
    const rows: NewGrade[] = [];
    for (const [i, g] of items.entries()) {
      const field = items.length === 1 ? '' : `row ${i + 1}: `;
      if (!GRADE_SET.has(g.grade))
        throw new BadInputError(
          `${field}grade = "${g.grade}": expected one of ${PERFORMANCE_GRADES.join(', ')}`,
        );
      if (!isDate(g.gradedOn))
        throw new BadInputError(`${field}gradedOn = "${g.gradedOn}": expected YYYY-MM-DD`);
      if (g.reviewDue !== null && !isDate(g.reviewDue))
        throw new BadInputError(`${field}reviewDue = "${g.reviewDue}": expected YYYY-MM-DD`);
      if (g.industry.trim() === '') throw new BadInputError(`${field}industry is empty`);
      const site = await this.enterprise(caller.scope, g.code).catch(() => {
        throw new BadInputError(`${field}enterprise ${g.code} not found`);
      });
      rows.push({
        siteId: site.id,
        grade: g.grade,
        industry: g.industry.trim(),
        gradedOn: g.gradedOn,
        reviewDue: g.reviewDue,
        evidence: g.evidence,
        protectedBasis: g.protectedBasis === '' ? null : g.protectedBasis,
        source,
        recordedAt: this.deps.clock.now(),
        recordedBy: caller.actor.username,
      });
    }
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.addGrades(rows, trx);
      await this.deps.audit.record(
        {
          action: 'response.grades_set',
          actor: caller.actor,
          target: { type: 'enterprise-grades', id: items.length === 1 ? (items[0]?.code ?? '') : source },
          details: { rows: rows.length, source, codes: items.slice(0, 50).map((g) => g.code) },
          address: caller.address,
        },
        trx,
      );
    });
    return rows.length;
  }

  /**
   * Imports grades from CSV with the header `code,grade,industry,gradedOn,reviewDue,evidence,protectedBasis`
   * (all rows or none; an error names the line and field).
   */
  async importGradesCsv(caller: ScopedCaller, text: string): Promise<number> {
    const want = ['code', 'grade', 'industry', 'gradedOn', 'reviewDue', 'evidence', 'protectedBasis'];
    const rows = [...readCsv(text)];
    const header = rows.shift();
    if (header === undefined || want.some((w, i) => header.fields[i]?.trim() !== w)) {
      throw new BadInputError(`the header must be ${want.join(',')}`);
    }
    const items = rows
      .filter((r) => r.fields.some((f) => f.trim() !== ''))
      .map((r) => {
        const f = (i: number): string => (r.fields[i] ?? '').trim();
        return {
          code: f(0),
          grade: f(1) as Grade,
          industry: f(2),
          gradedOn: f(3),
          reviewDue: f(4) === '' ? null : f(4),
          evidence: f(5),
          protectedBasis: f(6) === '' ? null : f(6),
          line: r.line,
        };
      });
    for (const it of items) {
      if (!GRADE_SET.has(it.grade))
        throw new BadInputError(`line ${it.line}: grade = "${it.grade}" is not a grade`);
    }
    return this.setGrades(caller, items, 'csv');
  }

  /** An enterprise's own list (一厂一策): its measure at each national and enabled optional level. */
  async plan(scope: Scope, code: string): Promise<{ grade: EnterpriseGrade | null; measures: Measure[] }> {
    const site = await this.enterprise(scope, code);
    const grade = (await this.gradeHistory(scope, code)).at(-1) ?? null;
    const [rules, templates, own] = await Promise.all([
      this.rules(),
      this.templates(),
      this.ownRows([site.id]),
    ]);
    if (grade === null) return { grade, measures: [] };
    const levels = rules.triggers.filter((t) => t.enabled).map((t) => t.level);
    return {
      grade,
      measures: levels.map((l) => expandMeasure(grade, l, templates.items, own.get(site.id) ?? [])),
    };
  }

  /** Sets one level of an enterprise's own list (a new row; audited). */
  async setPlanRow(
    caller: ScopedCaller,
    code: string,
    row: { level: AlertLevel; kind: MeasureKind; cutPct: Record<ResponsePollutant, number>; text: string },
  ): Promise<void> {
    const site = await this.enterprise(caller.scope, code);
    if (!LEVEL_SET.has(row.level)) throw new BadInputError(`level = "${row.level}" is not an alert level`);
    if (!(MEASURE_KINDS as readonly string[]).includes(row.kind))
      throw new BadInputError(`kind = "${row.kind}": expected one of ${MEASURE_KINDS.join(', ')}`);
    this.checkTemplate({ industry: '*', grade: 'C', ...row }, 'plan');
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.addPlanRow(
        { siteId: site.id, ...row, recordedAt: this.deps.clock.now(), recordedBy: caller.actor.username },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'response.plan_changed',
          actor: caller.actor,
          target: { type: 'enterprise', id: code },
          details: { ...row },
          address: caller.address,
        },
        trx,
      );
    });
  }

  private async ownRows(siteIds: readonly number[]): Promise<Map<number, Omit<Measure, 'from'>[]>> {
    const rows = await this.deps.store.response.planRows(siteIds);
    const out = new Map<number, Map<string, Omit<Measure, 'from'>>>();
    for (const r of rows) {
      const m = out.get(r.siteId) ?? new Map<string, Omit<Measure, 'from'>>();
      m.set(r.level, {
        level: r.level as AlertLevel,
        kind: r.kind as MeasureKind,
        cutPct: loadsOf(r.cutPct),
        text: r.text,
      });
      out.set(r.siteId, m);
    }
    return new Map([...out].map(([k, v]) => [k, [...v.values()]]));
  }

  // ---- forecasts ---------------------------------------------------------------------------------

  /** Checks a region code: the city's or a district's. */
  private async region(code: string): Promise<{ code: string; name: string; districtCode: string | null }> {
    const city = await this.deps.store.city.get();
    if (city !== null && city.code === code) return { code, name: city.name, districtCode: null };
    const d = await this.deps.store.districts.get(code);
    if (d === null) throw new BadInputError(`region = "${code}": not the city's code nor a district's`);
    return { code, name: d.name, districtCode: d.code };
  }

  /** Stores forecast days of a region (audited). */
  async addForecasts(
    caller: ScopedCaller,
    items: readonly { region: string; date: string; aqi: number; primaryPollutant: string | null }[],
    source: 'api' | 'csv' | 'builtin',
  ): Promise<number> {
    const now = this.deps.clock.now();
    for (const [i, f] of items.entries()) {
      await this.region(f.region);
      if (!isDate(f.date)) throw new BadInputError(`items[${i}].date = "${f.date}": expected YYYY-MM-DD`);
      if (!(Number.isInteger(f.aqi) && f.aqi >= 0 && f.aqi <= 500))
        throw new BadInputError(`items[${i}].aqi = ${f.aqi} must be a whole number in 0…500`);
    }
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.addForecasts(
        items.map((f) => ({
          regionCode: f.region,
          date: f.date,
          aqi: f.aqi,
          primaryPollutant: f.primaryPollutant,
          source,
          issuedAt: now,
          createdBy: caller.actor.username,
        })),
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'response.forecast_added',
          actor: caller.actor,
          target: { type: 'forecast', id: source },
          details: { rows: items.length, regions: [...new Set(items.map((f) => f.region))] },
          address: caller.address,
        },
        trx,
      );
    });
    return items.length;
  }

  /** Imports forecasts from CSV with the header `region,date,aqi,primaryPollutant`. */
  async importForecastCsv(caller: ScopedCaller, text: string): Promise<number> {
    const rows = [...readCsv(text)];
    const header = rows.shift();
    const want = ['region', 'date', 'aqi', 'primaryPollutant'];
    if (header === undefined || want.some((w, i) => header.fields[i]?.trim() !== w)) {
      throw new BadInputError(`the header must be ${want.join(',')}`);
    }
    const items = rows
      .filter((r) => r.fields.some((f) => f.trim() !== ''))
      .map((r) => {
        const aqi = Number((r.fields[2] ?? '').trim());
        if (!Number.isInteger(aqi))
          throw new BadInputError(`line ${r.line}: aqi = "${r.fields[2] ?? ''}" is not a whole number`);
        const p = (r.fields[3] ?? '').trim();
        return {
          region: (r.fields[0] ?? '').trim(),
          date: (r.fields[1] ?? '').trim(),
          aqi,
          primaryPollutant: p === '' ? null : p,
        };
      });
    return this.addForecasts(caller, items, 'csv');
  }

  /** Runs the built-in persistence-plus-trend forecast for a region from its own daily AQI and stores it. */
  async builtinForecast(caller: ScopedCaller, regionCode: string, days = 3): Promise<ForecastDay[]> {
    const region = await this.region(regionCode);
    const unit = await this.deps.air.unit(
      region.districtCode === null ? 'city' : 'district',
      region.districtCode ?? undefined,
    );
    const now = this.deps.clock.now();
    const to = chinaDate(new Date(now.getTime() - DAY_MS));
    const from = chinaDate(new Date(now.getTime() - 4 * DAY_MS));
    const series = await this.deps.air.dailySeries(unit, from, to);
    const history = series.points.flatMap((p) =>
      p.result === null || p.result.aqi === null ? [] : [{ date: p.at, aqi: p.result.aqi }],
    );
    const forecast = persistenceTrendForecast(history, days).filter((d) => d.date >= chinaDate(now));
    await this.addForecasts(
      caller,
      forecast.map((d) => ({ region: regionCode, date: d.date, aqi: d.aqi, primaryPollutant: null })),
      'builtin',
    );
    return forecast;
  }

  /** The forecast of a region from today and the level it calls for under the rules in force. */
  async proposal(regionCode: string): Promise<{
    region: string;
    forecast: { date: string; aqi: number; source: string }[];
    proposal: AlertProposal;
    lifting: LiftJudgement;
  }> {
    await this.region(regionCode);
    const rows = await this.deps.store.response.forecasts(regionCode, chinaDate(this.deps.clock.now()));
    const rules = await this.rules();
    const days = rows.map((r) => ({ date: r.date, aqi: r.aqi }));
    return {
      region: regionCode,
      forecast: rows.map((r) => ({ date: r.date, aqi: r.aqi, source: r.source })),
      proposal: proposeAlertLevel(rules, days),
      lifting: judgeLifting(rules, days),
    };
  }

  // ---- alerts --------------------------------------------------------------------------------

  /** Alerts, newest first (every caller sees the alerts: they are public orders). */
  async alerts(state?: 'active' | 'lifted', limit = 100): Promise<AlertView[]> {
    const rows = await this.deps.store.response.listAlerts({ ...(state ? { state } : {}), limit });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async alert(id: number): Promise<AlertView> {
    const row = await this.deps.store.response.getAlert(id);
    if (row === null) throw new NotFoundError(`alert ${id}`);
    return this.view(row);
  }

  private async view(row: AlertRow): Promise<AlertView> {
    const [history, region] = await Promise.all([
      this.deps.store.response.events(row.id),
      this.region(row.regionCode).catch(() => ({ name: row.regionCode })),
    ]);
    return { ...row, history, regionName: region.name };
  }

  /**
   * Issues an alert: the alert, its first history entry, one obligation per graded enterprise in the
   * region, the in-app notices and the audit entry in one transaction; then the outbound notices and
   * the SSE event; and when it starts in the past, its hours already past are judged at once.
   */
  async issue(caller: ScopedCaller, input: AlertInput): Promise<AlertView> {
    if (!LEVEL_SET.has(input.level))
      throw new BadInputError(`level = "${input.level}" is not an alert level`);
    const rules = await this.rules();
    const trigger = rules.triggers.find((t) => t.level === input.level);
    if (trigger === undefined || !trigger.enabled)
      throw new BadInputError(`level = "${input.level}" is not enabled in the rule table ${rules.version}`);
    const region = await this.region(input.region);
    if (input.endsAt !== null && input.endsAt <= input.startsAt)
      throw new BadInputError('endsAt must come after startsAt');
    if (input.basis.trim() === '') throw new BadInputError('basis is empty');
    const now = this.deps.clock.now();
    const listed = await this.listed(region.districtCode);
    const [templates, own] = await Promise.all([
      this.templates(),
      this.ownRows(listed.map((g) => g.site.id)),
    ]);
    const alert = await this.deps.store.response.transaction(async (trx) => {
      const created = await this.deps.store.response.createAlert(
        {
          level: input.level,
          state: 'active',
          regionCode: region.code,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          basis: input.basis,
          rulesVersion: rules.version,
          createdAt: now,
          createdBy: caller.actor.username,
          demo: input.demo ?? false,
        },
        { kind: 'issued', level: input.level, at: now, actor: caller.actor.username, note: input.basis },
        trx,
      );
      if (input.liftedAt !== undefined) {
        await this.deps.store.response.appendEvent(
          created.id,
          {
            kind: 'lifted',
            level: input.level,
            at: input.liftedAt,
            actor: caller.actor.username,
            note: '事后补录 recorded after the fact',
          },
          trx,
        );
        await this.deps.store.response.setAlertStatus(
          created.id,
          { level: input.level, state: 'lifted', liftedAt: input.liftedAt, at: now },
          trx,
        );
      }
      await this.deps.store.response.addObligations(
        listed.map((g) => {
          const measure = expandMeasure(g, input.level, templates.items, own.get(g.site.id) ?? []);
          return {
            alertId: created.id,
            siteId: g.site.id,
            grade: g.grade,
            industry: g.industry,
            protectedBasis: g.protectedBasis,
            measure,
            baseline: NO_CUT,
            expectedCut: NO_CUT,
            status: 'pending',
            updatedAt: now,
          };
        }),
        trx,
      );
      const message = alertMessage('issued', input.level, region.name);
      await this.deps.store.notifications.add(
        {
          audiences: [
            'bureau',
            ...new Set(listed.map((g) => `district:${g.site.districtCode}`)),
            ...listed.map((g) => `enterprise:${g.site.id}`),
          ],
          caseId: null,
          kind: 'response.alert_issued',
          messageZh: message.zh,
          messageEn: message.en,
          at: now,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'response.alert_issued',
          actor: caller.actor,
          target: { type: 'alert', id: created.id },
          details: {
            level: input.level,
            region: region.code,
            startsAt: input.startsAt.toISOString(),
            endsAt: input.endsAt?.toISOString() ?? null,
            listed: listed.length,
            rulesVersion: rules.version,
          },
          address: caller.address,
        },
        trx,
      );
      return created;
    });
    await this.announce(alert, 'issued', listed);
    await this.refreshBaselines(alert.id);
    if (input.startsAt.getTime() + HOUR_MS <= now.getTime()) await this.judgeAlert(alert.id);
    return this.alert(alert.id);
  }

  /** Graded enterprises of a region (a district, or the city when null), grade in force. */
  private async listed(districtCode: string | null): Promise<EnterpriseGrade[]> {
    const all = await this.grades({ kind: 'all' });
    return all.filter((g) => districtCode === null || g.site.districtCode === districtCode);
  }

  /** The outbound notices and the SSE event of an alert change; a failing adapter is logged, never undoes it. */
  private async announce(
    alert: AlertRow,
    kind: AlertEventKind,
    listed: readonly EnterpriseGrade[],
  ): Promise<void> {
    const current = (await this.deps.store.response.getAlert(alert.id)) ?? alert;
    const region = await this.region(current.regionCode).catch(() => ({ name: current.regionCode }));
    const message = alertMessage(kind, current.level as AlertLevel, region.name);
    this.deps.signal.notify({
      kind,
      alertId: current.id,
      level: current.level,
      state: current.state,
      regionCode: current.regionCode,
      siteIds: listed.map((g) => g.site.id),
      at: this.deps.clock.now().toISOString(),
    });
    try {
      await this.deps.notifier.send(
        listed.map((g) => ({ siteId: g.site.id, siteCode: g.site.code, kind, alertId: current.id, message })),
      );
    } catch (err) {
      this.deps.logger?.error({ err, alertId: current.id }, 'outbound response notice failed');
    }
  }

  /**
   * Upgrades, downgrades or lifts an alert (./alert-machine.ts). Lifting follows the rule table:
   * refused (409) when the region's forecast does not stay below the lifting level long enough;
   * allowed without a forecast (the note says so). A level change re-expands every obligation.
   */
  async transition(
    caller: ScopedCaller,
    id: number,
    to: AlertTransition,
    level: AlertLevel | undefined,
    note: string,
  ): Promise<AlertView> {
    const alert = await this.deps.store.response.getAlert(id);
    if (alert === null) throw new NotFoundError(`alert ${id}`);
    const next = nextAlertStatus(
      { state: alert.state as 'active', level: alert.level as AlertLevel },
      to,
      level,
    );
    if (!next.ok) {
      if (next.code === 'illegal') throw new ConflictError(next.message);
      throw new BadInputError(next.message);
    }
    let basis = note;
    if (to === 'lifted') {
      const p = await this.proposal(alert.regionCode);
      if (p.forecast.length > 0 && !p.lifting.allowed) {
        throw new ConflictError(
          `the lifting rule is not met: ${p.lifting.hoursBelow} h below ${p.lifting.rule}`,
          { lifting: p.lifting },
        );
      }
      basis = `${note}${note ? '; ' : ''}${p.forecast.length === 0 ? 'no forecast on record' : `forecast ${p.lifting.hoursBelow} h below`}`;
    }
    const now = this.deps.clock.now();
    const status = next.status;
    const obligations = await this.deps.store.response.obligations(id);
    const templates = to === 'lifted' ? null : await this.templates();
    const own = await this.ownRows(obligations.map((o) => o.siteId));
    await this.deps.store.response.transaction(async (trx) => {
      await this.deps.store.response.appendEvent(
        id,
        { kind: to, level: status.level, at: now, actor: caller.actor.username, note: basis },
        trx,
      );
      await this.deps.store.response.setAlertStatus(
        id,
        { level: status.level, state: status.state, liftedAt: to === 'lifted' ? now : null, at: now },
        trx,
      );
      if (templates !== null) {
        for (const o of obligations) {
          const m = expandMeasure(
            { industry: o.industry, grade: o.grade as Grade, protectedBasis: o.protectedBasis },
            status.level,
            templates.items,
            own.get(o.siteId) ?? [],
          );
          const baseline = loadsOf((o.baseline as { kgPerDay?: unknown } | null)?.kgPerDay);
          await this.deps.store.response.updateObligation(
            o.id,
            { measure: m, expectedCut: expectedCutKg(m, baseline), at: now },
            trx,
          );
        }
      }
      await this.deps.audit.record(
        {
          action: 'response.alert_transition',
          actor: caller.actor,
          target: { type: 'alert', id },
          details: { from: alert.level, to, level: status.level, note: basis },
          address: caller.address,
        },
        trx,
      );
    });
    const listed = (await this.grades({ kind: 'all' })).filter((g) =>
      obligations.some((o) => o.siteId === g.site.id),
    );
    await this.announce(alert, to, listed);
    return this.alert(id);
  }

  // ---- obligations and their judgement ----------------------------------------------------------

  /** The obligations of an alert a scope may see (an enterprise only its own), with their evidence. */
  async obligations(scope: Scope, alertId: number): Promise<ObligationView[]> {
    const alert = await this.deps.store.response.getAlert(alertId);
    if (alert === null) throw new NotFoundError(`alert ${alertId}`);
    const sites = await this.enterprises(scope);
    const rows = await this.deps.store.response.obligations(
      alertId,
      scope.kind === 'all' ? undefined : [...sites.keys()],
    );
    const hours = await this.deps.store.response.hours(rows.map((o) => o.id));
    return rows.flatMap((o) => {
      const site = sites.get(o.siteId);
      if (site === undefined) return [];
      const evidence = hours
        .filter((h) => h.obligationId === o.id)
        .map((h) => ({ ...(h.evidence as HourEvidence), level: h.level }));
      return [obligationView(o, site, evidence)];
    });
  }

  /** The obligations of one enterprise across alerts (the enterprise's own view), newest first. */
  async obligationsOfEnterprise(
    scope: Scope,
    code: string,
    limit = 20,
  ): Promise<(ObligationView & { alertId: number })[]> {
    const site = await this.enterprise(scope, code);
    const rows = await this.deps.store.response.obligationsOfSite(site.id, limit);
    const hours = await this.deps.store.response.hours(rows.map((o) => o.id));
    return rows.map((o) => ({
      ...obligationView(
        o,
        site,
        hours
          .filter((h) => h.obligationId === o.id)
          .map((h) => ({ ...(h.evidence as HourEvidence), level: h.level })),
      ),
      alertId: o.alertId,
    }));
  }

  /** The timed pass: judges the complete hours of every active alert (and the last hours of lifted ones). */
  async tick(): Promise<number> {
    const alerts = [
      ...(await this.deps.store.response.listAlerts({ state: 'active', limit: 100 })),
      ...(await this.deps.store.response.listAlerts({ state: 'lifted', limit: 20 })).filter(
        (a) => a.liftedAt !== null && (a.judgedTo === null || a.judgedTo.getTime() < floorHour(a.liftedAt)),
      ),
    ];
    let judged = 0;
    for (const a of alerts) judged += await this.judgeAlert(a.id);
    return judged;
  }

  /** The outlets with gas CEMS of some enterprises, by enterprise. */
  private async gasOutlets(siteIds: readonly number[]): Promise<Map<number, Site[]>> {
    const out = new Map<number, Site[]>();
    for (const id of siteIds) {
      const page = await this.deps.store.sites.list({ parentId: id, kind: 'outlet', limit: 100 });
      out.set(
        id,
        page.items.filter((s) => s.attributes.medium !== 'water'),
      );
    }
    return out;
  }

  /** Every enterprise's hours of an alert's window and its 7 days before, from the outlets' readings. */
  private async enterpriseSeries(
    obligations: readonly ObligationRow[],
    from: number,
    to: number,
  ): Promise<Map<number, EnterpriseHour[]>> {
    const outlets = await this.gasOutlets(obligations.map((o) => o.siteId));
    const allOutlets = [...outlets.values()].flat();
    const readings =
      allOutlets.length === 0
        ? []
        : await this.deps.store.alarmWindows.readings({
            siteIds: allOutlets.map((s) => s.id),
            intervals: ['min', 'hour'],
            from: new Date(from),
            to: new Date(to),
          });
    const bySite = new Map<number, typeof readings>();
    for (const r of readings) bySite.set(r.siteId, [...(bySite.get(r.siteId) ?? []), r]);
    const rows = new Map<number, OutletHour[]>();
    for (const o of allOutlets) rows.set(o.id, outletHours(o, bySite.get(o.id) ?? [], to));
    const out = new Map<number, EnterpriseHour[]>();
    for (const ob of obligations) {
      const list = outlets.get(ob.siteId) ?? [];
      out.set(
        ob.siteId,
        enterpriseHours(
          list.map((s) => s.code),
          list.flatMap((s) => rows.get(s.id) ?? []),
          from,
          to,
        ),
      );
    }
    return out;
  }

  /** Computes and stores each obligation's baseline (kg/day, the sum of the hour-of-day medians) and expected cut. */
  private async refreshBaselines(alertId: number): Promise<void> {
    const alert = await this.deps.store.response.getAlert(alertId);
    if (alert === null) return;
    const obligations = await this.deps.store.response.obligations(alertId);
    const start = alert.startsAt.getTime();
    const series = await this.enterpriseSeries(obligations, start - BASELINE_DAYS * DAY_MS, start);
    const now = this.deps.clock.now();
    for (const o of obligations) {
      const base = baselineOf(series.get(o.siteId) ?? [], start);
      const kgPerDay = { ...NO_CUT };
      for (const b of base.values()) for (const p of RESPONSE_POLLUTANTS) kgPerDay[p] += b.loadsKg[p] ?? 0;
      const measure = o.measure as Measure;
      await this.deps.store.response.updateObligation(o.id, {
        baseline: { kgPerDay, hoursOfDay: base.size },
        expectedCut: expectedCutKg(measure, kgPerDay),
        at: now,
      });
    }
  }

  /**
   * Judges the complete hours of an alert not judged yet, up to the last complete hour before now
   * (and not past its lifting): each obligation's hours get their evidence, its status follows
   * (./compliance.ts), and a newly non-compliant enterprise raises a `response-measures` alarm.
   * Returns the hours stored.
   */
  async judgeAlert(alertId: number): Promise<number> {
    const alert = await this.deps.store.response.getAlert(alertId);
    if (alert === null) throw new NotFoundError(`alert ${alertId}`);
    const now = this.deps.clock.now();
    const start = alert.startsAt.getTime();
    let end = floorHour(now);
    if (alert.liftedAt !== null) end = Math.min(end, Math.ceil(alert.liftedAt.getTime() / HOUR_MS) * HOUR_MS);
    const from = Math.max(start, alert.judgedTo?.getTime() ?? start);
    if (end <= from) return 0;
    const [obligations, history, templates] = await Promise.all([
      this.deps.store.response.obligations(alertId),
      this.deps.store.response.events(alertId),
      this.templates(),
    ]);
    const own = await this.ownRows(obligations.map((o) => o.siteId));
    const series = await this.enterpriseSeries(obligations, start - BASELINE_DAYS * DAY_MS, end);
    const entries = history.map((e) => ({
      kind: e.kind as AlertEventKind,
      level: e.level as AlertLevel,
      at: e.at,
    }));
    let stored = 0;
    const changes: { id: number; siteId: number; from: string; to: ObligationStatus }[] = [];
    for (const o of obligations) {
      const hours = series.get(o.siteId) ?? [];
      const base = baselineOf(hours, start);
      const judged: { hour: Date; level: string; verdict: string; evidence: HourEvidence }[] = [];
      for (const h of hours) {
        if (h.hour < from || h.hour >= end) continue;
        const level = levelAt(entries, alert.startsAt, new Date(h.hour)) ?? (alert.level as AlertLevel);
        const measure = expandMeasure(
          { industry: o.industry, grade: o.grade as Grade, protectedBasis: o.protectedBasis },
          level,
          templates.items,
          own.get(o.siteId) ?? [],
        );
        const e = judgeHour(h, baseHourOf(base, h.hour), measure);
        judged.push({ hour: new Date(h.hour), level, verdict: e.verdict, evidence: e });
      }
      stored += await this.deps.store.response.addHours(
        judged.map((j) => ({ obligationId: o.id, ...j, judgedAt: now })),
      );
      const all = await this.deps.store.response.hours([o.id]);
      const status = obligationStatus(all.map((h) => h.evidence as HourEvidence));
      if (status !== o.status) changes.push({ id: o.id, siteId: o.siteId, from: o.status, to: status });
      const failing = all.filter((h) => h.verdict === 'non_compliant');
      if (status === 'non_compliant' && failing.length > 0)
        await this.raiseAlarm(
          o,
          alert,
          failing.map((h) => h.evidence as HourEvidence),
          now,
        );
    }
    if (changes.length > 0) {
      // Status changes the platform makes by itself are audited under the system actor.
      await this.deps.store.response.transaction(async (trx) => {
        for (const c of changes)
          await this.deps.store.response.updateObligation(c.id, { status: c.to, at: now }, trx);
        await this.deps.audit.record(
          {
            action: 'response.obligations_judged',
            actor: SYSTEM_ACTOR,
            target: { type: 'alert', id: alertId },
            details: { to: new Date(end).toISOString(), changes: changes.slice(0, 200) },
          },
          trx,
        );
      });
    }
    await this.deps.store.response.setJudgedTo(alertId, new Date(end));
    return stored;
  }

  /** Records the `response-measures` alarm of an obligation's failing hours (the alarm service folds repeats). */
  private async raiseAlarm(
    o: ObligationRow,
    alert: AlertRow,
    failing: readonly HourEvidence[],
    now: Date,
  ): Promise<void> {
    const first = failing[0];
    const last = failing[failing.length - 1];
    if (first === undefined || last === undefined) return;
    const result = await this.deps.alarms.record(
      {
        rule: RESPONSE_RULE,
        severity: 'warning',
        siteId: o.siteId,
        parameter: 'response',
        window: { from: new Date(first.hour), to: new Date(last.hour + HOUR_MS) },
        values: failing.slice(-24).map((h) => ({
          at: new Date(h.hour),
          value: sumLoads(h.actualKg),
          note: h.reasons.join('; '),
        })),
        limit: sumLoads(last.allowedKg),
        message: {
          zh: `重污染天气预警 #${alert.id} 期间未落实减排措施（${failing.length} 小时不符合）`,
          en: `Reduction measures not carried out during alert #${alert.id} (${failing.length} h non-compliant)`,
        },
      },
      now,
    );
    if (result.alarm !== null && result.alarm.id !== o.alarmId)
      await this.deps.store.response.updateObligation(o.id, { alarmId: result.alarm.id, at: now });
  }

  // ---- figures -------------------------------------------------------------------------------------

  /** Per alert: expected vs achieved cut by pollutant and district, compliance rate, the non-compliant list. */
  async figures(scope: Scope, alertId: number): Promise<AlertFigures> {
    const alert = await this.alert(alertId);
    const items = await this.obligations(scope, alertId);
    const rules = await this.rules();
    const judgedHours = (o: ObligationView): number =>
      o.evidence.filter((e) => e.verdict !== 'no_data').length;
    const expectedOf = (o: ObligationView, p: ResponsePollutant): number =>
      (o.expectedCutKgPerDay[p] / 24) * judgedHours(o);
    const achievedOf = (o: ObligationView, p: ResponsePollutant): number => o.achievedCutKg[p] ?? 0;
    const statusCounts: Record<ObligationStatus, number> = {
      pending: 0,
      compliant: 0,
      non_compliant: 0,
      no_data: 0,
    };
    for (const o of items) statusCounts[o.status] += 1;
    const judged = statusCounts.compliant + statusCounts.non_compliant + statusCounts.no_data;
    const districts = new Map<string, AlertFigures['byDistrict'][number]>();
    for (const o of items) {
      const d = districts.get(o.enterprise.districtCode) ?? {
        districtCode: o.enterprise.districtCode,
        expectedKg: 0,
        achievedKg: 0,
        listed: 0,
        compliant: 0,
      };
      d.listed += 1;
      if (o.status === 'compliant') d.compliant += 1;
      for (const p of RESPONSE_POLLUTANTS) {
        d.expectedKg += expectedOf(o, p);
        d.achievedKg += achievedOf(o, p);
      }
      districts.set(d.districtCode, d);
    }
    return {
      alertId,
      level: alert.level,
      cityCut: cityCut(
        items.map((o) => ({ baselineKg: o.baselineKgPerDay, expectedCutKg: o.expectedCutKgPerDay })),
        cutTargetPct(rules, alert.level as AlertLevel),
      ),
      byPollutant: RESPONSE_POLLUTANTS.map((p) => ({
        pollutant: p,
        expectedKg: round3(items.reduce((s, o) => s + expectedOf(o, p), 0)),
        achievedKg: round3(items.reduce((s, o) => s + achievedOf(o, p), 0)),
      })),
      byDistrict: [...districts.values()]
        .map((d) => ({ ...d, expectedKg: round3(d.expectedKg), achievedKg: round3(d.achievedKg) }))
        .sort((a, b) => (a.districtCode < b.districtCode ? -1 : 1)),
      statusCounts,
      complianceRate: judged === 0 ? null : statusCounts.compliant / judged,
      nonCompliant: items
        .filter((o) => o.status === 'non_compliant')
        .map((o) => ({
          code: o.enterprise.code,
          name: o.enterprise.name,
          districtCode: o.enterprise.districtCode,
          grade: o.grade,
        })),
    };
  }

  /**
   * Per year (for the indicator board): alerts by level, and days of daily AQI > 150 by district
   * against the target of none, all year and in the ozone and particulate seasons.
   */
  async yearFigures(year: number): Promise<YearFigures> {
    if (!(Number.isInteger(year) && year >= 2000 && year <= 2100))
      throw new BadInputError(`year = ${year} must lie in 2000…2100`);
    const from = chinaDayStart(`${year}-01-01`).getTime();
    const to = chinaDayStart(`${year + 1}-01-01`).getTime();
    const alerts = (await this.deps.store.response.listAlerts({ limit: 10_000 })).filter(
      (a) => a.startsAt.getTime() >= from && a.startsAt.getTime() < to,
    );
    const maxLevel = new Map<number, AlertLevel>();
    for (const a of alerts) {
      for (const e of await this.deps.store.response.events(a.id)) {
        const l = e.level as AlertLevel;
        const prev = maxLevel.get(a.id);
        if (prev === undefined || ALERT_LEVELS.indexOf(l) > ALERT_LEVELS.indexOf(prev)) maxLevel.set(a.id, l);
      }
    }
    const today = chinaDate(this.deps.clock.now());
    const lastDay =
      `${year}-12-31` < today
        ? `${year}-12-31`
        : chinaDate(new Date(this.deps.clock.now().getTime() - DAY_MS));
    const districts = await this.deps.store.districts.list();
    const rows: YearFigures['districts'] = [];
    for (const d of districts) {
      let unit;
      try {
        unit = await this.deps.air.unit('district', d.code);
      } catch {
        continue;
      }
      const series =
        lastDay < `${year}-01-01`
          ? { points: [] }
          : await this.deps.air.dailySeries(unit, `${year}-01-01`, lastDay);
      const over = series.points
        .filter((p) => (p.result?.aqi ?? 0) > 150)
        .map((p) => Number(p.at.slice(5, 7)));
      rows.push({
        code: d.code,
        name: d.name,
        daysOver150: over.length,
        ozoneSeason: over.filter((m) => m >= 5 && m <= 9).length,
        particulateSeason: over.filter((m) => m <= 3 || m >= 10).length,
        target: 0,
      });
    }
    return {
      year,
      alertsByLevel: ALERT_LEVELS.map((level) => ({
        level,
        count: [...maxLevel.values()].filter((l) => l === level).length,
      })),
      districts: rows,
      seasons: { ozone: '05-01…09-30', particulate: '10-01…03-31' },
    };
  }
}

function floorHour(d: Date): number {
  return Math.floor(d.getTime() / HOUR_MS) * HOUR_MS;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function sumLoads(l: Partial<Record<ResponsePollutant, number>>): number {
  return round3(Object.values(l).reduce((s, v) => s + v, 0));
}

function baseHourOf(base: Map<number, BaselineHour>, hour: number): BaselineHour | undefined {
  return base.get(new Date(hour + 8 * HOUR_MS).getUTCHours());
}

function gradeOf(site: Site, r: GradeRow): EnterpriseGrade {
  return {
    site,
    grade: r.grade as Grade,
    industry: r.industry,
    gradedOn: r.gradedOn,
    reviewDue: r.reviewDue,
    evidence: r.evidence,
    protectedBasis: r.protectedBasis,
    source: r.source,
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
  };
}

function obligationView(
  o: ObligationRow,
  site: Site,
  evidence: (HourEvidence & { level: string })[],
): ObligationView {
  return {
    id: o.id,
    enterprise: site,
    grade: o.grade,
    industry: o.industry,
    protectedBasis: o.protectedBasis,
    measure: o.measure as Measure,
    baselineKgPerDay: loadsOf((o.baseline as { kgPerDay?: unknown } | null)?.kgPerDay),
    expectedCutKgPerDay: loadsOf(o.expectedCut),
    status: o.status as ObligationStatus,
    alarmId: o.alarmId,
    evidence,
    achievedCutKg: achievedCutKg(evidence),
  };
}

/** An outlet's hours (loads per measured pollutant, flow m³/h) from its readings, complete hours before `to`. */
function outletHours(outlet: Site, readings: readonly WindowReading[], to: number): OutletHour[] {
  const data = new SiteReadings(readings);
  const opts = { medium: 'gas' as const, completeBefore: to };
  const asPoints = (values: readonly AggregateValue[]): SeriesPoint[] =>
    values.map((v) => ({
      periodStart: v.periodStart,
      value: v.valid ? v.value : null,
      flag: v.valid ? 'N' : v.flag,
    }));
  const flowHours = hourlyValues(data, 'a00000', opts);
  const flow = asPoints(flowHours);
  const flowBy = new Map(
    flowHours.map((h) => [h.periodStart.getTime(), h.valid && h.value !== null ? h.value * 3600 : null]),
  );
  const loadsBy = new Map<number, Partial<Record<ResponsePollutant, number | null>>>();
  for (const p of RESPONSE_POLLUTANTS) {
    if (!data.parameters.has(POLLUTANT_CODES[p])) continue;
    const values = hourlyValues(data, POLLUTANT_CODES[p], opts);
    const loads = hourlyLoads(asPoints(values), flow, { medium: 'gas', intervalMinutes: 60 });
    const byHour = new Map(loads.map((l) => [l.periodStart.getTime(), l.kg]));
    for (const h of new Set([...flowBy.keys(), ...byHour.keys()])) {
      const row = loadsBy.get(h) ?? {};
      row[p] = byHour.get(h) ?? null;
      loadsBy.set(h, row);
    }
  }
  return [...new Set([...flowBy.keys(), ...loadsBy.keys()])].map((hour) => ({
    outlet: outlet.code,
    hour,
    loadsKg: loadsBy.get(hour) ?? {},
    flowM3h: flowBy.get(hour) ?? null,
  }));
}

/** The bilingual text of an alert change. */
export function alertMessage(
  kind: AlertEventKind,
  level: AlertLevel,
  regionName: string,
): { zh: string; en: string } {
  const zhLevel: Record<AlertLevel, string> = {
    temporary: '临时管控',
    blue: '蓝色',
    yellow: '黄色',
    orange: '橙色',
    red: '红色',
  };
  const zhKind: Record<AlertEventKind, string> = {
    issued: '发布',
    upgraded: '升级为',
    downgraded: '降级为',
    lifted: '解除',
  };
  return {
    zh: `${regionName}${zhKind[kind]}重污染天气${zhLevel[level]}预警：请按一厂一策落实减排措施`,
    en: `${regionName}: heavy-pollution ${level} alert ${kind}; carry out your reduction measures`,
  };
}
