import { describe, expect, it } from 'vitest';
import { chinaLocalToUtc } from './china-time.js';
import {
  GB3095_2012_LIMITS,
  GB3095_2026_FINAL_LIMITS,
  GB3095_2026_TRANSITION_LIMITS,
  gb3095Limit,
  gb3095VersionFor,
  type Gb3095Averaging,
  type Gb3095Grade,
  type Gb3095Pollutant,
  type Gb3095Version,
} from './gb3095.js';

describe('GB 3095 version by China-local date (docs/standards/gb3095-hj663.md §1)', () => {
  it.each([
    ['2026-02-28', '2012'],
    ['2026-03-01', '2026-transition'],
    ['2030-12-31', '2026-transition'],
    ['2031-01-01', '2026-final'],
  ])('%s → %s', (date, version) => {
    expect(gb3095VersionFor(date)).toBe(version);
  });

  it('reads an instant in China time', () => {
    const midnight = chinaLocalToUtc({
      year: 2026,
      month: 3,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    expect(gb3095VersionFor(midnight)).toBe('2026-transition');
    expect(gb3095VersionFor(new Date(midnight.getTime() - 1))).toBe('2012');
    expect(() => gb3095VersionFor('2026/03/01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('GB 3095 limits (docs/standards/gb3095-hj663.md §1)', () => {
  it.each<[Gb3095Pollutant, Gb3095Averaging, Gb3095Grade, Gb3095Version, number]>([
    ['pm25', '24h', 2, '2012', 75],
    ['pm25', '24h', 2, '2026-transition', 60],
    ['pm25', '24h', 2, '2026-final', 50],
    ['pm25', 'annual', 2, '2012', 35],
    ['pm25', 'annual', 2, '2026-transition', 30],
    ['pm25', 'annual', 1, '2026-final', 10],
    ['pm10', 'annual', 2, '2026-transition', 60],
    ['pm10', '24h', 2, '2026-final', 100],
    ['so2', '1h', 2, '2012', 500],
    ['so2', 'annual', 2, '2026-final', 20],
    ['no2', 'annual', 2, '2026-final', 30],
    ['co', '24h', 2, '2026-final', 4],
    ['o3', 'max8h', 1, '2012', 100],
    ['o3', 'max8h', 2, '2026-transition', 160],
    ['o3', '1h', 2, '2026-final', 200],
    ['nox', '24h', 2, '2026-transition', 100],
    ['nox', '24h', 2, '2026-final', 70],
  ])('%s %s grade %i under %s = %d', (pollutant, averaging, grade, version, limit) => {
    expect(gb3095Limit(pollutant, averaging, grade, version)).toBe(limit);
  });

  it('throws when the standard sets no such limit', () => {
    expect(() => gb3095Limit('co', 'annual', 2, '2012')).toThrow(/sets no annual limit for co/);
  });

  it('every table has one row per pollutant and averaging time, grade I ≤ grade II', () => {
    for (const table of [GB3095_2012_LIMITS, GB3095_2026_TRANSITION_LIMITS, GB3095_2026_FINAL_LIMITS]) {
      const keys = table.map((r) => `${r.pollutant}/${r.averaging}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const r of table) expect(r.grade1).toBeLessThanOrEqual(r.grade2);
    }
  });

  it('HJ 633-2026 IAQI-100 points equal the transition grade-II 24-h PM limits (docs/standards/hj633-aqi.md §2)', () => {
    expect(gb3095Limit('pm10', '24h', 2, '2026-transition')).toBe(120);
    expect(gb3095Limit('pm25', '24h', 2, '2026-transition')).toBe(60);
  });
});
