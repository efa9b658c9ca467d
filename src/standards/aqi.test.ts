import { describe, expect, it } from 'vitest';
import {
  calcAqi,
  hj633VersionFor,
  type AqiInput,
  type AqiKind,
  type Hj633Version,
  type PollutantKey,
} from './aqi.js';
import { chinaLocalToUtc } from './china-time.js';

const china = (year: number, month: number, day: number, hour = 0): Date =>
  chinaLocalToUtc({ year, month, day, hour, minute: 0, second: 0, millisecond: 0 });

const CLEAN_RT = { so2: 5, no2: 20, co: 0.5, o3: 60, pm10: 40, pm25: 20 } as const;
const CLEAN_DAY_2012 = { so2: 5, no2: 20, co: 0.5, o3: 80, o3_8h: 60, pm10: 40, pm25: 20 } as const;
const CLEAN_DAY_2026 = { so2: 5, no2: 20, co: 0.5, o3_8h: 60, pm10: 40, pm25: 20 } as const;

describe('calcAqi: version by China-local date (docs/standards/hj633-aqi.md §1)', () => {
  it.each([
    [china(2026, 2, 28, 23), '2012'], // the hour published as 2026-03-01 00:00
    [china(2026, 2, 28, 0), '2012'],
    [china(2026, 3, 1, 0), '2026'],
    [new Date('2026-02-28T16:00:00Z'), '2026'], // = 2026-03-01 00:00 China time
    [new Date('2026-02-28T15:59:59Z'), '2012'],
    [china(2016, 1, 1), '2012'],
  ])('%s → %s', (at, version) => {
    expect(hj633VersionFor(at)).toBe(version);
  });

  it('PM2.5 70 µg/m³ one hour apart across the switch: 2012 → 94, 2026 → 110', () => {
    const before = calcAqi({ kind: 'realtime', at: china(2026, 2, 28, 23), ...CLEAN_RT, pm25: 70 });
    const after = calcAqi({ kind: 'realtime', at: china(2026, 3, 1, 0), ...CLEAN_RT, pm25: 70 });
    expect(before).toMatchObject({ standard: 'HJ 633-2012', aqi: 94, category: '良' });
    expect(after).toMatchObject({ standard: 'HJ 633-2026', aqi: 110, category: '轻度污染' });
  });

  it('a named standard wins over the date', () => {
    expect(calcAqi({ kind: 'realtime', standard: '2012', at: china(2026, 5, 1), ...CLEAN_RT }).standard).toBe(
      'HJ 633-2012',
    );
  });

  it('needs a standard or a date', () => {
    expect(() => calcAqi({ kind: 'realtime', ...CLEAN_RT })).toThrow(/give either standard/);
    expect(() => calcAqi({ kind: 'realtime', at: new Date(Number.NaN), ...CLEAN_RT })).toThrow(
      /invalid Date/,
    );
  });
});

describe('calcAqi: result fields', () => {
  it('real-time 2026: PM2.5 80 → AQI 119 light pollution, orange, primary PM2.5, no exceeding field', () => {
    // 100 + 50 × (80 − 60) / (115 − 60) = 118.18 → 119
    const r = calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, pm25: 80 });
    expect(r).toMatchObject({
      standard: 'HJ 633-2026',
      kind: 'realtime',
      aqi: 119,
      level: 3,
      category: '轻度污染',
      categoryEn: 'Lightly polluted',
      color: '#FF7E00',
      primary: ['pm25'],
      missing: [],
      unused: [],
    });
    expect(r.exceeding).toBeUndefined();
    expect(r.measures?.zh).toContain('青少年儿童');
    expect(r.advice?.en).toMatch(/healthy people/);
    expect(Object.keys(r.iaqi)).toEqual(['so2', 'no2', 'co', 'o3', 'pm10', 'pm25']);
  });

  it('real-time 2012: PM2.5 80 → 107 with PM2.5 exceeding', () => {
    // 100 + 50 × (80 − 75) / 40 = 106.25 → 107
    const r = calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, pm25: 80, pm10: 160 });
    expect(r).toMatchObject({ aqi: 107, primary: ['pm25'], exceeding: ['pm10', 'pm25'] });
    expect(r.iaqi.pm10).toBe(105);
    expect(r.measures?.zh).toBe('儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼');
  });

  it('no primary pollutant when AQI ≤ 50', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, pm25: 35 });
    expect(r).toMatchObject({ aqi: 50, level: 1, category: '优', primary: [] });
  });

  it('ties: all pollutants with the top IAQI are primary (compared after ceiling)', () => {
    // PM10 120 → 100 (2026); PM2.5 59.6 → 60 → 100; NO2 1-h 200 → 100
    const r = calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, pm10: 120, pm25: 59.6, no2: 200 });
    expect(r).toMatchObject({ aqi: 100, primary: ['no2', 'pm10', 'pm25'] });
  });

  it('daily 2012 uses 24-h columns, the O3 max 1-h and max 8-h values', () => {
    // SO2 24-h 160 → 100 + 50 × 10 / 325 = 101.5 → 102; O3 8-h 170 → 100 + 50 × 10 / 55 = 109.1 → 110
    const r = calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, so2: 160, o3_8h: 170 });
    expect(r).toMatchObject({ aqi: 110, primary: ['o3_8h'], exceeding: ['so2', 'o3_8h'] });
    expect(r.iaqi.so2).toBe(102);
  });

  it('daily 2026 drops the O3 1-h value and says so', () => {
    const r = calcAqi({ kind: 'daily', standard: '2026', ...CLEAN_DAY_2026, o3: 250 });
    expect(r.unused).toEqual(['o3']);
    expect(r.iaqi.o3).toBeUndefined();
    expect(r.aqi).toBe(40); // PM10 40 → 40
  });

  it('real time ignores an O3 8-h value and says so', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, o3_8h: 300 });
    expect(r.unused).toEqual(['o3_8h']);
    expect(r.iaqi.o3_8h).toBeUndefined();
  });

  it('AQI stays within 0–500 and never falls as one pollutant rises, past the top of the table', () => {
    for (const standard of ['2012', '2026'] as const) {
      let last = 0;
      for (let pm25 = 0; pm25 <= 700; pm25 += 1) {
        const r = calcAqi({ kind: 'realtime', standard, ...CLEAN_RT, pm25 });
        const aqi = r.aqi ?? -1;
        expect(aqi).toBeGreaterThanOrEqual(last);
        expect(aqi).toBeLessThanOrEqual(500);
        last = aqi;
      }
    }
  });
});

describe('calcAqi: special rules above the tables (2012 Table 1 / 2026 Table 3 notes 2 and 3)', () => {
  it('2012 real-time SO2 1-h > 800 → IAQI from the 24-h mean', () => {
    // SO2 24-h 500 → 150 + 50 × 25 / 325 = 153.8 → 154
    const r = calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, so2: 850, so2_24h: 500 });
    expect(r).toMatchObject({ aqi: 154, primary: ['so2'] });
    expect(r.specialRules[0]).toMatch(/note 2/);
  });

  it('2012 real-time SO2 1-h > 800 without the 24-h mean asks for it', () => {
    expect(() => calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, so2: 801 })).toThrow(
      /give so2_24h/,
    );
  });

  it('SO2 1-h exactly 800 (and 800.4, rounding to 800) is still on the table: 200', () => {
    expect(calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, so2: 800.4 }).iaqi.so2).toBe(200);
  });

  it('2026 real-time SO2 1-h > 800 → IAQI 200', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, so2: 1500 });
    expect(r).toMatchObject({ aqi: 200, primary: ['so2'], category: '中度污染' });
  });

  it('2012 daily O3 8-h > 800 → O3 IAQI from the 1-h value', () => {
    // O3 1-h 900 → 300 + 100 × 100 / 200 = 350
    const r = calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, o3: 900, o3_8h: 850 });
    expect(r).toMatchObject({ aqi: 350, primary: ['o3'], level: 6 });
    expect(r.iaqi.o3_8h).toBeUndefined();
    expect(r.specialRules[0]).toMatch(/note 3/);
  });

  it('2012 daily O3 8-h > 800 without the 1-h value asks for it', () => {
    expect(() =>
      calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, o3: null, o3_8h: 801 }),
    ).toThrow(/give o3/);
  });

  it('2026 daily O3 8-h > 800 → IAQI 300', () => {
    const r = calcAqi({ kind: 'daily', standard: '2026', ...CLEAN_DAY_2026, o3_8h: 900 });
    expect(r).toMatchObject({ aqi: 300, primary: ['o3_8h'], level: 5 });
  });
});

describe('calcAqi: missing data', () => {
  const missingPm10 = (standard: '2012' | '2026', pm25: number): AqiInput => ({
    kind: 'realtime',
    standard,
    ...CLEAN_RT,
    pm10: null,
    pm25,
  });

  it('2026 §5: a pollutant missing and AQI ≤ 100 → NA, with the sub-indices still reported', () => {
    const r = calcAqi(missingPm10('2026', 60));
    expect(r).toMatchObject({
      aqi: null,
      level: null,
      category: null,
      color: null,
      primary: [],
      missing: ['pm10'],
    });
    expect(r.advice).toBeNull();
    expect(r.iaqi.pm25).toBe(100);
    expect(r.missingDataRule).toBe('na-unless-above-100');
  });

  it('2026 §5: a pollutant missing and AQI > 100 → published', () => {
    expect(calcAqi(missingPm10('2026', 61))).toMatchObject({
      aqi: 101,
      primary: ['pm25'],
      missing: ['pm10'],
    });
  });

  it('absent counts as missing, unless declared not monitored', () => {
    expect(calcAqi({ kind: 'realtime', standard: '2026', pm25: 40 }).aqi).toBeNull();
    const r = calcAqi({
      kind: 'realtime',
      standard: '2026',
      pm25: 40,
      notMonitored: ['so2', 'no2', 'co', 'o3', 'pm10'],
    });
    expect(r).toMatchObject({ aqi: 60, missing: [] }); // 50 + 50 × 5 / 25
  });

  it('2012: AQI from the available pollutants (CNEMC practice), overridable', () => {
    expect(calcAqi(missingPm10('2012', 20))).toMatchObject({ aqi: 29, missingDataRule: 'from-available' });
    expect(calcAqi({ ...missingPm10('2012', 20), missingDataRule: 'na-unless-above-100' }).aqi).toBeNull();
  });

  it('nothing to compute from → NA', () => {
    expect(calcAqi({ kind: 'daily', standard: '2012' }).aqi).toBeNull();
  });
});

describe('calcAqi: bad input', () => {
  it.each([
    [{ pm25: -1 }, /pm25 = -1: a concentration must not be negative/],
    [{ co: Number.NaN }, /co = NaN: a concentration must be finite/],
    [{ no2: Infinity }, /no2 = Infinity/],
    [{ so2: '12' as unknown as number }, /so2 = "12": a concentration must be a number/],
  ])('%o throws', (bad, message) => {
    expect(() => calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, ...bad })).toThrow(message);
    expect(() => calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, ...bad })).toThrow(RangeError);
  });

  it('rejects an unknown kind or standard', () => {
    expect(() => calcAqi({ kind: 'hourly' as 'realtime', standard: '2026' })).toThrow(/kind must be/);
    expect(() => calcAqi({ kind: 'daily', standard: '2013' as '2012' })).toThrow(/unknown HJ 633 version/);
  });

  it("rejects the old aboveTable: 'throw' even when nothing is above the table", () => {
    expect(() =>
      calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, aboveTable: 'throw' as 'refuse' }),
    ).toThrow('aboveTable must be "cap" or "refuse", got "throw"');
  });
});

/**
 * The top breakpoint of every column a report looks up (docs/standards/hj633-aqi.md §2), with the next value
 * above it after rounding (1 µg/m³, CO 0.1 mg/m³). SO2 1-h and O3 8-h are absent: above 800 they
 * follow notes 2 and 3, tested above.
 */
type Top = [standard: Hj633Version, kind: AqiKind, key: PollutantKey, top: number, above: number];
const TOPS: readonly Top[] = [
  ...(['2012', '2026'] as const).flatMap((standard): Top[] => [
    [standard, 'realtime', 'no2', 3840, 3841],
    [standard, 'realtime', 'co', 150, 150.1],
    [standard, 'realtime', 'o3', 1200, 1201],
    [standard, 'realtime', 'pm10', 600, 601],
    [standard, 'realtime', 'pm25', 500, 501],
    [standard, 'daily', 'so2', 2620, 2621],
    [standard, 'daily', 'no2', 940, 941],
    [standard, 'daily', 'co', 60, 60.1],
    [standard, 'daily', 'pm10', 600, 601],
    [standard, 'daily', 'pm25', 500, 501],
  ]),
  ['2012', 'daily', 'o3', 1200, 1201], // the 2026 daily report has no O3 1-h column (note 1)
];

const clean = (standard: Hj633Version, kind: AqiKind): Partial<AqiInput> =>
  kind === 'realtime' ? CLEAN_RT : standard === '2012' ? CLEAN_DAY_2012 : CLEAN_DAY_2026;

describe('calcAqi: above the table → IAQI 500, as CNEMC publishes (docs/standards/hj633-aqi.md §6)', () => {
  it.each(TOPS)('%s %s %s: %d is on the table (500), %d is above it (500, beyondTable)', (...row) => {
    const [standard, kind, key, top, above] = row;
    const base = { kind, standard, ...clean(standard, kind) };
    const at = calcAqi({ ...base, [key]: top });
    expect(at).toMatchObject({ aqi: 500, primary: [key], beyondTable: [], category: '严重污染' });
    expect(at.iaqi[key]).toBe(500);
    const beyond = calcAqi({ ...base, [key]: above });
    expect(beyond).toMatchObject({ aqi: 500, level: 6, primary: [key], beyondTable: [key] });
    expect(beyond.iaqi[key]).toBe(500);
    expect(beyond.category).toBe('严重污染');
    expect(beyond.categoryEn).toBe('Severely polluted');
  });

  it('rounds first: PM2.5 500.5 (GB/T 8170, to even) is on the table, 500.51 above it', () => {
    const rt = { kind: 'realtime', standard: '2026', ...CLEAN_RT } as const;
    expect(calcAqi({ ...rt, pm25: 500.5 }).beyondTable).toEqual([]);
    expect(calcAqi({ ...rt, pm25: 500.51 }).beyondTable).toEqual(['pm25']);
  });

  it('every result carries beyondTable, empty when nothing is above the table', () => {
    expect(calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT }).beyondTable).toEqual([]);
    expect(calcAqi({ kind: 'daily', standard: '2012' }).beyondTable).toEqual([]);
  });

  it('the acceptance case: real-time 2026 PM10 800, PM2.5 90 → 500, PM10 primary', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2026', pm10: 800, pm25: 90 });
    expect(r).toMatchObject({ aqi: 500, primary: ['pm10'], beyondTable: ['pm10'], category: '严重污染' });
    expect(r.iaqi.pm25).toBe(128); // 100 + 50 × 30 / 55 = 127.3 → 128
    expect(r.missing).toEqual(['so2', 'no2', 'co', 'o3']); // published anyway: 500 > 100 (§5)
  });

  it('two pollutants above the table are both primary and both listed', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, pm10: 900, pm25: 700 });
    expect(r).toMatchObject({ aqi: 500, primary: ['pm10', 'pm25'], beyondTable: ['pm10', 'pm25'] });
    expect(r.exceeding).toEqual(['pm10', 'pm25']);
  });

  it('notes 2 and 3 are not "above the table": SO2 1-h and O3 8-h above 800 keep their rules', () => {
    const so2 = calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, so2: 5000 });
    expect(so2).toMatchObject({ aqi: 200, beyondTable: [] });
    const o3 = calcAqi({ kind: 'daily', standard: '2026', ...CLEAN_DAY_2026, o3_8h: 5000 });
    expect(o3).toMatchObject({ aqi: 300, beyondTable: [] });
    const o3Day2012 = calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, o3: 900, o3_8h: 5000 });
    expect(o3Day2012).toMatchObject({ aqi: 350, primary: ['o3'], beyondTable: [] });
  });

  it('2012 note 2 with the 24-h SO2 mean itself above its column: 500, SO2 listed', () => {
    const r = calcAqi({ kind: 'realtime', standard: '2012', ...CLEAN_RT, so2: 3000, so2_24h: 2700 });
    expect(r).toMatchObject({ aqi: 500, primary: ['so2'], beyondTable: ['so2'] });
    expect(r.specialRules[0]).toMatch(/note 2/);
  });

  it('2012 daily note 3 with the 1-h O3 above its column: 500, O3 listed', () => {
    const r = calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, o3: 1300, o3_8h: 900 });
    expect(r).toMatchObject({ aqi: 500, primary: ['o3'], beyondTable: ['o3'] });
  });
});

describe("calcAqi: aboveTable: 'refuse' (strict, opt-in)", () => {
  it.each(TOPS)('%s %s %s: %d is still computed, %d is refused', (...row) => {
    const [standard, kind, key, top, above] = row;
    const base = { kind, standard, ...clean(standard, kind), aboveTable: 'refuse' } as const;
    expect(calcAqi({ ...base, [key]: top }).aqi).toBe(500);
    expect(() => calcAqi({ ...base, [key]: above })).toThrow(RangeError);
    expect(() => calcAqi({ ...base, [key]: above })).toThrow(`${key} = ${above} `);
  });

  it('names the pollutant, the value, the top breakpoint, the table and the default', () => {
    expect(() =>
      calcAqi({ kind: 'realtime', standard: '2026', ...CLEAN_RT, pm10: 800, aboveTable: 'refuse' }),
    ).toThrow(
      'pm10 = 800 µg/m³ is above the top breakpoint 600 µg/m³ of HJ 633-2026 Table 3 (pm10_24h), ' +
        'where the table gives no IAQI: refused in strict mode (the default reports IAQI 500, as CNEMC publishes)',
    );
    expect(() =>
      calcAqi({ kind: 'daily', standard: '2012', ...CLEAN_DAY_2012, co: 61, aboveTable: 'refuse' }),
    ).toThrow(/^co = 61 mg\/m³ is above the top breakpoint 60 mg\/m³ of HJ 633-2012 Table 1 \(co_24h\)/);
  });

  it('leaves notes 2 and 3 alone', () => {
    const strict = { standard: '2026', aboveTable: 'refuse' } as const;
    expect(calcAqi({ kind: 'realtime', ...strict, ...CLEAN_RT, so2: 5000 }).aqi).toBe(200);
    expect(calcAqi({ kind: 'daily', ...strict, ...CLEAN_DAY_2026, o3_8h: 5000 }).aqi).toBe(300);
  });
});
