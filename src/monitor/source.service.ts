/**
 * Pollution sources as the API shows them: finding an outlet a caller may see, an outlet's
 * compliance report for a China-local month (hours received, valid and exceeding, daily
 * exceedances, loads, transmission and validity rates — the pure report is outlet-compliance.ts),
 * the enterprise file (一企一档) and the enterprise list with the month's figures and its ranking.
 * Reads only: nothing here changes state.
 *
 * An outlet with no limit in force is **not judged**: its exceedance figures are not zeros but
 * "compliance cannot be judged" (docs/sources.md §2).
 */
import type { AuditService } from '../audit/audit.service.js';
import type { Scope, ScopedCaller, ScopeService } from '../auth/scope.js';
import { DEADLINE_STATES } from '../cases/case-machine.js';
import type { Clock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { DEVICE_ONLINE_WINDOW_MS } from '../registry/device.service.js';
import { chinaDate, chinaMonthRange, MINUTE_MS } from '../standards/china-time.js';
import type { DeviceWithSite } from '../store/device.repository.js';
import type { OutletLimit } from '../store/limit.repository.js';
import { MAX_PAGE_SIZE } from '../store/page.js';
import type { SiteFilter } from '../store/site.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { ComplianceSummary } from './outlet-compliance.js';
import { outletCompliance } from './outlet-compliance.js';
import { rank } from './ranking.js';
import type { ExportFile, ExportFormat, ExportLang, ExportTable } from '../reports/table-export.js';
import { exportTable } from '../reports/table-export.js';

export type { ComplianceDay, ComplianceRates, ComplianceSummary } from './outlet-compliance.js';
export type { OutletLimit } from '../store/limit.repository.js';

export interface SourceServiceDeps {
  store: Pick<Store, 'sites' | 'limits' | 'alarmWindows' | 'alarms' | 'cases' | 'devices' | 'districts'>;
  /** Records list exports (absent in tests of the reads alone). */
  audit?: AuditService | undefined;
  clock: Clock;
  /** Row scoping: which outlets a caller may see. */
  scope: ScopeService;
}

/** An outlet's compliance report: the summary, the outlet, and the limits it was judged by. */
export interface OutletComplianceReport extends ComplianceSummary {
  site: Pick<Site, 'id' | 'code' | 'name'>;
  /** The limits in force on the month's last day so far. */
  limits: OutletLimit[];
  /**
   * False when no limit is in force: the outlet cannot be judged, and its zero exceedance hours
   * mean nothing (never shown as compliant).
   */
  judged: boolean;
}

/** An enterprise's month: compliant, above a limit, or not judged (no outlet has a limit in force). */
export type ComplianceVerdict = 'compliant' | 'exceeding' | 'not-judged';

/** A device of an outlet with whether it is online now. */
export interface OutletDevice extends DeviceWithSite {
  online: boolean;
}

/** One enterprise with the month's figures, as the enterprise list and ranking show it. */
export interface EnterpriseSummary {
  enterprise: Site;
  outlets: number;
  /** Outlets with no limit in force: not judged. */
  outletsWithoutLimits: number;
  devices: number;
  devicesOnline: number;
  /** Hours above an hourly limit over the judged outlets; null when no outlet is judged. */
  hoursExceeding: number | null;
  /** Days with a daily-limit exceedance over the judged outlets; null when no outlet is judged. */
  daysWithDailyExceedance: number | null;
  /** Alarms of the enterprise and its outlets that are not closed. */
  openAlarms: number;
  /** Cases the enterprise is responsible for that are past their deadline now. */
  overdueCases: number;
  verdict: ComplianceVerdict;
}

/** One outlet in the enterprise file: its limits, devices and month figures. */
export interface EnterpriseFileOutlet {
  site: Site;
  limits: OutletLimit[];
  judged: boolean;
  devices: OutletDevice[];
  total: ComplianceSummary['total'];
}

/** The enterprise file (一企一档): the enterprise, its month figures and each outlet. */
export interface EnterpriseFile {
  month: string;
  summary: EnterpriseSummary;
  outlets: EnterpriseFileOutlet[];
}

/** What an enterprise ranking orders by (largest first). */
export const ENTERPRISE_RANK_KEYS = ['hoursExceeding', 'openAlarms', 'overdueCases'] as const;
export type EnterpriseRankKey = (typeof ENTERPRISE_RANK_KEYS)[number];

/** One place of an enterprise ranking. */
export interface EnterpriseRankEntry {
  rank: number;
  value: number;
  summary: EnterpriseSummary;
}

/** Largest number of sites one figure query reads (a city has a few hundred). */
const MAX_SITES = 5000;

/**
 * How long the enterprise list and ranking reuse an outlet's month totals: a minute, so that a list
 * polled by many screens is judged once a minute, and a limit entered shows within a minute (the
 * enterprise file shows it at once).
 */
export const MONTH_FIGURES_TTL_MS = MINUTE_MS;
/** Months whose totals are kept (the current one and a few a person browses back to). */
const MONTH_FIGURES_CACHED_MONTHS = 4;

/** An outlet's limits in force and its month totals. */
interface OutletTotals {
  limits: OutletLimit[];
  total: ComplianceSummary['total'];
}

function idsOf(outlets: readonly Site[]): number[] {
  return outlets.map((o) => o.id);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => number | null): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

export class SourceService {
  /** Outlet month totals by month, for the list and ranking (see `outletTotals`). */
  private readonly monthFigures = new Map<string, { at: number; totals: Map<number, OutletTotals> }>();

  constructor(private readonly deps: SourceServiceDeps) {}

  /**
   * The outlet of a code when the caller may see it: NotFoundError when it does not exist or lies
   * outside `scope`, BadInputError when the site is of another kind.
   */
  async outlet(scope: Scope, code: string): Promise<Site> {
    const site = await this.deps.store.sites.getByCode(code);
    if (site === null || !this.deps.scope.includes(scope, site)) throw new NotFoundError(`site ${code}`);
    if (site.kind !== 'outlet') throw new BadInputError(`site ${code} is a ${site.kind}, not an outlet`);
    return site;
  }

  /**
   * An outlet's compliance per China-local day and for a month (`YYYY-MM`, default the current
   * month), judged on the device's hourly values against the limits in force on the month's last
   * day so far. BadInputError for a month that is not one.
   */
  async compliance(scope: Scope, code: string, month?: string): Promise<OutletComplianceReport> {
    const site = await this.outlet(scope, code);
    const now = this.deps.clock.now();
    const wanted = month ?? chinaDate(now).slice(0, 7);
    const range = monthRangeOf(wanted);
    const lastDay = chinaDate(range.to < now ? new Date(range.to.getTime() - 1) : now);
    const [readings, limits] = await Promise.all([
      this.deps.store.alarmWindows.readings({
        siteIds: [site.id],
        intervals: ['hour'],
        from: range.from,
        to: range.to,
      }),
      this.deps.store.limits.inForce([site.id], lastDay),
    ]);
    const attrs = site.attributes;
    const summary = outletCompliance({
      month: wanted,
      medium: attrs.medium === 'water' ? 'water' : 'gas',
      referenceO2Pct: typeof attrs.referenceO2Pct === 'number' ? attrs.referenceO2Pct : null,
      readings,
      limits,
      now,
    });
    return {
      site: { id: site.id, code: site.code, name: site.name },
      limits,
      judged: limits.length > 0,
      ...summary,
    };
  }

  /**
   * The enterprises a caller may see with the figures of a China-local month (`YYYY-MM`, default
   * the current month), by code.
   */
  async enterprises(scope: Scope, month?: string): Promise<{ month: string; items: EnterpriseSummary[] }> {
    const filter = await this.deps.scope.siteFilter(scope, { kind: 'enterprise' });
    const wanted = month ?? chinaDate(this.deps.clock.now()).slice(0, 7);
    if (filter === null) return { month: wanted, items: [] };
    const figures = await this.figuresOf(
      await this.allSites({ ...filter, kind: 'enterprise' }),
      wanted,
      true,
    );
    return { month: wanted, items: figures.map((f) => f.summary) };
  }

  /**
   * Data transmission and validity of the outlets of the enterprises a caller may see (optionally of
   * one district) in a China-local month: the mean over outlets of each outlet's 传输率, and of its
   * 有效率 over outlets that received anything — the rates each outlet's compliance report shows.
   */
  async outletRates(
    scope: Scope,
    month: string,
    districtCode?: string,
  ): Promise<{
    month: string;
    outlets: number;
    transmissionRate: number | null;
    validityRate: number | null;
  }> {
    const filter = await this.deps.scope.siteFilter(scope, { kind: 'enterprise' });
    if (filter === null) return { month, outlets: 0, transmissionRate: null, validityRate: null };
    const enterprises = (await this.allSites({ ...filter, kind: 'enterprise' })).filter(
      (e) => districtCode === undefined || e.districtCode === districtCode,
    );
    const outlets = (await this.figuresOf(enterprises, month, true)).flatMap((f) => f.outlets);
    const mean = (xs: number[]): number | null =>
      xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      month,
      outlets: outlets.length,
      transmissionRate: mean(outlets.map((o) => o.total.transmissionRate)),
      validityRate: mean(
        outlets.flatMap((o) => (o.total.validityRate === null ? [] : [o.total.validityRate])),
      ),
    };
  }

  /** The enterprise file of one enterprise the caller may see (NotFoundError otherwise). */
  async enterpriseFile(scope: Scope, code: string, month?: string): Promise<EnterpriseFile> {
    const site = await this.deps.store.sites.getByCode(code);
    if (site === null || !this.deps.scope.includes(scope, site))
      throw new NotFoundError(`enterprise ${code}`);
    if (site.kind !== 'enterprise')
      throw new BadInputError(`site ${code} is a ${site.kind}, not an enterprise`);
    const wanted = month ?? chinaDate(this.deps.clock.now()).slice(0, 7);
    const [f] = await this.figuresOf([site], wanted, false);
    if (f === undefined) throw new NotFoundError(`enterprise ${code}`);
    return { month: wanted, summary: f.summary, outlets: f.outlets };
  }

  /**
   * The enterprises a caller may see ranked by one figure of the month, largest first (standard
   * competition ranking); enterprises whose figure is zero or not judged are left out. At most
   * `limit` places.
   */
  async ranking(
    scope: Scope,
    by: EnterpriseRankKey,
    month?: string,
    limit = 10,
  ): Promise<{ month: string; by: EnterpriseRankKey; items: EnterpriseRankEntry[] }> {
    const { month: wanted, items } = await this.enterprises(scope, month);
    const ranked = rank(items, {
      value: (e) => {
        const v = e[by];
        return v === null || v === 0 ? null : v;
      },
      direction: 'descending',
      ties: 'competition',
    });
    const entries: EnterpriseRankEntry[] = [];
    for (const r of ranked) {
      const v = r.item[by];
      if (r.rank === null || v === null || entries.length >= limit) continue;
      entries.push({ rank: r.rank, value: v, summary: r.item });
    }
    return { month: wanted, by, items: entries };
  }

  /**
   * The enterprise list of the caller's scope with the month's figures as a CSV or XLSX file in the
   * caller's language; audited as `export` with the row count.
   */
  async exportEnterprises(
    caller: ScopedCaller,
    format: ExportFormat,
    lang: ExportLang,
    month?: string,
  ): Promise<ExportFile> {
    const list = await this.enterprises(caller.scope, month);
    const districts = new Map((await this.deps.store.districts.list()).map((d) => [d.code, d]));
    const table: ExportTable<EnterpriseSummary> = {
      title: { zh: `企业-${list.month}`, en: `enterprises-${list.month}` },
      columns: enterpriseColumns((code, l) => {
        const d = districts.get(code);
        return d === undefined ? code : l === 'en' ? d.nameEn : d.name;
      }),
      rows: list.items,
    };
    const file = await exportTable(table, format, lang, chinaDate(this.deps.clock.now()));
    await this.deps.audit?.record({
      action: 'export',
      actor: caller.actor,
      target: { type: 'enterprises', id: format },
      details: { what: `enterprises.${format}`, rows: list.items.length, month: list.month },
      address: caller.address,
    });
    return file;
  }

  /** Every site of a filter, page by page, up to `MAX_SITES`. */
  private async allSites(filter: SiteFilter): Promise<Site[]> {
    const out: Site[] = [];
    while (out.length < MAX_SITES) {
      const page = await this.deps.store.sites.list({ ...filter, limit: MAX_PAGE_SIZE, offset: out.length });
      out.push(...page.items);
      if (page.nextCursor === null || page.items.length === 0) break;
    }
    return out;
  }

  /**
   * Each outlet's limits in force and month totals. The enterprise list and ranking (`useCache`)
   * reuse totals computed within `MONTH_FIGURES_TTL_MS` — a month of every outlet's hourly values
   * takes seconds to judge — while the enterprise file always judges afresh.
   */
  private async outletTotals(
    outlets: readonly Site[],
    month: string,
    now: Date,
    lastDay: string,
    useCache: boolean,
  ): Promise<Map<number, OutletTotals>> {
    const cached = this.monthFigures.get(month);
    const fresh = useCache && cached !== undefined && now.getTime() - cached.at < MONTH_FIGURES_TTL_MS;
    const known = fresh ? cached.totals : new Map<number, OutletTotals>();
    const missing = outlets.filter((o) => !known.has(o.id));
    if (missing.length > 0) {
      const ids = idsOf(missing);
      const range = monthRangeOf(month);
      const [readings, limits] = await Promise.all([
        this.deps.store.alarmWindows.readings({
          siteIds: ids,
          intervals: ['hour'],
          from: range.from,
          to: range.to,
        }),
        this.deps.store.limits.inForce(ids, lastDay),
      ]);
      const readingsBy = groupBy(readings, (r) => r.siteId);
      const limitsBy = groupBy(limits, (l) => l.siteId);
      for (const site of missing) {
        const attrs = site.attributes;
        const outletLimits = limitsBy.get(site.id) ?? [];
        const summary = outletCompliance({
          month,
          medium: attrs.medium === 'water' ? 'water' : 'gas',
          referenceO2Pct: typeof attrs.referenceO2Pct === 'number' ? attrs.referenceO2Pct : null,
          readings: readingsBy.get(site.id) ?? [],
          limits: outletLimits,
          now,
        });
        known.set(site.id, { limits: outletLimits, total: summary.total });
      }
    }
    if (useCache) {
      if (!fresh) this.monthFigures.set(month, { at: now.getTime(), totals: known });
      while (this.monthFigures.size > MONTH_FIGURES_CACHED_MONTHS) {
        const oldest = this.monthFigures.keys().next().value;
        if (oldest === undefined) break;
        this.monthFigures.delete(oldest);
      }
    }
    return known;
  }

  /** The month figures of some enterprises: each outlet judged, devices, open alarms, overdue cases. */
  private async figuresOf(
    enterprises: readonly Site[],
    month: string,
    useCache: boolean,
  ): Promise<{ summary: EnterpriseSummary; outlets: EnterpriseFileOutlet[] }[]> {
    if (enterprises.length === 0) return [];
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const range = monthRangeOf(month);
    const lastDay = chinaDate(range.to < now ? new Date(range.to.getTime() - 1) : now);
    const enterpriseIds = new Set(enterprises.map((e) => e.id));
    const outlets = (await this.allSites({ kind: 'outlet' })).filter(
      (o) => o.parentId !== null && enterpriseIds.has(o.parentId),
    );
    const outletIds = idsOf(outlets);
    const allIds = [...enterpriseIds, ...outletIds];
    const [totals, devices, alarms, overdue] = await Promise.all([
      this.outletTotals(outlets, month, now, lastDay, useCache),
      outletIds.length === 0
        ? Promise.resolve([] as DeviceWithSite[])
        : store.devices.list({ siteIds: outletIds }),
      store.alarms.listOpenForSites(allIds),
      store.cases.all({ overdueAt: now, overdueStates: DEADLINE_STATES }),
    ]);
    const devicesBy = groupBy(devices, (d) => d.siteId);
    const outletsBy = groupBy(outlets, (o) => o.parentId);
    const parentOf = new Map(outlets.map((o) => [o.id, o.parentId]));
    const alarmsBy = groupBy(alarms, (a) =>
      enterpriseIds.has(a.siteId) ? a.siteId : (parentOf.get(a.siteId) ?? null),
    );
    const overdueBy = groupBy(overdue, (c) => c.responsibleSiteId);
    const nowMs = now.getTime();

    return enterprises.map((enterprise) => {
      const file: EnterpriseFileOutlet[] = (outletsBy.get(enterprise.id) ?? []).map((site) => {
        const t = totals.get(site.id);
        if (t === undefined) throw new Error(`no month figures for outlet ${site.code}`);
        return {
          site,
          limits: t.limits,
          judged: t.limits.length > 0,
          devices: (devicesBy.get(site.id) ?? []).map((d) => ({
            ...d,
            online: d.lastSeenAt !== null && nowMs - d.lastSeenAt.getTime() <= DEVICE_ONLINE_WINDOW_MS,
          })),
          total: t.total,
        };
      });
      const judged = file.filter((o) => o.judged);
      const hoursExceeding =
        judged.length === 0 ? null : judged.reduce((n, o) => n + o.total.hoursExceeding, 0);
      const daysWithDailyExceedance =
        judged.length === 0 ? null : judged.reduce((n, o) => n + o.total.daysWithDailyExceedance, 0);
      const deviceList = file.flatMap((o) => o.devices);
      const verdict: ComplianceVerdict =
        hoursExceeding === null
          ? 'not-judged'
          : hoursExceeding > 0 || (daysWithDailyExceedance ?? 0) > 0
            ? 'exceeding'
            : 'compliant';
      return {
        summary: {
          enterprise,
          outlets: file.length,
          outletsWithoutLimits: file.length - judged.length,
          devices: deviceList.length,
          devicesOnline: deviceList.filter((d) => d.online).length,
          hoursExceeding,
          daysWithDailyExceedance,
          openAlarms: alarmsBy.get(enterprise.id)?.length ?? 0,
          overdueCases: overdueBy.get(enterprise.id)?.length ?? 0,
          verdict,
        },
        outlets: file,
      };
    });
  }
}

const VERDICT_TEXT: Record<ComplianceVerdict, Record<ExportLang, string>> = {
  compliant: { zh: '达标', en: 'compliant' },
  exceeding: { zh: '超标', en: 'exceeding' },
  'not-judged': { zh: '未配置限值，无法判定', en: 'limits not configured: not judged' },
};

/** A performance grade in an export: the letter, or "not graded" for `none`. */
function gradeCell(grade: string | null, lang: ExportLang): string | null {
  if (grade !== 'none') return grade;
  return lang === 'en' ? 'not graded' : '未分级';
}

function attr(site: Site, key: string): string | null {
  const v = site.attributes[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The columns of the enterprise export; `districtName` prints a district code in a language. */
function enterpriseColumns(
  districtName: (code: string, lang: ExportLang) => string,
): ExportTable<EnterpriseSummary>['columns'] {
  return [
    { header: { zh: '企业编码', en: 'Code' }, value: (r) => r.enterprise.code },
    { header: { zh: '企业名称', en: 'Name' }, value: (r) => r.enterprise.name, width: 30 },
    {
      header: { zh: '统一社会信用代码', en: 'Credit code' },
      value: (r) => attr(r.enterprise, 'creditCode'),
      width: 22,
    },
    { header: { zh: '区县', en: 'District' }, value: (r, l) => districtName(r.enterprise.districtCode, l) },
    { header: { zh: '行业代码', en: 'Industry code' }, value: (r) => attr(r.enterprise, 'industryCode') },
    { header: { zh: '行业', en: 'Industry' }, value: (r) => attr(r.enterprise, 'industry'), width: 20 },
    {
      header: { zh: '绩效分级', en: 'Performance grade' },
      value: (r, l) => gradeCell(attr(r.enterprise, 'performanceGrade'), l),
    },
    { header: { zh: '排放口数', en: 'Outlets' }, value: (r) => r.outlets },
    {
      header: { zh: '未配置限值排放口', en: 'Outlets without limits' },
      value: (r) => r.outletsWithoutLimits,
    },
    { header: { zh: '设备在线', en: 'Devices online' }, value: (r) => r.devicesOnline },
    { header: { zh: '设备总数', en: 'Devices' }, value: (r) => r.devices },
    { header: { zh: '本月超标小时数', en: 'Exceedance hours (month)' }, value: (r) => r.hoursExceeding },
    { header: { zh: '未闭环报警', en: 'Open alarms' }, value: (r) => r.openAlarms },
    { header: { zh: '逾期案件', en: 'Overdue cases' }, value: (r) => r.overdueCases },
    { header: { zh: '达标情况', en: 'Compliance' }, value: (r, l) => VERDICT_TEXT[r.verdict][l], width: 24 },
  ];
}

/** The permit number of an enterprise (`attributes.permit`), or null when not recorded. */
export function permitNumberOf(site: Site): string | null {
  const p = site.attributes.permit;
  if (typeof p === 'string' && p !== '') return p;
  if (typeof p === 'object' && p !== null && typeof (p as { number?: unknown }).number === 'string') {
    return (p as { number: string }).number;
  }
  return null;
}

/**
 * The permitted annual loads of an enterprise (`attributes.permittedLoads`: an object of HJ 212
 * code → tonnes a year), or null when not recorded (docs/sources.md §1).
 */
export function permittedLoadsOf(site: Site): { parameter: string; tonnesPerYear: number }[] | null {
  const loads = site.attributes.permittedLoads;
  if (typeof loads !== 'object' || loads === null || Array.isArray(loads)) return null;
  const out = Object.entries(loads as Record<string, unknown>).flatMap(([parameter, v]) =>
    typeof v === 'number' && Number.isFinite(v) ? [{ parameter, tonnesPerYear: v }] : [],
  );
  return out.length === 0 ? null : out;
}

/** The instants of a month asked for by a person (a malformed month is a BadInputError). */
function monthRangeOf(month: string): { from: Date; to: Date } {
  return chinaMonthRange(month);
}
