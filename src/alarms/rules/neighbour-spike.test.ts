import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import { neighbourSpikeRule } from './neighbour-spike.js';

const t = defaultThresholdValues();
const h = parseTimeAsChina('2026-03-15T08:00');
const n = (...vals: (number | null)[]) => vals.map((value, i) => ({ siteId: 100 + i, value }));

// Engineering defaults: ≥ 2 neighbours, > 2 × median and > median + 35 µg/m³ (PM2.5), + 60 (O3).
describe('PM2.5 / O3 spike against neighbours', () => {
  it('PM2.5 120 against neighbours 30, 40, 50 (median 40) → finding', () => {
    const f = neighbourSpikeRule(
      { siteId: 1, parameter: 'a34004', periodStart: h, value: 120, neighbours: n(30, 40, 50) },
      t,
    );
    expect(f[0]).toMatchObject({ rule: 'neighbour-spike', siteId: 1, limit: 80 });
    expect(f[0]?.values).toHaveLength(4);
  });

  it('both conditions needed: 2× but only +30 (median 30, value 60 → not > 65) → nothing', () => {
    expect(
      neighbourSpikeRule({ parameter: 'a34004', periodStart: h, value: 65, neighbours: n(30, 30) }, t),
    ).toEqual([]);
    expect(
      neighbourSpikeRule({ parameter: 'a34004', periodStart: h, value: 66, neighbours: n(30, 30) }, t),
    ).toHaveLength(1);
  });

  it('O3 uses its own difference (median 45: 100 is 2× but only +55, 106 is +61); too few neighbours with values → nothing', () => {
    expect(
      neighbourSpikeRule({ parameter: 'a05024', periodStart: h, value: 100, neighbours: n(40, 50) }, t),
    ).toEqual([]);
    expect(
      neighbourSpikeRule({ parameter: 'a05024', periodStart: h, value: 106, neighbours: n(40, 50) }, t),
    ).toHaveLength(1);
    expect(
      neighbourSpikeRule({ parameter: 'a34004', periodStart: h, value: 500, neighbours: n(30, null) }, t),
    ).toEqual([]);
  });

  it('a parameter without a configured difference throws', () => {
    expect(() =>
      neighbourSpikeRule({ parameter: 'a34002', periodStart: h, value: 1, neighbours: [] }, t),
    ).toThrow(/spikeMinDifference/);
  });
});
