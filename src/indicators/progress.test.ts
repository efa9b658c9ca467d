/**
 * Progress arithmetic on hand-worked examples (docs/indicators.md §2).
 */
import { describe, expect, it } from 'vitest';
import { daysInYear, daysLeftAfter, goodDaysNeeded, remainingMean, statusOf } from './progress.js';

describe('statusOf', () => {
  it.each([
    // PM2.5 target 30: 30 on track; 31.5 = 30 + 5 % → at risk; 31.6 → off track.
    ['lower', 'level', 30, 30, 'on-track'],
    ['lower', 'level', 31.5, 30, 'at-risk'],
    ['lower', 'level', 31.6, 30, 'off-track'],
    // Good-day ratio target 85 %: 80.75 = 85 − 4.25 → at risk; 80.7 → off track.
    ['higher', 'level', 86, 85, 'on-track'],
    ['higher', 'level', 80.75, 85, 'at-risk'],
    ['higher', 'level', 80.7, 85, 'off-track'],
  ] as const)('%s-is-better %s %d against %d → %s', (direction, aggregation, value, target, status) => {
    expect(statusOf(direction, aggregation, value, target, 0.5)).toBe(status);
  });

  it('judges a count against the pro-rata share of its annual cap; above the cap is final', () => {
    // Cap 10 days, half the year gone: 5 allowed so far.
    expect(statusOf('lower', 'count', 5, 10, 0.5)).toBe('on-track');
    expect(statusOf('lower', 'count', 6, 10, 0.5)).toBe('at-risk');
    expect(statusOf('lower', 'count', 11, 10, 0.5)).toBe('off-track');
    // Eliminating heavy days: target 0.
    expect(statusOf('lower', 'count', 0, 0, 0.9)).toBe('on-track');
    expect(statusOf('lower', 'count', 1, 0, 0.1)).toBe('off-track');
  });

  it('has no status without a target or a value', () => {
    expect(statusOf('lower', 'level', 30, null, 0.5)).toBe('no-target');
    expect(statusOf('lower', 'level', null, 30, 0.5)).toBe('no-data');
  });
});

describe('remainingMean', () => {
  it('100 valid days summing 3500 (mean 35), 265 left, target 30 → (30·365 − 3500)/265 = 28.1', () => {
    // 10950 − 3500 = 7450; 7450/265 = 28.113… → 28.1.
    expect(remainingMean(30, 100, 3500, 265)).toEqual({
      validDays: 100,
      sum: 3500,
      remainingDays: 265,
      maxMeanRemaining: 28.1,
      reachable: true,
    });
  });

  it('is out of reach when the days so far already exceed the whole year’s budget', () => {
    // 300 days at 40 = 12000 > 30·(300 + 65) = 10950 → (10950 − 12000)/65 = −16.2.
    const r = remainingMean(30, 300, 12000, 65);
    expect(r.maxMeanRemaining).toBe(-16.2);
    expect(r.reachable).toBe(false);
  });
});

describe('goodDaysNeeded', () => {
  it('target 85 %, 100 valid days of which 80 good, 265 left: ⌈0.85·365⌉ = 311 → 231 more', () => {
    // 0.85·365 = 310.25 → 311 good days in the year; 311 − 80 = 231 ≤ 265.
    expect(goodDaysNeeded(85, 80, 100, 265)).toEqual({
      goodDays: 80,
      validDays: 100,
      remainingDays: 265,
      needed: 231,
      reachable: true,
    });
  });

  it('is out of reach when more good days are needed than days remain', () => {
    expect(goodDaysNeeded(90, 200, 300, 65).reachable).toBe(false);
  });
});

describe('calendar', () => {
  it('counts the days of a year and the days left after a date', () => {
    expect(daysInYear(2026)).toBe(365);
    expect(daysInYear(2028)).toBe(366);
    expect(daysLeftAfter(2026, '2026-12-31')).toBe(0);
    expect(daysLeftAfter(2026, '2026-04-10')).toBe(265);
  });
});
