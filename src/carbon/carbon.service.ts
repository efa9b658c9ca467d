/**
 * The carbon service (docs/carbon.md): enterprise energy accounts (entered by the enterprise for
 * itself, by the bureau, through the API or from CSV; a correction is a new version with who and
 * why), the factor library and the bureau's choice, CO2 and tce figures, the carbon-efficiency code
 * (DB33/T 1347-2023), energy budgets with their alarms, the two-high screen and the dual-control
 * indicators.
 *
 * Figures are computed on read (docs/carbon.md §4): from the account versions and factor rows in
 * force — or as they stood at an instant — so a corrected month or factor changes every grade,
 * budget and total downstream at once, and a past figure is reproduced with the rows of its day.
 * Budget alarms are re-judged after every account change of the enterprise.
 */
import type { SiteFinding } from '../alarms/alarm.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Scope, ScopedCaller } from '../auth/scope.js';
import { siteInScope } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError, ForbiddenError, NotFoundError } from '../errors.js';
import { chinaDayStart, chinaMonth, chinaMonthRange } from '../standards/china-time.js';
import {
  absoluteCarbonLevel,
  carbonEfficiencyValue,
  carbonGrade,
  carbonIntensity,
  type CarbonGrade,
  type CarbonLevel,
} from '../standards/db33t1347-2023.js';
import type { CarbonFactorData } from '../standards/carbon-factors.js';
import { roundGbt8170ToNumber } from '../standards/gb-t-8170.js';
import { energyIntensity } from '../standards/gbt2589-2020.js';
import {
  RAT_ZERO,
  rational,
  ratAdd,
  ratCmp,
  ratDiv,
  ratFromDecimal,
  ratMul,
  ratSub,
  type Rational,
} from '../standards/rational.js';
import type { AccountSource, EnergyAccountVersion, StoredFactor } from '../store/carbon.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import { figuresOf, parseQuantities, sumFigures, type CarbonFigures } from './accounting.js';
import { annualBudget, burnDown, type BudgetAlert } from './budget.js';
import { runCarbonCalc, type CarbonCalcInput, type CarbonCalcOutput } from './carbon-calc.js';
import {
  DEFAULT_CARBON_SETTINGS,
  INDICATOR_KEYS,
  parseCarbonSettings,
  type CarbonSettings,
  type IndicatorKey,
} from './carbon-settings.js';
import { resolveFactorSet, type FactorSet } from './factor-choice.js';
import { monthsOf, quarterOf, quartersUpTo } from './periods.js';

/** The bureau setting the carbon settings are kept under (versions in `bureau_settings`). */
export const CARBON_SETTINGS_NAME = 'carbon.settings';

/** First year the dashboards look back to. */
const FIRST_YEAR = 2020;
const MAX_ENTERPRISES = 1000;

/** What the service needs of the alarm service. */
export interface BudgetAlarmSink {
  record(finding: SiteFinding): Promise<unknown>;
}

export interface CarbonServiceDeps {
  store: Store;
  clock: Clock;
  audit: AuditService;
  alarms: BudgetAlarmSink;
}

/** An enterprise as the carbon module sees it. */
export interface CarbonEnterprise {
  id: number;
  code: string;
  name: string;
  districtCode: string;
  /** GB/T 4754 class (4 digits) or '' when the register has none. */
  industryCode: string;
  industry: string | null;
  /** 亩均 grade (A–D) when the register has one. */
  mujunGrade: string | null;
  pvCapacityKw: number | null;
}

/** What an account entry carries. */
export interface AccountEntry {
  enterprise: string;
  month: string;
  /** Carrier → quantity (decimal text or number) in the carrier's unit. */
  quantities: Readonly<Record<string, string | number | undefined>>;
  valueAdded?: string | number | null | undefined;
  outputValue?: string | number | null | undefined;
  /** GB/T 4754 code; default the enterprise's. */
  sector?: string | undefined;
  /** Why a month that has an account gets a new version (required then). */
  reason?: string | undefined;
}

/** One month's account in force with its figures. */
export interface AccountView {
  enterprise: string;
  month: string;
  version: EnergyAccountVersion;
  figures: CarbonFigures;
}

/** One row of an import report. */
export interface AccountImportReport {
  rows: number;
  stored: number;
  replaced: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

/** An enterprise's carbon-efficiency result for a period. */
export interface GradeRow {
  enterprise: CarbonEnterprise;
  period: string;
  /** GB/T 4754 division (2 digits) the sector average is taken over. */
  division: string;
  netCo2: Rational;
  valueAdded: Rational | null;
  intensity: Rational | null;
  level: CarbonLevel | null;
  sectorIntensity: Rational | null;
  k: Rational | null;
  grade: CarbonGrade | null;
}

/** An enterprise's standing against its energy budget. */
export interface BudgetStatus {
  enterprise: CarbonEnterprise;
  year: number;
  budgetTce: Rational;
  /** Issued budget plus transfers in minus transfers out. */
  availableTce: Rational;
  usedTce: Rational;
  monthsReported: number;
  usedPct: Rational | null;
  projectedTce: Rational | null;
  projectedOverrun: boolean;
  alert: BudgetAlert | null;
  /** Cumulative use by month (burn-down). */
  months: { month: string; cumulativeTce: Rational }[];
  basis: Record<string, unknown>;
}

/** One dual-control indicator value (docs/carbon.md §8). */
export interface IndicatorValue {
  key: IndicatorKey;
  value: number | null;
  unit: string;
  /** Last month with data, YYYY-MM (null: no data in the year). */
  asOf: string | null;
  target: number | null;
}

/** Units of the indicators. */
export const INDICATOR_UNITS: Readonly<Record<IndicatorKey, string>> = {
  energy_tce: 'tce',
  energy_intensity: 'tce/10⁴ CNY',
  co2_t: 't',
  carbon_intensity: 't/10⁴ CNY',
  non_fossil_share: '%',
  pv_capacity_kw: 'kW',
};

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function enterpriseOf(s: Site): CarbonEnterprise {
  const pv = s.attributes.pvCapacityKw;
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    districtCode: s.districtCode,
    // Registers may write the GB/T 4754 section letter in front (C1752): the digits are the class.
    industryCode: (text(s.attributes.industryCode) ?? '').replace(/^[A-T]/, ''),
    industry: text(s.attributes.industry),
    mujunGrade: text(s.attributes.mujunGrade),
    pvCapacityKw: typeof pv === 'number' && Number.isFinite(pv) ? pv : null,
  };
}

function decimalText(field: string, v: string | number): string {
  const t = String(v).trim();
  try {
    if (ratCmp(ratFromDecimal(t), RAT_ZERO) < 0) throw new RangeError('negative');
  } catch {
    throw new BadInputError(`${field}: "${t}" is not a non-negative number`);
  }
  return t;
}

const division = (sector: string): string => sector.slice(0, 2);

/** The instant after the last day of a month (China time). */
const monthEnd = (month: string): Date => chinaMonthRange(month).to;

export class CarbonService {
  constructor(private readonly deps: CarbonServiceDeps) {}

  private get store(): Store {
    return this.deps.store;
  }

  // ---- settings and factors ----

  /** The carbon settings in force (defaults until the bureau sets them). */
  async settings(): Promise<CarbonSettings> {
    const v = await this.store.settings.current(CARBON_SETTINGS_NAME);
    return v === null ? DEFAULT_CARBON_SETTINGS : parseCarbonSettings(v.value);
  }

  /** Replaces the carbon settings (checked, audited). */
  async putSettings(caller: ScopedCaller, value: unknown): Promise<CarbonSettings> {
    const parsed = parseCarbonSettings(value);
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.settings.append(
        {
          name: CARBON_SETTINGS_NAME,
          value: parsed,
          changedBy: caller.actor.username,
          changedAt: this.deps.clock.now(),
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'carbon.settings_changed',
          actor: caller.actor,
          target: { type: 'setting', id: CARBON_SETTINGS_NAME },
          details: { settings: parsed },
          address: caller.address,
        },
        trx,
      );
    });
    return parsed;
  }

  /** The factor library (as of an instant: rows added later left out). */
  factors(asOf?: Date): Promise<StoredFactor[]> {
    return this.store.carbon.factors(asOf);
  }

  /** Adds a factor row (a newer factor never overwrites an older one), audited. */
  async addFactor(caller: ScopedCaller, row: CarbonFactorData): Promise<StoredFactor> {
    decimalText('value', row.value);
    for (const [field, day] of [
      ['validFrom', row.validFrom],
      ['validTo', row.validTo],
    ] as const) {
      if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(day))
        throw new BadInputError(`${field}: "${day}" is not YYYY-MM-DD`);
    }
    if (row.validTo !== null && row.validTo < row.validFrom)
      throw new BadInputError('validTo: before validFrom');
    return this.store.db.transaction().execute(async (trx) => {
      const stored = await this.store.carbon.addFactor(
        { ...row, createdBy: caller.actor.username, createdAt: this.deps.clock.now() },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'carbon.factor_added',
          actor: caller.actor,
          target: { type: 'carbon_factor', id: stored.id },
          details: { ...row },
          address: caller.address,
        },
        trx,
      );
      return stored;
    });
  }

  /** The calculator (`GET /api/v1/calc/carbon`) over the library in the store and the bureau's choice. */
  async calc(
    input: Omit<CarbonCalcInput, 'year'> & { year?: number | undefined },
  ): Promise<CarbonCalcOutput> {
    const [rows, settings] = await Promise.all([this.factors(), this.settings()]);
    const year = input.year ?? Number(chinaMonth(this.deps.clock.now()).slice(0, 4));
    return runCarbonCalc({ ...input, year }, rows, settings.factorChoice);
  }

  // ---- enterprises and scope ----

  /** Every enterprise in service. */
  async enterprises(): Promise<CarbonEnterprise[]> {
    const page = await this.store.sites.list({ kind: 'enterprise', limit: MAX_ENTERPRISES });
    return page.items.map(enterpriseOf);
  }

  private async enterpriseFor(scope: Scope, code: string): Promise<CarbonEnterprise> {
    const site = await this.store.sites.getByCode(code);
    if (site === null || site.kind !== 'enterprise' || !siteInScope(scope, site)) {
      throw new NotFoundError(`enterprise ${code}`);
    }
    return enterpriseOf(site);
  }

  // ---- accounts ----

  /**
   * Records an enterprise's month: a new month, or a new version of one (a correction: `reason`
   * required). An enterprise user records only its own; with `merge` the carriers and values not
   * given keep the previous version's (the grid company's electricity-only file). Audited; the
   * enterprise's budget alarm is judged again.
   */
  async recordAccount(
    caller: ScopedCaller,
    entry: AccountEntry,
    source: AccountSource,
    options: { merge?: boolean } = {},
  ): Promise<{ view: AccountView; outcome: 'stored' | 'replaced' | 'unchanged' }> {
    if (caller.actor.role === 'district' || caller.actor.role === 'operator') {
      throw new ForbiddenError('energy accounts are entered by the enterprise or the bureau');
    }
    const enterprise = await this.enterpriseFor(caller.scope, entry.enterprise);
    chinaMonthRange(entry.month);
    if (entry.month > chinaMonth(this.deps.clock.now()))
      throw new BadInputError(`month: ${entry.month} is in the future`);
    const quantities: Record<string, string> = {};
    for (const [k, v] of Object.entries(entry.quantities)) {
      if (v !== undefined) quantities[k] = decimalText(`quantities.${k}`, v);
    }
    parseQuantities(quantities);
    const opt = (field: string, v: string | number | null | undefined): string | null | undefined =>
      v === undefined ? undefined : v === null ? null : decimalText(field, v);
    const valueAdded = opt('valueAdded', entry.valueAdded);
    const outputValue = opt('outputValue', entry.outputValue);
    const sector = entry.sector ?? enterprise.industryCode;
    if (!/^\d{2,4}$/.test(sector)) {
      throw new BadInputError(
        `sector: "${sector}" is not a GB/T 4754 code (the register has none for ${enterprise.code})`,
      );
    }
    const reason = entry.reason?.trim() ?? '';
    const result = await this.store.db.transaction().execute(async (trx) => {
      const [previous] = await this.store.carbon.accounts(
        { siteIds: [enterprise.id], from: entry.month, to: entry.month },
        trx,
      );
      const merged = {
        quantities:
          options.merge === true && previous ? { ...previous.quantities, ...quantities } : quantities,
        valueAdded:
          valueAdded === undefined
            ? options.merge === true
              ? (previous?.valueAdded ?? null)
              : null
            : valueAdded,
        outputValue:
          outputValue === undefined
            ? options.merge === true
              ? (previous?.outputValue ?? null)
              : null
            : outputValue,
        sector,
      };
      if (
        previous &&
        JSON.stringify(previous.quantities) === JSON.stringify(merged.quantities) &&
        previous.valueAdded === merged.valueAdded &&
        previous.outputValue === merged.outputValue &&
        previous.sector === merged.sector
      ) {
        return { version: previous, outcome: 'unchanged' as const };
      }
      if (previous && reason === '') {
        throw new BadInputError(
          `reason: ${enterprise.code} ${entry.month} has an account; a correction needs a reason`,
        );
      }
      const version = await this.store.carbon.appendAccount(
        {
          siteId: enterprise.id,
          month: entry.month,
          ...merged,
          source,
          recordedBy: caller.actor.username,
          recordedAt: this.deps.clock.now(),
          reason: previous ? reason : reason === '' ? null : reason,
          demo: false,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'carbon.account_recorded',
          actor: caller.actor,
          target: { type: 'energy_account', id: version.id },
          details: {
            enterprise: enterprise.code,
            month: entry.month,
            version: version.version,
            source,
            ...(previous ? { replaces: previous.version, reason } : {}),
          },
          address: caller.address,
        },
        trx,
      );
      return { version, outcome: previous ? ('replaced' as const) : ('stored' as const) };
    });
    if (result.outcome !== 'unchanged')
      await this.checkBudgets(Number(entry.month.slice(0, 4)), [enterprise.id]);
    const [view] = await this.viewsOf([result.version], [enterprise]);
    if (view === undefined) throw new Error('account view missing');
    return { view, outcome: result.outcome };
  }

  /** An enterprise's accounts in force for a range of months, with figures. */
  async accounts(scope: Scope, code: string, from: string, to: string, asOf?: Date): Promise<AccountView[]> {
    chinaMonthRange(from);
    chinaMonthRange(to);
    const enterprise = await this.enterpriseFor(scope, code);
    const rows = await this.store.carbon.accounts({ siteIds: [enterprise.id], from, to, asOf });
    return this.viewsOf(rows, [enterprise], asOf);
  }

  /** Every version of an enterprise's month, oldest first, each with its figures. */
  async accountVersions(scope: Scope, code: string, month: string): Promise<AccountView[]> {
    chinaMonthRange(month);
    const enterprise = await this.enterpriseFor(scope, code);
    const versions = await this.store.carbon.accountVersions(enterprise.id, month);
    // Each version with the factors in force when it was recorded.
    const out: AccountView[] = [];
    for (const v of versions) out.push(...(await this.viewsOf([v], [enterprise], v.recordedAt)));
    return out;
  }

  private async factorSets(asOf?: Date): Promise<(month: string) => FactorSet> {
    const [rows, settings] = await Promise.all([this.store.carbon.factors(asOf), this.settings()]);
    const cache = new Map<string, FactorSet>();
    return (month) => {
      let set = cache.get(month);
      if (set === undefined) {
        set = resolveFactorSet(rows, settings.factorChoice, `${month}-01`);
        cache.set(month, set);
      }
      return set;
    };
  }

  private async viewsOf(
    rows: readonly EnergyAccountVersion[],
    enterprises: readonly CarbonEnterprise[],
    asOf?: Date,
  ): Promise<AccountView[]> {
    const sets = await this.factorSets(asOf);
    const byId = new Map(enterprises.map((e) => [e.id, e]));
    return rows.map((v) => ({
      enterprise: byId.get(v.siteId)?.code ?? String(v.siteId),
      month: v.month,
      version: v,
      figures: figuresOf(
        parseQuantities(v.quantities),
        v.valueAdded === null ? null : ratFromDecimal(v.valueAdded),
        sets(v.month),
      ),
    }));
  }

  /** Figures of every enterprise's months in a range: site id → month → figures (and sector). */
  private async monthFigures(
    from: string,
    to: string,
    asOf?: Date,
  ): Promise<Map<number, Map<string, { figures: CarbonFigures; sector: string }>>> {
    const rows = await this.store.carbon.accounts({ from, to, asOf });
    const sets = await this.factorSets(asOf);
    const out = new Map<number, Map<string, { figures: CarbonFigures; sector: string }>>();
    for (const v of rows) {
      let months = out.get(v.siteId);
      if (months === undefined) {
        months = new Map<string, { figures: CarbonFigures; sector: string }>();
        out.set(v.siteId, months);
      }
      months.set(v.month, {
        sector: v.sector,
        figures: figuresOf(
          parseQuantities(v.quantities),
          v.valueAdded === null ? null : ratFromDecimal(v.valueAdded),
          sets(v.month),
        ),
      });
    }
    return out;
  }

  // ---- carbon-efficiency code ----

  /**
   * Grades of every enterprise for each period (months all reported: choice `complete-period`),
   * each against the average of its GB/T 4754 division in the city for the same period
   * (Σ net CO2 / Σ value added: choice `sector-average-of-sums`, docs/standards/db33t1347-2023.md §3).
   */
  private async gradesFor(periods: readonly string[], asOf?: Date): Promise<Map<string, GradeRow[]>> {
    const allMonths = periods.flatMap((p) => monthsOf(p));
    const out = new Map<string, GradeRow[]>();
    if (allMonths.length === 0) return out;
    const sorted = [...allMonths].sort();
    const [figures, enterprises] = await Promise.all([
      this.monthFigures(sorted[0] ?? '', sorted.at(-1) ?? '', asOf),
      this.enterprises(),
    ]);
    for (const period of periods) {
      const months = monthsOf(period);
      const rows: { e: CarbonEnterprise; div: string; f: CarbonFigures }[] = [];
      for (const e of enterprises) {
        const mine = figures.get(e.id);
        const parts = months.map((m) => mine?.get(m));
        if (parts.some((p) => p === undefined)) continue;
        const present = parts.filter((p) => p !== undefined);
        const sector = present.at(-1)?.sector ?? e.industryCode;
        rows.push({ e, div: division(sector), f: sumFigures(present.map((p) => p.figures)) });
      }
      const sums = new Map<string, { co2: Rational; va: Rational }>();
      for (const r of rows) {
        if (r.f.valueAdded === null || ratCmp(r.f.valueAdded, RAT_ZERO) <= 0) continue;
        const s = sums.get(r.div) ?? { co2: RAT_ZERO, va: RAT_ZERO };
        const net = ratCmp(r.f.netCo2, RAT_ZERO) < 0 ? RAT_ZERO : r.f.netCo2;
        sums.set(r.div, { co2: ratAdd(s.co2, net), va: ratAdd(s.va, r.f.valueAdded) });
      }
      out.set(
        period,
        rows.map(({ e, div, f }) => {
          const l = f.valueAdded === null ? null : carbonIntensity(f.netCo2, f.valueAdded);
          const s = sums.get(div);
          const sectorL = s === undefined ? null : ratDiv(s.co2, s.va);
          const k = l === null || sectorL === null ? null : carbonEfficiencyValue(l, sectorL);
          return {
            enterprise: e,
            period,
            division: div,
            netCo2: f.netCo2,
            valueAdded: f.valueAdded,
            intensity: l,
            level: l === null ? null : absoluteCarbonLevel(l),
            sectorIntensity: sectorL,
            k,
            grade: k === null ? null : carbonGrade(k),
          };
        }),
      );
    }
    return out;
  }

  /** The latest quarter every enterprise could have complete: the one before the current one. */
  latestQuarter(): string {
    const now = chinaMonth(this.deps.clock.now());
    const [y, q] = [Number(now.slice(0, 4)), Number(quarterOf(now).slice(6))];
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }

  /** Grades of the enterprises a caller may see for a period (month, quarter or year). */
  async grades(scope: Scope, period: string, asOf?: Date): Promise<GradeRow[]> {
    monthsOf(period);
    const rows = (await this.gradesFor([period], asOf)).get(period) ?? [];
    return rows.filter((r) =>
      siteInScope(scope, {
        id: r.enterprise.id,
        kind: 'enterprise',
        districtCode: r.enterprise.districtCode,
      }),
    );
  }

  /** An enterprise's quarterly grades from FIRST_YEAR to the latest quarter (trend). */
  async gradeHistory(scope: Scope, code: string): Promise<GradeRow[]> {
    const e = await this.enterpriseFor(scope, code);
    return this.historyOf(e);
  }

  private async historyOf(e: CarbonEnterprise): Promise<GradeRow[]> {
    const latest = this.latestQuarter();
    const first = await this.store.carbon.accounts({
      siteIds: [e.id],
      from: `${FIRST_YEAR}-01`,
      to: `${latest.slice(0, 4)}-12`,
    });
    const firstMonth = first[0]?.month;
    if (firstMonth === undefined) return [];
    const quarters = quartersUpTo(Number(firstMonth.slice(0, 4)), monthsOf(latest).at(-1) ?? firstMonth);
    const all = await this.gradesFor(quarters);
    return quarters.flatMap((q) => (all.get(q) ?? []).filter((r) => r.enterprise.id === e.id));
  }

  /** The public carbon-code page of an enterprise: grade, level, intensity and trend, no energy figures. */
  async publicCode(
    code: string,
  ): Promise<{ enterprise: CarbonEnterprise; latest: GradeRow | null; history: GradeRow[] }> {
    const e = await this.enterpriseFor({ kind: 'all' }, code);
    const history = (await this.historyOf(e)).filter((r) => r.grade !== null);
    return { enterprise: e, latest: history.at(-1) ?? null, history };
  }

  /** An enterprise's carbon file for a year: the quarterly grade trend, the months, the budget. */
  async enterpriseFile(
    scope: Scope,
    code: string,
    year: number,
  ): Promise<{
    enterprise: CarbonEnterprise;
    history: GradeRow[];
    accounts: AccountView[];
    budget: BudgetStatus | null;
  }> {
    const e = await this.enterpriseFor(scope, code);
    const [history, accounts, budget] = await Promise.all([
      this.historyOf(e),
      this.accounts(scope, code, `${year}-01`, `${year}-12`),
      this.statusOf([e], year),
    ]);
    return { enterprise: e, history, accounts, budget: budget[0] ?? null };
  }

  /**
   * The carbon overview of a year: city and district indicators (a district officer: the city and
   * their district) and the grades of the year's latest complete quarter.
   */
  async overview(
    scope: Scope,
    year: number,
  ): Promise<{
    period: string;
    city: IndicatorValue[];
    districts: { code: string; name: string; indicators: IndicatorValue[] }[];
    grades: GradeRow[];
  }> {
    const latest = this.latestQuarter();
    const period = Number(latest.slice(0, 4)) > year ? `${year}-Q4` : latest;
    const districts = (await this.store.districts.list()).filter(
      (d) => scope.kind !== 'district' || d.code === scope.districtCode,
    );
    const [city, grades, ...perDistrict] = await Promise.all([
      this.indicators(year, 'city', ''),
      this.grades(scope, period),
      ...districts.map((d) => this.indicators(year, 'district', d.code)),
    ]);
    return {
      period,
      city,
      districts: districts.map((d, i) => ({ code: d.code, name: d.name, indicators: perDistrict[i] ?? [] })),
      grades,
    };
  }

  // ---- budgets ----

  /**
   * Issues the budgets of a year to the covered enterprises that have none (docs/carbon.md §7):
   * coverage and baseline from the previous year's twelve months. Audited in one transaction.
   */
  async issueBudgets(
    caller: Pick<ScopedCaller, 'actor' | 'address'>,
    year: number,
    options: { demo?: boolean } = {},
  ): Promise<{ issued: string[]; skipped: { enterprise: string; reason: string }[] }> {
    const settings = await this.settings();
    const base = year - 1;
    const [figures, enterprises, existing] = await Promise.all([
      this.monthFigures(`${base}-01`, `${base}-12`),
      this.enterprises(),
      this.store.carbon.budgets(year),
    ]);
    const has = new Set(existing.map((b) => b.siteId));
    const issued: string[] = [];
    const skipped: { enterprise: string; reason: string }[] = [];
    const drafts: { e: CarbonEnterprise; basis: ReturnType<typeof annualBudget> }[] = [];
    for (const e of enterprises) {
      if (has.has(e.id)) continue;
      const months = figures.get(e.id);
      if (months === undefined || months.size < 12) {
        if (months !== undefined)
          skipped.push({ enterprise: e.code, reason: `${months.size} of 12 baseline months` });
        continue;
      }
      const f = sumFigures([...months.values()].map((m) => m.figures));
      const sector = [...months.values()].at(-1)?.sector ?? e.industryCode;
      const intensity = f.valueAdded === null ? null : energyIntensity(f.tce, f.valueAdded);
      if (!this.covered(settings, sector, f, intensity, e.mujunGrade)) continue;
      drafts.push({ e, basis: annualBudget(f.tce, intensity, e.mujunGrade, settings) });
    }
    const now = this.deps.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      for (const { e, basis } of drafts) {
        await this.store.carbon.appendBudget(
          {
            siteId: e.id,
            year,
            budgetTce: roundGbt8170ToNumber(basis.budgetTce, 2).toFixed(2),
            basis: {
              baselineYear: base,
              baselineTce: roundGbt8170ToNumber(basis.baselineTce, 2),
              baselineIntensity:
                basis.baselineIntensity === null ? null : roundGbt8170ToNumber(basis.baselineIntensity, 4),
              tier: basis.tier,
              cutPct: roundGbt8170ToNumber(basis.cutPct, 2),
              grade: basis.grade,
              adjustPct: roundGbt8170ToNumber(basis.adjustPct, 2),
            },
            issuedBy: caller.actor.username,
            issuedAt: now,
            reason: null,
            demo: options.demo === true,
          },
          trx,
        );
        issued.push(e.code);
      }
      await this.deps.audit.record(
        {
          action: 'carbon.budgets_issued',
          actor: caller.actor,
          target: { type: 'energy_budget_year', id: year },
          details: { year, issued, skipped },
          address: caller.address,
        },
        trx,
      );
    });
    return { issued, skipped };
  }

  /** Whether the coverage rules of the settings take an enterprise in (docs/carbon.md §7). */
  private covered(
    settings: CarbonSettings,
    sector: string,
    f: CarbonFigures,
    intensity: Rational | null,
    grade: string | null,
  ): boolean {
    const c = settings.coverage;
    const big =
      ratCmp(f.tce, ratFromDecimal(c.minTce)) > 0 ||
      ratCmp(f.electricityMwh, ratFromDecimal(c.minElectricityMwh)) > 0;
    if (grade === 'C' || grade === 'D') return true;
    if (!big) return false;
    if (c.energyIntensiveSectors.includes(division(sector))) return true;
    return intensity !== null && ratCmp(intensity, ratFromDecimal(c.otherMinIntensity)) > 0;
  }

  /** Records a transfer of unused budget between two enterprises with budgets (bureau), audited. */
  async transferBudget(
    caller: ScopedCaller,
    t: { year: number; from: string; to: string; amountTce: string | number; reason: string },
  ): Promise<void> {
    const amount = decimalText('amountTce', t.amountTce);
    if (ratCmp(ratFromDecimal(amount), RAT_ZERO) <= 0) throw new BadInputError('amountTce: must be positive');
    if (t.reason.trim() === '') throw new BadInputError('reason: a transfer needs a reason');
    if (t.from === t.to) throw new BadInputError('to: the same enterprise as from');
    const [from, to] = [
      await this.enterpriseFor(caller.scope, t.from),
      await this.enterpriseFor(caller.scope, t.to),
    ];
    const status = await this.statusOf([from, to], t.year);
    const source = status.find((s) => s.enterprise.id === from.id);
    if (source === undefined) throw new BadInputError(`from: ${from.code} has no budget for ${t.year}`);
    if (!status.some((s) => s.enterprise.id === to.id))
      throw new BadInputError(`to: ${to.code} has no budget for ${t.year}`);
    const unused = ratSub(source.availableTce, source.projectedTce ?? source.usedTce);
    if (ratCmp(ratFromDecimal(amount), unused) > 0) {
      throw new BadInputError(
        `amountTce: ${amount} is more than ${from.code}'s unused budget (${roundGbt8170ToNumber(unused, 2)} tce after its projected use)`,
      );
    }
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.store.carbon.addTransfer(
        {
          year: t.year,
          fromSiteId: from.id,
          toSiteId: to.id,
          amountTce: amount,
          reason: t.reason.trim(),
          recordedBy: caller.actor.username,
          recordedAt: this.deps.clock.now(),
          demo: false,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'carbon.budget_transferred',
          actor: caller.actor,
          target: { type: 'energy_budget_transfer', id: row.id },
          details: { year: t.year, from: from.code, to: to.code, amountTce: amount, reason: row.reason },
          address: caller.address,
        },
        trx,
      );
    });
    await this.checkBudgets(t.year, [from.id, to.id]);
  }

  /** Budget standing of the enterprises a caller may see. */
  async budgets(scope: Scope, year: number): Promise<BudgetStatus[]> {
    const enterprises = (await this.enterprises()).filter((e) =>
      siteInScope(scope, { id: e.id, kind: 'enterprise', districtCode: e.districtCode }),
    );
    return this.statusOf(enterprises, year);
  }

  private async statusOf(enterprises: readonly CarbonEnterprise[], year: number): Promise<BudgetStatus[]> {
    const [budgets, transfers, settings] = await Promise.all([
      this.store.carbon.budgets(year),
      this.store.carbon.transfers(year),
      this.settings(),
    ]);
    const wanted = new Map(enterprises.map((e) => [e.id, e]));
    const mine = budgets.filter((b) => wanted.has(b.siteId));
    if (mine.length === 0) return [];
    const rows = await this.store.carbon.accounts({
      siteIds: mine.map((b) => b.siteId),
      from: `${year}-01`,
      to: `${year}-12`,
    });
    const views = await this.viewsOf(rows, enterprises);
    return mine.map((b) => {
      const e = wanted.get(b.siteId) as CarbonEnterprise;
      let available = ratFromDecimal(b.budgetTce);
      for (const t of transfers) {
        if (t.toSiteId === b.siteId) available = ratAdd(available, ratFromDecimal(t.amountTce));
        if (t.fromSiteId === b.siteId) available = ratSub(available, ratFromDecimal(t.amountTce));
      }
      let cumulative = RAT_ZERO;
      const months = views
        .filter((v) => v.version.siteId === b.siteId)
        .map((v) => {
          cumulative = ratAdd(cumulative, v.figures.tce);
          return { month: v.month, cumulativeTce: cumulative };
        });
      const bd = burnDown(available, cumulative, months.length, settings.alertPcts);
      return {
        enterprise: e,
        year,
        budgetTce: ratFromDecimal(b.budgetTce),
        availableTce: available,
        usedTce: bd.usedTce,
        monthsReported: months.length,
        usedPct: bd.usedPct,
        projectedTce: bd.projectedTce,
        projectedOverrun: bd.projectedOverrun,
        alert: bd.alert,
        months,
        basis: b.basis,
      };
    });
  }

  /**
   * Judges budgets and records `energy-budget` alarms (kind exceedance, subject the enterprise
   * site): 80 % of the budget info, 90 % warning, 100 % critical, a projected overrun at least
   * warning. Returns the number of findings recorded.
   */
  async checkBudgets(year: number, siteIds?: readonly number[]): Promise<number> {
    let enterprises = await this.enterprises();
    if (siteIds !== undefined) enterprises = enterprises.filter((e) => siteIds.includes(e.id));
    const status = await this.statusOf(enterprises, year);
    let n = 0;
    for (const s of status) {
      if (s.alert === null && !s.projectedOverrun) continue;
      const last = s.months.at(-1)?.month;
      if (last === undefined) continue;
      const severity =
        s.alert === 'pct100' ? 'critical' : s.alert === 'pct90' || s.projectedOverrun ? 'warning' : 'info';
      const pct = s.usedPct === null ? null : roundGbt8170ToNumber(s.usedPct, 1);
      const projected = s.projectedTce === null ? null : roundGbt8170ToNumber(s.projectedTce, 0);
      const budget = roundGbt8170ToNumber(s.availableTce, 0);
      await this.deps.alarms.record({
        rule: 'energy-budget',
        severity,
        siteId: s.enterprise.id,
        parameter: 'energy-budget',
        window: { from: chinaDayStart(`${year}-01-01`), to: monthEnd(last) },
        values: [
          { at: chinaMonthRange(last).from, value: roundGbt8170ToNumber(s.usedTce, 2), note: 'tce used' },
        ],
        limit: budget,
        message: {
          zh: `${year}年用能 ${roundGbt8170ToNumber(s.usedTce, 0)} tce，已达预算 ${budget} tce 的 ${pct ?? '—'}%${s.projectedOverrun ? `，预计全年 ${projected} tce，将超预算` : ''}`,
          en: `${year} energy use ${roundGbt8170ToNumber(s.usedTce, 0)} tce is ${pct ?? '—'} % of the budget of ${budget} tce${s.projectedOverrun ? `; projected ${projected} tce for the year, over budget` : ''}`,
        },
      });
      n += 1;
    }
    return n;
  }

  // ---- two-high and dual control ----

  /** Enterprises in the two-high sectors or above the tce threshold for a year (annualised from the months reported). */
  async twoHigh(
    scope: Scope,
    year: number,
  ): Promise<{ enterprise: CarbonEnterprise; tce: Rational; sectorFlag: boolean; sizeFlag: boolean }[]> {
    const settings = await this.settings();
    const [figures, enterprises] = await Promise.all([
      this.monthFigures(`${year}-01`, `${year}-12`),
      this.enterprises(),
    ]);
    const out = [];
    for (const e of enterprises) {
      if (!siteInScope(scope, { id: e.id, kind: 'enterprise', districtCode: e.districtCode })) continue;
      const months = figures.get(e.id);
      const tce =
        months === undefined ? RAT_ZERO : sumFigures([...months.values()].map((m) => m.figures)).tce;
      const annual =
        months === undefined || months.size === 0
          ? RAT_ZERO
          : ratDiv(ratMul(tce, rational(12n)), rational(BigInt(months.size)));
      const sectorFlag = settings.twoHigh.sectors.includes(division(e.industryCode));
      const sizeFlag = ratCmp(annual, ratFromDecimal(settings.twoHigh.minTce)) >= 0;
      if (sectorFlag || sizeFlag) out.push({ enterprise: e, tce: annual, sectorFlag, sizeFlag });
    }
    return out;
  }

  /**
   * The dual-control indicators of the city or a district for a year (docs/carbon.md §8), for the
   * indicator board: energy use, energy intensity, CO2, carbon intensity (both intensities per 10⁴
   * CNY of the enterprises' value added: the platform holds no GDP — choice `industrial-value-added-basis`),
   * non-fossil share of energy use, PV capacity registered on the enterprises, each with its target.
   */
  async indicators(year: number, scope: 'city' | 'district', code: string): Promise<IndicatorValue[]> {
    const [settings, figures, enterprises] = await Promise.all([
      this.settings(),
      this.monthFigures(`${year}-01`, `${year}-12`),
      this.enterprises(),
    ]);
    const inScope = enterprises.filter((e) => scope === 'city' || e.districtCode === code);
    const parts: CarbonFigures[] = [];
    let asOf: string | null = null;
    for (const e of inScope) {
      for (const [month, m] of figures.get(e.id) ?? []) {
        parts.push(m.figures);
        if (asOf === null || month > asOf) asOf = month;
      }
    }
    const f = sumFigures(parts);
    const va = f.valueAdded;
    const pv = inScope.map((e) => e.pvCapacityKw).filter((x): x is number => x !== null);
    const r = (x: Rational | null, digits: number): number | null =>
      x === null ? null : roundGbt8170ToNumber(x, digits);
    const values: Record<IndicatorKey, number | null> = {
      energy_tce: parts.length === 0 ? null : r(f.tce, 1),
      energy_intensity: va === null ? null : r(energyIntensity(f.tce, va), 4),
      co2_t: parts.length === 0 ? null : r(f.co2, 1),
      carbon_intensity: va === null || ratCmp(va, RAT_ZERO) <= 0 ? null : r(ratDiv(f.co2, va), 4),
      non_fossil_share:
        ratCmp(f.tce, RAT_ZERO) > 0 ? r(ratMul(ratDiv(f.nonFossilTce, f.tce), rational(100n)), 2) : null,
      pv_capacity_kw: pv.length === 0 ? null : pv.reduce((a, b) => a + b, 0),
    };
    return INDICATOR_KEYS.map((key) => {
      const t = settings.targets.find(
        (x) => x.year === year && x.key === key && x.scope === scope && (scope === 'city' || x.code === code),
      );
      return {
        key,
        value: values[key],
        unit: INDICATOR_UNITS[key],
        asOf,
        target: t === undefined ? null : Number(t.value),
      };
    });
  }
}
