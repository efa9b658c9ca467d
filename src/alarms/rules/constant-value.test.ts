import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { constantValueRule } from './constant-value.js';

const t0 = parseTimeAsChina('2026-03-15T08:00');
const pts = (step: number, vals: readonly (number | null | [number, string])[]): SeriesPoint[] =>
  vals.map((v, i) => ({
    periodStart: new Date(t0.getTime() + i * step * 60_000),
    value: Array.isArray(v) ? v[0] : v,
    flag: Array.isArray(v) ? v[1] : 'N',
  }));
const t = defaultThresholdValues();

// Defaults from docs/standards/alarms.md §3: ≥ 6 hourly or ≥ 60 minute values.
describe('constant value', () => {
  it('6 equal hourly values make a finding, 5 do not', () => {
    const six = constantValueRule(
      {
        siteId: 3,
        parameter: 'a21026',
        intervalMinutes: 60,
        points: pts(60, [1, 12, 12, 12, 12, 12, 12, 3]),
      },
      t,
    );
    expect(six).toHaveLength(1);
    expect(six[0]).toMatchObject({ rule: 'constant-value', limit: 6, siteId: 3 });
    expect(six[0]?.values).toHaveLength(6);
    expect(six[0]?.window.from).toEqual(new Date(t0.getTime() + 3_600_000));
    const five = constantValueRule(
      { parameter: 'a21026', intervalMinutes: 60, points: pts(60, [12, 12, 12, 12, 12, 3]) },
      t,
    );
    expect(five).toEqual([]);
  });

  it('60 equal minute values make a finding, 59 do not', () => {
    const mk = (n: number) =>
      pts(
        1,
        Array.from({ length: n }, () => 7.5),
      );
    expect(constantValueRule({ parameter: 'w01018', intervalMinutes: 1, points: mk(60) }, t)).toHaveLength(1);
    expect(constantValueRule({ parameter: 'w01018', intervalMinutes: 1, points: mk(59) }, t)).toEqual([]);
  });

  it('a gap or a flagged point breaks the run', () => {
    const gap = pts(60, [12, 12, 12, 12, 12, 12, 12]).filter((_, i) => i !== 3);
    expect(constantValueRule({ parameter: 'a21026', intervalMinutes: 60, points: gap }, t)).toEqual([]);
    const flagged = pts(60, [12, 12, 12, [12, 'M'], 12, 12, 12]);
    expect(constantValueRule({ parameter: 'a21026', intervalMinutes: 60, points: flagged }, t)).toEqual([]);
  });

  it('tolerance counts near values as the same', () => {
    const p = pts(60, [12, 12.01, 11.99, 12, 12.02, 12]);
    expect(constantValueRule({ parameter: 'a21026', intervalMinutes: 60, points: p }, t)).toEqual([]);
    expect(
      constantValueRule(
        { parameter: 'a21026', intervalMinutes: 60, points: p },
        { ...t, constantTolerance: 0.05 },
      ),
    ).toHaveLength(1);
  });
});
