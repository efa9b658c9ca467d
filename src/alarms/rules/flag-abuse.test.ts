import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { flagAbuseRule } from './flag-abuse.js';

const t0 = parseTimeAsChina('2026-03-15T00:00');
/** 144 ten-minute points of a day; `marked` indexes get flag M. */
const day = (marked: readonly number[], flag = 'M'): SeriesPoint[] =>
  Array.from({ length: 144 }, (_, i) => ({
    periodStart: new Date(t0.getTime() + i * 600_000),
    value: 10,
    flag: marked.includes(i) ? flag : 'N',
  }));
const t = defaultThresholdValues();

// docs/standards/alarms.md §3: "excessive maintenance/calibration marks; marks longer than 15 min that recur";
// share 10 % is an engineering default.
describe('flag abuse', () => {
  it('two marks of 20 minutes (> 15 min) recur → finding; one does not', () => {
    const f = flagAbuseRule({ parameter: 'w01018', intervalMinutes: 10, points: day([10, 11, 50, 51]) }, t);
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toContain('2 mark episodes longer than 15 min');
    expect(flagAbuseRule({ parameter: 'w01018', intervalMinutes: 10, points: day([10, 11]) }, t)).toEqual([]);
  });

  it('marks of exactly 15 minutes are not long (5-minute data, 3 points)', () => {
    const pts = Array.from({ length: 288 }, (_, i) => ({
      periodStart: new Date(t0.getTime() + i * 300_000),
      value: 1,
      flag: [0, 1, 2, 100, 101, 102].includes(i) ? 'C' : 'N',
    }));
    expect(flagAbuseRule({ parameter: 'a21026', intervalMinutes: 5, points: pts }, t)).toEqual([]);
  });

  it('more than 10 % of points marked (scattered) → finding; exactly 10 % is not', () => {
    const scattered = (n: number) => Array.from({ length: n }, (_, i) => i * 3);
    expect(
      flagAbuseRule({ parameter: 'x', intervalMinutes: 10, points: day(scattered(15)) }, t),
    ).toHaveLength(1);
    const ten = Array.from({ length: 100 }, (_, i) => ({
      periodStart: new Date(t0.getTime() + i * 600_000),
      value: 1,
      flag: i % 10 === 0 ? 'M' : 'N',
    }));
    expect(flagAbuseRule({ parameter: 'x', intervalMinutes: 10, points: ten }, t)).toEqual([]);
  });

  it('only the configured flags count', () => {
    expect(
      flagAbuseRule({ parameter: 'x', intervalMinutes: 10, points: day([1, 2, 3, 40, 41, 42], 'D') }, t),
    ).toEqual([]);
  });
});
