import { describe, expect, it } from 'vitest';
import {
  EMISSION_LIMITS,
  EMISSION_STANDARD_IDS,
  EmissionLimitError,
  isEmissionStandardId,
  limitsFor,
} from './index.js';

describe('the tables (invariants)', () => {
  it('every row is well formed', () => {
    for (const r of EMISSION_LIMITS) {
      expect(r.parameter).toMatch(/^[aw]\d{5}$/);
      expect(r.value).toBeGreaterThan(0);
      expect(r.referenceO2Pct === null).toBe(r.unit !== 'mg/m3');
      if (r.validFrom !== null && r.validTo !== null) expect(r.validFrom <= r.validTo).toBe(true);
      if (!r.inReference) expect(r.note).toBeTruthy();
      expect(['text', 'secondary', 'unverified']).toContain(r.evidence);
      expect(r.clause).toBeTruthy();
    }
  });

  it('names the demo outlets’ standards it knows', () => {
    expect(EMISSION_STANDARD_IDS.filter(isEmissionStandardId)).toHaveLength(EMISSION_STANDARD_IDS.length);
    expect(isEmissionStandardId('GB 13271-2014')).toBe(true);
    expect(isEmissionStandardId('DB33/2169-2018')).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => limitsFor('GB 8978-1996', {}, '2020/01/01')).toThrow(EmissionLimitError);
  });
});
