/**
 * The figures of energy accounts (docs/carbon.md §4): CO2 by GB/T 32150-2015, energy by
 * GB/T 2589-2020, the net CO2 that DB33/T 1347-2023 divides by value added; and their sums over
 * months, enterprises, sectors and districts. Figures are computed on read from the account
 * versions and factor rows in force (or as of an instant), so a correction of a month or a factor
 * shows in everything downstream at once.
 *
 * Pure.
 */
import { BadInputError } from '../errors.js';
import { isEnergyCarrier, type EnergyCarrier } from '../standards/energy-carriers.js';
import { accountCo2, type EnergyQuantities } from '../standards/gbt32150-2015.js';
import { comprehensiveEnergyTce } from '../standards/gbt2589-2020.js';
import { RAT_ZERO, ratAdd, ratCmp, ratFromDecimal, ratSub, type Rational } from '../standards/rational.js';
import type { FactorSet } from './factor-choice.js';

/** The figures of one enterprise-month (or of a sum of them). */
export interface CarbonFigures {
  /** GB/T 32150 total CO2, t. */
  co2: Rational;
  scope1: Rational;
  scope2: Rational;
  /** CO2 after subtracting what own renewable power avoided (DB33/T 1347 numerator), t. */
  netCo2: Rational;
  /** Comprehensive energy consumption, tce. */
  tce: Rational;
  nonFossilTce: Rational;
  electricityMwh: Rational;
  pvSelfUseMwh: Rational;
  /** Value added, 10⁴ CNY (null when no month had one). */
  valueAdded: Rational | null;
  /** CO2 by carrier, t. */
  co2ByCarrier: Partial<Record<EnergyCarrier, Rational>>;
  /** Factor-library row ids used (0: a value the caller gave). */
  factorIds: number[];
}

/** Reads an account's stored quantities (carrier → decimal text), naming a bad one. */
export function parseQuantities(q: Readonly<Record<string, string>>): EnergyQuantities {
  const out: Partial<Record<EnergyCarrier, Rational>> = {};
  for (const [k, v] of Object.entries(q)) {
    if (!isEnergyCarrier(k)) throw new BadInputError(`quantities.${k}: not an energy carrier`);
    let r: Rational;
    try {
      r = ratFromDecimal(v);
    } catch {
      throw new BadInputError(`quantities.${k}: "${v}" is not a decimal number`);
    }
    if (ratCmp(r, RAT_ZERO) < 0) throw new BadInputError(`quantities.${k}: ${v} is negative`);
    out[k] = r;
  }
  return out;
}

/** The figures of one month's account under a factor set. */
export function figuresOf(
  quantities: EnergyQuantities,
  valueAdded: Rational | null,
  f: FactorSet,
): CarbonFigures {
  const co2 = accountCo2(quantities, f.co2);
  const tce = comprehensiveEnergyTce(quantities, f.tce);
  return {
    co2: co2.total,
    scope1: co2.scope1,
    scope2: co2.scope2,
    netCo2: ratSub(co2.total, co2.avoidedOwnRenewable),
    tce: tce.total,
    nonFossilTce: tce.nonFossil,
    electricityMwh: quantities.electricity ?? RAT_ZERO,
    pvSelfUseMwh: quantities.pv_self_use ?? RAT_ZERO,
    valueAdded,
    co2ByCarrier: co2.byCarrier,
    factorIds: [...new Set(f.used.map((u) => u.id))].sort((a, b) => a - b),
  };
}

/** No figures: the start of a sum. */
export const EMPTY_FIGURES: CarbonFigures = {
  co2: RAT_ZERO,
  scope1: RAT_ZERO,
  scope2: RAT_ZERO,
  netCo2: RAT_ZERO,
  tce: RAT_ZERO,
  nonFossilTce: RAT_ZERO,
  electricityMwh: RAT_ZERO,
  pvSelfUseMwh: RAT_ZERO,
  valueAdded: null,
  co2ByCarrier: {},
  factorIds: [],
};

/** a + b, figure by figure (value added: the sum of those present). */
export function addFigures(a: CarbonFigures, b: CarbonFigures): CarbonFigures {
  const byCarrier: Partial<Record<EnergyCarrier, Rational>> = { ...a.co2ByCarrier };
  for (const [k, v] of Object.entries(b.co2ByCarrier) as [EnergyCarrier, Rational][]) {
    byCarrier[k] = ratAdd(byCarrier[k] ?? RAT_ZERO, v);
  }
  return {
    co2: ratAdd(a.co2, b.co2),
    scope1: ratAdd(a.scope1, b.scope1),
    scope2: ratAdd(a.scope2, b.scope2),
    netCo2: ratAdd(a.netCo2, b.netCo2),
    tce: ratAdd(a.tce, b.tce),
    nonFossilTce: ratAdd(a.nonFossilTce, b.nonFossilTce),
    electricityMwh: ratAdd(a.electricityMwh, b.electricityMwh),
    pvSelfUseMwh: ratAdd(a.pvSelfUseMwh, b.pvSelfUseMwh),
    valueAdded:
      a.valueAdded === null
        ? b.valueAdded
        : b.valueAdded === null
          ? a.valueAdded
          : ratAdd(a.valueAdded, b.valueAdded),
    co2ByCarrier: byCarrier,
    factorIds: [...new Set([...a.factorIds, ...b.factorIds])].sort((x, y) => x - y),
  };
}

/** The sum of many figures. */
export function sumFigures(all: readonly CarbonFigures[]): CarbonFigures {
  return all.reduce(addFigures, EMPTY_FIGURES);
}
