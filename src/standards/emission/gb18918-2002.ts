/** GB 18918-2002 城镇污水处理厂污染物排放标准, Table 1 class 1-A (一级A), mg/L. Pure. */
import { table, type EmissionLimit, type EmissionStandardInfo, type RowSpec } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const GB18918_2002_STANDARD: EmissionStandardInfo = {
  zh: '城镇污水处理厂污染物排放标准（一级A）',
  en: 'Municipal wastewater treatment plants (class 1-A)',
  medium: 'water',
};

const GB18918_FROM = '2003-07-01';

/**
 * GB 18918-2002 Table 1, class 1-A (一级A), mg/L, judged on daily means (docs/standards/emission-limits.md §4
 * [secondary]). NH3-N 5, or 8 at water temperature ≤ 12 °C; TP 0.5 for plants built from
 * 2006-01-01, 1 before. pH 6–9 and the in-force date 2003-07-01 are from memory. Fecal coliform
 * (1,000 per L) is left out: HJ 212-2017 App. B gives it no code in the reference.
 */
export const GB18918_2002_CLASS_1A_LIMITS_MG_L: readonly EmissionLimit[] = table(
  'GB 18918-2002',
  GB18918_2002_STANDARD,
  [
    ...(
      [
        ['w01018', 50],
        ['w01017', 10],
        ['w01012', 10],
        ['w21001', 15],
      ] as const
    ).map(([parameter, value]): RowSpec => ({
      clause: 'Table 1, class 1-A',
      parameter,
      value,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: {},
      evidence: 'secondary',
      note: 'validFrom from memory',
    })),
    {
      clause: 'Table 1, class 1-A (water temperature > 12 °C)',
      parameter: 'w21003',
      value: 5,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: { waterTemperature: 'above-12c' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 1, class 1-A (water temperature ≤ 12 °C)',
      parameter: 'w21003',
      value: 8,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: { waterTemperature: 'at-or-below-12c' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 1, class 1-A (plants built from 2006-01-01)',
      parameter: 'w21011',
      value: 0.5,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: { commissioned: 'from-2006' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 1, class 1-A (plants built before 2006-01-01)',
      parameter: 'w21011',
      value: 1,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: { commissioned: 'before-2006' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 1, pH',
      parameter: 'w01001',
      value: 9,
      lowerValue: 6,
      referenceO2Pct: null,
      validFrom: GB18918_FROM,
      validTo: null,
      applicability: {},
      evidence: 'unverified',
      inReference: false,
      note: 'not in the reference: pH 6–9 from memory',
    },
  ],
);
