import { describe, expect, it } from 'vitest';
import {
  AMBIENT_O2_PCT,
  O2_GUARD_PCT,
  correctToReferenceO2,
  correctToReferenceO2Exact,
  excessAirCoefficient,
  o2CorrectionFactor,
} from './o2-correction.js';
import { ratToNumber } from '../rational.js';

// Worked examples computed by hand from the formula of HJ 212-2017 Appendix D / HJ 75-2017 A9
// (docs/standards/emission-limits.md §1): C_ref = C × (21 − O2_ref) / (21 − O2_meas). The reference gives no
// numeric example of its own.
describe('O2 correction C × (21 − O2ref) / (21 − O2meas)', () => {
  it.each([
    // [C measured, O2 measured, O2 ref, expected, where from]
    [100, 10, 6, (100 * 15) / 11, 'coal power 6 %: 100 × 15/11'],
    [200, 12, 9, (200 * 12) / 9, 'GB 13271 coal boiler 9 %: 200 × 12/9'],
    [28, 9, 6, 35, 'lands exactly on the ultra-low SO2 limit: 28 × 15/12'],
    [50, 3.5, 3.5, 50, 'measured at the reference: unchanged'],
    [80, 1.5, 3.5, (80 * 17.5) / 19.5, 'below the reference O2 the value falls: 80 × 17.5/19.5'],
    [60, 15, 11, 100, 'GB 18485 incinerator 11 %: 60 × 10/6'],
  ])('%d mg/m³ at %d %% O2 to %d %% → %d (%s)', (c, o2, ref, expected) => {
    const r = correctToReferenceO2(c, o2, ref);
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toBeCloseTo(expected, 12);
  });

  it('is exact when the result is a short decimal (28 × 15/12 = 35, not 35.000000000000004)', () => {
    const r = correctToReferenceO2(28, 9, 6);
    expect(r.ok && r.value).toBe(35);
    const x = correctToReferenceO2Exact(0.7, 11, 1);
    // 0.7 × 20/10 = 1.4 exactly
    expect(x.ok && ratToNumber(x.value)).toBe(1.4);
  });

  it('reports the factor', () => {
    const r = correctToReferenceO2(10, 11, 6);
    expect(r.ok && r.factor).toBe(1.5);
  });

  it('never falls as measured O2 rises (invariant)', () => {
    let last = 0;
    for (let o2 = 0; o2 < O2_GUARD_PCT; o2 += 0.5) {
      const r = correctToReferenceO2(100, o2, 6);
      if (!r.ok) throw new Error(r.message);
      expect(r.value).toBeGreaterThanOrEqual(last);
      last = r.value;
    }
  });
});

describe('guard near 21 % O2 (threshold O2_GUARD_PCT = 19 %, engineering default; docs/standards/emission-limits.md §1; docs/standards/alarms.md §3)', () => {
  it('refuses at the guard and above, with a reason', () => {
    for (const o2 of [19, 20, 20.9, 21, 25]) {
      const r = correctToReferenceO2(10, o2, 6);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('o2-near-ambient');
    }
  });

  it('corrects just below the guard', () => {
    const r = correctToReferenceO2(10, 18.99, 6);
    expect(r.ok).toBe(true);
  });

  it('takes another guard', () => {
    expect(correctToReferenceO2(10, 19.5, 6, { guardPct: 20 }).ok).toBe(true);
    expect(correctToReferenceO2(10, 20, 6, { guardPct: 20 }).ok).toBe(false);
    expect(() => correctToReferenceO2(10, 5, 6, { guardPct: 22 })).toThrow(/guard/);
  });

  it('refuses negative O2, a reference O2 of 21 or more, and non-finite inputs', () => {
    const neg = o2CorrectionFactor(-0.1, 6);
    expect(!neg.ok && neg.reason).toBe('o2-negative');
    const ref = o2CorrectionFactor(5, AMBIENT_O2_PCT);
    expect(!ref.ok && ref.reason).toBe('reference-o2-out-of-range');
    const nan = correctToReferenceO2(Number.NaN, 5, 6);
    expect(!nan.ok && nan.reason).toBe('not-finite');
  });
});

describe('excess-air form α = 21 / (21 − O2) (docs/standards/emission-limits.md §1)', () => {
  it('α(6 %) = 1.4, α(0) = 1', () => {
    expect(excessAirCoefficient(6)).toBe(1.4);
    expect(excessAirCoefficient(0)).toBe(1);
    expect(() => excessAirCoefficient(21)).toThrow(RangeError);
  });

  it('C × α / αs equals the O2 form', () => {
    const c = 100;
    const viaAlpha = (c * excessAirCoefficient(10)) / excessAirCoefficient(6);
    const r = correctToReferenceO2(c, 10, 6);
    expect(r.ok && r.value).toBeCloseTo(viaAlpha, 12);
  });
});
