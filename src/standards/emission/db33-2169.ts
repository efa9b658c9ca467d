/** DB33/2169-2018 浙江省城镇污水处理厂主要水污染物排放标准, Table 1 existing plants, mg/L. Pure. */
import type { LocalLimitRow } from './types.js';

/**
 * DB33/2169-2018 (浙江省城镇污水处理厂主要水污染物排放标准), existing plants — docs/standards/emission-limits.md §4
 * [unverified]: COD 40, NH3-N 2 (4 at ≤ 12 °C), TN 12 (15), TP 0.3 mg/L, judged on daily means.
 * The bracketed low-temperature values are not applied (water temperature is not known here).
 * Zhejiang's standard for urban sewage works, which most Huzhou plants are held to; not one of the
 * sets {@link limitsFor} serves (`isEmissionStandardId` is false for it).
 */
export const DB33_2169_2018_EXISTING_LIMITS_MG_L: readonly LocalLimitRow[] = (
  [
    ['w01018', 40],
    ['w21003', 2],
    ['w21001', 12],
    ['w21011', 0.3],
  ] as const
).map(([parameter, value]) => ({
  parameter,
  value,
  lowerValue: null,
  unit: 'mg/L',
  averaging: 'day' as const,
  referenceO2Pct: null,
  standard: 'DB33/2169-2018',
  clause: 'Table 1, existing plants',
  validFrom: null,
  validTo: null,
  note: 'evidence: unverified (docs/standards/emission-limits.md §4); first day in force not known',
}));
