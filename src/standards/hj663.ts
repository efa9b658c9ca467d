/**
 * HJ 663 环境空气质量评价技术规范 — daily statistics from hourly values, annual statistics,
 * percentiles, exceedance multiples, compliance, the comprehensive index (综合指数) and the good-day
 * ratio. HJ 663-2013 applies to data before 2026-03-01; HJ 663-2026 replaces it from then on, but its
 * text was not obtained (docs/standards/gb3095-hj663.md §6): every place where it might differ is decided in
 * {@link HJ663_2026_RULES} and each result names the rule set it used.
 *
 * Times: an hourly value is keyed by the start of its hour (`hourStart`, a UTC instant); it is the
 * value CNEMC labels one hour later (docs/standards/china-time.md §3). Days are China-local `YYYY-MM-DD`.
 */
import { chinaDayStart, HOUR_MS } from './china-time.js';
import { roundGbt8170, roundGbt8170ToNumber } from './gb-t-8170.js';
import {
  gb3095Limit,
  gb3095VersionFor,
  GB3095_VALIDITY,
  type Gb3095Grade,
  type Gb3095Version,
} from './gb3095.js';
import {
  rational,
  ratAdd,
  ratCmp,
  ratDiv,
  ratFloor,
  ratMul,
  ratSub,
  ratSum,
  ratToNumber,
  toRational,
  type Rational,
} from './rational.js';

/** The six basic pollutants evaluated by HJ 663. CO in mg/m³, the others µg/m³. */
export type Hj663Pollutant = 'so2' | 'no2' | 'co' | 'o3' | 'pm10' | 'pm25';

/** One hourly mean: the hour starting at `hourStart`; `value` null when missing or invalid. */
export interface HourlyValue {
  hourStart: Date;
  value: number | null;
}

/** One daily value of a China-local natural day (`YYYY-MM-DD`); null when missing or invalid. */
export interface DailyValue {
  date: string;
  value: number | null;
}

/** An annual statistic of HJ 663 and the GB 3095 averaging time whose limit it is compared with. */
export interface AnnualStatisticRule {
  statistic: 'annual-mean' | 'percentile';
  /** Percentile p (0–100) for `percentile`. */
  p?: number;
  compareWith: 'annual' | '24h' | 'max8h';
}

/** A version of the HJ 663 rules, with the choices made where the text is unknown. */
export interface Hj663Rules {
  /** Names the rule set; every result carries it. */
  id: string;
  /** Hourly values needed for a daily mean (GB 3095 Table 4). */
  dailyMinHours: number;
  /** Hourly values needed in each 8-hour window (GB 3095 Table 4). */
  eightHourMinHours: number;
  /** China-local end hours (hour-ending labels) of the first and last 8-h window of a day. */
  o3DailyWindowEndHours: readonly [first: number, last: number];
  /** Valid 8-h means needed for a valid daily max 8-h value (otherwise valid only if above the limit). */
  o3DailyMinWindows: number;
  /** Annual statistics per pollutant. */
  annualStatistics: Readonly<Record<Hj663Pollutant, readonly AnnualStatisticRule[]>>;
  /** Weights of the single indices in the comprehensive index. */
  comprehensiveIndexWeights: Readonly<Record<Hj663Pollutant, number>>;
  /** Decimal places of a period's comprehensive index. */
  comprehensiveIndexDecimals: number;
  /** Decimal places of exceedance multiples, and of percentages. */
  multipleDecimals: number;
  percentDecimals: number;
}

/**
 * HJ 663-2013 as the reference gives it (docs/standards/gb3095-hj663.md §3–§5): 17 O3 8-h windows ending 08:00…24:00, 14
 * needed; SO2/NO2 98th, PM 95th percentile of daily means with the annual mean; CO 95th percentile of
 * daily means; O3 90th percentile of daily max 8-h; unweighted comprehensive index to 2 decimals.
 * Percentile formula, O3 window rule and rounding are [unverified]/[secondary] in the reference.
 */
export const HJ663_2013_RULES: Hj663Rules = {
  id: 'HJ 663-2013',
  dailyMinHours: GB3095_VALIDITY.dailyMeanMinHours,
  eightHourMinHours: GB3095_VALIDITY.eightHourMinHours,
  o3DailyWindowEndHours: [8, 24],
  o3DailyMinWindows: 14,
  annualStatistics: {
    so2: [
      { statistic: 'annual-mean', compareWith: 'annual' },
      { statistic: 'percentile', p: 98, compareWith: '24h' },
    ],
    no2: [
      { statistic: 'annual-mean', compareWith: 'annual' },
      { statistic: 'percentile', p: 98, compareWith: '24h' },
    ],
    pm10: [
      { statistic: 'annual-mean', compareWith: 'annual' },
      { statistic: 'percentile', p: 95, compareWith: '24h' },
    ],
    pm25: [
      { statistic: 'annual-mean', compareWith: 'annual' },
      { statistic: 'percentile', p: 95, compareWith: '24h' },
    ],
    co: [{ statistic: 'percentile', p: 95, compareWith: '24h' }],
    o3: [{ statistic: 'percentile', p: 90, compareWith: 'max8h' }],
  },
  comprehensiveIndexWeights: { so2: 1, no2: 1, co: 1, o3: 1, pm10: 1, pm25: 1 },
  comprehensiveIndexDecimals: 2,
  multipleDecimals: 2,
  percentDecimals: 1,
};

/**
 * HJ 663-2026 — CHOICE: its text was not obtained, so every rule is kept as in HJ 663-2013 (a
 * third-party fixture states the same percentile set for 2026 [secondary]); only the limits change,
 * through GB 3095-2026. Not adopted: the weighted comprehensive index (PM2.5 × 3, NO2 × 2, O3 × 2)
 * one unofficial code base labels "HJ 663-2026", and any 24-window O3 day or three-year sliding
 * evaluation. Revisit when the text is in hand; results say which rules they used.
 */
export const HJ663_2026_RULES: Hj663Rules = {
  ...HJ663_2013_RULES,
  id: 'HJ 663-2026 (assumed identical to HJ 663-2013; text not obtained)',
};

/** First China-local day of HJ 663-2026. */
const HJ663_2026_EFFECTIVE_DATE = '2026-03-01';

/** The HJ 663 rules for data of a China-local date (`YYYY-MM-DD`). */
export function hj663RulesFor(date: string): Hj663Rules {
  checkDate(date);
  return date < HJ663_2026_EFFECTIVE_DATE ? HJ663_2013_RULES : HJ663_2026_RULES;
}

/**
 * CHOICE for a period statistic (month, quarter, year) that spans a switch of limits (2026: January
 * and February under GB 3095-2012): compare with the GB 3095 limits in force on the period's last
 * day, when the evaluation is made. Per-day judgements use each day's own limits.
 */
export const PERIOD_LIMITS_RULE = 'GB 3095 limits in force on the last day of the period';

/** The GB 3095 version used for a period ending on `lastDate` (see {@link PERIOD_LIMITS_RULE}). */
export function periodLimitsVersion(lastDate: string): Gb3095Version {
  return gb3095VersionFor(checkDate(lastDate));
}

function checkDate(date: string): string {
  chinaDayStart(date);
  return date;
}

const decimalsOf = (pollutant: Hj663Pollutant): 0 | 1 => (pollutant === 'co' ? 1 : 0);

function checkValue(what: string, value: number | null): Rational | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new RangeError(`${what} = ${value}: must be a finite number or null`);
  if (value < 0) throw new RangeError(`${what} = ${value}: a concentration must not be negative`);
  return toRational(value);
}

/** Indexes hourly values by hour start; throws on a time not on the hour or a duplicate hour. */
function indexHours(hours: readonly HourlyValue[]): Map<number, Rational | null> {
  const byHour = new Map<number, Rational | null>();
  for (const h of hours) {
    const t = h.hourStart.getTime();
    if (Number.isNaN(t) || t % HOUR_MS !== 0) {
      throw new RangeError(`hourStart ${String(h.hourStart)} is not the start of an hour`);
    }
    if (byHour.has(t)) throw new RangeError(`hour ${h.hourStart.toISOString()} is given twice`);
    byHour.set(t, checkValue(`value at ${h.hourStart.toISOString()}`, h.value));
  }
  return byHour;
}

const mean = (values: readonly Rational[]): Rational =>
  ratDiv(ratSum(values), rational(BigInt(values.length)));

/** A daily statistic with its validity. `value` is rounded per GB/T 8170 (integer; CO 0.1 mg/m³). */
export interface DailyStatistic {
  date: string;
  /** The statistic, or null when the data do not make it valid. */
  value: number | null;
  valid: boolean;
  /** Valid hours (daily mean) or valid 8-h means (daily max 8-h). */
  count: number;
  rule: string;
}

/**
 * GB 3095 §3 / Table 4: the daily (24-h) mean of a China-local natural day — the hours starting
 * 00:00…23:00 (labelled 01:00…24:00) — valid with ≥ 20 hourly values; rounded per GB/T 8170.
 */
export function dailyMean(
  pollutant: Hj663Pollutant,
  date: string,
  hours: readonly HourlyValue[],
): DailyStatistic {
  const rules = hj663RulesFor(date);
  const start = chinaDayStart(date).getTime();
  const byHour = indexHours(hours);
  const valid: Rational[] = [];
  for (let i = 0; i < 24; i += 1) {
    const v = byHour.get(start + i * HOUR_MS);
    if (v !== null && v !== undefined) valid.push(v);
  }
  const ok = valid.length >= rules.dailyMinHours;
  return {
    date,
    value: ok ? roundGbt8170ToNumber(mean(valid), decimalsOf(pollutant)) : null,
    valid: ok,
    count: valid.length,
    rule: rules.id,
  };
}

/** An 8-hour sliding mean, labelled by its last hour. */
export interface EightHourMean {
  /** Start of the first of the eight hours. */
  windowStart: Date;
  /** Start of the last hour; CNEMC labels the mean one hour later (hour-ending). */
  lastHourStart: Date;
  /** Mean in µg/m³ rounded per GB/T 8170 to an integer, or null with fewer than 6 valid hours. */
  value: number | null;
  validHours: number;
}

function windowMean(byHour: Map<number, Rational | null>, lastHour: number, minHours: number) {
  const valid: Rational[] = [];
  for (let i = 7; i >= 0; i -= 1) {
    const v = byHour.get(lastHour - i * HOUR_MS);
    if (v !== null && v !== undefined) valid.push(v);
  }
  return { exact: valid.length >= minHours ? mean(valid) : null, validHours: valid.length };
}

/**
 * GB 3095 §3 / Table 4 and HJ 663 Table A.1: O3 8-hour sliding means — for each hour from the first
 * to the last given, the mean of it and the seven before, valid with ≥ 6 hourly values.
 */
export function o3EightHourMeans(hours: readonly HourlyValue[]): EightHourMean[] {
  const byHour = indexHours(hours);
  if (byHour.size === 0) return [];
  const times = [...byHour.keys()];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const minHours = GB3095_VALIDITY.eightHourMinHours;
  const out: EightHourMean[] = [];
  for (let t = first; t <= last; t += HOUR_MS) {
    const { exact, validHours } = windowMean(byHour, t, minHours);
    out.push({
      windowStart: new Date(t - 7 * HOUR_MS),
      lastHourStart: new Date(t),
      value: exact === null ? null : roundGbt8170ToNumber(exact, 0),
      validHours,
    });
  }
  return out;
}

/**
 * HJ 663-2013 (docs/standards/gb3095-hj663.md §3 [unverified]): the daily maximum 8-hour O3 mean of a
 * China-local day — the largest of the 17 windows ending 08:00…24:00 (hours 00:00–08:00 …
 * 16:00–24:00), each valid with ≥ 6 hours. Valid with ≥ 14 valid windows; with fewer, valid only if
 * it exceeds `limitUgM3` (default: grade II, 160 µg/m³). Rounded per GB/T 8170 to an integer.
 */
export function dailyMaxO3EightHour(
  date: string,
  hours: readonly HourlyValue[],
  limitUgM3 = 160,
): DailyStatistic & { exceedsLimit: boolean } {
  const rules = hj663RulesFor(date);
  const start = chinaDayStart(date).getTime();
  const byHour = indexHours(hours);
  const [firstEnd, lastEnd] = rules.o3DailyWindowEndHours;
  let best: Rational | null = null;
  let count = 0;
  for (let end = firstEnd; end <= lastEnd; end += 1) {
    const { exact } = windowMean(byHour, start + (end - 1) * HOUR_MS, rules.eightHourMinHours);
    if (exact === null) continue;
    count += 1;
    if (best === null || ratCmp(exact, best) > 0) best = exact;
  }
  const value = best === null ? null : roundGbt8170ToNumber(best, 0);
  const exceedsLimit = value !== null && value > limitUgM3;
  const valid = value !== null && (count >= rules.o3DailyMinWindows || exceedsLimit);
  return { date, value: valid ? value : null, valid, count, exceedsLimit, rule: rules.id };
}

function percentileExact(values: readonly Rational[], p: number): Rational {
  if (values.length === 0) throw new RangeError('a percentile needs at least one value');
  if (!Number.isFinite(p) || p < 0 || p > 100)
    throw new RangeError(`percentile p = ${p} must be within 0–100`);
  const sorted = [...values].sort(ratCmp);
  // k = 1 + (n − 1) × p / 100 (1-based rank), s = ⌊k⌋, m = X(s) + (X(s+1) − X(s)) × (k − s)
  const k = ratAdd(
    rational(1n),
    ratDiv(ratMul(rational(BigInt(sorted.length - 1)), toRational(p)), rational(100n)),
  );
  const s = ratFloor(k);
  const lower = sorted[Number(s) - 1];
  if (lower === undefined) throw new RangeError(`percentile rank ${s} out of range`);
  const upper = sorted[Number(s)] ?? lower;
  return ratAdd(lower, ratMul(ratSub(upper, lower), ratSub(k, rational(s))));
}

/**
 * HJ 663-2013 §(percentile) formula [secondary, docs/standards/gb3095-hj663.md §4]: sort ascending,
 * k = 1 + (n − 1)·p/100, s = ⌊k⌋, m_p = X(s) + (X(s+1) − X(s))·(k − s) — computed exactly, not rounded.
 */
export function hj663Percentile(values: readonly number[], p: number): number {
  return ratToNumber(
    percentileExact(
      values.map((v, i) => {
        if (!Number.isFinite(v)) throw new RangeError(`values[${i}] = ${v}: must be a finite number`);
        return toRational(v);
      }),
      p,
    ),
  );
}

/**
 * HJ 663 exceedance multiple (超标倍数) = (C − S) / S, rounded per GB/T 8170 to 2 decimals
 * [unverified]; null when C ≤ S (not exceeding).
 */
export function exceedanceMultiple(value: number, limit: number, decimals = 2): number | null {
  if (!(limit > 0)) throw new RangeError(`limit ${limit} must be positive`);
  const c = toRational(value);
  const s = toRational(limit);
  if (ratCmp(c, s) <= 0) return null;
  return roundGbt8170ToNumber(ratDiv(ratSub(c, s), s), decimals);
}

/** GB 3095 Table 4: whether daily values make an annual mean valid (≥ 324 days, ≥ 27 a month, ≥ 25 in February). */
export interface AnnualValidity {
  valid: boolean;
  validDays: number;
  /** Months (1–12) with too few valid days. */
  shortMonths: number[];
}

/** GB 3095 Table 4: annual-mean data validity of a year's daily values (other years' dates are ignored). */
export function annualValidity(year: number, daily: readonly DailyValue[]): AnnualValidity {
  const perMonth = new Array<number>(12).fill(0);
  const seen = new Set<string>();
  for (const d of daily) {
    checkDate(d.date);
    if (seen.has(d.date)) throw new RangeError(`date ${d.date} is given twice`);
    seen.add(d.date);
    if (d.value === null || Number(d.date.slice(0, 4)) !== year) continue;
    const m = Number(d.date.slice(5, 7)) - 1;
    perMonth[m] = (perMonth[m] ?? 0) + 1;
  }
  const validDays = perMonth.reduce((a, b) => a + b, 0);
  const shortMonths = perMonth.flatMap((n, m) =>
    n < (m === 1 ? GB3095_VALIDITY.februaryMinDays : GB3095_VALIDITY.monthlyMinDays) ? [m + 1] : [],
  );
  return {
    valid: validDays >= GB3095_VALIDITY.annualMinDays && shortMonths.length === 0,
    validDays,
    shortMonths,
  };
}

/** One annual statistic compared with its limit. */
export interface EvaluatedStatistic {
  statistic: 'annual-mean' | 'percentile';
  p?: number;
  /** Rounded per GB/T 8170 (integer; CO 0.1 mg/m³); null with no valid day. */
  value: number | null;
  compareWith: 'annual' | '24h' | 'max8h';
  limit: number;
  /** null when the data are not valid for an annual statistic. */
  compliant: boolean | null;
  exceedanceMultiple: number | null;
}

/** Annual evaluation of one pollutant. */
export interface AnnualEvaluation {
  pollutant: Hj663Pollutant;
  year: number;
  rule: string;
  limitsVersion: Gb3095Version;
  limitsRule: string;
  grade: Gb3095Grade;
  validity: AnnualValidity;
  statistics: EvaluatedStatistic[];
  /** All statistics meet their limits; null when not valid. */
  compliant: boolean | null;
}

/**
 * HJ 663 annual evaluation of one pollutant at a site or city: the statistics of
 * {@link Hj663Rules.annualStatistics} (O3: give daily max 8-h values; others: daily means), each
 * compared with the GB 3095 limit of the period (see {@link PERIOD_LIMITS_RULE}).
 */
export function evaluateAnnual(
  pollutant: Hj663Pollutant,
  year: number,
  daily: readonly DailyValue[],
  grade: Gb3095Grade = 2,
): AnnualEvaluation {
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw new RangeError(`year ${year} is not a year`);
  const lastDate = `${String(year).padStart(4, '0')}-12-31`;
  const rules = hj663RulesFor(lastDate);
  const limitsVersion = periodLimitsVersion(lastDate);
  const validity = annualValidity(year, daily);
  const values = daily.flatMap((d) => {
    if (Number(d.date.slice(0, 4)) !== year) return [];
    const v = checkValue(`${pollutant} on ${d.date}`, d.value);
    return v === null ? [] : [v];
  });
  const decimals = decimalsOf(pollutant);
  const statistics = rules.annualStatistics[pollutant].map((s): EvaluatedStatistic => {
    const limit = gb3095Limit(pollutant, s.compareWith, grade, limitsVersion);
    let exact: Rational | null = null;
    if (values.length > 0) {
      switch (s.statistic) {
        case 'annual-mean':
          exact = mean(values);
          break;
        case 'percentile':
          exact = percentileExact(values, s.p ?? 50);
          break;
        default: {
          const impossible: never = s.statistic;
          throw new RangeError(`unknown statistic ${String(impossible)}`);
        }
      }
    }
    const value = exact === null ? null : ratToNumber(roundGbt8170(exact, decimals));
    return {
      statistic: s.statistic,
      ...(s.p === undefined ? {} : { p: s.p }),
      value,
      compareWith: s.compareWith,
      limit,
      compliant: value === null || !validity.valid ? null : value <= limit,
      exceedanceMultiple: value === null ? null : exceedanceMultiple(value, limit, rules.multipleDecimals),
    };
  });
  const judged = statistics.map((s) => s.compliant);
  return {
    pollutant,
    year,
    rule: rules.id,
    limitsVersion,
    limitsRule: PERIOD_LIMITS_RULE,
    grade,
    validity,
    statistics,
    compliant: judged.includes(null) ? null : judged.every(Boolean),
  };
}

/** Day-by-day compliance of one pollutant. */
export interface DailyCompliance {
  validDays: number;
  compliantDays: number;
  /** Compliant / valid days × 100, rounded to 1 decimal; null with no valid day. */
  ratePercent: number | null;
  /** Dates whose value exceeded that day's limit. */
  exceedingDates: string[];
}

/**
 * HJ 663 daily evaluation: each day's value (daily mean; O3 daily max 8-h) against that day's GB 3095
 * 24-h (O3: 8-h) limit; compliance rate = compliant / valid days × 100 % [unverified rounding].
 */
export function dailyCompliance(
  pollutant: Hj663Pollutant,
  daily: readonly DailyValue[],
  grade: Gb3095Grade = 2,
): DailyCompliance {
  let validDays = 0;
  const exceedingDates: string[] = [];
  for (const d of daily) {
    const v = checkValue(`${pollutant} on ${checkDate(d.date)}`, d.value);
    if (v === null) continue;
    validDays += 1;
    const limit = gb3095Limit(
      pollutant,
      pollutant === 'o3' ? 'max8h' : '24h',
      grade,
      gb3095VersionFor(d.date),
    );
    if (ratCmp(v, toRational(limit)) > 0) exceedingDates.push(d.date);
  }
  const compliantDays = validDays - exceedingDates.length;
  return {
    validDays,
    compliantDays,
    ratePercent: percent(compliantDays, validDays, HJ663_2013_RULES.percentDecimals),
    exceedingDates,
  };
}

function percent(part: number, whole: number, decimals: number): number | null {
  if (whole === 0) return null;
  return roundGbt8170ToNumber(ratDiv(rational(BigInt(part) * 100n), rational(BigInt(whole))), decimals);
}

/** Period statistics entering the comprehensive index (HJ 663 / 城市环境空气质量排名技术规定). */
export interface ComprehensiveIndexInput {
  /** Period means, µg/m³. */
  so2: number;
  no2: number;
  pm10: number;
  pm25: number;
  /** 95th percentile of daily means, mg/m³. */
  co: number;
  /** 90th percentile of daily max 8-h means, µg/m³. */
  o3: number;
}

/** The comprehensive air quality index of a period. */
export interface ComprehensiveIndex {
  /** I_sum rounded per GB/T 8170 to 2 decimals [unverified]. */
  value: number;
  /** Single indices C_i / S_i, rounded to 2 decimals. */
  single: Record<Hj663Pollutant, number>;
  /** The S_i used. */
  limits: Record<Hj663Pollutant, number>;
  limitsVersion: Gb3095Version;
  rule: string;
}

/**
 * 城市环境空气质量排名技术规定 (2018) / HJ 663 comprehensive index [secondary]:
 * I_sum = Σ w_i·C_i / S_i with S_i the GB 3095 grade-II annual limits (SO2, NO2, PM10, PM2.5), the
 * 24-h CO limit and the 8-h O3 limit in force on `lastDate` (2026 transition: PM10 60, PM2.5 30), and
 * weights from the rule set (all 1). The sum is of exact single indices, rounded once.
 */
export function comprehensiveIndex(input: ComprehensiveIndexInput, lastDate: string): ComprehensiveIndex {
  const rules = hj663RulesFor(lastDate);
  const limitsVersion = periodLimitsVersion(lastDate);
  const averaging = {
    so2: 'annual',
    no2: 'annual',
    pm10: 'annual',
    pm25: 'annual',
    co: '24h',
    o3: 'max8h',
  } as const;
  const keys = Object.keys(averaging) as Hj663Pollutant[];
  const limits = {} as Record<Hj663Pollutant, number>;
  const single = {} as Record<Hj663Pollutant, number>;
  const parts: Rational[] = [];
  for (const k of keys) {
    const c = checkValue(k, input[k]);
    if (c === null) throw new RangeError(`${k} is required for the comprehensive index`);
    limits[k] = gb3095Limit(k, averaging[k], 2, limitsVersion);
    const index = ratDiv(c, toRational(limits[k]));
    single[k] = roundGbt8170ToNumber(index, rules.comprehensiveIndexDecimals);
    parts.push(ratMul(index, toRational(rules.comprehensiveIndexWeights[k])));
  }
  return {
    value: roundGbt8170ToNumber(ratSum(parts), rules.comprehensiveIndexDecimals),
    single,
    limits,
    limitsVersion,
    rule: `${rules.id}: unweighted sum, 城市环境空气质量排名技术规定 (2018)`,
  };
}

/** Good-day ratio (优良天数比例). */
export interface GoodDayRatio {
  goodDays: number;
  validDays: number;
  /** Good / valid days × 100, rounded per GB/T 8170 to 1 decimal [unverified]; null with no valid day. */
  ratioPercent: number | null;
}

/**
 * HJ 663 优良天数比例 [unverified]: days with daily AQI ≤ 100 over days with a valid daily AQI
 * (null = no valid AQI, not counted). Ratios across 2026-03-01 mix HJ 633 versions.
 */
export function goodDayRatio(dailyAqi: readonly (number | null)[]): GoodDayRatio {
  let goodDays = 0;
  let validDays = 0;
  dailyAqi.forEach((aqi, i) => {
    if (aqi === null) return;
    if (!Number.isInteger(aqi) || aqi < 0) throw new RangeError(`dailyAqi[${i}] = ${aqi}: not an AQI`);
    validDays += 1;
    if (aqi <= 100) goodDays += 1;
  });
  return {
    goodDays,
    validDays,
    ratioPercent: percent(goodDays, validDays, HJ663_2013_RULES.percentDecimals),
  };
}
