import { describe, expect, it } from 'vitest';
import { roundGbt8170, roundGbt8170Scaled, roundGbt8170ToNumber } from './gb-t-8170.js';
import { rational } from './rational.js';

describe('GB/T 8170-2008 §3.2 rounding (四舍六入五成双)', () => {
  // Examples in the manner of GB/T 8170-2008 §3.2.1–3.2.5: drop < 5, > 5, 5 then non-zero, 5 alone.
  it.each([
    ['12.1498', 1, 12.1],
    ['12.1698', 1, 12.2],
    ['10.5002', 0, 11],
    ['1.050', 1, 1.0],
    ['0.350', 1, 0.4],
    ['2500', -3, 2000],
    ['3500', -3, 4000],
    ['-355', -1, -360],
    ['-325', -1, -320],
    ['-0.0365', 3, -0.036],
  ])('%s to %i decimals → %d', (value, digits, expected) => {
    expect(roundGbt8170ToNumber(value, digits)).toBe(expected);
  });

  it.each([
    [35.5, 0, 36],
    [34.5, 0, 34],
    [0.5, 0, 0],
    [1.5, 0, 2],
    [2.45, 1, 2.4],
    [2.55, 1, 2.6],
    [2.25, 1, 2.2],
    [2.251, 1, 2.3],
    [60.05, 1, 60],
    [60.15, 1, 60.2],
  ])(
    'reads the number %s as its decimal, not its binary double: %s decimals → %s',
    (value, digits, expected) => {
      expect(roundGbt8170ToNumber(value, digits)).toBe(expected);
    },
  );

  it('returns scaled integers and exact rationals', () => {
    expect(roundGbt8170Scaled(2.45, 1)).toBe(24n);
    expect(roundGbt8170(rational(1n, 3n), 2)).toEqual(rational(33n, 100n));
    expect(roundGbt8170(rational(5n, 8n), 2)).toEqual(rational(62n, 100n)); // 0.625 → 0.62
  });

  it('rejects non-integer digits and non-finite values', () => {
    expect(() => roundGbt8170(1, 0.5)).toThrow(RangeError);
    expect(() => roundGbt8170(Number.NaN, 0)).toThrow(/not a finite number/);
  });
});
