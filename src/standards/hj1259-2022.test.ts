import { describe, expect, it } from 'vitest';
import { formatChinaIso } from './china-time.js';
import {
  declarationPeriod,
  declarationsOwed,
  generatorTier,
  latestDuePeriod,
  planDueBy,
} from './hj1259-2022.js';

describe('HJ 1259-2022 tiers (≥ 100 t key, ≥ 10 t simplified, else registration)', () => {
  it.each([
    [0, 'registration'],
    [9_999, 'registration'],
    [10_000, 'simplified'], // 10 t exactly: simplified
    [99_999, 'simplified'],
    [100_000, 'key'], // 100 t exactly: key
  ])('%i kg/yr → %s', (annualKg, tier) => {
    expect(generatorTier({ annualKg })).toBe(tier);
  });
  it('own facilities or a licence make any generator key', () => {
    expect(generatorTier({ annualKg: 5, ownFacilities: true })).toBe('key');
    expect(generatorTier({ annualKg: 5, licensed: true })).toBe('key');
  });
  it('refuses a negative quantity', () => {
    expect(() => generatorTier({ annualKg: -1 })).toThrow(/annualKg = -1/);
  });
  it('owes annual always, monthly (key) or quarterly (simplified)', () => {
    expect(declarationsOwed('key')).toEqual(['monthly', 'annual']);
    expect(declarationsOwed('simplified')).toEqual(['quarterly', 'annual']);
    expect(declarationsOwed('registration')).toEqual(['annual']);
  });
});

describe('due dates', () => {
  const due = (kind: 'monthly' | 'quarterly' | 'annual', label: string): string =>
    formatChinaIso(declarationPeriod(kind, label).dueBy).slice(0, 10);
  it.each([
    ['monthly', '2026-11', '2026-12-15'],
    ['monthly', '2026-12', '2027-01-15'],
    ['quarterly', '2026-Q1', '2026-04-15'],
    ['quarterly', '2026-Q4', '2027-01-15'],
    ['annual', '2025', '2026-03-31'],
  ] as const)('%s %s → %s', (kind, label, date) => {
    expect(due(kind, label)).toBe(date);
  });
  it.each([
    ['monthly', '2026-12-16', '2026-11'],
    ['monthly', '2026-12-15', '2026-10'],
    ['monthly', '2026-01-20', '2025-12'],
    ['quarterly', '2026-04-16', '2026-Q1'],
    ['quarterly', '2026-04-10', '2025-Q4'],
    ['quarterly', '2026-06-01', '2026-Q1'],
    ['annual', '2026-04-01', '2025'],
    ['annual', '2026-03-31', '2024'],
  ] as const)('latest %s period due by %s is %s', (kind, asOf, label) => {
    expect(latestDuePeriod(kind, asOf).label).toBe(label);
  });
  it('the plan is due by 31 March', () => {
    expect(formatChinaIso(planDueBy(2026)).slice(0, 10)).toBe('2026-03-31');
  });
  it('refuses a malformed period', () => {
    expect(() => declarationPeriod('monthly', '2026-13')).toThrow(/YYYY-MM/);
  });
});
