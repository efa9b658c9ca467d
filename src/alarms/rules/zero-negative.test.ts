import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { zeroNegativeRule } from './zero-negative.js';

const t0 = parseTimeAsChina('2026-03-15T08:00');
const pts = (vals: readonly (number | null | [number, string])[]): SeriesPoint[] =>
  vals.map((v, i) => ({
    periodStart: new Date(t0.getTime() + i * 3_600_000),
    value: Array.isArray(v) ? v[0] : v,
    flag: Array.isArray(v) ? v[1] : 'N',
  }));
const t = defaultThresholdValues();

// docs/standards/alarms.md §3: "zero / negative while the plant is running"; running thresholds are engineering defaults.
describe('zero or negative while running', () => {
  it('zero and negative values while flow is above 0.1 m³/s', () => {
    const f = zeroNegativeRule(
      { parameter: 'a21026', intervalMinutes: 60, points: pts([10, 0, -0.5, 10]) },
      { medium: 'gas', flow: pts([20, 20, 20, 20]) },
      t,
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.values.filter((v) => v.note === undefined).map((v) => v.value)).toEqual([0, -0.5]);
  });

  it('not while stopped (flow 0, flue gas cold), nor without an indicator', () => {
    const p = { parameter: 'a21026', intervalMinutes: 60, points: pts([0, 0]) };
    expect(zeroNegativeRule(p, { medium: 'gas', flow: pts([0, 0]), temperature: pts([20, 20]) }, t)).toEqual(
      [],
    );
    expect(zeroNegativeRule(p, { medium: 'gas' }, t)).toEqual([]);
  });

  it('flue temperature alone shows running (gas); water uses L/s', () => {
    const p = { parameter: 'a21026', intervalMinutes: 60, points: pts([0]) };
    expect(zeroNegativeRule(p, { medium: 'gas', temperature: pts([120]) }, t)).toHaveLength(1);
    const w = { parameter: 'w01018', intervalMinutes: 60, points: pts([0]) };
    expect(zeroNegativeRule(w, { medium: 'water', flow: pts([0.05]) }, t)).toEqual([]);
    expect(zeroNegativeRule(w, { medium: 'water', flow: pts([5]) }, t)).toHaveLength(1);
  });

  it('a flagged zero is not judged; zeroMinPoints sets the run length', () => {
    const flow = pts([20, 20, 20]);
    expect(
      zeroNegativeRule(
        { parameter: 'a21026', intervalMinutes: 60, points: pts([[0, 'C'], 5, 5]) },
        { medium: 'gas', flow },
        t,
      ),
    ).toEqual([]);
    expect(
      zeroNegativeRule(
        { parameter: 'a21026', intervalMinutes: 60, points: pts([0, 5, 0]) },
        { medium: 'gas', flow },
        { ...t, zeroMinPoints: 2 },
      ),
    ).toEqual([]);
  });
});
