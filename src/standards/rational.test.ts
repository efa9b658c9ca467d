import { describe, expect, it } from 'vitest';
import {
  ratAdd,
  ratCeil,
  ratCmp,
  ratDiv,
  ratFloor,
  ratFromDecimal,
  ratFromNumber,
  ratMul,
  ratSub,
  ratToNumber,
  rational,
} from './rational.js';

describe('rational', () => {
  it('normalises sign and lowest terms', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(rational(0n, 5n)).toEqual({ num: 0n, den: 1n });
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('parses decimals exactly', () => {
    expect(ratFromDecimal('2.45')).toEqual(rational(49n, 20n));
    expect(ratFromDecimal('-0.035')).toEqual(rational(-7n, 200n));
    expect(ratFromDecimal('1.5e3')).toEqual(rational(1500n));
    expect(ratFromDecimal('.5')).toEqual(rational(1n, 2n));
    expect(ratFromNumber(1e-7)).toEqual(rational(1n, 10_000_000n));
    expect(() => ratFromDecimal('abc')).toThrow(/not a decimal number/);
    expect(() => ratFromDecimal('.')).toThrow(/not a decimal number/);
    expect(() => ratFromNumber(Infinity)).toThrow(/not a finite number/);
  });

  it('does the CO 2.2 example of docs/standards/hj633-aqi.md §3 exactly: 50 + 50 × (2.2 − 2) / 2 = 55', () => {
    const x = ratAdd(
      rational(50n),
      ratDiv(ratMul(rational(50n), ratSub(ratFromNumber(2.2), rational(2n))), rational(2n)),
    );
    expect(x).toEqual(rational(55n));
    expect(ratCeil(x)).toBe(55n);
  });

  it('floors, ceils and compares', () => {
    expect(ratFloor(rational(-7n, 2n))).toBe(-4n);
    expect(ratCeil(rational(-7n, 2n))).toBe(-3n);
    expect(ratFloor(rational(7n, 2n))).toBe(3n);
    expect(ratCmp(rational(1n, 3n), rational(2n, 6n))).toBe(0);
    expect(ratCmp(rational(1n, 3n), rational(1n, 2n))).toBe(-1);
    expect(ratToNumber(rational(13n, 2n))).toBe(6.5);
  });
});
