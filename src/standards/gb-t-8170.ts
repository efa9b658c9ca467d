/**
 * GB/T 8170-2008 数值修约规则与极限数值的表示和判定 — rounding of numerical values.
 *
 * §3.2 (进舍规则): the first dropped digit < 5 → drop; > 5 → round up; = 5 followed by a non-zero
 * digit → round up; = 5 followed by nothing or zeros → round up when the kept last digit is odd,
 * drop when it is even (“四舍六入五成双”); negative values are rounded as their absolute value and
 * the sign put back. §3.3: round once from the original value, never step by step.
 *
 * Done on the exact decimal value (see ./rational.ts), never on a binary double.
 */
import { rational, ratCmp, ratFloor, ratMul, ratToNumber, toRational, type Rational } from './rational.js';

const HALF = rational(1n, 2n);

/**
 * GB/T 8170-2008 §3.2: `value` rounded to `digits` decimal places (negative `digits` rounds to tens,
 * hundreds…), returned as the integer count of units of 10^−digits (e.g. 2.45 with 1 digit → 24n).
 */
export function roundGbt8170Scaled(value: number | string | Rational, digits: number): bigint {
  if (!Number.isInteger(digits)) throw new RangeError(`digits must be an integer, got ${digits}`);
  const exact = toRational(value);
  const scale = digits >= 0 ? rational(10n ** BigInt(digits)) : rational(1n, 10n ** BigInt(-digits));
  const scaled = ratMul(exact, scale);
  const negative = scaled.num < 0n;
  const magnitude = negative ? rational(-scaled.num, scaled.den) : scaled;
  const kept = ratFloor(magnitude);
  const dropped = rational(magnitude.num - kept * magnitude.den, magnitude.den);
  const c = ratCmp(dropped, HALF);
  const rounded = c < 0 ? kept : c > 0 ? kept + 1n : kept % 2n === 0n ? kept : kept + 1n;
  return negative ? -rounded : rounded;
}

/** GB/T 8170-2008 §3.2: `value` rounded to `digits` decimal places, as an exact rational. */
export function roundGbt8170(value: number | string | Rational, digits: number): Rational {
  const scaled = roundGbt8170Scaled(value, digits);
  return digits >= 0 ? rational(scaled, 10n ** BigInt(digits)) : rational(scaled * 10n ** BigInt(-digits));
}

/** GB/T 8170-2008 §3.2: `value` rounded to `digits` decimal places, as a number (e.g. 2.45 → 2.4). */
export function roundGbt8170ToNumber(value: number | string | Rational, digits: number): number {
  return ratToNumber(roundGbt8170(value, digits));
}
