import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { limitFor } from '../../standards/emission/index.js';
import {
  correctedHourlyMeans,
  dailyMeans,
  type AggregateValue,
  type SeriesPoint,
} from '../../monitor/source-series.js';
import { exceedanceRule } from './exceedance.js';

const HOUR = 3_600_000;
const t0 = parseTimeAsChina('2026-03-15T08:00');

function hours(values: readonly (number | null | readonly [number, false])[]): AggregateValue[] {
  return values.map((v, i) => {
    const invalid = Array.isArray(v);
    const value = invalid ? (v as readonly [number, false])[0] : (v as number | null);
    return {
      periodStart: new Date(t0.getTime() + i * HOUR),
      periodEnd: new Date(t0.getTime() + (i + 1) * HOUR),
      value,
      valid: !invalid && value !== null,
      flag: invalid ? 'M' : 'N',
      invalidReason: invalid ? 'flag' : null,
    };
  });
}

// Ultra-low SO2 35 mg/m³ at 6 % O2 (docs/standards/emission-limits.md §4); "above the limit" (docs/standards/emission-limits.md §7).
const so2 = { value: 35, unit: 'mg/m3', standard: 'ultra-low-2015' };

describe('exceedance of valid hourly means (gas)', () => {
  it('exactly at the limit is not an exceedance; 35.01 is', () => {
    expect(
      exceedanceRule({ parameter: 'a21026', averaging: 'hour', periods: hours([35]), limit: so2 }),
    ).toEqual([]);
    const f = exceedanceRule({
      siteId: 7,
      parameter: 'a21026',
      averaging: 'hour',
      periods: hours([35.01]),
      limit: so2,
    });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'exceedance', severity: 'critical', siteId: 7, limit: 35 });
    expect(f[0]?.message.en).toContain('0.01');
  });

  it('regression (issue 23): the message names the parameter, rounds to its decimals and prints China time', () => {
    const f = exceedanceRule({
      parameter: 'a21026',
      averaging: 'hour',
      periods: hours([35.5612969806219]),
      limit: so2,
    });
    const { zh, en } = f[0]!.message;
    expect(zh).toContain('二氧化硫');
    expect(zh).toContain('最大超出 0.56 mg/m3');
    expect(en).toContain('largest excess 0.56 mg/m3');
    expect(`${zh} ${en}`).not.toMatch(/a21026|0\.5612|T\d\d:|\+08:00/);
    expect(zh).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('a flagged (invalid) hour is not judged and splits runs', () => {
    const f = exceedanceRule({
      parameter: 'a21026',
      averaging: 'hour',
      periods: hours([40, 41, [90, false], 42, 20]),
      limit: so2,
    });
    expect(f.map((x) => x.values.length)).toEqual([2, 1]);
    expect(f[0]?.window).toEqual({ from: t0, to: new Date(t0.getTime() + 2 * HOUR) });
  });

  it('a gap (missing hour) splits runs', () => {
    const p = hours([40, 40, 40]).filter((_, i) => i !== 1);
    expect(exceedanceRule({ parameter: 'a21026', averaging: 'hour', periods: p, limit: so2 })).toHaveLength(
      2,
    );
  });

  it('end to end: minute data 28 mg/m³ at 9 % O2 correct to exactly 35 → no finding; 28.1 → finding', () => {
    const mk = (v: number): SeriesPoint[] =>
      Array.from({ length: 60 }, (_, i) => ({
        periodStart: new Date(t0.getTime() + i * 60_000),
        value: v,
        flag: 'N',
      }));
    const limit = limitFor('ultra-low-2015', 'a21026', 'hour', { fuel: 'coal', unitType: 'boiler' }, t0);
    if (limit === null) throw new Error('no limit');
    const at35 = correctedHourlyMeans(mk(28), mk(9), { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(exceedanceRule({ parameter: 'a21026', averaging: 'hour', periods: at35, limit })).toEqual([]);
    const over = correctedHourlyMeans(mk(28.1), mk(9), { intervalMinutes: 1, referenceO2Pct: 6 });
    expect(exceedanceRule({ parameter: 'a21026', averaging: 'hour', periods: over, limit })).toHaveLength(1);
  });
});

describe('exceedance of valid daily means (water)', () => {
  it('GB 18918-2002 1-A COD 50 mg/L: daily mean 50 passes, 50.5 fails; too few hours → not judged', () => {
    const day = parseTimeAsChina('2026-03-15T00:00');
    const mk = (v: number, valid = true): AggregateValue[] =>
      Array.from({ length: 24 }, (_, i) => ({
        periodStart: new Date(day.getTime() + i * HOUR),
        periodEnd: new Date(day.getTime() + (i + 1) * HOUR),
        value: v,
        valid,
        flag: valid ? 'N' : 'D',
        invalidReason: valid ? null : 'flag',
      }));
    const limit = { value: 50, unit: 'mg/L' };
    const ok = dailyMeans(mk(50), { medium: 'water' });
    expect(exceedanceRule({ parameter: 'w01018', averaging: 'day', periods: ok, limit })).toEqual([]);
    const bad = dailyMeans(mk(50.5), { medium: 'water' });
    const f = exceedanceRule({ parameter: 'w01018', averaging: 'day', periods: bad, limit });
    expect(f[0]?.message.zh).toContain('日均值');
    const invalid = dailyMeans(mk(90, false), { medium: 'water' });
    expect(exceedanceRule({ parameter: 'w01018', averaging: 'day', periods: invalid, limit })).toEqual([]);
  });

  it('pH range 6–9 (GB 8978-1996): 5.9 and 9.1 fail, 6 and 9 pass', () => {
    const limit = { value: 9, lowerValue: 6, unit: 'pH' };
    const f = exceedanceRule({
      parameter: 'w01001',
      averaging: 'hour',
      periods: hours([6, 5.9, 9, 9.1]),
      limit,
    });
    expect(f.map((x) => x.values[0]?.value)).toEqual([5.9, 9.1]);
    expect(f[0]?.message.en).toContain('6–9');
  });
});
