/**
 * The comparability series across the HJ 633 switch of 2026-03-01 (docs/indicators.md §3). Expected
 * AQIs worked out from HJ 633-2012 Table 1 and HJ 633-2026 Table 3 (IAQI = ceil of the linear
 * interpolation): PM2.5 24-h 70 → 2012: 50 + 50·(70 − 35)/(75 − 35) = 93.75 → 94 (良);
 * 2026: 100 + 50·(70 − 60)/(115 − 60) = 109.1 → 110 (轻度污染). PM10 40 → 40 under 2012 and ≤ 50
 * under 2026; the clean background stays below 50, so PM2.5 decides every day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airCity, CLEAN_AIR, insertAirDays } from '../../test/air-days.js';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError } from '../errors.js';
import { dayCountsOf } from './air-assessment.js';
import { AirService } from './air.service.js';

let t: TestStore;
let service: AirService;
let ids: Record<'S1' | 'S2' | 'S3', number>;

beforeEach(async () => {
  t = await openTestStore();
  ids = await airCity(t.store);
  service = new AirService({
    air: t.store.air,
    districts: t.store.districts,
    clock: new ManualClock('2026-03-10T00:00:00Z'),
  });
  // 2026-02-27, 02-28 (2012 in force) and 03-01, 03-02 (2026 in force): PM2.5 70 at S1 every day.
  await insertAirDays(
    t.store,
    ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map((date) => ({
      siteId: ids.S1,
      date,
      values: { ...CLEAN_AIR, pm25: 70 },
    })),
  );
});
afterEach(() => t.cleanup());

describe('air comparability across 2026-03-01', () => {
  it('judges February officially by HJ 633-2012 and re-judges it by HJ 633-2026; March the other way round', async () => {
    const c = await service.comparability('2026-02', '2026-03', 'station', 'S1');
    expect(c.comparableStandard).toBe('HJ 633-2026');
    expect(c.months.map((m) => m.month)).toEqual(['2026-02', '2026-03']);
    const [feb, mar] = c.months;
    // February: 2 days at AQI 94 (good) officially; the same 2 days at 110 (not good) under 2026.
    expect(feb?.official).toMatchObject({
      standard: 'HJ 633-2012',
      goodDays: 2,
      validDays: 2,
      ratioPercent: 100,
    });
    expect(feb?.rejudged).toMatchObject({
      standard: 'HJ 633-2026',
      goodDays: 0,
      validDays: 2,
      ratioPercent: 0,
    });
    expect(feb?.comparable).toEqual(feb?.rejudged);
    expect(feb?.official.daysByLevel).toEqual([0, 2, 0, 0, 0, 0]);
    expect(feb?.rejudged.daysByLevel).toEqual([0, 0, 2, 0, 0, 0]);
    // March: official is 2026 (not good), re-judged under 2012 (good); comparable = official.
    expect(mar?.official).toMatchObject({ standard: 'HJ 633-2026', goodDays: 0, validDays: 2 });
    expect(mar?.rejudged).toMatchObject({ standard: 'HJ 633-2012', goodDays: 2, validDays: 2 });
    expect(mar?.comparable).toEqual(mar?.official);
  });

  it('gives the official figures the monthly evaluation gives (one computation)', async () => {
    const c = await service.comparability('2026-02', '2026-02', 'city', undefined);
    const ev = await service.evaluate({ kind: 'month', year: 2026, month: 2 }, 'city');
    expect(c.months[0]?.official.goodDays).toBe(ev.units[0]?.goodDays.goodDays);
    expect(c.months[0]?.official.validDays).toBe(ev.units[0]?.goodDays.validDays);
    expect(c.months[0]?.official.daysByLevel).toEqual(ev.units[0]?.daysByLevel);
  });

  it('refuses a reversed range and a malformed month, naming the field', async () => {
    await expect(service.comparability('2026-03', '2026-02', 'city', undefined)).rejects.toThrow(/^to:/);
    await expect(service.comparability('2026-13', '2026-12', 'city', undefined)).rejects.toBeInstanceOf(
      BadInputError,
    );
  });
});

describe('dayCountsOf', () => {
  it('counts AQI > 150 and > 200 (HJ 633 levels 4+ and 5+); null days are not valid days', () => {
    expect(dayCountsOf('2026', [40, 100, 101, 151, 201, 301, null])).toEqual({
      standard: 'HJ 633-2026',
      goodDays: 2,
      validDays: 6,
      ratioPercent: 33.3,
      daysAbove150: 3,
      daysAbove200: 2,
      daysByLevel: [1, 1, 1, 1, 1, 1],
    });
  });
});
