/**
 * Pollution-source series: hourly and daily means from minute data with the validity rules of the
 * reference, data flags respected, O2-corrected hourly means, pollutant loads, transmission and
 * validity rates, and the check of a device's own hourly value against the hour computed here.
 *
 * Pure: no I/O, no clock; time comes in as arguments. Days are China-local (../standards/china-time.ts).
 * Means are computed exactly on the decimal values (../standards/rational.ts) so that a mean lying
 * exactly on a limit is not pushed over it by binary rounding.
 *
 * Sources: docs/standards/hj212.md §5 (flags, aggregate flags), §8 (units of the flow codes), §9
 * (HJ 212-2017 Appendix D aggregation, informative) and docs/standards/emission-limits.md §6 (CEMS validity, marking).
 */
import { chinaDate, chinaDayStart, DAY_MS, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import { correctToReferenceO2Exact, O2_GUARD_PCT } from '../standards/emission/index.js';
import {
  RAT_ZERO,
  ratAdd,
  ratDiv,
  ratMul,
  ratToNumber,
  rational,
  toRational,
  type Rational,
} from '../standards/rational.js';

/** Medium of an outlet: flue gas (废气) or wastewater (废水). */
export type OutletMedium = 'gas' | 'water';

/**
 * Parameters of an outlet that are conditions or flows, not pollutant concentrations (flow,
 * temperature, pressure, humidity, O2, wastewater temperature, pH): no loads, no zero/step judgement.
 */
export const NOT_CONCENTRATIONS: ReadonlySet<string> = new Set([
  'a00000',
  'w00000',
  'a01011',
  'a01012',
  'a01013',
  'a01014',
  'a19001',
  'w01001',
  'w01010',
]);

/** One value of one parameter, as stored (`Reading` reduced to what the calculations need). */
export interface SeriesPoint {
  /** Start of the period (HJ 212 `DataTime` of 2051/2061/2031 is the period start, docs/standards/hj212.md §5). */
  periodStart: Date;
  value: number | null;
  /** HJ 212 data flag (`xxxxxx-Flag`), or null when the device sent none. */
  flag: string | null;
}

/** HJ 212 edition whose flag letters a series uses (2005 and 2017 differ, docs/standards/hj212.md §5). */
export type FlagProtocol = '2005' | '2017' | '2025';

/**
 * How a data flag counts:
 * - `normal`: usable;
 * - `over-range` (`T`, above the measuring range): usable, but the value is only a lower bound of
 *   the true one, so a mean that includes it is a lower bound too. Kept in the mean because an
 *   analyser saturating is exactly when a limit is likely exceeded; excluding it would hide that;
 * - `invalid`: not used for means or exceedance, only counted (docs/standards/emission-limits.md §6: "data marked invalid
 *   are not used to judge exceedance").
 */
export type FlagClass = 'normal' | 'over-range' | 'invalid';

/**
 * Classifies an HJ 212 data flag (docs/standards/hj212.md §5, HJ 212-2017 Table 8).
 *
 * `N` (normal) and a missing flag are `normal` (HJ/T 212-2005 packets often carry none); `T` is
 * `over-range`; `F` stopped, `M` maintenance, `S` manually set value, `D` fault, `C` calibration,
 * `B` communication fault are `invalid`, and so is any other letter (provincial `St`, `Sd`, `Md`…,
 * and 2005's `P` power failure). 2005 air-station flags: `3` normal, `0`/`1`/`2` invalid.
 * Flags are case-sensitive, as HJ 212 names are (§3.4).
 */
export function classifyFlag(flag: string | null, protocol: FlagProtocol = '2017'): FlagClass {
  const f = flag?.trim() ?? '';
  if (f === '' || f === 'N') return 'normal';
  if (f === 'T') return 'over-range';
  switch (protocol) {
    case '2005':
      return f === '3' ? 'normal' : 'invalid';
    case '2017':
    case '2025':
      return 'invalid';
    default: {
      const impossible: never = protocol;
      throw new RangeError(`unknown protocol "${String(impossible)}" (expected 2005, 2017 or 2025)`);
    }
  }
}

/** How an aggregate's own flag follows from the flags of its values (docs/standards/hj212.md §5). */
export type AggregateFlagRule = { kind: 'share-normal'; minShare: number } | { kind: 'any-abnormal' };

/** Validity rules of a medium: how many valid values make an hour and a day. */
export interface SeriesValidityRules {
  medium: OutletMedium;
  /**
   * Minutes of the hour that valid values must cover: `valid points × interval ≥ this`. With one-
   * minute data this is the count of valid minute values.
   */
  minValidMinutesPerHour: number;
  /** Valid hourly means a day needs. */
  minValidHoursPerDay: number;
  /** Flag rule from minutes to the hour. */
  hourFlagRule: AggregateFlagRule;
  /** Where the numbers come from. */
  source: string;
}

/**
 * Flue gas: an hour needs ≥ 45 minutes of valid minute means, a day ≥ 20 valid hourly means
 * (HJ 212-2017 Appendix D, informative, citing HJ/T 75/76 [text]; the same counts as GB 3095 for
 * ambient air; HJ 75-2017's own counts not confirmed — docs/standards/emission-limits.md §6). The hour is
 * normal when ≥ 75 % of its values are normal, otherwise `D` (notes to HJ 212-2017 C.16–C.18 [text]).
 */
export const GAS_VALIDITY_RULES: SeriesValidityRules = {
  medium: 'gas',
  minValidMinutesPerHour: 45,
  minValidHoursPerDay: 20,
  hourFlagRule: { kind: 'share-normal', minShare: 0.75 },
  source:
    'HJ 212-2017 App. D (HJ/T 75/76) and notes to C.16–C.18 [text]; docs/standards/emission-limits.md §6',
};

/**
 * Wastewater: an hour from 1 ≤ m ≤ 6 (ten-)minute values, a day from 1 ≤ h ≤ 24 hourly values
 * (HJ 212-2017 Appendix D [text]); one abnormal value makes the hour abnormal (notes to C.16–C.18
 * [text]). HJ 356-2019, which sets the water validity process, was not read (docs/standards/emission-limits.md §6).
 */
export const WATER_VALIDITY_RULES: SeriesValidityRules = {
  medium: 'water',
  minValidMinutesPerHour: 1,
  minValidHoursPerDay: 1,
  hourFlagRule: { kind: 'any-abnormal' },
  source:
    'HJ 212-2017 App. D and notes to C.16–C.18 [text]; HJ 356-2019 not read (docs/standards/emission-limits.md §6)',
};

/** The default validity rules of a medium. */
export function validityRulesFor(medium: OutletMedium): SeriesValidityRules {
  switch (medium) {
    case 'gas':
      return GAS_VALIDITY_RULES;
    case 'water':
      return WATER_VALIDITY_RULES;
    default: {
      const impossible: never = medium;
      throw new RangeError(`medium must be "gas" or "water", got "${String(impossible)}"`);
    }
  }
}

/** HJ 212 `MinInterval` values (docs/standards/hj212.md §5), plus 60 for hourly series. */
export const MINUTE_INTERVALS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

function checkInterval(intervalMinutes: number): void {
  if (!(MINUTE_INTERVALS as readonly number[]).includes(intervalMinutes)) {
    throw new RangeError(
      `intervalMinutes ${intervalMinutes} must be one of ${MINUTE_INTERVALS.join(', ')} (HJ 212 MinInterval)`,
    );
  }
}

/** Why an aggregate is not valid. */
export type InvalidReason = 'no-data' | 'too-few-valid' | 'flag';

/** A mean over a period, with whether it may be used to judge exceedance. */
export interface AggregateValue {
  periodStart: Date;
  /** End of the period (exclusive). */
  periodEnd: Date;
  /** Mean of the usable values, or null when there are none. Shown even when not valid. */
  value: number | null;
  /** True when the mean meets the validity rules and may be used to judge exceedance. */
  valid: boolean;
  /** Own flag: `N`, `T` (includes over-range values: a lower bound), or the abnormal letter. */
  flag: string;
  invalidReason: InvalidReason | null;
}

/** Counts of the values in a period. */
export interface PointCounts {
  /** Slots the period should have at the interval. */
  expected: number;
  /** Slots with a point (with or without a value). */
  received: number;
  /** Points with a value and a normal or over-range flag. */
  valid: number;
  /** Of `valid`, points flagged `T`. */
  overRange: number;
  /** Points with a normal flag but no value. */
  missingValue: number;
  /** Points with an invalid flag, by flag letter (a missing letter counts as ""). */
  flagged: Record<string, number>;
}

/** An hourly mean computed from minute data. */
export interface HourlyMean extends AggregateValue {
  counts: PointCounts;
  /** Flow-weighted `Σ(C·Q)/ΣQ` or arithmetic (HJ 212-2017 App. D allows either for wastewater). */
  weighting: 'flow' | 'arithmetic';
}

/** Options of {@link hourlyMeans}. */
export interface HourlyMeanOptions {
  /** Minute-data interval in minutes (HJ 212 `MinInterval`). */
  intervalMinutes: number;
  /** Validity rules; default by `medium`. */
  rules?: SeriesValidityRules;
  medium: OutletMedium;
  protocol?: FlagProtocol;
  /**
   * Flow at the same slots, any unit (the weights cancel). Water only: when every usable
   * concentration has a usable non-negative flow and the flows sum above zero, the hour is
   * flow-weighted (HJ 212-2017 App. D); otherwise arithmetic.
   */
  flow?: readonly SeriesPoint[];
  /** Emit every hour of `[from, to)`, with `no-data` for hours without points. */
  from?: Date;
  to?: Date;
}

interface Slot {
  slot: number;
  point: SeriesPoint;
}

function floorTo(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

/** Points by slot start (ms), the first point of a slot kept (the store keeps one row per period). */
function bySlot(points: readonly SeriesPoint[], intervalMinutes: number): Map<number, SeriesPoint> {
  const out = new Map<number, SeriesPoint>();
  const step = intervalMinutes * MINUTE_MS;
  for (const p of points) {
    const t = p.periodStart.getTime();
    if (Number.isNaN(t)) throw new RangeError('a point has an invalid periodStart');
    const slot = floorTo(t, step);
    if (!out.has(slot)) out.set(slot, p);
  }
  return out;
}

function groupByHour(slots: Map<number, SeriesPoint>): Map<number, Slot[]> {
  const out = new Map<number, Slot[]>();
  for (const [slot, point] of slots) {
    const hour = floorTo(slot, HOUR_MS);
    const list = out.get(hour);
    if (list) list.push({ slot, point });
    else out.set(hour, [{ slot, point }]);
  }
  return out;
}

function hourKeys(groups: Map<number, unknown>, from?: Date, to?: Date): number[] {
  const keys = new Set(groups.keys());
  if (from !== undefined && to !== undefined) {
    for (let h = floorTo(from.getTime(), HOUR_MS); h < to.getTime(); h += HOUR_MS) keys.add(h);
    for (const k of [...keys]) if (k < floorTo(from.getTime(), HOUR_MS) || k >= to.getTime()) keys.delete(k);
  }
  return [...keys].sort((a, b) => a - b);
}

function isUsable(p: SeriesPoint, protocol: FlagProtocol): p is SeriesPoint & { value: number } {
  return p.value !== null && Number.isFinite(p.value) && classifyFlag(p.flag, protocol) !== 'invalid';
}

function countPoints(points: readonly SeriesPoint[], expected: number, protocol: FlagProtocol): PointCounts {
  const counts: PointCounts = {
    expected,
    received: points.length,
    valid: 0,
    overRange: 0,
    missingValue: 0,
    flagged: {},
  };
  for (const p of points) {
    const cls = classifyFlag(p.flag, protocol);
    switch (cls) {
      case 'invalid': {
        const key = p.flag?.trim() ?? '';
        counts.flagged[key] = (counts.flagged[key] ?? 0) + 1;
        break;
      }
      case 'normal':
      case 'over-range':
        if (p.value === null || !Number.isFinite(p.value)) {
          counts.missingValue += 1;
        } else {
          counts.valid += 1;
          if (cls === 'over-range') counts.overRange += 1;
        }
        break;
      default: {
        const impossible: never = cls;
        throw new Error(`unknown flag class ${String(impossible)}`);
      }
    }
  }
  return counts;
}

/** The most frequent invalid flag letter (ties: alphabetical), or `D` when none was given. */
function dominantFlag(flagged: Record<string, number>): string {
  let best: string | null = null;
  let bestCount = 0;
  for (const key of Object.keys(flagged).sort()) {
    const n = flagged[key] ?? 0;
    if (key !== '' && n > bestCount) {
      best = key;
      bestCount = n;
    }
  }
  return best ?? 'D';
}

/**
 * Validity and flag of an aggregate from its counts (docs/standards/hj212.md §5 for the flag rule, the minimum
 * coverage from `rules`).
 */
function judge(
  counts: PointCounts,
  usable: number,
  coveredMinutes: number,
  minMinutes: number,
  rule: AggregateFlagRule,
): { valid: boolean; flag: string; invalidReason: InvalidReason | null } {
  if (counts.received === 0) return { valid: false, flag: 'D', invalidReason: 'no-data' };
  let flagOk: boolean;
  switch (rule.kind) {
    case 'share-normal':
      flagOk = usable >= rule.minShare * counts.received;
      break;
    case 'any-abnormal':
      // A value missing without a flag is a gap, not an abnormal value.
      flagOk = Object.keys(counts.flagged).length === 0;
      break;
    default: {
      const impossible: never = rule;
      throw new Error(`unknown flag rule ${JSON.stringify(impossible)}`);
    }
  }
  const abnormalFlag = rule.kind === 'share-normal' ? 'D' : dominantFlag(counts.flagged);
  if (!flagOk) return { valid: false, flag: abnormalFlag, invalidReason: 'flag' };
  if (usable === 0 || coveredMinutes < minMinutes) {
    return { valid: false, flag: abnormalFlag, invalidReason: 'too-few-valid' };
  }
  return { valid: true, flag: counts.overRange > 0 ? 'T' : 'N', invalidReason: null };
}

/** Exact arithmetic mean of decimal numbers. */
function exactMean(values: readonly (number | Rational)[]): Rational {
  let sum = RAT_ZERO;
  for (const v of values) sum = ratAdd(sum, toRational(v));
  return ratDiv(sum, rational(BigInt(values.length)));
}

/** Exact `Σ(c·q) / Σq`, or null when the weights sum to zero. */
function exactWeightedMean(pairs: readonly (readonly [number, number])[]): Rational | null {
  let num = RAT_ZERO;
  let den = RAT_ZERO;
  for (const [c, q] of pairs) {
    const rq = toRational(q);
    num = ratAdd(num, ratMul(toRational(c), rq));
    den = ratAdd(den, rq);
  }
  return den.num === 0n ? null : ratDiv(num, den);
}

function resolveRules(rules: SeriesValidityRules | undefined, medium: OutletMedium): SeriesValidityRules {
  const r = rules ?? validityRulesFor(medium);
  if (r.medium !== medium)
    throw new RangeError(`validity rules are for ${r.medium}, the series is ${medium}`);
  return r;
}

/**
 * Hourly means from minute data (HJ 212-2017 App. D; docs/standards/emission-limits.md §6 "hourly mean = mean of valid
 * minute data"). Invalid-flagged values are left out and counted; `T` values are kept (see
 * {@link FlagClass}). Gas: arithmetic mean. Water: flow-weighted when `flow` covers every usable
 * value, else arithmetic. One result per hour that has points (or every hour of `[from, to)`).
 */
export function hourlyMeans(points: readonly SeriesPoint[], options: HourlyMeanOptions): HourlyMean[] {
  checkInterval(options.intervalMinutes);
  const rules = resolveRules(options.rules, options.medium);
  const protocol = options.protocol ?? '2017';
  const expected = 60 / options.intervalMinutes;
  const groups = groupByHour(bySlot(points, options.intervalMinutes));
  const flows = options.flow ? bySlot(options.flow, options.intervalMinutes) : null;
  return hourKeys(groups, options.from, options.to).map((hour) => {
    const slots = groups.get(hour) ?? [];
    const counts = countPoints(
      slots.map((s) => s.point),
      expected,
      protocol,
    );
    const usable = slots.filter((s) => isUsable(s.point, protocol));
    const verdict = judge(
      counts,
      usable.length,
      usable.length * options.intervalMinutes,
      rules.minValidMinutesPerHour,
      rules.hourFlagRule,
    );
    let weighting: 'flow' | 'arithmetic' = 'arithmetic';
    let mean: Rational | null = null;
    if (usable.length > 0) {
      if (options.medium === 'water' && flows) {
        const pairs: [number, number][] = [];
        for (const s of usable) {
          const q = flows.get(s.slot);
          if (q && isUsable(q, protocol) && q.value >= 0 && s.point.value !== null) {
            pairs.push([s.point.value, q.value]);
          }
        }
        if (pairs.length === usable.length) {
          const weighted = exactWeightedMean(pairs);
          if (weighted) {
            mean = weighted;
            weighting = 'flow';
          }
        }
      }
      mean ??= exactMean(usable.map((s) => s.point.value ?? 0));
    }
    return {
      periodStart: new Date(hour),
      periodEnd: new Date(hour + HOUR_MS),
      value: mean === null ? null : ratToNumber(mean),
      ...verdict,
      counts,
      weighting,
    };
  });
}

/** An O2-corrected hourly mean. */
export interface CorrectedHourlyMean extends AggregateValue {
  /** `value` is the mean of the minute values each corrected with its own O2 (see {@link correctedHourlyMeans}). */
  referenceO2Pct: number;
  /** Mean of the measured (uncorrected) values of the same minutes. */
  measuredMean: number | null;
  /** Mean measured O2 of the same minutes, %. */
  meanO2Pct: number | null;
  /** The alternative order — hourly mean corrected with hourly mean O2 — for comparison only. */
  correctedFromMeans: number | null;
  counts: PointCounts & {
    /** Valid concentration minutes dropped for want of a usable O2 (missing, flagged, ≥ guard). */
    o2Unusable: number;
  };
}

/** Options of {@link correctedHourlyMeans}. */
export interface CorrectedHourlyOptions {
  intervalMinutes: number;
  /** The outlet's reference O2, % (`OutletAttributes.referenceO2Pct`; docs/standards/emission-limits.md §2). */
  referenceO2Pct: number;
  /** Measured O2 at/above which a minute is not corrected; default {@link O2_GUARD_PCT}. */
  o2GuardPct?: number;
  rules?: SeriesValidityRules;
  protocol?: FlagProtocol;
  from?: Date;
  to?: Date;
}

/**
 * O2-corrected hourly means of a flue-gas series (docs/standards/emission-limits.md §1, HJ 212-2017 App. D).
 *
 * Order: each minute value is corrected with the O2 of the same minute, then the hour is the mean of
 * the corrected minutes. The reference does not settle the order; HJ 212 transmits corrected values
 * per minute (`-ZsAvg` of 2051 packets, docs/standards/hj212.md §5) and the hourly `-ZsAvg` follows from them, and
 * minute-level correction does not let a high-O2 minute dilute the rest. The other order is reported
 * as `correctedFromMeans`.
 *
 * A minute counts only with a usable concentration and a usable O2 below the guard; an hour is valid
 * when those minutes meet the gas validity rules. O2 flagged `T` is not usable.
 */
export function correctedHourlyMeans(
  concentration: readonly SeriesPoint[],
  o2: readonly SeriesPoint[],
  options: CorrectedHourlyOptions,
): CorrectedHourlyMean[] {
  checkInterval(options.intervalMinutes);
  const rules = resolveRules(options.rules, 'gas');
  const protocol = options.protocol ?? '2017';
  const guard = options.o2GuardPct ?? O2_GUARD_PCT;
  const expected = 60 / options.intervalMinutes;
  const groups = groupByHour(bySlot(concentration, options.intervalMinutes));
  const o2s = bySlot(o2, options.intervalMinutes);
  return hourKeys(groups, options.from, options.to).map((hour) => {
    const slots = groups.get(hour) ?? [];
    const base = countPoints(
      slots.map((s) => s.point),
      expected,
      protocol,
    );
    const corrected: Rational[] = [];
    const measured: number[] = [];
    const o2Values: number[] = [];
    let o2Unusable = 0;
    for (const s of slots) {
      if (!isUsable(s.point, protocol)) continue;
      const o = o2s.get(s.slot);
      const o2Value = o !== undefined && classifyFlag(o.flag, protocol) === 'normal' ? o.value : null;
      const c =
        o2Value === null
          ? null
          : correctToReferenceO2Exact(s.point.value, o2Value, options.referenceO2Pct, { guardPct: guard });
      if (o2Value === null || c === null || !c.ok) {
        o2Unusable += 1;
        continue;
      }
      corrected.push(c.value);
      measured.push(s.point.value);
      o2Values.push(o2Value);
    }
    const counts = { ...base, o2Unusable };
    const verdict = judge(
      counts,
      corrected.length,
      corrected.length * options.intervalMinutes,
      rules.minValidMinutesPerHour,
      rules.hourFlagRule,
    );
    const measuredMean = measured.length > 0 ? exactMean(measured) : null;
    const meanO2 = o2Values.length > 0 ? exactMean(o2Values) : null;
    let correctedFromMeans: number | null = null;
    if (measuredMean && meanO2) {
      const c = correctToReferenceO2Exact(measuredMean, meanO2, options.referenceO2Pct, { guardPct: guard });
      if (c.ok) correctedFromMeans = ratToNumber(c.value);
    }
    return {
      periodStart: new Date(hour),
      periodEnd: new Date(hour + HOUR_MS),
      value: corrected.length > 0 ? ratToNumber(exactMean(corrected)) : null,
      ...verdict,
      referenceO2Pct: options.referenceO2Pct,
      measuredMean: measuredMean === null ? null : ratToNumber(measuredMean),
      meanO2Pct: meanO2 === null ? null : ratToNumber(meanO2),
      correctedFromMeans,
      counts,
    };
  });
}

/** A daily mean from hourly means. */
export interface DailyMean extends AggregateValue {
  /** China-local date, `YYYY-MM-DD`. */
  date: string;
  /** Hours of the day present in the input. */
  hours: number;
  /** Valid hours used. */
  validHours: number;
  weighting: 'flow' | 'arithmetic';
}

/** Options of {@link dailyMeans}. */
export interface DailyMeanOptions {
  medium: OutletMedium;
  rules?: SeriesValidityRules;
  /** Water: hourly mean flows for flow-weighting (HJ 212-2017 App. D; docs/standards/emission-limits.md §6). */
  flowHours?: readonly AggregateValue[];
}

/**
 * Daily means over China-local days from hourly means: valid when at least
 * `rules.minValidHoursPerDay` valid hours (gas 20, water 1 by default — HJ 212-2017 App. D).
 * Gas: arithmetic mean of the valid hours. Water: flow-weighted `Σ(C_h·Q_h)/ΣQ_h` when `flowHours`
 * has a valid non-negative flow for every valid hour and they sum above zero (docs/standards/emission-limits.md §6),
 * otherwise arithmetic. The minute-level flag rule is not reapplied to days: only the count rule.
 */
export function dailyMeans(hours: readonly AggregateValue[], options: DailyMeanOptions): DailyMean[] {
  const rules = resolveRules(options.rules, options.medium);
  const flowByHour = new Map<number, AggregateValue>();
  for (const f of options.flowHours ?? []) flowByHour.set(floorTo(f.periodStart.getTime(), HOUR_MS), f);
  const days = new Map<string, AggregateValue[]>();
  for (const h of hours) {
    const d = chinaDate(h.periodStart);
    const list = days.get(d);
    if (list) list.push(h);
    else days.set(d, [h]);
  }
  return [...days.keys()].sort().map((date) => {
    const list = days.get(date) ?? [];
    const valid = list.filter((h): h is AggregateValue & { value: number } => h.valid && h.value !== null);
    const start = chinaDayStart(date);
    let weighting: 'flow' | 'arithmetic' = 'arithmetic';
    let mean: Rational | null = null;
    if (valid.length > 0) {
      if (options.medium === 'water' && options.flowHours) {
        const pairs: [number, number][] = [];
        for (const h of valid) {
          const q = flowByHour.get(floorTo(h.periodStart.getTime(), HOUR_MS));
          if (q?.valid && q.value !== null && q.value >= 0) pairs.push([h.value, q.value]);
        }
        if (pairs.length === valid.length) {
          const weighted = exactWeightedMean(pairs);
          if (weighted) {
            mean = weighted;
            weighting = 'flow';
          }
        }
      }
      mean ??= exactMean(valid.map((h) => h.value));
    }
    const enough = valid.length >= rules.minValidHoursPerDay;
    const overRange = valid.some((h) => h.flag === 'T');
    return {
      periodStart: start,
      periodEnd: new Date(start.getTime() + DAY_MS),
      date,
      value: mean === null ? null : ratToNumber(mean),
      valid: enough,
      flag: enough ? (overRange ? 'T' : 'N') : 'D',
      invalidReason: enough
        ? null
        : list.every((h) => h.invalidReason === 'no-data')
          ? 'no-data'
          : 'too-few-valid',
      hours: list.length,
      validHours: valid.length,
      weighting,
    };
  });
}

/** Flow units of the HJ 212-2017 flow codes: `a00000` m³/s, `w00000` L/s (docs/standards/hj212.md §8); m³/h as sent by some devices. */
export type FlowUnit = 'm3/s' | 'm3/h' | 'L/s';

/** Flow in m³/h. */
function flowM3PerHour(q: number, unit: FlowUnit): number {
  switch (unit) {
    case 'm3/s':
      return q * 3600;
    case 'm3/h':
      return q;
    case 'L/s':
      return q * 3.6;
    default: {
      const impossible: never = unit;
      throw new RangeError(`unknown flow unit "${String(impossible)}"`);
    }
  }
}

/** The default flow unit of a medium's HJ 212-2017 flow code (a00000 m³/s; w00000 L/s). */
export function defaultFlowUnit(medium: OutletMedium): FlowUnit {
  switch (medium) {
    case 'gas':
      return 'm3/s';
    case 'water':
      return 'L/s';
    default: {
      const impossible: never = medium;
      throw new RangeError(`medium must be "gas" or "water", got "${String(impossible)}"`);
    }
  }
}

/** Pollutant load of one hour. */
export interface HourlyLoad {
  periodStart: Date;
  periodEnd: Date;
  /** Mass emitted in the hour, kg (= mean mass rate in kg/h over the paired slots × 1 h). */
  kg: number | null;
  /** Slots with both a usable concentration and a usable flow. */
  pairedPoints: number;
  /** Slots the hour should have. */
  expectedPoints: number;
}

/** Options of {@link hourlyLoads}. */
export interface LoadOptions {
  medium: OutletMedium;
  intervalMinutes: number;
  /** Unit of the flow series; default {@link defaultFlowUnit} of the medium. */
  flowUnit?: FlowUnit;
  protocol?: FlagProtocol;
}

/**
 * Hourly pollutant loads from concentration × flow (HJ 212-2017 App. D: slice amounts summed).
 *
 * Units: gas concentration mg/m³ at standard conditions, dry, **measured** (not O2-corrected — the
 * mass leaving the stack), with flow at standard conditions, dry; water concentration mg/L. Mass rate
 * per slot: gas `C × Q[m³/h] × 10⁻⁶` kg/h; water `C × Q[m³/h] × 10⁻³` kg/h (mg/L = g/m³). The hour's
 * load is the mean rate over the paired slots × 1 h: missing slots are filled at the mean rate —
 * `pairedPoints` says how much was measured. Negative concentrations or flows are not paired.
 */
export function hourlyLoads(
  concentration: readonly SeriesPoint[],
  flow: readonly SeriesPoint[],
  options: LoadOptions,
): HourlyLoad[] {
  checkInterval(options.intervalMinutes);
  const protocol = options.protocol ?? '2017';
  const unit = options.flowUnit ?? defaultFlowUnit(options.medium);
  const kgPerMassUnit = options.medium === 'gas' ? 1e-6 : 1e-3;
  const groups = groupByHour(bySlot(concentration, options.intervalMinutes));
  const flows = bySlot(flow, options.intervalMinutes);
  return hourKeys(groups).map((hour) => {
    const rates: number[] = [];
    for (const s of groups.get(hour) ?? []) {
      const q = flows.get(s.slot);
      if (!isUsable(s.point, protocol) || q === undefined || !isUsable(q, protocol)) continue;
      if (s.point.value < 0 || q.value < 0) continue;
      rates.push(s.point.value * flowM3PerHour(q.value, unit) * kgPerMassUnit);
    }
    return {
      periodStart: new Date(hour),
      periodEnd: new Date(hour + HOUR_MS),
      kg: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
      pairedPoints: rates.length,
      expectedPoints: 60 / options.intervalMinutes,
    };
  });
}

/** Pollutant load of one China-local day. */
export interface DailyLoad {
  date: string;
  /** Sum of the hourly loads that have a value, kg/day. */
  kg: number;
  /** Hours contributing. */
  hoursWithLoad: number;
}

/** Daily loads (kg/day) over China-local days: the sum of the hourly loads (HJ 212-2017 App. D). */
export function dailyLoads(hours: readonly HourlyLoad[]): DailyLoad[] {
  const days = new Map<string, DailyLoad>();
  for (const h of hours) {
    if (h.kg === null) continue;
    const date = chinaDate(h.periodStart);
    const d = days.get(date) ?? { date, kg: 0, hoursWithLoad: 0 };
    d.kg += h.kg;
    d.hoursWithLoad += 1;
    days.set(date, d);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Transmission and validity of one series (or an outlet) over a China-local day. */
export interface TransmissionStats {
  date: string;
  /** Slots the day should have at the interval. */
  expected: number;
  /** Slots with a point. */
  received: number;
  /** Slots with a usable value (normal or `T` flag). */
  valid: number;
  /** 传输率 = received / expected. */
  transmissionRate: number;
  /** 有效率 = valid / received; null when nothing was received. */
  validityRate: number | null;
  /** 有效传输率 = 有效率 × 传输率 = valid / expected (docs/standards/emission-limits.md §6 [secondary]). */
  effectiveTransmissionRate: number;
}

/** Options of {@link transmissionStats}. */
export interface TransmissionOptions {
  /** China-local date `YYYY-MM-DD`. */
  date: string;
  intervalMinutes: number;
  protocol?: FlagProtocol;
}

function rates(date: string, expected: number, received: number, valid: number): TransmissionStats {
  return {
    date,
    expected,
    received,
    valid,
    transmissionRate: expected === 0 ? 0 : received / expected,
    validityRate: received === 0 ? null : valid / received,
    effectiveTransmissionRate: expected === 0 ? 0 : valid / expected,
  };
}

/**
 * Transmission rate (received / expected points) and validity rate (valid / received) of one
 * series over a China-local day; points are counted once per interval slot and only inside the day.
 */
export function transmissionStats(
  points: readonly SeriesPoint[],
  options: TransmissionOptions,
): TransmissionStats {
  checkInterval(options.intervalMinutes);
  const protocol = options.protocol ?? '2017';
  const start = chinaDayStart(options.date).getTime();
  const end = start + DAY_MS;
  const slots = bySlot(
    points.filter((p) => p.periodStart.getTime() >= start && p.periodStart.getTime() < end),
    options.intervalMinutes,
  );
  let valid = 0;
  for (const p of slots.values()) if (isUsable(p, protocol)) valid += 1;
  return rates(options.date, 1440 / options.intervalMinutes, slots.size, valid);
}

/** Transmission of an outlet: all its parameters pooled, and each one. */
export interface OutletTransmission extends TransmissionStats {
  parameters: Record<string, TransmissionStats>;
}

/**
 * Transmission and validity rates of an outlet for a China-local day: each parameter's
 * {@link transmissionStats}, and the outlet's rates from the pooled counts (every parameter's
 * expected, received and valid slots summed), so a parameter that never reports pulls the outlet down.
 */
export function outletTransmission(
  byParameter: Readonly<Record<string, readonly SeriesPoint[]>>,
  options: TransmissionOptions,
): OutletTransmission {
  const parameters: Record<string, TransmissionStats> = {};
  let expected = 0;
  let received = 0;
  let valid = 0;
  for (const [parameter, points] of Object.entries(byParameter)) {
    const s = transmissionStats(points, options);
    parameters[parameter] = s;
    expected += s.expected;
    received += s.received;
    valid += s.valid;
  }
  return { ...rates(options.date, expected, received, valid), parameters };
}

/** A device's own hourly value (HJ 212 2061) beside the hour computed from its minute data. */
export interface HourlyComparison {
  periodStart: Date;
  device: number | null;
  deviceFlag: string | null;
  computed: number | null;
  computedValid: boolean;
  /** device − computed, in the parameter's unit; null when either is missing. */
  difference: number | null;
  /** difference / |computed|; null when either is missing or computed is 0. */
  relativeDifference: number | null;
}

/**
 * Compares a device's hourly values (2061 `-Avg`, or `-ZsAvg` against corrected hours) with hours
 * computed from its minute data, for every hour present in either. Which difference is acceptable
 * is a rule's business (no standard sets it).
 */
export function compareDeviceHourly(
  device: readonly SeriesPoint[],
  computed: readonly AggregateValue[],
): HourlyComparison[] {
  const dev = bySlot(device, 60);
  const comp = new Map<number, AggregateValue>();
  for (const c of computed) comp.set(floorTo(c.periodStart.getTime(), HOUR_MS), c);
  const hours = [...new Set([...dev.keys(), ...comp.keys()])].sort((a, b) => a - b);
  return hours.map((hour) => {
    const d = dev.get(hour);
    const c = comp.get(hour);
    const dv = d?.value ?? null;
    const cv = c?.value ?? null;
    const difference =
      dv !== null && cv !== null ? ratToNumber(ratAdd(toRational(dv), toRational(-cv))) : null;
    return {
      periodStart: new Date(hour),
      device: dv,
      deviceFlag: d?.flag ?? null,
      computed: cv,
      computedValid: c?.valid ?? false,
      difference,
      relativeDifference: difference !== null && cv !== null && cv !== 0 ? difference / Math.abs(cv) : null,
    };
  });
}
