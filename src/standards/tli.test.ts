import { describe, expect, it } from 'vitest';
import { TLI_CORRELATION_WITH_CHLA, calcTli, tliOf, trophicGrade } from './tli.js';

describe('TLI — weights W_j = r_ij² / Σ r_ij²', () => {
  it('match the method table rounded to 4 decimals (0.2663, 0.1879, 0.1790, 0.1834, 0.1834)', () => {
    const { weights } = calcTli({ chla: 10, tp: 0.05, tn: 1, sd: 1, codmn: 4 });
    expect(weights.chla).toBeCloseTo(0.2663, 4);
    expect(weights.tp).toBeCloseTo(0.1879, 4);
    expect(weights.tn).toBeCloseTo(0.179, 4);
    expect(weights.sd).toBeCloseTo(0.1834, 4);
    expect(weights.codmn).toBeCloseTo(0.1834, 4);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(TLI_CORRELATION_WITH_CHLA.sd).toBe(-0.83);
  });
});

describe('TLI — worked examples (hand-calculated with the method formulas; Σ r² = 3.7558)', () => {
  it('mesotrophic: chla 10 mg/m³, TP 0.05, TN 1.0, SD 1.0 m, CODMn 4 → 48.018', () => {
    // TLI(chla)  = 10(2.5 + 1.086·ln 10)   = 10(2.5 + 2.500608)   = 50.006
    // TLI(TP)    = 10(9.436 + 1.624·ln 0.05) = 10(9.436 − 4.865069) = 45.709
    // TLI(TN)    = 10(5.453 + 1.694·ln 1)  = 54.530
    // TLI(SD)    = 10(5.118 − 1.94·ln 1)   = 51.180
    // TLI(CODMn) = 10(0.109 + 2.661·ln 4)  = 10(0.109 + 3.688929) = 37.979
    // Σ = 0.266255·50.006 + 0.187869·45.709 + 0.179031·54.53 + 0.183423·(51.18 + 37.979) = 48.018
    const r = calcTli({ chla: 10, tp: 0.05, tn: 1, sd: 1, codmn: 4 });
    expect(r.parts.chla).toBeCloseTo(50.006, 3);
    expect(r.parts.tp).toBeCloseTo(45.709, 3);
    expect(r.parts.tn).toBeCloseTo(54.53, 3);
    expect(r.parts.sd).toBeCloseTo(51.18, 3);
    expect(r.parts.codmn).toBeCloseTo(37.979, 3);
    expect(r.tli).toBeCloseTo(48.018, 2);
    expect(r).toMatchObject({ grade: 'mesotrophic', gradeZh: '中营养', eutrophic: false });
  });

  it('moderately eutrophic: chla 30, TP 0.15, TN 2.5, SD 0.4 m, CODMn 8 → 63.969', () => {
    // TLI(chla) = 10(2.5 + 1.086·3.401197) = 61.937; TLI(TP) = 10(9.436 + 1.624·(−1.897120)) = 63.551
    // TLI(TN) = 10(5.453 + 1.694·0.916291) = 70.052; TLI(SD) = 10(5.118 + 1.94·0.916291) = 68.956
    // TLI(CODMn) = 10(0.109 + 2.661·2.079442) = 56.424
    // Σ = 16.4911 + 11.9392 + 12.5415 + 22.9976 = 63.969
    const r = calcTli({ chla: 30, tp: 0.15, tn: 2.5, sd: 0.4, codmn: 8 });
    expect(r.tli).toBeCloseTo(63.969, 2);
    expect(r).toMatchObject({ grade: 'moderate-eutrophic', gradeZh: '中度富营养', eutrophic: true });
  });

  it('with one parameter the index is that parameter’s TLI(j)', () => {
    const r = calcTli({ tp: 0.05 });
    expect(r.weights).toEqual({ tp: 1 });
    expect(r.tli).toBeCloseTo(tliOf('tp', 0.05), 12);
  });
});

describe('TLI — grade boundaries (30 ≤ 中营养 ≤ 50 < 轻度 ≤ 60 < 中度 ≤ 70 < 重度)', () => {
  it.each([
    [0, 'oligotrophic'],
    [29.999, 'oligotrophic'],
    [30, 'mesotrophic'],
    [50, 'mesotrophic'],
    [50.001, 'light-eutrophic'],
    [60, 'light-eutrophic'],
    [60.001, 'moderate-eutrophic'],
    [70, 'moderate-eutrophic'],
    [70.001, 'hypereutrophic'],
  ] as const)('TLI %f → %s', (tli, grade) => {
    expect(trophicGrade(tli)).toBe(grade);
  });
});

describe('TLI — invariants and bad input', () => {
  it('rises with TP, TN, chla and CODMn and falls with transparency', () => {
    const base = { chla: 10, tp: 0.05, tn: 1, sd: 1, codmn: 4 };
    const t0 = calcTli(base).tli;
    expect(calcTli({ ...base, tp: 0.1 }).tli).toBeGreaterThan(t0);
    expect(calcTli({ ...base, tn: 2 }).tli).toBeGreaterThan(t0);
    expect(calcTli({ ...base, chla: 20 }).tli).toBeGreaterThan(t0);
    expect(calcTli({ ...base, codmn: 8 }).tli).toBeGreaterThan(t0);
    expect(calcTli({ ...base, sd: 2 }).tli).toBeLessThan(t0);
  });

  it('rejects non-positive values, unknown parameters and empty input', () => {
    expect(() => calcTli({ chla: 0 })).toThrow(/'chla'.*positive/);
    expect(() => calcTli({ sd: -1 })).toThrow(/'sd'/);
    expect(() => calcTli({ chl: 3 } as unknown as { chla: number })).toThrow(/unknown TLI parameter 'chl'/);
    expect(() => calcTli({})).toThrow(/at least one/);
  });
});
