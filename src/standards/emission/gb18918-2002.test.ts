import { describe, expect, it } from 'vitest';
import { values } from '../../../test/emission-limits.js';
import { limitFor, limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
describe('GB 18918-2002 class 1-A (docs/standards/emission-limits.md §4)', () => {
  it('COD 50, BOD5 10, SS 10, TN 15, NH3-N 5 (8 at ≤ 12 °C), TP 0.5 (1 before 2006)', () => {
    const warm = limitsFor(
      'GB 18918-2002',
      { waterTemperature: 'above-12c', commissioned: 'from-2006' },
      '2020-01-01',
    );
    expect(values(warm)).toMatchObject({
      'w01018/day': 50,
      'w01017/day': 10,
      'w01012/day': 10,
      'w21001/day': 15,
      'w21003/day': 5,
      'w21011/day': 0.5,
    });
    const cold = limitsFor(
      'GB 18918-2002',
      { waterTemperature: 'at-or-below-12c', commissioned: 'before-2006' },
      '2020-01-01',
    );
    expect(values(cold)).toMatchObject({ 'w21003/day': 8, 'w21011/day': 1 });
    expect(warm.every((r) => r.unit === 'mg/L' || r.unit === 'pH')).toBe(true);
  });

  it('pH 6–9 is a range, from memory', () => {
    const ph = limitFor('GB 18918-2002', 'w01001', 'day', {}, '2020-01-01');
    expect(ph).toMatchObject({ value: 9, lowerValue: 6, inReference: false });
  });
});
