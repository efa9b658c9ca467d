/**
 * Oxygen correction of stack-gas concentrations (基准氧含量折算浓度).
 *
 * `C_ref = C_meas × (21 − O2_ref) / (21 − O2_meas)`, both concentrations dry basis at standard
 * conditions (273 K, 101.325 kPa). HJ 212-2017 Appendix D (informative) gives this formula for the
 * converted (`-Zs…`) values [text, docs/standards/emission-limits.md §1]; it is also the usual form in HJ 75-2017
 * (quoted by third-party code as formula A9 [secondary, docs/standards/emission-limits.md §1]).
 *
 * Pure: no I/O. Arithmetic is exact on the decimal inputs (../rational.ts), so a corrected value that
 * lands exactly on a limit stays exactly on it.
 */
import { ratDiv, ratMul, ratSub, ratToNumber, toRational, type Rational } from '../rational.js';

/** The O2 content of dry ambient air used by the formula, in % (HJ 212-2017 App. D). */
export const AMBIENT_O2_PCT = 21;

/**
 * Measured O2 at or above which no corrected value is produced, in %.
 *
 * Engineering default, not a clause of any standard: the reference (docs/standards/emission-limits.md §1) only says to
 * guard O2 ≥ 21 and that O2 near ambient (start-up, shut-down, air leaks) inflates the corrected
 * value enormously; its anomaly table (docs/standards/alarms.md §3) treats "O2 ≥ 19–21 %" as out of range. At 19 % the
 * factor for a 6 % reference is already 15 / 2 = 7.5; at 20 % it is 15. Callers may pass another
 * guard (strictly between the reference O2 and 21).
 */
export const O2_GUARD_PCT = 19;

/** Why a concentration could not be corrected. */
export type O2CorrectionFailure =
  'o2-near-ambient' | 'o2-negative' | 'reference-o2-out-of-range' | 'not-finite';

/** Result of {@link correctToReferenceO2}: the corrected value, or why there is none. */
export type O2CorrectionResult =
  { ok: true; value: number; factor: number } | { ok: false; reason: O2CorrectionFailure; message: string };

/** Options of {@link correctToReferenceO2}. */
export interface O2CorrectionOptions {
  /** Measured O2 (%) at or above which the correction is refused; default {@link O2_GUARD_PCT}. */
  guardPct?: number;
}

/**
 * Correction factor `(21 − O2_ref) / (21 − O2_meas)` (HJ 212-2017 App. D; HJ 75-2017 formula A9
 * [secondary]), or a failure when O2_meas is negative, not finite, or at/above the guard.
 */
export function o2CorrectionFactor(
  measuredO2Pct: number,
  referenceO2Pct: number,
  options: O2CorrectionOptions = {},
): { ok: true; factor: number } | { ok: false; reason: O2CorrectionFailure; message: string } {
  const guard = options.guardPct ?? O2_GUARD_PCT;
  if (!Number.isFinite(guard) || guard <= 0 || guard > AMBIENT_O2_PCT) {
    throw new RangeError(`O2 guard ${guard} % must be above 0 and at most ${AMBIENT_O2_PCT} %`);
  }
  if (!Number.isFinite(measuredO2Pct) || !Number.isFinite(referenceO2Pct)) {
    return {
      ok: false,
      reason: 'not-finite',
      message: `O2 must be finite numbers (measured ${measuredO2Pct}, reference ${referenceO2Pct})`,
    };
  }
  if (referenceO2Pct < 0 || referenceO2Pct >= AMBIENT_O2_PCT) {
    return {
      ok: false,
      reason: 'reference-o2-out-of-range',
      message: `reference O2 ${referenceO2Pct} % must be at least 0 and below ${AMBIENT_O2_PCT} %`,
    };
  }
  if (measuredO2Pct < 0) {
    return { ok: false, reason: 'o2-negative', message: `measured O2 ${measuredO2Pct} % is negative` };
  }
  if (measuredO2Pct >= guard) {
    return {
      ok: false,
      reason: 'o2-near-ambient',
      message: `measured O2 ${measuredO2Pct} % is at or above the ${guard} % guard: the correction to ${referenceO2Pct} % would be meaningless`,
    };
  }
  const ambient = toRational(AMBIENT_O2_PCT);
  const factor = ratDiv(
    ratSub(ambient, toRational(referenceO2Pct)),
    ratSub(ambient, toRational(measuredO2Pct)),
  );
  return { ok: true, factor: ratToNumber(factor) };
}

/**
 * O2-corrected concentration (折算浓度), HJ 212-2017 Appendix D / HJ 75-2017 formula A9 [secondary]:
 * `C_ref = C_meas × (21 − O2_ref) / (21 − O2_meas)`.
 *
 * @param measured concentration at standard conditions, dry basis (mg/m³; any unit, it carries over)
 * @param measuredO2Pct O2 measured in the same flue gas, dry basis, %
 * @param referenceO2Pct reference O2 of the emission standard, % (e.g. 6 for GB 13223-2011 coal)
 * @returns the corrected value and its factor, or `ok: false` with a reason when the measured O2 is
 *   at/above the guard ({@link O2_GUARD_PCT} by default), negative or not finite, or the reference
 *   O2 is outside 0 ≤ O2_ref < 21. A non-finite concentration is also a failure.
 */
export function correctToReferenceO2(
  measured: number,
  measuredO2Pct: number,
  referenceO2Pct: number,
  options: O2CorrectionOptions = {},
): O2CorrectionResult {
  const exact = correctToReferenceO2Exact(measured, measuredO2Pct, referenceO2Pct, options);
  if (!exact.ok) return exact;
  return { ok: true, value: ratToNumber(exact.value), factor: ratToNumber(exact.factor) };
}

/**
 * {@link correctToReferenceO2} in exact rational arithmetic, for callers that average corrected
 * values and compare them with a limit (numbers are read as the decimals they print as).
 */
export function correctToReferenceO2Exact(
  measured: number | Rational,
  measuredO2Pct: number | Rational,
  referenceO2Pct: number,
  options: O2CorrectionOptions = {},
):
  | { ok: true; value: Rational; factor: Rational }
  | { ok: false; reason: O2CorrectionFailure; message: string } {
  if (typeof measured === 'number' && !Number.isFinite(measured)) {
    return { ok: false, reason: 'not-finite', message: `concentration ${measured} is not a finite number` };
  }
  const o2 = typeof measuredO2Pct === 'number' ? measuredO2Pct : ratToNumber(measuredO2Pct);
  const f = o2CorrectionFactor(o2, referenceO2Pct, options);
  if (!f.ok) return f;
  const ambient = toRational(AMBIENT_O2_PCT);
  const factor = ratDiv(
    ratSub(ambient, toRational(referenceO2Pct)),
    ratSub(ambient, toRational(measuredO2Pct)),
  );
  return { ok: true, value: ratMul(toRational(measured), factor), factor };
}

/**
 * Excess-air coefficient α = 21 / (21 − O2) (过量空气系数), the equivalent form of the correction
 * `C = C' × α / α_s` (docs/standards/emission-limits.md §1, HJ 212-2017 App. D). Throws for O2 outside 0 ≤ O2 < 21.
 */
export function excessAirCoefficient(o2Pct: number): number {
  if (!Number.isFinite(o2Pct) || o2Pct < 0 || o2Pct >= AMBIENT_O2_PCT) {
    throw new RangeError(`O2 ${o2Pct} % must be at least 0 and below ${AMBIENT_O2_PCT} %`);
  }
  return ratToNumber(
    ratDiv(toRational(AMBIENT_O2_PCT), ratSub(toRational(AMBIENT_O2_PCT), toRational(o2Pct))),
  );
}
