import { describe, expect, it } from 'vitest';
import type { WindowReading } from '../store/alarm-window.repository.js';
import type { OutletLimit } from '../store/limit.repository.js';
import type { JudgedSite, Judgement } from './rule-judge.js';
import { judgeSite } from './rule-judge.js';
import { defaultThresholdValues } from './thresholds.js';

const HOUR = 3_600_000;
// 2026-03-15 00:00 China time.
const DAY0 = new Date('2026-03-14T16:00:00Z');
const at = (h: number): Date => new Date(DAY0.getTime() + h * HOUR);

const gasOutlet: JudgedSite = {
  id: 7,
  kind: 'outlet',
  attributes: {
    medium: 'gas',
    emissionStandard: 'GB 13271-2014',
    referenceO2Pct: 3.5,
    parameters: ['a21026'],
  },
};

function limit(extra: Partial<OutletLimit> = {}): OutletLimit {
  return {
    id: 1,
    siteId: 7,
    parameter: 'a21026',
    value: 100,
    lowerValue: null,
    unit: 'mg/m3',
    averaging: 'hour',
    referenceO2Pct: 3.5,
    standard: 'GB 13271-2014',
    clause: 'Table 1',
    validFrom: null,
    validTo: null,
    source: 'test',
    note: null,
    createdBy: 'test',
    createdAt: DAY0,
    ...extra,
  };
}

/** Hourly device readings of SO2 (corrected value sent as `-Zs`), one per given hour. */
function hours(values: readonly (readonly [number, number | null, string?])[]): WindowReading[] {
  return values.flatMap(([h, v, flag]) => [
    {
      siteId: 7,
      parameter: 'a21026',
      interval: 'hour' as const,
      periodStart: at(h),
      value: v === null ? null : v * 0.8,
      flag: flag ?? 'N',
      receivedAt: at(h + 1),
    },
    {
      siteId: 7,
      parameter: 'a21026-Zs',
      interval: 'hour' as const,
      periodStart: at(h),
      value: v,
      flag: flag ?? 'N',
      receivedAt: at(h + 1),
    },
  ]);
}

function judgement(js: readonly Judgement[], parameter: string, rule: string): Judgement | undefined {
  return js.find((j) => j.parameter === parameter && j.rule === rule);
}

function exceedance(readings: WindowReading[], now: Date, limits = [limit()]): Judgement | undefined {
  const js = judgeSite({
    site: gasOutlet,
    readings,
    limits,
    thresholds: defaultThresholdValues(),
    now,
    from: DAY0,
  });
  return judgement(js, 'a21026', 'exceedance');
}

describe('judgeSite: exceedance of an outlet on hand-built hourly readings', () => {
  it('exactly at the limit is not an exceedance; just above is', () => {
    const at100 = exceedance(
      hours([
        [0, 100],
        [1, 100],
      ]),
      at(3),
    );
    expect(at100?.findings).toEqual([]);
    expect(at100?.judgedTo).toEqual(at(2));
    const above = exceedance(
      hours([
        [0, 100],
        [1, 100.01],
      ]),
      at(3),
    );
    expect(above?.findings).toHaveLength(1);
    expect(above?.findings[0]).toMatchObject({
      rule: 'exceedance',
      siteId: 7,
      severity: 'critical',
      limit: 100,
    });
    expect(above?.findings[0]?.window).toEqual({ from: at(1), to: at(2) });
  });

  it('judges the corrected value (-Zs) against a limit at the outlet reference O2', () => {
    // Measured 96 (0.8 × 120) is below 100, corrected 120 above.
    expect(exceedance(hours([[0, 120]]), at(2))?.findings).toHaveLength(1);
  });

  it('a flagged hour is neither an exceedance nor a clear: the run ends and judgedTo stays before it', () => {
    const j = exceedance(
      hours([
        [0, 150],
        [1, 160, 'M'],
      ]),
      at(3),
    );
    expect(j?.findings).toHaveLength(1);
    expect(j?.findings[0]?.window).toEqual({ from: at(0), to: at(1) });
    // Only valid hours count as judged: the alarm is not cleared by a maintenance hour.
    expect(j?.judgedTo).toEqual(at(1));
  });

  it('a gap splits runs into two findings; the clean hour after them clears', () => {
    const j = exceedance(
      hours([
        [0, 150],
        [2, 150],
        [3, 90],
      ]),
      at(5),
    );
    expect(j?.findings.map((f) => f.window)).toEqual([
      { from: at(0), to: at(1) },
      { from: at(2), to: at(3) },
    ]);
    expect(j?.judgedTo).toEqual(at(4));
  });

  it('judges only complete hours (an hour ending after now waits)', () => {
    expect(exceedance(hours([[0, 150]]), new Date(at(1).getTime() - 1))?.findings ?? []).toEqual([]);
    expect(exceedance(hours([[0, 150]]), at(1))?.findings).toHaveLength(1);
  });

  it('rolls minute data up with the validity rules: 45 valid minutes make an hour, fewer do not', () => {
    const minutes = (n: number, flagged: number): WindowReading[] =>
      Array.from({ length: n }, (_, i) => [
        {
          siteId: 7,
          parameter: 'a21026',
          interval: 'min' as const,
          periodStart: new Date(at(0).getTime() + i * 60_000),
          value: 130,
          flag: i < flagged ? 'C' : 'N',
          receivedAt: at(1),
        },
        {
          siteId: 7,
          parameter: 'a19001',
          interval: 'min' as const,
          periodStart: new Date(at(0).getTime() + i * 60_000),
          value: 3.5,
          flag: 'N',
          receivedAt: at(1),
        },
      ]).flat();
    expect(exceedance(minutes(60, 15), at(2))?.findings).toHaveLength(1);
    const few = exceedance(minutes(60, 16), at(2));
    expect(few?.findings).toEqual([]);
    expect(few?.judgedTo).toBeNull();
  });

  it('a daily limit judges the daily mean of complete China days', () => {
    const day = (v: number): [number, number][] => Array.from({ length: 24 }, (_, h) => [h, v]);
    const daily = limit({ averaging: 'day', value: 80 });
    const j = exceedance(hours(day(81)), at(30), [daily]);
    expect(j?.findings).toHaveLength(1);
    expect(j?.findings[0]?.window).toEqual({ from: at(0), to: at(24) });
  });
});

describe('judgeSite: data quality and stations', () => {
  it('finds gaps of the site as a whole, from its first reading on', () => {
    const js = judgeSite({
      site: gasOutlet,
      readings: hours([
        [2, 10],
        [3, 10],
        [6, 10],
      ]),
      limits: [],
      thresholds: defaultThresholdValues(),
      now: at(8),
      from: DAY0,
    });
    const missing = judgement(js, 'data', 'missing-data');
    expect(missing?.findings.map((f) => f.window)).toEqual([
      { from: at(4), to: at(6) },
      { from: at(7), to: at(8) },
    ]);
  });

  it('air station: AQI above 100 is a warning per hour', () => {
    const air: JudgedSite = { id: 9, kind: 'air_station', attributes: {} };
    const r = (h: number, code: string, v: number): WindowReading => ({
      siteId: 9,
      parameter: code,
      interval: 'hour',
      periodStart: at(h),
      value: v,
      flag: 'N',
      receivedAt: at(h + 1),
    });
    const js = judgeSite({
      site: air,
      readings: [r(0, 'a34004', 30), r(1, 'a34004', 120), r(1, 'a21026', 8)],
      thresholds: defaultThresholdValues(),
      now: at(3),
      from: DAY0,
    });
    const aqi = judgement(js, 'AQI', 'aqi-high');
    expect(aqi?.findings.map((f) => [f.window.from, f.severity])).toEqual([[at(1), 'warning']]);
    expect(aqi?.judgedTo).toEqual(at(2));
  });
});
