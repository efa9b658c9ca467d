import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { outOfRangeRule } from './out-of-range.js';

const t0 = parseTimeAsChina('2026-03-15T08:00');
const pts = (vals: readonly (number | [number, string])[]): SeriesPoint[] =>
  vals.map((v, i) => ({
    periodStart: new Date(t0.getTime() + i * 60_000),
    value: Array.isArray(v) ? v[0] : v,
    flag: Array.isArray(v) ? v[1] : 'N',
  }));
const t = defaultThresholdValues();

describe('out of range', () => {
  it('O2 at or above 19 % (docs/standards/alarms.md §3 "O2 ≥ 19–21 %"), and negative O2', () => {
    const f = outOfRangeRule(
      { parameter: 'a19001', intervalMinutes: 1, points: pts([8, 18.9, 19, 20.5, 8, -1]) },
      t,
    );
    expect(f.map((x) => x.values.map((v) => v.value))).toEqual([[19, 20.5], [-1]]);
    expect(f[0]?.limit).toBe(19);
  });

  it('T flag (HJ 212-2017 Table 8: above the measuring range) is out of range with no configured range', () => {
    const f = outOfRangeRule({ parameter: 'a21026', intervalMinutes: 1, points: pts([10, [2000, 'T']]) }, t);
    expect(f).toHaveLength(1);
    expect(f[0]?.values[0]?.flag).toBe('T');
  });

  it('per-site analyser span; invalid-flagged points are not judged', () => {
    const site = { ...t, instrumentRanges: { ...t.instrumentRanges, a21026: { min: 0, max: 200 } } };
    expect(
      outOfRangeRule(
        { parameter: 'a21026', intervalMinutes: 1, points: pts([199.9, 200, [500, 'D']]) },
        site,
      ),
    ).toHaveLength(1);
    expect(outOfRangeRule({ parameter: 'a21026', intervalMinutes: 1, points: pts([500]) }, t)).toEqual([]);
  });
});
