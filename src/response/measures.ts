/**
 * Emission-reduction measures: templates `industry × grade × level` (技术指南 2020, 环办大气函〔2020〕340号,
 * docs/standards/heavy-pollution-alert.md §3) and their expansion into one enterprise's list
 * (一厂一策) and the city's expected cut against the level's target. Pure.
 */
import type { AlertLevel } from '../standards/heavy-pollution-alert.js';
import type { Grade, MeasureKind, ResponsePollutant } from '../standards/performance-grading-2020.js';
import { RESPONSE_POLLUTANTS } from '../standards/performance-grading-2020.js';

export {
  MEASURE_KINDS,
  PERFORMANCE_GRADES,
  RESPONSE_POLLUTANTS,
} from '../standards/performance-grading-2020.js';
export type { Grade, MeasureKind, ResponsePollutant } from '../standards/performance-grading-2020.js';

/** The HJ 212-2017 code each response pollutant is measured by on the CEMS. */
export const POLLUTANT_CODES: Readonly<Record<ResponsePollutant, string>> = {
  so2: 'a21026',
  nox: 'a21002',
  pm: 'a34013',
  // Non-methane hydrocarbons stand for VOCs on the CEMS (docs/response.md §4).
  vocs: 'a24088',
};

/** Expected cut per pollutant, % of the enterprise's baseline load. */
export type CutPct = Record<ResponsePollutant, number>;

export interface MeasureTemplate {
  /** Industry (the guide's industry name), or `*` for any industry without its own row. */
  industry: string;
  grade: Grade;
  level: AlertLevel;
  kind: MeasureKind;
  cutPct: CutPct;
  text: string;
}

/** The measure one enterprise must carry out at one level. */
export interface Measure {
  level: AlertLevel;
  kind: MeasureKind;
  cutPct: CutPct;
  text: string;
  /** Where it came from: the template row, the bureau's own list for the firm, or the protected rule. */
  from: 'template' | 'plan' | 'protected' | 'none';
}

/** What the expansion needs of an enterprise. */
export interface GradedEnterprise {
  industry: string;
  grade: Grade;
  /** The basis of protection (livelihood, heating, export or military orders), or null. */
  protectedBasis: string | null;
}

const NO_CUT: CutPct = { so2: 0, nox: 0, pm: 0, vocs: 0 };

/** The cut of each kind when a template row names no share: stop = 100 %, the others 0 %. */
export function cutOfKind(kind: MeasureKind, cutPct: CutPct): CutPct {
  switch (kind) {
    case 'stop':
      return { so2: 100, nox: 100, pm: 100, vocs: 100 };
    case 'voluntary':
    case 'no-increase':
      return { ...NO_CUT };
    case 'cut':
      return { ...cutPct };
    default: {
      const impossible: never = kind;
      throw new Error(`unknown measure kind ${String(impossible)}`);
    }
  }
}

/**
 * The measure of an enterprise at a level (一厂一策): the bureau's own row for the firm when there is
 * one; else, for a protected firm, `no-increase` (以热定产 / capped volumes: our named choice
 * PROTECTED_MEASURE, docs/response.md §3); else the template of its industry, then of `*`;
 * else `none` (no measure known — shown, never judged as compliant by default).
 */
export function expandMeasure(
  enterprise: GradedEnterprise,
  level: AlertLevel,
  templates: readonly MeasureTemplate[],
  plan: readonly Omit<Measure, 'from'>[] = [],
): Measure {
  const own = plan.find((p) => p.level === level);
  if (own !== undefined) return { ...own, cutPct: cutOfKind(own.kind, own.cutPct), from: 'plan' };
  if (enterprise.protectedBasis !== null) {
    return {
      level,
      kind: 'no-increase',
      cutPct: { ...NO_CUT },
      text: `protected (${enterprise.protectedBasis}): no more than before the alert`,
      from: 'protected',
    };
  }
  const row =
    templates.find(
      (t) => t.industry === enterprise.industry && t.grade === enterprise.grade && t.level === level,
    ) ?? templates.find((t) => t.industry === '*' && t.grade === enterprise.grade && t.level === level);
  if (row === undefined) return { level, kind: 'voluntary', cutPct: { ...NO_CUT }, text: '', from: 'none' };
  return { level, kind: row.kind, cutPct: cutOfKind(row.kind, row.cutPct), text: row.text, from: 'template' };
}

/** Baseline loads of one enterprise, kg/day per pollutant (what it emits before the alert). */
export type Loads = Record<ResponsePollutant, number>;

/** The expected cut of a measure, kg/day per pollutant: baseline × cut share. */
export function expectedCutKg(measure: Measure, baseline: Loads): Loads {
  const out = { ...NO_CUT };
  for (const p of RESPONSE_POLLUTANTS) out[p] = (baseline[p] * measure.cutPct[p]) / 100;
  return out;
}

/** The city's expected cut against a level's target. */
export interface CityCut {
  baselineKg: Loads;
  expectedCutKg: Loads;
  /** Expected cut as % of the baseline, per pollutant (null when the baseline is zero). */
  expectedPct: Record<ResponsePollutant, number | null>;
  targetPct: number | null;
  /** Pollutants whose expected % falls short of the target. */
  shortOf: ResponsePollutant[];
}

/**
 * Sums the expected cuts of the listed enterprises against the level's target. The base of the %
 * is the listed enterprises' own baseline loads (the platform's CEMS inventory): our named choice
 * CITY_BASE_LISTED, docs/response.md §3 — an official inventory would include unlisted sources.
 */
export function cityCut(
  items: readonly { baselineKg: Loads; expectedCutKg: Loads }[],
  targetPct: number | null,
): CityCut {
  const baselineKg = { ...NO_CUT };
  const cut = { ...NO_CUT };
  for (const i of items) {
    for (const p of RESPONSE_POLLUTANTS) {
      baselineKg[p] += i.baselineKg[p];
      cut[p] += i.expectedCutKg[p];
    }
  }
  const expectedPct = {} as Record<ResponsePollutant, number | null>;
  const shortOf: ResponsePollutant[] = [];
  for (const p of RESPONSE_POLLUTANTS) {
    expectedPct[p] = baselineKg[p] > 0 ? (cut[p] / baselineKg[p]) * 100 : null;
    const pct = expectedPct[p];
    if (targetPct !== null && pct !== null && pct < targetPct) shortOf.push(p);
  }
  return { baselineKg, expectedCutKg: cut, expectedPct, targetPct, shortOf };
}

const T = (
  industry: string,
  grade: Grade,
  level: AlertLevel,
  kind: MeasureKind,
  pct: number,
  text: string,
): MeasureTemplate => ({
  industry,
  grade,
  level,
  kind,
  cutPct: { so2: pct, nox: pct, pm: pct, vocs: pct },
  text,
});

/**
 * Cement (clinker), per grade and level, as the guide is quoted [secondary]: A voluntary; B — yellow:
 * no China-IV-or-older heavy trucks (no emission cut), orange −20 % output, red stop; C — yellow stop
 * 50 % by line, orange and red stop; D stop from yellow. The base of the % is the smallest of the
 * EIA capacity, the permit capacity and last year's normal daily output (not stored yet: the
 * baseline here is the CEMS loads before the alert, docs/response.md §3).
 */
const CEMENT = '水泥制造';
const CEMENT_TEMPLATES: readonly MeasureTemplate[] = [
  ...(['yellow', 'orange', 'red'] as const).map((l) => T(CEMENT, 'A', l, 'voluntary', 0, '自主减排')),
  T(CEMENT, 'B', 'yellow', 'no-increase', 0, '禁用国四及以下重型柴油货车运输'),
  T(CEMENT, 'B', 'orange', 'cut', 20, '限产 20%'),
  T(CEMENT, 'B', 'red', 'stop', 100, '停产'),
  T(CEMENT, 'C', 'yellow', 'cut', 50, '按生产线停产 50%'),
  T(CEMENT, 'C', 'orange', 'stop', 100, '停产'),
  T(CEMENT, 'C', 'red', 'stop', 100, '停产'),
  ...(['yellow', 'orange', 'red'] as const).map((l) => T(CEMENT, 'D', l, 'stop', 100, '停产，禁止公路运输')),
];

/**
 * Default templates for any industry (`*`), following the principles of the 2020 guide as read in
 * docs/standards/heavy-pollution-alert.md §3 [secondary]: A / leading voluntary; B cuts 10 / 20 / 30 %;
 * B- and C cut 20 / 30 / 50 %; D stops from orange and cuts 50 % at yellow; "other" 10 / 20 / 30 %.
 * The percentages are this platform's placeholders [unverified] until the guide's industry
 * tables are in hand; the bureau replaces them per industry.
 */
export const DEFAULT_TEMPLATES: readonly MeasureTemplate[] = [
  ...(['A', 'leading'] as const).flatMap((g) =>
    (['yellow', 'orange', 'red'] as const).map((l) =>
      T('*', g, l, 'voluntary', 0, '自主减排 voluntary cuts'),
    ),
  ),
  T('*', 'B', 'yellow', 'cut', 10, '限产 10%'),
  T('*', 'B', 'orange', 'cut', 20, '限产 20%'),
  T('*', 'B', 'red', 'cut', 30, '限产 30%'),
  ...(['B-', 'C'] as const).flatMap((g) => [
    T('*', g, 'yellow', 'cut', 20, '限产 20%'),
    T('*', g, 'orange', 'cut', 30, '限产 30%'),
    T('*', g, 'red', 'cut', 50, '限产 50%'),
  ]),
  T('*', 'D', 'yellow', 'cut', 50, '限产 50%'),
  T('*', 'D', 'orange', 'stop', 100, '停产 stop production'),
  T('*', 'D', 'red', 'stop', 100, '停产 stop production'),
  T('*', 'other', 'yellow', 'cut', 10, '限产 10%'),
  T('*', 'other', 'orange', 'cut', 20, '限产 20%'),
  T('*', 'other', 'red', 'cut', 30, '限产 30%'),
  ...CEMENT_TEMPLATES,
];
