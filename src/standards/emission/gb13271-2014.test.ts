import { describe, expect, it } from 'vitest';
import { chinaLocalToUtc } from '../china-time.js';
import { values } from '../../../test/emission-limits.js';
import { limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
describe('GB 13271-2014 boilers (docs/standards/emission-limits.md §4)', () => {
  it.each([
    ['coal', 9, 50, 300, 300],
    ['oil', 3.5, 30, 200, 250],
    ['gas', 3.5, 20, 50, 200],
  ] as const)('new %s boiler at %d %% O2: PM %d, SO2 %d, NOx %d', (fuel, o2, pm, so2, nox) => {
    const rows = limitsFor('GB 13271-2014', { fuel, unitAge: 'new', tier: 'general' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': pm, 'a21026/hour': so2, 'a21002/hour': nox });
    expect(rows.every((r) => r.referenceO2Pct === o2 && r.inReference)).toBe(true);
  });

  it.each([
    ['coal', 30, 200, 200],
    ['oil', 30, 100, 200],
    ['gas', 20, 50, 150],
  ] as const)('special limits, %s: %d / %d / %d', (fuel, pm, so2, nox) => {
    const rows = limitsFor('GB 13271-2014', { fuel, unitAge: 'existing', tier: 'special' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': pm, 'a21026/hour': so2, 'a21002/hour': nox });
  });

  it('existing boilers (Table 1) are marked as not in the reference', () => {
    const rows = limitsFor(
      'GB 13271-2014',
      { fuel: 'coal', unitAge: 'existing', tier: 'general' },
      '2020-01-01',
    );
    expect(values(rows)).toEqual({ 'a34013/hour': 80, 'a21026/hour': 400, 'a21002/hour': 400 });
    expect(rows.every((r) => !r.inReference && (r.note ?? '').includes('memory'))).toBe(true);
  });

  it('without tier the lookup is ambiguous and says "tier"', () => {
    expect(() => limitsFor('GB 13271-2014', { fuel: 'gas', unitAge: 'new' }, '2020-01-01')).toThrow(
      /specify tier/,
    );
  });

  it('starts on 2014-07-01 China time (an instant is read in China time)', () => {
    const q = { fuel: 'gas', unitAge: 'new', tier: 'general' } as const;
    const midnight = chinaLocalToUtc({
      year: 2014,
      month: 7,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    expect(limitsFor('GB 13271-2014', q, new Date(midnight.getTime() - 1))).toEqual([]);
    expect(limitsFor('GB 13271-2014', q, midnight)).toHaveLength(3);
  });
});
