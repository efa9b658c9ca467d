/** GB 8978-1996 污水综合排放标准, Table 4 grade 1 (一级标准), mg/L. Pure. */
import { table, type EmissionLimit, type EmissionStandardInfo } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const GB8978_1996_STANDARD: EmissionStandardInfo = {
  zh: '污水综合排放标准（一级）',
  en: 'Integrated wastewater discharge (grade 1)',
  medium: 'water',
};

const GB8978_FROM = '1998-01-01';

/**
 * GB 8978-1996 grade 1 (一级标准), mg/L, units built from 1998-01-01 (Table 4), judged on daily
 * means (docs/standards/emission-limits.md §4 [secondary]). COD 100 for "other units", 60 for municipal
 * secondary WWTPs; NH3-N 15; phosphate (as P) 0.5; pH 6–9. The phosphate limit is keyed to
 * `w21011` (total phosphorus, which online analysers measure) — TP ≥ phosphate, so this is the
 * stricter reading; say so when reporting. In-force date from memory.
 */
export const GB8978_1996_GRADE1_LIMITS_MG_L: readonly EmissionLimit[] = table(
  'GB 8978-1996',
  GB8978_1996_STANDARD,
  [
    {
      clause: 'Table 4, grade 1, COD (other units)',
      parameter: 'w01018',
      value: 100,
      referenceO2Pct: null,
      validFrom: GB8978_FROM,
      validTo: null,
      applicability: { dischargerType: 'other' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 4, grade 1, COD (municipal secondary WWTP)',
      parameter: 'w01018',
      value: 60,
      referenceO2Pct: null,
      validFrom: GB8978_FROM,
      validTo: null,
      applicability: { dischargerType: 'municipal-secondary-wwtp' },
      evidence: 'secondary',
    },
    {
      clause: 'Table 4, grade 1, NH3-N',
      parameter: 'w21003',
      value: 15,
      referenceO2Pct: null,
      validFrom: GB8978_FROM,
      validTo: null,
      applicability: {},
      evidence: 'secondary',
    },
    {
      clause: 'Table 4, grade 1, phosphate (as P)',
      parameter: 'w21011',
      value: 0.5,
      referenceO2Pct: null,
      validFrom: GB8978_FROM,
      validTo: null,
      applicability: {},
      evidence: 'secondary',
      note: 'the standard limits phosphate; applied here to total phosphorus (w21011)',
    },
    {
      clause: 'Table 4, grade 1, pH',
      parameter: 'w01001',
      value: 9,
      lowerValue: 6,
      referenceO2Pct: null,
      validFrom: GB8978_FROM,
      validTo: null,
      applicability: {},
      evidence: 'secondary',
    },
  ],
);
