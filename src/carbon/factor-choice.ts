/**
 * Which factor rows apply to an account (docs/carbon.md §3): the bureau ranks factor families and
 * regions; for each key the first family, then the first region, with a row whose validity has
 * begun wins — the row in force on the day, else the newest earlier one (published factors lag
 * the year they describe: choice `latest-published`). A later row of the same family, region and
 * validity supersedes an earlier one. Every figure keeps the rows it used.
 *
 * Pure: rows in, factors out.
 */
import { BadInputError } from '../errors.js';
import type { CarbonFactorData, FactorTag } from '../standards/carbon-factors.js';
import type { FuelCarrier } from '../standards/energy-carriers.js';
import { FUEL_CARRIERS } from '../standards/energy-carriers.js';
import type { Co2Factors } from '../standards/gbt32150-2015.js';
import { fuelEmissionFactor } from '../standards/gbt32150-2015.js';
import type { TceCoefficients } from '../standards/gbt2589-2020.js';
import { ratFromDecimal, type Rational } from '../standards/rational.js';

/** A factor row as stored (id 0 and `family` `override` for a value a caller gave). */
export interface FactorRow extends CarbonFactorData {
  id: number;
}

/** The bureau's choice: families and regions in order of preference, and per-key family overrides. */
export interface FactorChoice {
  families: string[];
  regions: string[];
  /** Key (`co2.grid`, `fuel.diesel`, `tce.natural_gas`…) → the one family to take it from. */
  overrides: Record<string, string>;
}

/**
 * The choice in force until the bureau makes one: MEE/NBS averages for the grid, the MEE guides for
 * fuels and heat, GB/T 2589-2020 coefficients (natural gas from the 2008 edition, whose figure is
 * the one sourced: docs/standards/gbt2589-2020.md §4), Zhejiang then East China then national.
 */
export const DEFAULT_FACTOR_CHOICE: FactorChoice = {
  families: ['mee-nbs-average', 'mee-guide', 'gbt2589-2020'],
  regions: ['330000', 'east-china', 'CN'],
  overrides: { 'tce.natural_gas': 'gbt2589-2008' },
};

/** One factor a figure was computed with. */
export interface UsedFactor {
  /** The row id in the factor library; 0 for a value the caller gave. */
  id: number;
  key: string;
  family: string;
  region: string;
  value: string;
  unit: string;
  sourceDoc: string;
  clause: string;
  validFrom: string;
  validTo: string | null;
  tag: FactorTag | 'given';
  /** True when the row's validity ended before the day (the newest published row was taken). */
  stale: boolean;
}

/** The factors of one day, and the rows behind them. */
export interface FactorSet {
  co2: Co2Factors;
  tce: TceCoefficients;
  used: UsedFactor[];
}

function inForce(r: FactorRow, day: string): boolean {
  return r.validFrom <= day && (r.validTo === null || r.validTo >= day);
}

/** The row of `key` for `day` under the choice (see the module comment), or null. */
export function resolveFactor(
  rows: readonly FactorRow[],
  key: string,
  choice: FactorChoice,
  day: string,
  families: readonly string[] = choice.overrides[key] !== undefined
    ? [choice.overrides[key]]
    : choice.families,
): FactorRow | null {
  for (const family of families) {
    for (const region of choice.regions) {
      const candidates = rows.filter(
        (r) => r.key === key && r.family === family && r.region === region && r.validFrom <= day,
      );
      if (candidates.length === 0) continue;
      candidates.sort(
        (a, b) =>
          Number(inForce(b, day)) - Number(inForce(a, day)) ||
          b.validFrom.localeCompare(a.validFrom) ||
          b.id - a.id,
      );
      return candidates[0] ?? null;
    }
  }
  return null;
}

function used(r: FactorRow, day: string): UsedFactor {
  return { ...r, stale: !inForce(r, day) };
}

/** A value the caller gave (`--factor key=value`), recorded as such. */
function given(key: string, value: string, unit: string): UsedFactor {
  return {
    id: 0,
    key,
    family: 'override',
    region: '-',
    value,
    unit,
    sourceDoc: 'given by the caller',
    clause: '-',
    validFrom: '-',
    validTo: null,
    tag: 'given',
    stale: false,
  };
}

/** Names of caller overrides: `grid`, `green_power`, `heat`, a fuel (its EF, tCO2/unit), `tce.<carrier>`. */
export const OVERRIDE_KEYS = [
  'grid',
  'green_power',
  'heat',
  ...FUEL_CARRIERS,
  'tce.electricity',
  'tce.heat',
  ...FUEL_CARRIERS.map((f) => `tce.${f}`),
] as const;

function decimal(key: string, text: string): Rational {
  try {
    const r = ratFromDecimal(text);
    if (r.num < 0n) throw new RangeError('negative');
    return r;
  } catch {
    throw new BadInputError(`factor ${key}: "${text}" is not a non-negative decimal number`);
  }
}

/**
 * The CO2 factors and standard-coal coefficients for `day` (YYYY-MM-DD), with caller overrides
 * (OVERRIDE_KEYS → decimal text) taking the place of library rows. Throws a BadInputError naming the
 * first key no row covers.
 */
export function resolveFactorSet(
  rows: readonly FactorRow[],
  choice: FactorChoice,
  day: string,
  overrides: Readonly<Record<string, string>> = {},
): FactorSet {
  for (const k of Object.keys(overrides)) {
    if (!(OVERRIDE_KEYS as readonly string[]).includes(k)) {
      throw new BadInputError(`factor ${k}: unknown; use one of ${OVERRIDE_KEYS.join(', ')}`);
    }
  }
  const out: UsedFactor[] = [];
  const single = (overrideKey: string, key: string, unit: string): Rational => {
    const o = overrides[overrideKey];
    if (o !== undefined) {
      out.push(given(key, o, unit));
      return decimal(overrideKey, o);
    }
    const r = resolveFactor(rows, key, choice, day);
    if (r === null) throw new BadInputError(`factor ${key}: no row in the factor library covers ${day}`);
    out.push(used(r, day));
    return ratFromDecimal(r.value);
  };
  const fuelFactor = (fuel: FuelCarrier): Rational => {
    const o = overrides[fuel];
    if (o !== undefined) {
      out.push(given(`fuel.${fuel}`, o, 'tCO2/unit'));
      return decimal(fuel, o);
    }
    const override = choice.overrides[`fuel.${fuel}`];
    for (const family of override !== undefined ? [override] : choice.families) {
      const parts = (['ncv', 'cc', 'of'] as const).map((p) =>
        resolveFactor(rows, `fuel.${fuel}.${p}`, choice, day, [family]),
      );
      const [ncv, cc, of] = parts;
      if (ncv && cc && of) {
        out.push(used(ncv, day), used(cc, day), used(of, day));
        return fuelEmissionFactor({
          ncvGjPerUnit: ratFromDecimal(ncv.value),
          carbonTcPerGj: ratFromDecimal(cc.value),
          oxidation: ratFromDecimal(of.value),
        });
      }
    }
    throw new BadInputError(`factor fuel.${fuel}: no family in the choice has NCV, CC and OF for ${day}`);
  };
  const fuels = Object.fromEntries(FUEL_CARRIERS.map((f) => [f, fuelFactor(f)])) as Record<
    FuelCarrier,
    Rational
  >;
  const co2: Co2Factors = {
    gridTPerMwh: single('grid', 'co2.grid', 'tCO2/MWh'),
    greenPowerTPerMwh: single('green_power', 'co2.green_power', 'tCO2/MWh'),
    heatTPerGj: single('heat', 'co2.heat', 'tCO2/GJ'),
    fuels,
  };
  const tce: TceCoefficients = {
    electricity: single('tce.electricity', 'tce.electricity', 'tce/MWh'),
    heat: single('tce.heat', 'tce.heat', 'tce/GJ'),
    natural_gas: single('tce.natural_gas', 'tce.natural_gas', 'tce/10⁴ Nm³'),
    raw_coal: single('tce.raw_coal', 'tce.raw_coal', 'tce/t'),
    diesel: single('tce.diesel', 'tce.diesel', 'tce/t'),
    gasoline: single('tce.gasoline', 'tce.gasoline', 'tce/t'),
    fuel_oil: single('tce.fuel_oil', 'tce.fuel_oil', 'tce/t'),
    lpg: single('tce.lpg', 'tce.lpg', 'tce/t'),
  };
  return { co2, tce, used: out };
}
