import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { missingDataRule, offlineRule } from './missing-data.js';

const HOUR = 3_600_000;
const t0 = parseTimeAsChina('2026-03-15T00:00');
const at = (h: number): Date => new Date(t0.getTime() + h * HOUR);
const pts = (hours: readonly number[], value: number | null = 1, flag = 'N'): SeriesPoint[] =>
  hours.map((h) => ({ periodStart: at(h), value, flag }));
const t = defaultThresholdValues();

// No standard sets these; engineering defaults (thresholds.ts): 1 missing slot, 90 % transmission.
describe('missing data', () => {
  it('finds each gap and the low transmission rate', () => {
    const have = Array.from({ length: 24 }, (_, h) => h).filter((h) => ![3, 4, 10, 23].includes(h));
    const f = missingDataRule(
      { parameter: 'w01018', intervalMinutes: 60, points: pts(have) },
      { from: at(0), to: at(24) },
      t,
    );
    const gaps = f.filter((x) => x.rule === 'missing-data');
    expect(gaps.map((g) => [g.window.from, g.window.to])).toEqual([
      [at(3), at(5)],
      [at(10), at(11)],
      [at(23), at(24)],
    ]);
    const low = f.find((x) => x.rule === 'low-transmission');
    expect(low?.values[0]?.value).toBeCloseTo(20 / 24, 12);
  });

  it('flagged values are received, null values are missing; 90 % exactly is not low', () => {
    const flagged = pts(
      Array.from({ length: 10 }, (_, h) => h),
      5,
      'M',
    );
    expect(
      missingDataRule(
        { parameter: 'x', intervalMinutes: 60, points: flagged },
        { from: at(0), to: at(10) },
        t,
      ),
    ).toEqual([]);
    const nine = [...pts([0, 1, 2, 3, 4, 5, 6, 7, 8]), ...pts([9], null)];
    const f = missingDataRule(
      { parameter: 'x', intervalMinutes: 60, points: nine },
      { from: at(0), to: at(10) },
      t,
    );
    expect(f.map((x) => x.rule)).toEqual(['missing-data']);
  });

  it('missingMinConsecutivePoints ignores short gaps', () => {
    const p = pts([0, 2, 3]);
    const f = missingDataRule(
      { parameter: 'x', intervalMinutes: 60, points: p },
      { from: at(0), to: at(4) },
      { ...t, missingMinConsecutivePoints: 2, transmissionRateMin: 0 },
    );
    expect(f).toEqual([]);
  });
});

describe('device offline, judged against now (engineering defaults 60 min / 24 h)', () => {
  const now = parseTimeAsChina('2026-03-15T12:00');
  it('60 minutes exactly is not offline; 61 is a warning; over a day is critical', () => {
    expect(offlineRule({ lastSeenAt: new Date(now.getTime() - 60 * 60_000), now }, t)).toEqual([]);
    expect(
      offlineRule({ siteId: 4, mn: 'MN1', lastSeenAt: new Date(now.getTime() - 61 * 60_000), now }, t)[0],
    ).toMatchObject({
      rule: 'device-offline',
      severity: 'warning',
      siteId: 4,
      parameter: 'device',
    });
    expect(offlineRule({ lastSeenAt: new Date(now.getTime() - 25 * HOUR), now }, t)[0]?.severity).toBe(
      'critical',
    );
  });

  it('a device never seen is judged from its registration, or not at all', () => {
    expect(offlineRule({ lastSeenAt: null, now }, t)).toEqual([]);
    const f = offlineRule({ lastSeenAt: null, now, since: new Date(now.getTime() - 2 * HOUR) }, t);
    expect(f[0]?.message.en).toContain('never seen');
  });
});
