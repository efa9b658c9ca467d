/**
 * The air service on hand-worked examples. Every expected number is worked out in the comments from
 * HJ 633-2026 Table 3 / HJ 633-2012 Table 1 (IAQI = ceil of the linear interpolation) and GB 3095
 * Table 1 limits; rounding of means per GB/T 8170 (round half to even).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { chinaLocalToUtc, HOUR_MS } from '../standards/china-time.js';
import type { Hj663Pollutant } from '../standards/hj663.js';
import type { Reading } from '../store/types.js';
import { AIR_PARAMETER_CODES } from './air-assessment.js';
import { AirService } from './air.service.js';
type Values = Partial<Record<Hj663Pollutant, number>>;

/** China-local wall-clock hour → UTC instant. */
const china = (y: number, mo: number, d: number, h = 0): Date =>
  chinaLocalToUtc({ year: y, month: mo, day: d, hour: h, minute: 0, second: 0, millisecond: 0 });

let t: TestStore;
let ids: Record<'S1' | 'S2' | 'S3', number>;
let clock: ManualClock;
let service: AirService;

function readings(siteId: number, hourStart: Date, values: Values): Reading[] {
  return Object.entries(values).map(([p, v]) => ({
    siteId,
    parameter: AIR_PARAMETER_CODES[p as Hj663Pollutant],
    interval: 'hour',
    periodStart: hourStart,
    value: v,
    valueText: String(v),
    min: null,
    max: null,
    cumulative: null,
    flag: 'N',
    source: 'test',
    receivedAt: hourStart,
  }));
}

beforeEach(async () => {
  t = await openTestStore();
  await t.store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  const station = async (code: string, districtCode: string, network: string) =>
    (
      await t.store.sites.create({
        kind: 'air_station',
        code,
        name: code,
        districtCode,
        attributes: { network },
      })
    ).id;
  ids = {
    S1: await station('S1', '330502', 'national'),
    S2: await station('S2', '330502', 'national'),
    S3: await station('S3', '330503', 'provincial'),
  };
  clock = new ManualClock(china(2026, 3, 15, 10));
  service = new AirService({ air: t.store.air, districts: t.store.districts, clock });
});
afterEach(() => t.cleanup());

describe('real-time AQI of stations, districts and the city (HJ 633-2026, hour 09:00–10:00 of 2026-03-15)', () => {
  const hour = china(2026, 3, 15, 9);
  beforeEach(async () => {
    await t.store.readings.insertBatch([
      // S1: SO2 10 → ⌈50·10/150⌉ = 4; NO2 40 → 20; CO 0.8 → 8; O3 100 → ⌈31.25⌉ = 32;
      //     PM10 80 → ⌈50 + 50·30/70⌉ = 72; PM2.5 70 → ⌈100 + 50·10/55⌉ = 110 → AQI 110 轻度污染, PM2.5.
      ...readings(ids.S1, hour, { so2: 10, no2: 40, co: 0.8, o3: 100, pm10: 80, pm25: 70 }),
      // S2: PM2.5 51 → 50 + 50·16/25 = 82 → AQI 82 良, PM2.5.
      ...readings(ids.S2, hour, { so2: 20, no2: 60, co: 1.2, o3: 120, pm10: 60, pm25: 51 }),
      // S3: O3 150 → ⌈46.875⌉ = 47; PM2.5 30 → ⌈42.86⌉ = 43 → AQI 47 优, no primary pollutant.
      ...readings(ids.S3, hour, { so2: 5, no2: 20, co: 0.4, o3: 150, pm10: 40, pm25: 30 }),
    ]);
  });

  it('computes each station from its own hour and labels it hour-ending', async () => {
    const latest = await service.latest();
    const s1 = latest.stations.find((s) => s.code === 'S1');
    expect(s1).toMatchObject({
      hourStart: '2026-03-15T01:00:00.000Z',
      label: '2026-03-15T10:00:00+08:00',
      ageHours: 0,
      result: {
        standard: 'HJ 633-2026',
        aqi: 110,
        category: '轻度污染',
        primary: ['pm25'],
        iaqi: { so2: 4, no2: 20, co: 8, o3: 32, pm10: 72, pm25: 110 },
      },
    });
    expect(latest.stations.find((s) => s.code === 'S2')?.result).toMatchObject({
      aqi: 82,
      primary: ['pm25'],
    });
    expect(latest.stations.find((s) => s.code === 'S3')?.result).toMatchObject({ aqi: 47, primary: [] });
  });

  it('averages concentrations first, rounding half to even: PM2.5 (70 + 51) / 2 = 60.5 → 60 → IAQI 100 良', async () => {
    // Averaging the station AQIs would give 96, and rounding 60.5 up would give 61 → IAQI 101 轻度污染.
    const latest = await service.latest();
    const wuxing = latest.districts.find((d) => d.code === '330502');
    expect(wuxing).toMatchObject({
      name: '吴兴区',
      stationCount: 2,
      concentrations: { so2: 15, no2: 50, co: 1, o3: 110, pm10: 70, pm25: 60 },
      result: { aqi: 100, category: '良', primary: ['pm25'] },
    });
  });

  it('evaluates the city from the national stations only (S3 is provincial)', async () => {
    const latest = await service.latest();
    expect(latest.city).toMatchObject({ code: 'city', stationCount: 2, result: { aqi: 100 } });
    expect(latest.averagingRule).toMatch(/mean/);
  });

  it('reads the corrected view: S1 PM2.5 marked invalid → S1 NA (PM2.5 missing, rest 72 ≤ 100), district from S2 only', async () => {
    const pm25 = (await t.store.readings.query({ siteId: ids.S1, parameter: AIR_PARAMETER_CODES.pm25 }))
      .items[0];
    if (pm25 === undefined) throw new Error('no reading');
    await t.store.corrections.add({
      readingId: pm25.id,
      invalid: true,
      reason: 'analyser fault',
      correctedBy: 'test',
      correctedAt: clock.now(),
    });
    const latest = await service.latest();
    expect(latest.stations.find((s) => s.code === 'S1')?.result).toMatchObject({
      aqi: null,
      missing: ['pm25'],
    });
    // District PM2.5 = 51 (S2 alone) → 82; PM10 (80 + 60) / 2 = 70 → ⌈64.29⌉ = 65 → AQI 82.
    expect(latest.districts.find((d) => d.code === '330502')?.result).toMatchObject({
      aqi: 82,
      primary: ['pm25'],
    });
  });

  it('ranks districts by real-time AQI, cleanest first', async () => {
    const r = await service.rankings('district', 'aqi', { kind: 'latest' });
    expect(r.items).toEqual([
      { rank: 1, code: '330503', name: '南浔区', value: 47 },
      { rank: 2, code: '330502', name: '吴兴区', value: 100 },
    ]);
  });

  it('gives the hourly series of a district with the AQI of each hour', async () => {
    const unit = await service.unit('district', '330502');
    const s = await service.hourlySeries(
      unit,
      new Date(hour.getTime() - 2 * HOUR_MS),
      new Date(hour.getTime() + HOUR_MS),
    );
    expect(s.points.map((p) => [p.label, p.result?.aqi])).toEqual([['2026-03-15T10:00:00+08:00', 100]]);
  });
});

describe('daily values (GB 3095 Table 4 validity, HJ 663 O3 8-h) and the daily AQI', () => {
  it('2026-03-16 at S1: PM2.5 20 h of 40 → 40 valid; SO2 19 h → invalid; O3 100 then 200 → max 8-h 200', async () => {
    const rows: Reading[] = [];
    for (let h = 0; h < 24; h += 1) {
      const at = china(2026, 3, 16, h);
      const v: Values = { o3: h < 12 ? 100 : 200, no2: 30, co: 0.5, pm10: 45 };
      if (h < 20) v.pm25 = 40;
      if (h < 19) v.so2 = 8;
      rows.push(...readings(ids.S1, at, v));
    }
    await t.store.readings.insertBatch(rows);
    const s = await service.dailySeries(await service.unit('station', 'S1'), '2026-03-16', '2026-03-16');
    expect(s.points[0]?.concentrations).toEqual({
      so2: null,
      no2: 30,
      co: 0.5,
      pm10: 45,
      pm25: 40,
      o3_8h: 200,
      o3_1h: 200,
    });
    // O3 8-h 200 → ⌈100 + 50·40/55⌉ = 137 (2026 Table 3); PM2.5 40 → 60; SO2 missing but AQI > 100 → published.
    expect(s.points[0]?.result).toMatchObject({
      standard: 'HJ 633-2026',
      aqi: 137,
      primary: ['o3_8h'],
      missing: ['so2'],
    });
    expect(s.rules).toEqual(['HJ 663-2026 (assumed identical to HJ 663-2013; text not obtained)']);
  });
});

describe('monthly evaluation (February 2026: HJ 663-2013, GB 3095-2012 limits, HJ 633-2012 daily AQI)', () => {
  beforeEach(async () => {
    const rows: Reading[] = [];
    for (let d = 1; d <= 28; d += 1) {
      for (let h = 0; h < 24; h += 1) {
        rows.push(
          ...readings(ids.S1, china(2026, 2, d, h), { so2: 10, no2: 30, co: 1, o3: 80, pm10: 70, pm25: 40 }),
        );
      }
    }
    await t.store.readings.insertBatch(rows);
  });

  it('gives means, percentiles, exceedance multiples, the comprehensive index and the good-day ratio', async () => {
    const ev = await service.evaluate({ kind: 'month', year: 2026, month: 2 }, 'station', 'S1');
    expect(ev.standards).toMatchObject({ aqi: ['HJ 633-2012'], hj663: ['HJ 663-2013'], gb3095: '2012' });
    const unit = ev.units[0];
    const pm25 = unit?.pollutants.find((p) => p.pollutant === 'pm25');
    // 28 valid days ≥ 25 (February); mean 40 > annual limit 35 → (40 − 35)/35 = 0.142857 → 0.14.
    expect(pm25?.validity).toMatchObject({ valid: true, validDays: 28, minDays: 25 });
    expect(pm25?.statistics).toEqual([
      {
        statistic: 'annual-mean',
        value: 40,
        compareWith: 'annual',
        limit: 35,
        compliant: false,
        exceedanceMultiple: 0.14,
      },
      {
        statistic: 'percentile',
        p: 95,
        value: 40,
        compareWith: '24h',
        limit: 75,
        compliant: true,
        exceedanceMultiple: null,
      },
    ]);
    expect(pm25?.daily).toEqual({ validDays: 28, compliantDays: 28, ratePercent: 100, exceedingDays: 0 });
    // 10/60 + 30/40 + 1/4 + 80/160 + 70/70 + 40/35 = 3.8095… → 3.81.
    expect(unit?.comprehensiveIndex?.value).toBe(3.81);
    // Daily AQI (2012): PM10 70 → 60, PM2.5 40 → ⌈56.25⌉ = 57 → AQI 60 良 every day.
    expect(unit?.goodDays).toEqual({ goodDays: 28, validDays: 28, ratioPercent: 100 });
    expect(unit?.daysByLevel).toEqual([0, 28, 0, 0, 0, 0]);
    expect(unit?.compliant).toBe(false);
  });

  it('ranks stations by the comprehensive index; a station without data has no rank', async () => {
    const r = await service.rankings('station', 'ci', { kind: 'month', year: 2026, month: 2 });
    expect(r.items).toEqual([
      { rank: 1, code: 'S1', name: 'S1', value: 3.81 },
      { rank: null, code: 'S2', name: 'S2', value: null },
      { rank: null, code: 'S3', name: 'S3', value: null },
    ]);
  });

  it('refuses to rank a month by AQI (400)', async () => {
    const refused = service.rankings('station', 'aqi', { kind: 'month', year: 2026, month: 2 });
    await expect(refused).rejects.toThrow(/by=ci/);
    await expect(refused).rejects.toBeInstanceOf(BadInputError);
  });

  it('ranks districts by the PM2.5 of a day (S1: 40; 南浔区 has no data)', async () => {
    const r = await service.rankings('district', 'pm25', { kind: 'day', date: '2026-02-10' });
    expect(r).toMatchObject({ period: '2026-02-10', standards: ['HJ 633-2012', 'HJ 663-2013'] });
    expect(r.items).toEqual([
      { rank: 1, code: '330502', name: '吴兴区', value: 40 },
      { rank: null, code: '330503', name: '南浔区', value: null },
    ]);
  });
});

describe('places, windows and the calculator', () => {
  it('names an unknown station or district as not found (404)', async () => {
    await expect(service.unit('station', 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.unit('district', '999999')).rejects.toThrow(/district 999999 not found/);
    expect((await service.unit('city', undefined)).stations.map((s) => s.code)).toEqual(['S1', 'S2']);
  });

  it('ends a default series at the start of the current hour, or yesterday', () => {
    clock.set(new Date(china(2026, 3, 15, 10).getTime() + 30 * 60_000));
    expect(service.seriesEnd('hourly')).toEqual(china(2026, 3, 15, 10));
    expect(service.seriesEnd('daily')).toEqual(new Date(china(2026, 3, 14, 10).getTime() + 30 * 60_000));
  });

  it('gives a daily series over China-local midnights, the last day included', async () => {
    const s = await service.series('station', 'S1', 'daily', {
      from: china(2026, 3, 1),
      to: china(2026, 3, 3),
    });
    expect(s.points.map((p) => p.at)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('computes the AQI with the version in force at the clock', () => {
    expect(service.calcAqi({ kind: 'realtime', pm25: 70 })).toMatchObject({
      standard: 'HJ 633-2026',
      aqi: 110,
    });
    clock.set(china(2026, 2, 1));
    expect(service.calcAqi({ kind: 'realtime', pm25: 70 })).toMatchObject({ standard: 'HJ 633-2012' });
  });
});
