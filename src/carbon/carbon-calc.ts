/**
 * The carbon calculator of `qingshan calc carbon` and `GET /api/v1/calc/carbon`
 * (docs/carbon.md §9): one enterprise-period from quantities by carrier, value added and an
 * optional sector intensity — CO2 (GB/T 32150-2015), tce (GB/T 2589-2020), L, level, K and grade
 * (DB33/T 1347-2023) — with the factor rows used and their sources. Factors come from the library
 * rows passed in, under the bureau's choice, with `factor` overrides by name.
 *
 * Pure: rows in, result out.
 */
import { BadInputError } from '../errors.js';
import {
  absoluteCarbonLevel,
  carbonEfficiencyValue,
  carbonGrade,
  carbonIntensity,
  type CarbonGrade,
  type CarbonLevel,
} from '../standards/db33t1347-2023.js';
import { ENERGY_CARRIERS, type EnergyCarrier } from '../standards/energy-carriers.js';
import { roundGbt8170ToNumber } from '../standards/gb-t-8170.js';
import { energyIntensity } from '../standards/gbt2589-2020.js';
import { RAT_ZERO, ratCmp, ratFromDecimal, type Rational } from '../standards/rational.js';
import { figuresOf, parseQuantities } from './accounting.js';
import { resolveFactorSet, type FactorChoice, type FactorRow, type UsedFactor } from './factor-choice.js';

/** A bad calculator input, naming the field (`electricity`, `value_added`, `factor`…). */
export class CarbonCalcError extends BadInputError {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`, { field });
  }
}

/** The calculator's input, as text or numbers (flags and query strings alike). */
export interface CarbonCalcInput {
  quantities: Partial<Record<EnergyCarrier, string | number>>;
  valueAdded?: string | number | undefined;
  sectorIntensity?: string | number | undefined;
  year: number;
  /** Override name → value (see OVERRIDE_KEYS). */
  factors?: Readonly<Record<string, string>> | undefined;
}

export interface CarbonCalcOutput {
  year: number;
  co2: {
    total: number;
    scope1: number;
    scope2: number;
    /** After subtracting what own renewable power avoided (the DB33/T 1347 numerator). */
    net: number;
    byCarrier: Partial<Record<EnergyCarrier, number>>;
  };
  tce: number;
  /** tce per 10⁴ CNY value added. */
  energyIntensity: number | null;
  /** L, t CO2 per 10⁴ CNY value added. */
  intensity: number | null;
  level: CarbonLevel | null;
  k: number | null;
  grade: CarbonGrade | null;
  factors: UsedFactor[];
}

const T_DIGITS = 4;

function decimal(field: string, v: string | number): Rational {
  try {
    const r = ratFromDecimal(String(v));
    if (ratCmp(r, RAT_ZERO) < 0) throw new RangeError('negative');
    return r;
  } catch {
    throw new CarbonCalcError(field, `"${String(v)}" is not a non-negative number`);
  }
}

const round = (r: Rational, digits = T_DIGITS): number => roundGbt8170ToNumber(r, digits);

/** Runs the calculator; throws a CarbonCalcError naming the first bad field. */
export function runCarbonCalc(
  input: CarbonCalcInput,
  rows: readonly FactorRow[],
  choice: FactorChoice,
): CarbonCalcOutput {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new CarbonCalcError('year', `${input.year} is not a year between 2000 and 2100`);
  }
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.quantities)) {
    if (v === undefined) continue;
    if (!(ENERGY_CARRIERS as readonly string[]).includes(k))
      throw new CarbonCalcError(k, 'not an energy carrier');
    decimal(k, v);
    texts[k] = String(v);
  }
  const quantities = parseQuantities(texts);
  const valueAdded = input.valueAdded === undefined ? null : decimal('value_added', input.valueAdded);
  const sector =
    input.sectorIntensity === undefined ? null : decimal('sector_intensity', input.sectorIntensity);
  let factorSet;
  try {
    factorSet = resolveFactorSet(rows, choice, `${input.year}-01-01`, input.factors ?? {});
  } catch (e) {
    if (e instanceof BadInputError) throw new CarbonCalcError('factor', e.message);
    throw e;
  }
  const f = figuresOf(quantities, valueAdded, factorSet);
  const l = valueAdded === null ? null : carbonIntensity(f.netCo2, valueAdded);
  const k = l === null || sector === null ? null : carbonEfficiencyValue(l, sector);
  const ei = valueAdded === null ? null : energyIntensity(f.tce, valueAdded);
  return {
    year: input.year,
    co2: {
      total: round(f.co2),
      scope1: round(f.scope1),
      scope2: round(f.scope2),
      net: round(f.netCo2),
      byCarrier: Object.fromEntries(
        Object.entries(f.co2ByCarrier)
          .filter(([, v]) => ratCmp(v, RAT_ZERO) !== 0)
          .map(([c, v]) => [c, round(v)]),
      ),
    },
    tce: round(f.tce),
    energyIntensity: ei === null ? null : round(ei),
    intensity: l === null ? null : round(l),
    level: l === null ? null : absoluteCarbonLevel(l),
    k: k === null ? null : round(k),
    grade: k === null ? null : carbonGrade(k),
    factors: factorSet.used,
  };
}
