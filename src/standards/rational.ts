/**
 * Exact rational arithmetic on bigint, for the calculators whose results must not depend on binary
 * floating point (GB/T 8170 rounding, HJ 663 means and percentiles). A JavaScript number given to
 * these helpers is read as the decimal it prints as (`String(2.45)` = "2.45"), which is the value a
 * person or an instrument meant, not the nearest binary double (2.4500000000000001776…).
 */

/** An exact rational number: `num / den`, with `den > 0` and the fraction in lowest terms. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** Builds `num / den` in lowest terms; throws a RangeError when `den` is zero. */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError(`rational ${num}/0: the denominator must not be zero`);
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  const divisor = g === 0n ? 1n : g;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/** Zero. */
export const RAT_ZERO: Rational = { num: 0n, den: 1n };

/**
 * Parses a decimal literal such as `"12"`, `"-0.35"`, `"2.45e-3"` exactly; throws a RangeError
 * naming the text when it is not one.
 */
export function ratFromDecimal(text: string): Rational {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || intPart.length + fracPart.length === 0) {
    throw new RangeError(`"${text}" is not a decimal number`);
  }
  const digits = BigInt(intPart + fracPart || '0');
  const exponent = Number(m[4] ?? '0') - fracPart.length;
  const signed = m[1] === '-' ? -digits : digits;
  return exponent >= 0
    ? rational(signed * 10n ** BigInt(exponent))
    : rational(signed, 10n ** BigInt(-exponent));
}

/**
 * The exact value of the shortest decimal that round-trips to `x` (what `String(x)` prints);
 * throws a RangeError for NaN and ±Infinity.
 */
export function ratFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  return ratFromDecimal(String(x));
}

/** Converts a number, decimal string or rational to a rational (see {@link ratFromNumber}). */
export function toRational(x: number | string | Rational): Rational {
  if (typeof x === 'number') return ratFromNumber(x);
  if (typeof x === 'string') return ratFromDecimal(x);
  return x;
}

/** a + b. */
export function ratAdd(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b. */
export function ratSub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a × b. */
export function ratMul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** a ÷ b; throws a RangeError when b is zero. */
export function ratDiv(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function ratCmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The largest integer ≤ a. */
export function ratFloor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** The smallest integer ≥ a. */
export function ratCeil(a: Rational): bigint {
  return -ratFloor(rational(-a.num, a.den));
}

/** The sum of the values (zero for none). */
export function ratSum(values: readonly Rational[]): Rational {
  return values.reduce(ratAdd, RAT_ZERO);
}

/** The nearest double to a (exact when num and den are below 2^53, as IEEE division rounds once). */
export function ratToNumber(a: Rational): number {
  return Number(a.num) / Number(a.den);
}
