import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../standards/china-time.js';
import {
  GAS_VALIDITY_RULES,
  classifyFlag,
  compareDeviceHourly,
  correctedHourlyMeans,
  dailyLoads,
  dailyMeans,
  hourlyLoads,
  hourlyMeans,
  outletTransmission,
  transmissionStats,
  type AggregateValue,
  type SeriesPoint,
} from './source-series.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const t0 = parseTimeAsChina('2026-03-15T08:00');

/** Points every `step` minutes from `start`: a number, null (no value) or [value, flag]. */
function series(
  start: Date,
  step: number,
  items: readonly (number | null | readonly [number | null, string])[],
): SeriesPoint[] {
  return items.map((it, i) => ({
    periodStart: new Date(start.getTime() + i * step * MIN),
    value: Array.isArray(it) ? (it as readonly [number | null, string])[0] : (it as number | null),
    flag: Array.isArray(it) ? (it as readonly [number | null, string])[1] : 'N',
  }));
}

const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('classifyFlag (HJ 212-2017 Table 8, docs/standards/hj212.md §5)', () => {
  it.each([
    ['N', 'normal'],
    [null, 'normal'],
    ['T', 'over-range'],
    ['F', 'invalid'],
    ['M', 'invalid'],
    ['S', 'invalid'],
    ['D', 'invalid'],
    ['C', 'invalid'],
    ['B', 'invalid'],
    ['St', 'invalid'],
    ['n', 'invalid'],
  ] as const)('%s → %s', (flag, cls) => {
    expect(classifyFlag(flag)).toBe(cls);
  });

  it('2005 air-station flag 3 is normal, 2 abnormal; P (power failure) invalid', () => {
    expect(classifyFlag('3', '2005')).toBe('normal');
    expect(classifyFlag('2', '2005')).toBe('invalid');
    expect(classifyFlag('P', '2005')).toBe('invalid');
  });
});

// Gas: hour ≥ 45 valid minute means, day ≥ 20 valid hours; hour normal when ≥ 75 % normal
// (HJ 212-2017 App. D and notes to C.16–C.18, docs/standards/hj212.md §5; docs/standards/emission-limits.md §6).
describe('gas hourly means', () => {
  it('45 valid minutes + 15 flagged M: valid, mean of the 45 only', () => {
    const pts = series(t0, 1, [...repeat(45, 30), ...repeat(15, [500, 'M'] as const)]);
    const [h] = hourlyMeans(pts, { intervalMinutes: 1, medium: 'gas' });
    expect(h).toMatchObject({ valid: true, value: 30, flag: 'N', invalidReason: null });
    expect(h?.counts).toMatchObject({ expected: 60, received: 60, valid: 45, flagged: { M: 15 } });
  });

  it('44 valid + 16 flagged: the flag rule (< 75 % normal) makes it D', () => {
    const pts = series(t0, 1, [...repeat(44, 30), ...repeat(16, [30, 'C'] as const)]);
    const [h] = hourlyMeans(pts, { intervalMinutes: 1, medium: 'gas' });
    expect(h).toMatchObject({ valid: false, flag: 'D', invalidReason: 'flag', value: 30 });
  });

  it('44 valid minutes and a 16-minute gap: too few valid (the gap is not a flag)', () => {
    const pts = series(t0, 1, repeat(44, 30));
    const [h] = hourlyMeans(pts, { intervalMinutes: 1, medium: 'gas' });
    expect(h).toMatchObject({ valid: false, invalidReason: 'too-few-valid' });
    expect(h?.counts.received).toBe(44);
  });

  it('10-minute data: 5 of 6 cover 50 min (valid), 4 of 6 cover 40 min (not)', () => {
    const five = hourlyMeans(series(t0, 10, repeat(5, 1)), { intervalMinutes: 10, medium: 'gas' });
    const four = hourlyMeans(series(t0, 10, repeat(4, 1)), { intervalMinutes: 10, medium: 'gas' });
    expect(five[0]?.valid).toBe(true);
    expect(four[0]?.valid).toBe(false);
  });

  it('a null value with flag N is missing, not valid', () => {
    const pts = series(t0, 1, [...repeat(45, 30), null]);
    const [h] = hourlyMeans(pts, { intervalMinutes: 1, medium: 'gas' });
    expect(h?.counts).toMatchObject({ valid: 45, missingValue: 1 });
  });

  it('T values stay in the mean (a lower bound) and mark the hour T', () => {
    const pts = series(t0, 1, [...repeat(50, 100), ...repeat(10, [200, 'T'] as const)]);
    const [h] = hourlyMeans(pts, { intervalMinutes: 1, medium: 'gas' });
    expect(h).toMatchObject({ valid: true, flag: 'T' });
    expect(h?.value).toBeCloseTo((50 * 100 + 10 * 200) / 60, 12);
  });

  it('means are exact: 0.1/0.2 alternating average to 0.15, 35 stays 35', () => {
    const alt = series(
      t0,
      1,
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.1 : 0.2)),
    );
    expect(hourlyMeans(alt, { intervalMinutes: 1, medium: 'gas' })[0]?.value).toBe(0.15);
    const flat = series(t0, 1, repeat(60, 35));
    expect(hourlyMeans(flat, { intervalMinutes: 1, medium: 'gas' })[0]?.value).toBe(35);
  });

  it('fills hours without points when a range is given; a China-local hour boundary is an hour', () => {
    const pts = series(t0, 1, repeat(60, 1));
    const hs = hourlyMeans(pts, {
      intervalMinutes: 1,
      medium: 'gas',
      from: new Date(t0.getTime() - HOUR),
      to: new Date(t0.getTime() + 2 * HOUR),
    });
    expect(hs.map((h) => h.invalidReason)).toEqual(['no-data', null, 'no-data']);
  });

  it('rejects an interval HJ 212 does not allow', () => {
    expect(() => hourlyMeans([], { intervalMinutes: 7, medium: 'gas' })).toThrow(/MinInterval/);
  });
});

// Water: hour from ≥ 1 (ten-)minute value, day from ≥ 1 hour; one abnormal value makes the hour
// abnormal; means flow-weighted Σ(C·Q)/ΣQ (HJ 212-2017 App. D, docs/standards/hj212.md §5; docs/standards/emission-limits.md §6).
describe('water hourly means', () => {
  it('flow-weighted: C 10, 20 with Q 1, 3 L/s → 17.5 (arithmetic 15)', () => {
    const c = series(t0, 10, [10, 20]);
    const q = series(t0, 10, [1, 3]);
    const [w] = hourlyMeans(c, { intervalMinutes: 10, medium: 'water', flow: q });
    expect(w).toMatchObject({ value: 17.5, weighting: 'flow', valid: true });
    const [a] = hourlyMeans(c, { intervalMinutes: 10, medium: 'water' });
    expect(a).toMatchObject({ value: 15, weighting: 'arithmetic' });
  });

  it('falls back to arithmetic when a flow is missing', () => {
    const c = series(t0, 10, [10, 20]);
    const q = series(t0, 10, [1]);
    expect(hourlyMeans(c, { intervalMinutes: 10, medium: 'water', flow: q })[0]?.weighting).toBe(
      'arithmetic',
    );
  });

  it('one value is enough; one M value makes the hour M (any-abnormal)', () => {
    expect(hourlyMeans(series(t0, 10, [42]), { intervalMinutes: 10, medium: 'water' })[0]?.valid).toBe(true);
    const [h] = hourlyMeans(series(t0, 10, [40, 40, [80, 'M'], 40, 40, 40]), {
      intervalMinutes: 10,
      medium: 'water',
    });
    expect(h).toMatchObject({ valid: false, flag: 'M', invalidReason: 'flag', value: 40 });
  });

  it('a value missing without a flag is a gap, not an abnormal value', () => {
    const [h] = hourlyMeans(series(t0, 10, [40, null, 40]), { intervalMinutes: 10, medium: 'water' });
    expect(h).toMatchObject({ valid: true, flag: 'N', value: 40 });
    expect(h?.counts.missingValue).toBe(1);
  });

  it('refuses gas rules for a water series', () => {
    expect(() =>
      hourlyMeans([], { intervalMinutes: 10, medium: 'water', rules: GAS_VALIDITY_RULES }),
    ).toThrow();
  });
});

// O2 correction, C × (21 − O2ref)/(21 − O2) (docs/standards/emission-limits.md §1), per minute then averaged.
describe('O2-corrected hourly means', () => {
  it('100 mg/m³ at 10 % O2 to 6 % → 136.36… both ways when O2 is steady', () => {
    const c = series(t0, 1, repeat(60, 100));
    const o = series(t0, 1, repeat(60, 10));
    const [h] = correctedHourlyMeans(c, o, { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(h?.value).toBeCloseTo((100 * 15) / 11, 10);
    expect(h?.correctedFromMeans).toBeCloseTo((100 * 15) / 11, 10);
    expect(h).toMatchObject({ valid: true, measuredMean: 100, meanO2Pct: 10, referenceO2Pct: 6 });
  });

  it('minute-level correction differs from correcting the means when O2 varies', () => {
    // 30 min at O2 6 % (factor 1) and 30 min at 16 % (factor 3): minute-level (100 + 300)/2 = 200;
    // means first: 100 × 15/(21 − 11) = 150.
    const c = series(t0, 1, repeat(60, 100));
    const o = series(t0, 1, [...repeat(30, 6), ...repeat(30, 16)]);
    const [h] = correctedHourlyMeans(c, o, { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(h?.value).toBe(200);
    expect(h?.correctedFromMeans).toBe(150);
  });

  it('O2 near 21 %: minutes at/above the 19 % guard are dropped and counted; 16 dropped → invalid', () => {
    const c = series(t0, 1, repeat(60, 20));
    const o15 = series(t0, 1, [...repeat(45, 9), ...repeat(15, 20.5)]);
    const [ok] = correctedHourlyMeans(c, o15, { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(ok).toMatchObject({ valid: true, value: 25 });
    expect(ok?.counts.o2Unusable).toBe(15);
    const o16 = series(t0, 1, [...repeat(44, 9), ...repeat(16, 19)]);
    const [bad] = correctedHourlyMeans(c, o16, { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(bad?.valid).toBe(false);
    expect(bad?.counts.o2Unusable).toBe(16);
  });

  it('a corrected mean exactly at the limit stays exactly at it (28 at 9 % → 35 at 6 %)', () => {
    const [h] = correctedHourlyMeans(series(t0, 1, repeat(60, 28)), series(t0, 1, repeat(60, 9)), {
      intervalMinutes: 1,
      referenceO2Pct: 6,
    });
    expect(h?.value).toBe(35);
  });

  it('flagged O2 makes the minute unusable', () => {
    const c = series(t0, 1, repeat(60, 20));
    const o = series(t0, 1, [...repeat(40, 9), ...repeat(20, [9, 'C'] as const)]);
    expect(correctedHourlyMeans(c, o, { intervalMinutes: 1, referenceO2Pct: 6 })[0]?.valid).toBe(false);
  });
});

function hours(start: Date, values: readonly (number | null)[], valid = true): AggregateValue[] {
  return values.map((v, i) => ({
    periodStart: new Date(start.getTime() + i * HOUR),
    periodEnd: new Date(start.getTime() + (i + 1) * HOUR),
    value: v,
    valid: valid && v !== null,
    flag: 'N',
    invalidReason: null,
  }));
}

describe('daily means (China-local days)', () => {
  const day = parseTimeAsChina('2026-03-15T00:00');

  it('gas: 20 valid hours make a day, 19 do not (HJ 212-2017 App. D)', () => {
    const d20 = dailyMeans(hours(day, [...repeat(20, 10), ...repeat(4, null)]), { medium: 'gas' });
    expect(d20[0]).toMatchObject({ date: '2026-03-15', valid: true, value: 10, validHours: 20, hours: 24 });
    const d19 = dailyMeans(hours(day, [...repeat(19, 10), ...repeat(5, null)]), { medium: 'gas' });
    expect(d19[0]).toMatchObject({ valid: false, invalidReason: 'too-few-valid' });
  });

  it('groups by China-local date, not UTC', () => {
    const d = dailyMeans(hours(day, repeat(24, 1)), { medium: 'gas' });
    expect(d).toHaveLength(1);
    expect(d[0]?.periodStart.toISOString()).toBe('2026-03-14T16:00:00.000Z');
  });

  it('water: flow-weighted by hourly flows', () => {
    const c = hours(day, [10, 20]);
    const q = hours(day, [1, 3]);
    expect(dailyMeans(c, { medium: 'water', flowHours: q })[0]).toMatchObject({
      value: 17.5,
      weighting: 'flow',
      valid: true,
    });
  });
});

// Loads: HJ 212-2017 App. D; a00000 in m³/s, w00000 in L/s (docs/standards/hj212.md §8).
describe('loads', () => {
  it('gas: 100 mg/m³ × 10 m³/s = 3.6 kg/h', () => {
    const c = series(t0, 1, repeat(60, 100));
    const q = series(t0, 1, repeat(60, 10));
    const [l] = hourlyLoads(c, q, { medium: 'gas', intervalMinutes: 1 });
    expect(l?.kg).toBeCloseTo(3.6, 12);
    expect(l).toMatchObject({ pairedPoints: 60, expectedPoints: 60 });
    const [h] = hourlyLoads(c, series(t0, 1, repeat(60, 36000)), {
      medium: 'gas',
      intervalMinutes: 1,
      flowUnit: 'm3/h',
    });
    expect(h?.kg).toBeCloseTo(3.6, 12);
  });

  it('water: 50 mg/L × 100 L/s = 18 kg/h; 24 such hours = 432 kg/day', () => {
    const start = parseTimeAsChina('2026-03-15T00:00');
    const c = series(start, 10, repeat(144, 50));
    const q = series(start, 10, repeat(144, 100));
    const hs = hourlyLoads(c, q, { medium: 'water', intervalMinutes: 10 });
    expect(hs).toHaveLength(24);
    expect(hs[0]?.kg).toBeCloseTo(18, 12);
    const [d] = dailyLoads(hs);
    expect(d?.date).toBe('2026-03-15');
    expect(d?.kg).toBeCloseTo(432, 9);
    expect(d?.hoursWithLoad).toBe(24);
  });

  it('flagged values are not paired', () => {
    const c = series(t0, 10, [50, [50, 'D'] as const]);
    const q = series(t0, 10, [100, 100]);
    expect(hourlyLoads(c, q, { medium: 'water', intervalMinutes: 10 })[0]?.pairedPoints).toBe(1);
  });
});

// 有效传输率 = 有效率 × 传输率 (docs/standards/emission-limits.md §6 [secondary]).
describe('transmission and validity rates', () => {
  const start = parseTimeAsChina('2026-03-15T00:00');

  it('10-minute data: 120 of 144 received, 108 valid → 0.833, 0.9, 0.75', () => {
    const pts = series(start, 10, [...repeat(108, 1), ...repeat(12, [1, 'M'] as const)]);
    const outside = series(new Date(start.getTime() - 10 * MIN), 10, [1]);
    const s = transmissionStats([...pts, ...outside], { date: '2026-03-15', intervalMinutes: 10 });
    expect(s).toMatchObject({
      expected: 144,
      received: 120,
      valid: 108,
      validityRate: 0.9,
      effectiveTransmissionRate: 0.75,
    });
    expect(s.transmissionRate).toBeCloseTo(120 / 144, 12);
  });

  it('nothing received: validity rate null', () => {
    expect(transmissionStats([], { date: '2026-03-15', intervalMinutes: 10 }).validityRate).toBeNull();
  });

  it('pools an outlet’s parameters', () => {
    const full = series(start, 60, repeat(24, 1));
    const o = outletTransmission({ a21026: full, a21002: [] }, { date: '2026-03-15', intervalMinutes: 60 });
    expect(o).toMatchObject({ expected: 48, received: 24, transmissionRate: 0.5 });
    expect(o.parameters.a21026?.transmissionRate).toBe(1);
  });
});

describe('device 2061 hourly value against the hour computed from minutes', () => {
  it('reports device − computed, exactly', () => {
    const computed = hourlyMeans(series(t0, 1, repeat(60, 35)), { intervalMinutes: 1, medium: 'gas' });
    const device = series(t0, 60, [36.2, 1]);
    const [a, b] = compareDeviceHourly(device, computed);
    expect(a).toMatchObject({ device: 36.2, computed: 35, difference: 1.2, computedValid: true });
    expect(a?.relativeDifference).toBeCloseTo(1.2 / 35, 12);
    expect(b).toMatchObject({ device: 1, computed: null, difference: null });
  });
});
