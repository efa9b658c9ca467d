/**
 * DB33/T 1347-2023 工业企业碳效综合评估与分级赋码规范 (Zhejiang, in force 2024-01-15): carbon
 * intensity L, the absolute carbon level, the carbon-efficiency value K = L / L_sector and the
 * grade 1–5 (docs/standards/db33t1347-2023.md §2–§4). Boundary values belong to the better grade.
 * Comparisons are exact (./rational.ts): 0.6 is 3/5, not the double nearest to it.
 *
 * Pure: no I/O.
 */
import { RAT_ZERO, ratCmp, ratDiv, ratFromDecimal, type Rational } from './rational.js';

/** Grades 1 (high efficiency) to 5 (low). */
export type CarbonGrade = 1 | 2 | 3 | 4 | 5;
export const CARBON_GRADES: readonly CarbonGrade[] = [1, 2, 3, 4, 5];

/** Absolute carbon level of L. */
export type CarbonLevel = 'low' | 'medium' | 'high';

/**
 * Upper bounds of K for grades 1–4 (grade 5 above the last), inclusive: K ≤ 0.6 → 1,
 * 0.6 < K ≤ 0.8 → 2, 0.8 < K ≤ 1.2 → 3, 1.2 < K ≤ 2.0 → 4, K > 2.0 → 5 (DB33/T 1347-2023 grade table [secondary]).
 */
export const DB33_GRADE_UPPER_K: readonly Rational[] = ['0.6', '0.8', '1.2', '2.0'].map(ratFromDecimal);

/**
 * Absolute-level bounds of L, t CO2 per 10⁴ CNY, inclusive: L ≤ 0.6 low-carbon, ≤ 2.0 medium, above high
 * (DB33/T 1347-2023 [secondary]; the text says they are adjusted yearly, so callers may pass others).
 */
export const DB33_LEVEL_UPPER_L_T_PER_10K_CNY: readonly [Rational, Rational] = [
  ratFromDecimal('0.6'),
  ratFromDecimal('2.0'),
];

/**
 * L = CO2 (after subtracting what own renewable generation avoided) / value added, t per 10⁴ CNY.
 * Null when the value added is not positive (no intensity can be stated). A negative net CO2
 * (exports above use) is taken as zero: choice `net-co2-floor-zero` (docs/standards/db33t1347-2023.md §2).
 */
export function carbonIntensity(netCo2T: Rational, valueAdded10kCny: Rational): Rational | null {
  if (ratCmp(valueAdded10kCny, RAT_ZERO) <= 0) return null;
  const co2 = ratCmp(netCo2T, RAT_ZERO) < 0 ? RAT_ZERO : netCo2T;
  return ratDiv(co2, valueAdded10kCny);
}

/** The absolute carbon level of L. */
export function absoluteCarbonLevel(
  l: Rational,
  bounds: readonly [Rational, Rational] = DB33_LEVEL_UPPER_L_T_PER_10K_CNY,
): CarbonLevel {
  if (ratCmp(l, bounds[0]) <= 0) return 'low';
  if (ratCmp(l, bounds[1]) <= 0) return 'medium';
  return 'high';
}

/** K = L / L_sector (higher is worse); null when the sector average is not positive. */
export function carbonEfficiencyValue(l: Rational, lSector: Rational): Rational | null {
  return ratCmp(lSector, RAT_ZERO) > 0 ? ratDiv(l, lSector) : null;
}

/** The grade of K; a boundary value belongs to the better (lower) grade. */
export function carbonGrade(k: Rational): CarbonGrade {
  if (ratCmp(k, RAT_ZERO) < 0) throw new RangeError('K must not be negative');
  for (const [i, upper] of DB33_GRADE_UPPER_K.entries()) {
    if (ratCmp(k, upper) <= 0) return (i + 1) as CarbonGrade;
  }
  return 5;
}
