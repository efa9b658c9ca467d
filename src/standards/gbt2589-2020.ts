/**
 * GB/T 2589-2020 综合能耗计算通则: comprehensive energy consumption in tonnes of standard coal
 * (tce) — each carrier's quantity times its standard-coal coefficient, summed
 * (docs/standards/gbt2589-2020.md §2). Coefficients are passed in (the factor library, docs/carbon.md §3).
 *
 * Pure: no I/O.
 */
import type { EnergyCarrier } from './energy-carriers.js';
import type { EnergyQuantities } from './gbt32150-2015.js';
import { RAT_ZERO, ratAdd, ratCmp, ratDiv, ratMul, type Rational } from './rational.js';

/** 1 kgce = 29,307.6 kJ (GB/T 2589-2020 §3 [secondary]); 1 tce = 29.3076 GJ. */
export const KJ_PER_KGCE = 29307.6;

/**
 * Standard-coal coefficients, tce per unit of the carrier as entered. The electricity coefficient
 * applies to grid, green and own self-used power alike; `other_tce` is already in tce.
 */
export interface TceCoefficients {
  electricity: Rational;
  heat: Rational;
  natural_gas: Rational;
  raw_coal: Rational;
  diesel: Rational;
  gasoline: Rational;
  fuel_oil: Rational;
  lpg: Rational;
}

/** Comprehensive energy consumption of one account. */
export interface TceAccount {
  /** tce by carrier (exported own power is not subtracted: it never entered as purchased energy). */
  byCarrier: Partial<Record<EnergyCarrier, Rational>>;
  total: Rational;
  /** The non-fossil part: green power bought and own renewable power used. */
  nonFossil: Rational;
}

/**
 * GB/T 2589-2020 §4 [secondary]: E = Σ quantity_i × coefficient_i. Own renewable power used on
 * site counts as consumed electricity (choice `own-renewable-counted`,
 * docs/standards/gbt2589-2020.md §3).
 */
export function comprehensiveEnergyTce(q: EnergyQuantities, c: TceCoefficients): TceAccount {
  const byCarrier: Partial<Record<EnergyCarrier, Rational>> = {};
  let total = RAT_ZERO;
  const add = (k: EnergyCarrier, coefficient: Rational | null): Rational => {
    const v = q[k] ?? RAT_ZERO;
    if (ratCmp(v, RAT_ZERO) < 0) throw new RangeError(`${k}: a quantity must not be negative`);
    const tce = coefficient === null ? v : ratMul(v, coefficient);
    byCarrier[k] = tce;
    total = ratAdd(total, tce);
    return tce;
  };
  add('electricity', c.electricity);
  const green = add('green_power', c.electricity);
  const own = add('pv_self_use', c.electricity);
  for (const k of ['natural_gas', 'raw_coal', 'diesel', 'gasoline', 'fuel_oil', 'lpg', 'heat'] as const) {
    add(k, c[k]);
  }
  add('other_tce', null);
  return { byCarrier, total, nonFossil: ratAdd(green, own) };
}

/** Energy intensity, tce per 10⁴ CNY value added; null when the value added is not positive. */
export function energyIntensity(tce: Rational, valueAdded10kCny: Rational): Rational | null {
  return ratCmp(valueAdded10kCny, RAT_ZERO) > 0 ? ratDiv(tce, valueAdded10kCny) : null;
}
