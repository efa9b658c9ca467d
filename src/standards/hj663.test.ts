import { describe, expect, it } from 'vitest';
import { chinaDayStart, DAY_MS, HOUR_MS } from './china-time.js';
import {
  annualValidity,
  comprehensiveIndex,
  dailyCompliance,
  dailyMaxO3EightHour,
  dailyMean,
  evaluateAnnual,
  exceedanceMultiple,
  goodDayRatio,
  hj663Percentile,
  hj663RulesFor,
  HJ663_2013_RULES,
  HJ663_2026_RULES,
  o3EightHourMeans,
  type DailyValue,
  type HourlyValue,
} from './hj663.js';

/** Hourly values of a China-local day, hour i starting at i:00; `values[i]` undefined = absent. */
function day(date: string, values: readonly (number | null)[]): HourlyValue[] {
  const start = chinaDayStart(date).getTime();
  return values.map((value, i) => ({ hourStart: new Date(start + i * HOUR_MS), value }));
}

/** Every day of a year with `valueOf(dayIndex, date)`. */
function year(y: number, valueOf: (i: number, date: string) => number | null): DailyValue[] {
  const out: DailyValue[] = [];
  for (let t = Date.UTC(y, 0, 1), i = 0; new Date(t).getUTCFullYear() === y; t += DAY_MS, i += 1) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push({ date, value: valueOf(i, date) });
  }
  return out;
}

describe('HJ 663 rule versions', () => {
  it('switches on 2026-03-01 and names the rule set', () => {
    expect(hj663RulesFor('2026-02-28')).toBe(HJ663_2013_RULES);
    expect(hj663RulesFor('2026-03-01')).toBe(HJ663_2026_RULES);
    expect(HJ663_2026_RULES.id).toMatch(/assumed identical/);
    expect(HJ663_2026_RULES.annualStatistics).toEqual(HJ663_2013_RULES.annualStatistics);
  });

  it('uses the reference percentiles: SO2/NO2 98, PM 95, CO 95, O3 90 (docs/standards/gb3095-hj663.md §4)', () => {
    const p = Object.fromEntries(
      Object.entries(HJ663_2013_RULES.annualStatistics).map(([k, stats]) => [
        k,
        stats.map((s) => s.p ?? 'mean'),
      ]),
    );
    expect(p).toEqual({
      so2: ['mean', 98],
      no2: ['mean', 98],
      pm10: ['mean', 95],
      pm25: ['mean', 95],
      co: [95],
      o3: [90],
    });
  });
});

describe('HJ 663 percentile (docs/standards/gb3095-hj663.md §4)', () => {
  it('the reference example: {3, 4, 8, 2, 5, 4}, p = 90 → k = 5.5 → 5 + (8 − 5) × 0.5 = 6.5', () => {
    expect(hj663Percentile([3, 4, 8, 2, 5, 4], 90)).toBe(6.5);
  });

  it.each([
    // hand-worked: sorted {2, 3, 4, 4, 5, 8}
    [0, 2], // k = 1
    [50, 4], // k = 3.5 → 4 + 0 × 0.5
    [100, 8], // k = 6
    [20, 3], // k = 2 → X(2)
    [30, 3.5], // k = 2.5 → 3 + (4 − 3) × 0.5
  ])('same set, p = %d → %d', (p, expected) => {
    expect(hj663Percentile([3, 4, 8, 2, 5, 4], p)).toBe(expected);
  });

  it('values 1…100, p = 98 → k = 1 + 99 × 0.98 = 98.02 → 98 + 1 × 0.02 = 98.02 (exact, no float drift)', () => {
    expect(
      hj663Percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        98,
      ),
    ).toBe(98.02);
  });

  it('one value is every percentile; bad input throws', () => {
    expect(hj663Percentile([7], 95)).toBe(7);
    expect(() => hj663Percentile([], 95)).toThrow(/at least one value/);
    expect(() => hj663Percentile([1, 2], 101)).toThrow(/within 0–100/);
    expect(() => hj663Percentile([1, Number.NaN], 50)).toThrow(/values\[1\]/);
  });
});

describe('daily mean (GB 3095 Table 4: ≥ 20 hours)', () => {
  it('hours 1…24 µg/m³ → 12.5 → 12 (GB/T 8170: 5 alone, 2 even)', () => {
    const r = dailyMean(
      'pm25',
      '2025-06-01',
      day(
        '2025-06-01',
        Array.from({ length: 24 }, (_, i) => i + 1),
      ),
    );
    expect(r).toEqual({ date: '2025-06-01', value: 12, valid: true, count: 24, rule: 'HJ 663-2013' });
  });

  it('20 valid hours suffice, 19 do not', () => {
    const twenty = [...Array<number>(20).fill(10), null, null, null, null];
    expect(dailyMean('so2', '2025-06-01', day('2025-06-01', twenty))).toMatchObject({
      value: 10,
      valid: true,
      count: 20,
    });
    const nineteen = [...Array<number>(19).fill(10), null, null, null, null, null];
    expect(dailyMean('so2', '2025-06-01', day('2025-06-01', nineteen))).toMatchObject({
      value: null,
      valid: false,
    });
  });

  it('CO to 0.1 mg/m³: 12 hours 0.4 and 12 hours 0.5 → 0.45 → 0.4', () => {
    const values = [...Array<number>(12).fill(0.4), ...Array<number>(12).fill(0.5)];
    expect(dailyMean('co', '2025-06-01', day('2025-06-01', values)).value).toBe(0.4);
  });

  it('takes only the hours 00:00–24:00 China time of that day', () => {
    const hours = [
      ...day('2025-05-31', Array<number>(24).fill(500)),
      ...day('2025-06-01', Array<number>(24).fill(20)),
    ];
    expect(dailyMean('no2', '2025-06-01', hours).value).toBe(20);
  });

  it('rejects duplicate hours, off-hour times and negative values', () => {
    const h = day('2025-06-01', [1]);
    expect(() => dailyMean('no2', '2025-06-01', [...h, ...h])).toThrow(/given twice/);
    expect(() =>
      dailyMean('no2', '2025-06-01', [{ hourStart: new Date(Date.UTC(2025, 5, 1, 0, 30)), value: 1 }]),
    ).toThrow(/not the start of an hour/);
    expect(() => dailyMean('no2', '2025-06-01', day('2025-06-01', [-1]))).toThrow(/must not be negative/);
  });
});

describe('O3 8-hour means', () => {
  it('sliding means over the current and 7 previous hours, ≥ 6 valid', () => {
    const means = o3EightHourMeans(
      day('2025-06-01', [100, 110, 120, 130, 140, 150, 160, 170, null, null, null]),
    );
    expect(means).toHaveLength(11);
    expect(means[7]).toMatchObject({ value: 135, validHours: 8 }); // (100 + … + 170) / 8
    expect(means[7]?.windowStart).toEqual(chinaDayStart('2025-06-01'));
    expect(means[5]).toMatchObject({ value: 125, validHours: 6 }); // hours 0–5 only: 750 / 6
    expect(means[4]).toMatchObject({ value: null, validHours: 5 });
    expect(means[9]).toMatchObject({ value: 145, validHours: 6 }); // 120 … 170 → 870 / 6
    expect(means[10]).toMatchObject({ value: null, validHours: 5 });
  });

  it('daily max 8-h: 17 windows ending 08:00…24:00; hour i = 10·i µg/m³ → max = mean of 160…230 = 195', () => {
    const hours = [
      ...day(
        '2025-06-01',
        [
          500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
          500, 500, 500, 500,
        ],
      ),
      ...day(
        '2025-06-02',
        Array.from({ length: 24 }, (_, i) => 10 * i),
      ),
    ];
    // The previous day's 500s would enter windows ending 01:00–07:00; the HJ 663-2013 day excludes them.
    expect(dailyMaxO3EightHour('2025-06-02', hours)).toEqual({
      date: '2025-06-02',
      value: 195,
      valid: true,
      count: 17,
      exceedsLimit: true,
      rule: 'HJ 663-2013',
    });
  });

  it('fewer than 14 valid windows: valid only when above the limit', () => {
    // Hours 0–9 missing → window ending e has min(8, e − 10) valid hours; valid for e = 16…24 (9 windows).
    const high = Array.from({ length: 24 }, (_, i) => (i < 10 ? null : 10 * i));
    expect(dailyMaxO3EightHour('2025-06-02', day('2025-06-02', high))).toMatchObject({
      value: 195,
      valid: true,
      count: 9,
    });
    // 5·i: max window 16…23 → 97.5 → 98 (GB/T 8170, 7 odd → up), below 160 → not valid
    const low = Array.from({ length: 24 }, (_, i) => (i < 10 ? null : 5 * i));
    expect(dailyMaxO3EightHour('2025-06-02', day('2025-06-02', low))).toMatchObject({
      value: null,
      valid: false,
      count: 9,
    });
    const lowFull = Array.from({ length: 24 }, (_, i) => 5 * i);
    expect(dailyMaxO3EightHour('2025-06-02', day('2025-06-02', lowFull)).value).toBe(98);
  });
});

describe('exceedance multiple (C − S) / S', () => {
  it.each([
    [90, 75, 0.2],
    [75, 75, null],
    [60, 75, null],
    [100, 60, 0.67], // 0.666… → 0.67
    [100, 75, 0.33],
  ])('C = %d, S = %d → %s', (c, s, expected) => {
    expect(exceedanceMultiple(c, s)).toBe(expected);
  });
});

describe('annual evaluation (hand-worked)', () => {
  // 2025: 335 days at 20 µg/m³, the last 30 days at 100.
  // Mean = (335 × 20 + 30 × 100) / 365 = 9700 / 365 = 26.58 → 27.
  // P95: k = 1 + 364 × 0.95 = 346.8; X(346) = X(347) = 100 → 100.
  const pm = (y: number): DailyValue[] => year(y, (i) => (i >= 335 ? 100 : 20));

  it('PM2.5 2025 under GB 3095-2012: mean 27 ≤ 35, P95 100 > 75 (0.33×) → not compliant', () => {
    const r = evaluateAnnual('pm25', 2025, pm(2025));
    expect(r).toMatchObject({ rule: 'HJ 663-2013', limitsVersion: '2012', compliant: false });
    expect(r.validity).toEqual({ valid: true, validDays: 365, shortMonths: [] });
    expect(r.statistics).toEqual([
      {
        statistic: 'annual-mean',
        value: 27,
        compareWith: 'annual',
        limit: 35,
        compliant: true,
        exceedanceMultiple: null,
      },
      {
        statistic: 'percentile',
        p: 95,
        value: 100,
        compareWith: '24h',
        limit: 75,
        compliant: false,
        exceedanceMultiple: 0.33,
      },
    ]);
  });

  it('the same data in 2026 are judged on the GB 3095-2026 transition limits (30 / 60)', () => {
    const r = evaluateAnnual('pm25', 2026, pm(2026));
    expect(r.rule).toBe(HJ663_2026_RULES.id);
    expect(r.limitsVersion).toBe('2026-transition');
    expect(r.statistics.map((s) => [s.value, s.limit, s.compliant, s.exceedanceMultiple])).toEqual([
      [27, 30, true, null],
      [100, 60, false, 0.67],
    ]);
  });

  it('CO: only the 95th percentile of daily means, against the 24-h limit 4 mg/m³', () => {
    // 2025: 20 days at 5.0 mg/m³, 345 days at 0.5.
    const r = evaluateAnnual(
      'co',
      2025,
      year(2025, (i) => (i < 20 ? 5 : 0.5)),
    );
    // 345 × 0.5 then 20 × 5.0; k = 346.8 → X(346) = 5.0, X(347) = 5.0 → 5.0 > 4 → 0.25×
    expect(r.statistics).toEqual([
      {
        statistic: 'percentile',
        p: 95,
        value: 5,
        compareWith: '24h',
        limit: 4,
        compliant: false,
        exceedanceMultiple: 0.25,
      },
    ]);
  });

  it('too few days in February → not valid, compliance null', () => {
    const data = pm(2025).map((d) =>
      d.date >= '2025-02-01' && d.date <= '2025-02-04' ? { ...d, value: null } : d,
    );
    const r = evaluateAnnual('pm25', 2025, data);
    expect(r.validity).toEqual({ valid: false, validDays: 361, shortMonths: [2] });
    expect(r.compliant).toBeNull();
    // The first 300 days run to 27 October (27 days, enough); November and December are empty.
    expect(annualValidity(2025, pm(2025).slice(0, 300)).shortMonths).toEqual([11, 12]);
  });
});

describe('daily compliance and good-day ratio', () => {
  it('each day against its own limit: PM2.5 70 passes on 2026-02-28 (75), fails on 2026-03-01 (60)', () => {
    const r = dailyCompliance('pm25', [
      { date: '2026-02-28', value: 70 },
      { date: '2026-03-01', value: 70 },
      { date: '2026-03-02', value: null },
    ]);
    expect(r).toEqual({ validDays: 2, compliantDays: 1, ratePercent: 50, exceedingDates: ['2026-03-01'] });
  });

  it('O3 is judged on the daily max 8-h limit', () => {
    expect(dailyCompliance('o3', [{ date: '2025-07-01', value: 161 }]).exceedingDates).toEqual([
      '2025-07-01',
    ]);
  });

  it.each([
    [[50, 100, 101, null, 300], 2, 4, 50],
    [[1, 1, 200], 2, 3, 66.7], // 66.666… → 66.7
    [[null], 0, 0, null],
  ])('%o → %i good of %i = %s %', (aqis, goodDays, validDays, ratioPercent) => {
    expect(goodDayRatio(aqis)).toEqual({ goodDays, validDays, ratioPercent });
  });

  it('rejects a non-integer AQI', () => {
    expect(() => goodDayRatio([50.5])).toThrow(/not an AQI/);
  });
});

describe('comprehensive index (docs/standards/gb3095-hj663.md §5)', () => {
  const input = { so2: 9, no2: 30, pm10: 60, pm25: 32, co: 1.1, o3: 170 };

  it('2025: 9/60 + 30/40 + 60/70 + 32/35 + 1.1/4 + 170/160 = 4.0089… → 4.01', () => {
    const r = comprehensiveIndex(input, '2025-12-31');
    expect(r.value).toBe(4.01);
    expect(r.single).toEqual({ so2: 0.15, no2: 0.75, pm10: 0.86, pm25: 0.91, co: 0.28, o3: 1.06 });
    expect(r.limits).toEqual({ so2: 60, no2: 40, pm10: 70, pm25: 35, co: 4, o3: 160 });
    expect(r.rule).toMatch(/^HJ 663-2013: unweighted/);
  });

  it('2026 (GB 3095-2026 transition S: PM10 60, PM2.5 30): 0.15 + 0.75 + 1 + 1.0667 + 0.275 + 1.0625 = 4.3042 → 4.30', () => {
    const r = comprehensiveIndex(input, '2026-12-31');
    expect(r.value).toBe(4.3);
    expect(r.limitsVersion).toBe('2026-transition');
    expect(r.rule).toMatch(/HJ 663-2026 \(assumed/);
  });

  it('requires all six', () => {
    expect(() => comprehensiveIndex({ ...input, co: null as unknown as number }, '2025-12-31')).toThrow(
      /co is required/,
    );
  });
});
