/**
 * GB/T 32150-2015 工业企业温室气体排放核算和报告通则 with the MEE industry guides: CO2 of one
 * enterprise and period — fuel combustion, plus purchased electricity and heat, minus exported
 * electricity — split into scope 1 (direct) and scope 2 (indirect) (docs/standards/gbt32150-2015.md §2–§4).
 *
 * Every factor is passed in (the factor library lives in the store, docs/carbon.md §3); nothing here
 * holds a factor value. Exact rational arithmetic (./rational.ts).
 *
 * Pure: no I/O.
 */
import type { EnergyCarrier, FuelCarrier } from './energy-carriers.js';
import { FUEL_CARRIERS } from './energy-carriers.js';
import { RAT_ZERO, rational, ratAdd, ratCmp, ratMul, ratSub, ratSum, type Rational } from './rational.js';

/** Mass ratio of CO2 to C, 44/12 (GB/T 32150-2015 Annex B formula B.1 [secondary]). */
export const CO2_PER_C = rational(44n, 12n);

/** The combustion parameters of a fuel, per unit of the fuel as entered (t or 10⁴ Nm³). */
export interface FuelCombustion {
  /** Net calorific value NCV, GJ per unit. */
  ncvGjPerUnit: Rational;
  /** Carbon content per unit heat CC, tC/GJ. */
  carbonTcPerGj: Rational;
  /** Oxidation rate OF, a fraction (0.98, not 98). */
  oxidation: Rational;
}

/** EF = NCV × CC × OF × 44/12, tCO2 per unit of fuel (docs/standards/gbt32150-2015.md §3). */
export function fuelEmissionFactor(f: FuelCombustion): Rational {
  if (ratCmp(f.ncvGjPerUnit, RAT_ZERO) < 0 || ratCmp(f.carbonTcPerGj, RAT_ZERO) < 0) {
    throw new RangeError('fuel parameters: NCV and carbon content must not be negative');
  }
  if (ratCmp(f.oxidation, RAT_ZERO) < 0 || ratCmp(f.oxidation, rational(1n)) > 0) {
    throw new RangeError('fuel parameters: the oxidation rate is a fraction between 0 and 1');
  }
  return ratMul(ratMul(ratMul(f.ncvGjPerUnit, f.carbonTcPerGj), f.oxidation), CO2_PER_C);
}

/** The emission factors one account is computed with (all tCO2 per unit of the carrier). */
export interface Co2Factors {
  /** Grid electricity, tCO2/MWh (purchased and exported electricity alike). */
  gridTPerMwh: Rational;
  /** Green power bought by market trading, tCO2/MWh. */
  greenPowerTPerMwh: Rational;
  /** Purchased heat, tCO2/GJ. */
  heatTPerGj: Rational;
  /** Fuel combustion, tCO2 per t or per 10⁴ Nm³. */
  fuels: Readonly<Record<FuelCarrier, Rational>>;
}

/** Quantities of one account, in the units of CARRIER_UNITS; a carrier left out is zero. */
export type EnergyQuantities = Partial<Readonly<Record<EnergyCarrier, Rational>>>;

/** The CO2 account of one enterprise and period, t. */
export interface Co2Account {
  /** CO2 by carrier; exported electricity is negative; carriers without CO2 are absent. */
  byCarrier: Partial<Record<EnergyCarrier, Rational>>;
  /** Scope 1: fuel combustion on site. */
  scope1: Rational;
  /** Scope 2: purchased electricity (grid and green) and purchased heat. */
  scope2: Rational;
  /** Exported electricity (own generation sent to the grid), positive. */
  exported: Rational;
  /** GB/T 32150 total: scope 1 + scope 2 − exported. */
  total: Rational;
  /** CO2 avoided by own renewable generation used on site (pv_self_use × grid factor). */
  avoidedOwnRenewable: Rational;
}

function nonNegative(q: EnergyQuantities): void {
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && ratCmp(v, RAT_ZERO) < 0)
      throw new RangeError(`${k}: a quantity must not be negative`);
  }
}

/**
 * GB/T 32150-2015 §6 [secondary]: E = Σ fuel_i × EF_i + electricity × EF_grid + green power × EF_green
 * + heat × EF_heat − exported electricity × EF_grid. `other_tce` has no CO2 here (its fuel is not
 * known: choice `other-energy-no-co2`, docs/standards/gbt32150-2015.md §5).
 */
export function accountCo2(q: EnergyQuantities, f: Co2Factors): Co2Account {
  nonNegative(q);
  const get = (k: EnergyCarrier): Rational => q[k] ?? RAT_ZERO;
  const byCarrier: Partial<Record<EnergyCarrier, Rational>> = {};
  const fuelParts: Rational[] = [];
  for (const fuel of FUEL_CARRIERS) {
    const e = ratMul(get(fuel), f.fuels[fuel]);
    byCarrier[fuel] = e;
    fuelParts.push(e);
  }
  byCarrier.electricity = ratMul(get('electricity'), f.gridTPerMwh);
  byCarrier.green_power = ratMul(get('green_power'), f.greenPowerTPerMwh);
  byCarrier.heat = ratMul(get('heat'), f.heatTPerGj);
  const exported = ratMul(get('pv_export'), f.gridTPerMwh);
  byCarrier.pv_export = ratSub(RAT_ZERO, exported);
  const scope1 = ratSum(fuelParts);
  const scope2 = ratSum([byCarrier.electricity, byCarrier.green_power, byCarrier.heat]);
  return {
    byCarrier,
    scope1,
    scope2,
    exported,
    total: ratSub(ratAdd(scope1, scope2), exported),
    avoidedOwnRenewable: ratMul(get('pv_self_use'), f.gridTPerMwh),
  };
}

/** Steam to heat, GJ = t × (enthalpy kJ/kg − 83.74) × 10⁻³ (MEE industry guides [unverified]). */
export function steamToHeatGj(steamT: Rational, enthalpyKjPerKg: Rational): Rational {
  const waterAt20C = rational(8374n, 100n);
  return ratMul(ratMul(steamT, ratSub(enthalpyKjPerKg, waterAt20C)), rational(1n, 1000n));
}
