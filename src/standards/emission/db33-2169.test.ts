import { describe, expect, it } from 'vitest';
import { DB33_2169_2018_EXISTING_LIMITS_MG_L, isEmissionStandardId } from './index.js';

describe('DB33/2169-2018 existing plants (docs/standards/emission-limits.md §4 [unverified])', () => {
  it('COD 40, NH3-N 2, TN 12, TP 0.3 mg/L on daily means', () => {
    expect(
      Object.fromEntries(
        DB33_2169_2018_EXISTING_LIMITS_MG_L.map((r) => [`${r.parameter}/${r.averaging}`, r.value]),
      ),
    ).toEqual({ 'w01018/day': 40, 'w21003/day': 2, 'w21001/day': 12, 'w21011/day': 0.3 });
  });

  it('every row is a plain maximum in mg/L whose note gives the evidence', () => {
    for (const r of DB33_2169_2018_EXISTING_LIMITS_MG_L) {
      expect(r).toMatchObject({
        standard: 'DB33/2169-2018',
        unit: 'mg/L',
        lowerValue: null,
        referenceO2Pct: null,
      });
      expect(r.note).toMatch(/^evidence: unverified/);
    }
  });

  it('is not served by limitsFor', () => {
    expect(isEmissionStandardId('DB33/2169-2018')).toBe(false);
  });
});
