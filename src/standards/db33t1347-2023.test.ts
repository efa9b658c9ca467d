import { describe, expect, it } from 'vitest';
import {
  absoluteCarbonLevel,
  carbonEfficiencyValue,
  carbonGrade,
  carbonIntensity,
  type CarbonGrade,
} from './db33t1347-2023.js';
import { ratAdd, ratFromDecimal as d, ratFromNumber } from './rational.js';

describe('DB33/T 1347-2023 grades by K (docs/standards/db33t1347-2023.md §4)', () => {
  it.each<[string, CarbonGrade]>([
    ['0', 1],
    ['0.5999', 1],
    ['0.6', 1], // boundary: K ≤ 0.6 is grade 1
    ['0.6000001', 2],
    ['0.8', 2], // boundary: 0.6 < K ≤ 0.8 is grade 2
    ['0.8000001', 3],
    ['1', 3],
    ['1.2', 3], // boundary: 0.8 < K ≤ 1.2 is grade 3
    ['1.2000001', 4],
    ['2.0', 4], // boundary: 1.2 < K ≤ 2.0 is grade 4
    ['2.0000001', 5],
    ['7', 5],
  ])('K = %s → grade %i', (k, grade) => {
    expect(carbonGrade(d(k))).toBe(grade);
  });

  it('compares exactly: CO2 0.1 t + 0.2 t over 0.5 × 10⁴ CNY against a sector L of 1 is K = 0.6, grade 1', () => {
    // In binary floating point 0.1 + 0.2 = 0.30000000000000004 and 0.30000000000000004 / 0.5 > 0.6 (grade 2).
    expect((0.1 + 0.2) / 0.5 > 0.6).toBe(true);
    const co2 = ratAdd(ratFromNumber(0.1), ratFromNumber(0.2));
    const l = carbonIntensity(co2, d('0.5'));
    expect(l).toEqual(d('0.6'));
    const k = carbonEfficiencyValue(l ?? d('0'), d('1'));
    expect(k).toEqual(d('0.6'));
    expect(carbonGrade(k ?? d('9'))).toBe(1);
  });

  it('refuses a negative K', () => {
    expect(() => carbonGrade(d('-0.1'))).toThrow(/negative/);
  });
});

describe('DB33/T 1347-2023 intensity, level and K (docs/standards/db33t1347-2023.md §2–§3)', () => {
  it('worked example: L = (741.162 − 103.06) / 1000 = 0.638102 → medium; K = 0.638102 / 0.5 = 1.276204 → grade 4', () => {
    const l = carbonIntensity(d('638.102'), d('1000'));
    expect(l).toEqual(d('0.638102'));
    expect(absoluteCarbonLevel(d('0.638102'))).toBe('medium');
    const k = carbonEfficiencyValue(d('0.638102'), d('0.5'));
    expect(k).toEqual(d('1.276204'));
    expect(carbonGrade(d('1.276204'))).toBe(4);
  });

  it.each([
    ['0.6', 'low'],
    ['0.6000001', 'medium'],
    ['2.0', 'medium'],
    ['2.0000001', 'high'],
  ] as const)('L = %s → %s (boundaries to the lower level)', (l, level) => {
    expect(absoluteCarbonLevel(d(l))).toBe(level);
  });

  it('no intensity without value added; a negative net CO2 counts as zero; no K without a sector average', () => {
    expect(carbonIntensity(d('10'), d('0'))).toBeNull();
    expect(carbonIntensity(d('-5'), d('10'))).toEqual(d('0'));
    expect(carbonEfficiencyValue(d('1'), d('0'))).toBeNull();
  });
});
