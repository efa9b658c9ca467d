/**
 * Where computed indicator values come from (docs/indicators.md §1): a provider function registered
 * by key, owned by the module whose figure it is — the air evaluation, the water assessment, the
 * outlet compliance, the case figures — so that an indicator shows exactly the figure the platform
 * shows elsewhere (one computation, not two). A key without a provider is an entered statistic.
 *
 * Hook for the carbon and waste modules (docs/indicators.md §4): at merge, register
 * `CarbonService.indicators(year, scope, code)` and `WasteService.indicators(year, scope, code)`
 * for their keys in src/services.ts with `providers.register(keys, fromModuleIndicators(...))`;
 * their indicators then turn from entered statistics into computed figures.
 */
import type { CaseService } from '../cases/case.service.js';
import type { AirService } from '../monitor/air.service.js';
import type { UnitEvaluation } from '../monitor/air-assessment.js';
import type { SourceService } from '../monitor/source.service.js';
import type { WaterService } from '../monitor/water.service.js';
import { chinaDayStart, parseChinaPeriod } from '../standards/china-time.js';

/** The code of the city as a whole in indicator scopes. */
export const CITY_CODE = 'city';

/** What a provider is asked: a year, and the city, one district, or every district (no code). */
export interface ProviderQuery {
  year: number;
  scope: 'city' | 'district';
  code?: string | undefined;
  /** The China-local date the year-to-date figures run to. */
  asOf: string;
}

/** A value a provider gives: the key, the place (district code or `CITY_CODE`), the figure. */
export interface ProvidedValue {
  key: string;
  code: string;
  value: number | null;
  /** The China-local date or month the figure runs to. */
  asOf: string;
}

export type IndicatorProvider = (q: ProviderQuery) => Promise<ProvidedValue[]>;

/** Providers by key; a constructed object passed to the indicator service (no module state). */
export class IndicatorProviders {
  private readonly byKey = new Map<string, IndicatorProvider>();

  /** Registers a provider for keys; a key registered twice is a programming error. */
  register(keys: readonly string[], provider: IndicatorProvider): this {
    for (const key of keys) {
      if (this.byKey.has(key)) throw new Error(`indicator ${key} already has a provider`);
      this.byKey.set(key, provider);
    }
    return this;
  }

  providerOf(key: string): IndicatorProvider | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }
}

/** A 0–1 share as a percentage with 1 decimal. */
export const percentOf = (share: number | null): number | null =>
  share === null ? null : Math.round(share * 1000) / 10;

/** The air keys and the evaluation figure each one is. */
export const AIR_INDICATOR_KEYS = [
  'air.pm25',
  'air.pm10',
  'air.o3-p90',
  'air.good-day-ratio',
  'air.days-above-150',
  'air.days-above-200',
] as const;

/** The indicator values of one unit of an annual evaluation. */
export function airValuesOf(u: UnitEvaluation, code: string, asOf: string): ProvidedValue[] {
  const stat = (p: string, s: 'annual-mean' | 'percentile'): number | null =>
    u.pollutants.find((e) => e.pollutant === p)?.statistics.find((x) => x.statistic === s)?.value ?? null;
  const valid = u.goodDays.validDays > 0;
  const above = (from: number): number | null =>
    valid ? u.daysByLevel.slice(from).reduce((a, b) => a + b, 0) : null;
  const values: Record<(typeof AIR_INDICATOR_KEYS)[number], number | null> = {
    'air.pm25': stat('pm25', 'annual-mean'),
    'air.pm10': stat('pm10', 'annual-mean'),
    'air.o3-p90': stat('o3', 'percentile'),
    'air.good-day-ratio': u.goodDays.ratioPercent,
    // Levels 4–6 are AQI > 150; levels 5–6 AQI > 200 (HJ 633 Table 1/2).
    'air.days-above-150': above(3),
    'air.days-above-200': above(4),
  };
  return AIR_INDICATOR_KEYS.map((key) => ({ key, code, value: values[key], asOf }));
}

/** Air indicators from the annual evaluation of the air service. */
export function airProvider(air: Pick<AirService, 'evaluate'>): IndicatorProvider {
  return async (q) => {
    const ev = await air.evaluate({ kind: 'year', year: q.year }, q.scope, q.code);
    return ev.units.flatMap((u) => airValuesOf(u, q.scope === 'city' ? CITY_CODE : u.code, q.asOf));
  };
}

export const WATER_INDICATOR_KEYS = [
  'water.share-i-iii',
  'water.worse-than-v',
  'water.target-met',
  'water.black-odorous',
] as const;

/** Water indicators from the water service's year report and black-odorous grading. */
export function waterProvider(
  water: Pick<WaterService, 'cityReport' | 'blackOdorousList'>,
): IndicatorProvider {
  return async (q) => {
    const report = await water.cityReport(parseChinaPeriod('year', String(q.year)));
    const bodies = await water.blackOdorousList();
    const remaining = (district: string | null): number =>
      bodies.items.filter(
        (b) =>
          (district === null || b.districtCode === district) && (b.grade === 'light' || b.grade === 'heavy'),
      ).length;
    const areas =
      q.scope === 'city'
        ? [{ code: CITY_CODE, summary: report.city, district: null }]
        : report.districts
            .filter((d) => q.code === undefined || d.districtCode === q.code)
            .map((d) => ({ code: d.districtCode, summary: d, district: d.districtCode }));
    return areas.flatMap(({ code, summary, district }) => [
      { key: 'water.share-i-iii', code, value: percentOf(summary.shareGoodIToIII), asOf: q.asOf },
      {
        key: 'water.worse-than-v',
        code,
        value: summary.assessed === 0 ? null : summary.classCounts['劣V'],
        asOf: q.asOf,
      },
      { key: 'water.target-met', code, value: percentOf(summary.complianceRate), asOf: q.asOf },
      { key: 'water.black-odorous', code, value: remaining(district), asOf: q.asOf },
    ]);
  };
}

export const SOURCE_INDICATOR_KEYS = [
  'sources.compliance',
  'sources.transmission-rate',
  'sources.validity-rate',
] as const;

/** Source indicators from the enterprise list and outlet rates of the latest month of the year. */
export function sourceProvider(
  sources: Pick<SourceService, 'enterprises' | 'outletRates'>,
  districtCodes: () => Promise<string[]>,
): IndicatorProvider {
  const all = { kind: 'all' } as const;
  return async (q) => {
    const month = q.asOf.slice(0, 7);
    const list = await sources.enterprises(all, month);
    const codes = q.scope === 'city' ? [null] : q.code !== undefined ? [q.code] : await districtCodes();
    const out: ProvidedValue[] = [];
    for (const district of codes) {
      const mine = list.items.filter((e) => district === null || e.enterprise.districtCode === district);
      const judged = mine.filter((e) => e.verdict !== 'not-judged');
      const compliant = judged.filter((e) => e.verdict === 'compliant').length;
      const rates = await sources.outletRates(all, month, district ?? undefined);
      const code = district ?? CITY_CODE;
      out.push(
        {
          key: 'sources.compliance',
          code,
          value: judged.length === 0 ? null : percentOf(compliant / judged.length),
          asOf: month,
        },
        { key: 'sources.transmission-rate', code, value: percentOf(rates.transmissionRate), asOf: month },
        { key: 'sources.validity-rate', code, value: percentOf(rates.validityRate), asOf: month },
      );
    }
    return out;
  };
}

export const CASE_INDICATOR_KEYS = ['enforcement.closure-rate', 'enforcement.on-time-rate'] as const;

/** Enforcement indicators from the case figures of the cases opened in the year. */
export function caseProvider(cases: Pick<CaseService, 'figures'>): IndicatorProvider {
  const caller = {
    username: 'system',
    role: 'system' as const,
    districtCode: null,
    enterpriseSiteId: null,
    scope: { kind: 'all' as const },
    address: null,
  };
  return async (q) => {
    const from = `${q.year}-01-01`;
    const to = `${q.year}-12-31`;
    const f = await cases.figures(
      caller,
      'district',
      chinaDayStart(from),
      chinaDayStart(`${q.year + 1}-01-01`),
      {
        from,
        to,
      },
    );
    const groups =
      q.scope === 'city'
        ? [{ ...f.total, key: CITY_CODE }]
        : f.groups.filter((g) => q.code === undefined || g.key === q.code);
    return groups.flatMap((g) => [
      { key: 'enforcement.closure-rate', code: g.key, value: percentOf(g.closureRate), asOf: q.asOf },
      { key: 'enforcement.on-time-rate', code: g.key, value: percentOf(g.onTimeRate), asOf: q.asOf },
    ]);
  };
}

/**
 * A provider over a module that answers one place at a time with `{key, value, unit, asOf}` (the
 * carbon and waste services' `indicators(year, scope, code)`); `districtCodes` lists every district
 * when the query names none.
 */
export function fromModuleIndicators(
  indicators: (
    year: number,
    scope: 'city' | 'district',
    code: string,
  ) => Promise<{ key: string; value: number | null; unit?: string; asOf: string }[]>,
  districtCodes: () => Promise<string[]>,
): IndicatorProvider {
  return async (q) => {
    const codes = q.scope === 'city' ? [CITY_CODE] : q.code !== undefined ? [q.code] : await districtCodes();
    const out: ProvidedValue[] = [];
    for (const code of codes) {
      for (const v of await indicators(q.year, q.scope, code)) {
        out.push({ key: v.key, code, value: v.value, asOf: v.asOf });
      }
    }
    return out;
  };
}
