/**
 * The bureau's carbon settings (docs/carbon.md §6): the factor choice, energy-budget coverage, tier
 * cuts and 亩均 adjustments, alert levels, the two-high screen and the dual-control targets. Kept as
 * versions of the bureau setting `carbon.settings`; until the bureau sets them, the defaults below,
 * taken from the reference practice (Xiaoshan energy budgets, NDRC two-high threshold) apply.
 *
 * Pure: parsing and defaults.
 */
import { BadInputError } from '../errors.js';
import { ratFromDecimal } from '../standards/rational.js';
import { DEFAULT_FACTOR_CHOICE, type FactorChoice } from './factor-choice.js';

/** The dual-control indicators (docs/carbon.md §8). */
export const INDICATOR_KEYS = [
  'energy_tce',
  'energy_intensity',
  'co2_t',
  'carbon_intensity',
  'non_fossil_share',
  'pv_capacity_kw',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** One annual target of a city or district indicator. */
export interface IndicatorTarget {
  year: number;
  scope: 'city' | 'district';
  /** District code; the city's own code or '' for the city. */
  code: string;
  key: IndicatorKey;
  /** The target value (decimal text, in the indicator's unit). */
  value: string;
}

export interface CarbonSettings {
  factorChoice: FactorChoice;
  coverage: {
    /** GB/T 4754 2-digit divisions of the energy-intensive sectors. */
    energyIntensiveSectors: string[];
    /** Annual energy use above which an energy-intensive enterprise is covered, tce. */
    minTce: string;
    /** Annual electricity above which an energy-intensive enterprise is covered, MWh. */
    minElectricityMwh: string;
    /** Other sectors: covered when over the same size and above this intensity, tce per 10⁴ CNY. */
    otherMinIntensity: string;
  };
  /** Budget cut by the baseline intensity tier (tce per 10⁴ CNY, upper bound inclusive; null: above all). */
  budgetTiers: { upToIntensity: string | null; cutPct: string }[];
  /** Adjustment of the cut by 亩均 grade, percentage points (positive: more budget). */
  gradeAdjustPct: Record<string, string>;
  /** Alert levels, per cent of the budget, ascending. */
  alertPcts: [string, string, string];
  twoHigh: { sectors: string[]; minTce: string };
  targets: IndicatorTarget[];
}

/** The defaults (docs/carbon.md §6, tagged there). */
export const DEFAULT_CARBON_SETTINGS: CarbonSettings = {
  factorChoice: DEFAULT_FACTOR_CHOICE,
  coverage: {
    energyIntensiveSectors: ['17', '28', '26', '31', '30'],
    minTce: '1000',
    minElectricityMwh: '3000',
    otherMinIntensity: '0.6',
  },
  budgetTiers: [
    { upToIntensity: '0.3', cutPct: '1' },
    { upToIntensity: '0.6', cutPct: '2' },
    { upToIntensity: '1.0', cutPct: '4' },
    { upToIntensity: '2.0', cutPct: '5' },
    { upToIntensity: null, cutPct: '7' },
  ],
  gradeAdjustPct: { A: '0.8', B: '0.3', C: '-1', D: '-2' },
  alertPcts: ['80', '90', '100'],
  twoHigh: { sectors: ['25', '26', '30', '31', '32', '44'], minTce: '50000' },
  targets: [],
};

function fail(path: string, message: string): never {
  throw new BadInputError(`carbon settings ${path}: ${message}`);
}

function dec(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a decimal number as text');
  try {
    ratFromDecimal(v);
  } catch {
    fail(path, `"${v}" is not a decimal number`);
  }
  return v;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(path, 'must be a list of texts');
  return v as string[];
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  return v as Record<string, unknown>;
}

/** Checks a settings value (from the API or the store) and returns it typed; names the first bad field. */
export function parseCarbonSettings(value: unknown): CarbonSettings {
  const v = obj(value, '');
  const fc = obj(v.factorChoice, 'factorChoice');
  const overrides = obj(fc.overrides, 'factorChoice.overrides');
  for (const [k, f] of Object.entries(overrides)) {
    if (typeof f !== 'string') fail(`factorChoice.overrides.${k}`, 'must be a family name');
  }
  const cov = obj(v.coverage, 'coverage');
  if (!Array.isArray(v.budgetTiers) || v.budgetTiers.length === 0)
    fail('budgetTiers', 'must be a non-empty list');
  const tiers = v.budgetTiers.map((t, i) => {
    const o = obj(t, `budgetTiers[${i}]`);
    const last = i === (v.budgetTiers as unknown[]).length - 1;
    if (last !== (o.upToIntensity === null))
      fail(`budgetTiers[${i}].upToIntensity`, 'only the last tier is open (null)');
    return {
      upToIntensity:
        o.upToIntensity === null ? null : dec(o.upToIntensity, `budgetTiers[${i}].upToIntensity`),
      cutPct: dec(o.cutPct, `budgetTiers[${i}].cutPct`),
    };
  });
  const adj = obj(v.gradeAdjustPct, 'gradeAdjustPct');
  const alerts = strings(v.alertPcts, 'alertPcts');
  if (alerts.length !== 3) fail('alertPcts', 'must list three levels');
  alerts.forEach((a, i) => dec(a, `alertPcts[${i}]`));
  const th = obj(v.twoHigh, 'twoHigh');
  if (!Array.isArray(v.targets)) fail('targets', 'must be a list');
  const targets = v.targets.map((t, i): IndicatorTarget => {
    const o = obj(t, `targets[${i}]`);
    if (typeof o.year !== 'number' || !Number.isInteger(o.year)) fail(`targets[${i}].year`, 'must be a year');
    if (o.scope !== 'city' && o.scope !== 'district') fail(`targets[${i}].scope`, 'must be city or district');
    if (typeof o.code !== 'string') fail(`targets[${i}].code`, 'must be a text');
    if (!(INDICATOR_KEYS as readonly unknown[]).includes(o.key))
      fail(`targets[${i}].key`, `must be one of ${INDICATOR_KEYS.join(', ')}`);
    return {
      year: o.year,
      scope: o.scope,
      code: o.code,
      key: o.key as IndicatorKey,
      value: dec(o.value, `targets[${i}].value`),
    };
  });
  return {
    factorChoice: {
      families: strings(fc.families, 'factorChoice.families'),
      regions: strings(fc.regions, 'factorChoice.regions'),
      overrides: overrides as Record<string, string>,
    },
    coverage: {
      energyIntensiveSectors: strings(cov.energyIntensiveSectors, 'coverage.energyIntensiveSectors'),
      minTce: dec(cov.minTce, 'coverage.minTce'),
      minElectricityMwh: dec(cov.minElectricityMwh, 'coverage.minElectricityMwh'),
      otherMinIntensity: dec(cov.otherMinIntensity, 'coverage.otherMinIntensity'),
    },
    budgetTiers: tiers,
    gradeAdjustPct: Object.fromEntries(
      Object.entries(adj).map(([k, x]) => [k, dec(x, `gradeAdjustPct.${k}`)]),
    ),
    alertPcts: [alerts[0] ?? '', alerts[1] ?? '', alerts[2] ?? ''],
    twoHigh: { sectors: strings(th.sectors, 'twoHigh.sectors'), minTce: dec(th.minTce, 'twoHigh.minTce') },
    targets,
  };
}
