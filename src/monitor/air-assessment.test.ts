/**
 * The pure air assessment on hand-worked examples (HJ 633-2026 Table 3 / HJ 633-2012 Table 1: IAQI
 * = ceil of the linear interpolation; means rounded per GB/T 8170, half to even). The same rules
 * over the store are in air.service.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError } from '../errors.js';
import { chinaLocalToUtc, DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { Hj663Pollutant } from '../standards/hj663.js';
import type { AirDaySum, AirHourRow } from '../store/air.repository.js';
import type { Site } from '../store/types.js';
import {
  AIR_PARAMETER_CODES,
  airUnits,
  dailyAqi,
  datesBetween,
  daysByStation,
  evaluateMonth,
  hourlySeriesOf,
  hoursByStation,
  latestAirOf,
  latestHoursWindow,
  latestRanking,
  meanOfSum,
  parsePeriod,
  periodDates,
  rankingRequest,
  realtimeAqi,
  unitOf,
  type DayValues,
  type LatestAir,
  type RealtimeEntry,
} from './air-assessment.js';

const china = (y: number, mo: number, d: number, h = 0): Date =>
  chinaLocalToUtc({ year: y, month: mo, day: d, hour: h, minute: 0, second: 0, millisecond: 0 });

function station(
  id: number,
  code: string,
  districtCode: string,
  attributes: Record<string, unknown> = {},
): Site {
  return {
    id,
    kind: 'air_station',
    code,
    name: code,
    districtCode,
    longitude: null,
    latitude: null,
    parentId: null,
    attributes,
    demo: false,
  };
}

const S1 = station(1, 'S1', '330502', { network: 'national' });
const S2 = station(2, 'S2', '330502', { network: 'national' });
const S3 = station(3, 'S3', '330503', { network: 'provincial' });
const DISTRICTS = [{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }];
const CITY = { code: 'city', name: '全市' };

function hourRows(
  siteId: number,
  hourStart: Date,
  values: Partial<Record<Hj663Pollutant, number>>,
): AirHourRow[] {
  return Object.entries(values).map(([p, v]) => ({
    siteId,
    parameter: AIR_PARAMETER_CODES[p as Hj663Pollutant],
    periodStart: hourStart.getTime(),
    value: v,
    valueText: String(v),
  }));
}

describe('GB/T 8170 means', () => {
  it('recovers the exact decimal mean from a floating SQL sum', () => {
    // 0.1 + 0.2 + … in binary floating point is not exact; 24 × 0.35 = 8.4 → mean 0.35 → CO 0.4 (half to even).
    let sum = 0;
    for (let i = 0; i < 24; i += 1) sum += 0.35;
    expect(meanOfSum(sum, 24, 'co')).toBe(0.4);
    expect(meanOfSum(60.5 * 2, 2, 'pm25')).toBe(60);
  });
});

describe('places', () => {
  it('groups stations by district (named where known) and takes the city from the national stations', () => {
    const units = airUnits([S1, S2, S3], DISTRICTS, CITY);
    expect(units.districts.map((d) => [d.code, d.name, d.stations.length])).toEqual([
      ['330502', '吴兴区', 2],
      ['330503', '330503', 1],
    ]);
    expect(units.city.stations).toEqual([S1, S2]);
    expect(airUnits([S3], DISTRICTS, CITY).city.stations).toEqual([S3]);
  });

  it('takes the city from the stations the master data counts for the city AQI, when it says', () => {
    const counted = station(4, 'S4', '330503', { network: 'provincial', cityAqi: true });
    const notCounted = station(5, 'S5', '330502', { network: 'national', cityAqi: false });
    expect(airUnits([counted, notCounted, S3], DISTRICTS, CITY).city.stations).toEqual([counted]);
  });

  it('finds a unit by scope and code, or answers not found', () => {
    const units = airUnits([S1, S2, S3], DISTRICTS, CITY);
    expect(unitOf(units, 'station', 'S3')).toEqual({
      scope: 'station',
      code: 'S3',
      name: 'S3',
      stations: [S3],
    });
    expect(unitOf(units, 'city', undefined).code).toBe('city');
    expect(() => unitOf(units, 'station', 'NOPE')).toThrow(NotFoundError);
    expect(() => unitOf(units, 'district', undefined)).toThrow('air stations of district (none) not found');
  });
});

describe('real-time AQI', () => {
  const hour = china(2026, 3, 15, 9);

  it('reads a withheld value `<x` as a bound, ignoring parameters that are not the six', () => {
    const byStation = hoursByStation([
      ...hourRows(1, hour, { pm25: 70 }),
      {
        siteId: 1,
        parameter: AIR_PARAMETER_CODES.pm10,
        periodStart: hour.getTime(),
        value: null,
        valueText: '<70',
      },
      { siteId: 1, parameter: 'a01001', periodStart: hour.getTime(), value: 12, valueText: '12' },
    ]);
    expect(byStation.get(1)?.get(hour.getTime())).toEqual({ values: { pm25: 70 }, bounds: { pm10: 70 } });
  });

  it('does not count a withheld PM10 missing when its bound cannot reach the AQI', () => {
    // PM2.5 70 → ⌈100 + 50·10/55⌉ = 110; PM10 < 70 → IAQI < ⌈50 + 50·20/70⌉ = 65 < 110.
    const r = realtimeAqi(
      { values: { so2: 5, no2: 20, co: 0.4, o3: 60, pm25: 70 }, bounds: { pm10: 70 } },
      hour,
      [],
      () => null,
    );
    expect(r).toMatchObject({ aqi: 110, primary: ['pm25'], missing: [] });
    expect(r?.specialRules.at(-1)).toMatch(/pm10 withheld below 70/);
  });

  it('counts a withheld PM10 missing when its bound could reach the AQI', () => {
    const r = realtimeAqi(
      { values: { so2: 5, no2: 20, co: 0.4, o3: 60, pm25: 70 }, bounds: { pm10: 400 } },
      hour,
      [],
      () => null,
    );
    expect(r).toMatchObject({ aqi: 110, missing: ['pm10'] });
    expect(r?.specialRules.join(' ')).not.toMatch(/withheld/);
  });

  it('HJ 633-2012 note 2: SO2 1-h above 800 without a 24-h mean is counted missing', () => {
    const r = realtimeAqi(
      { values: { so2: 900, pm25: 20 }, bounds: {} },
      china(2025, 6, 1, 9),
      [],
      () => null,
    );
    expect(r?.missing).toContain('so2');
    expect(r?.specialRules).toContain(
      'SO2 1-h > 800 µg/m³ and no valid 24-h mean (HJ 633-2012 Table 1 note 2): SO2 counted missing',
    );
  });

  it('gives no result for an hour without any value, or a day without any value', () => {
    expect(realtimeAqi({ values: {}, bounds: { pm10: 5 } }, hour, [], () => null)).toBeNull();
    const empty: DayValues = {
      so2: null,
      no2: null,
      co: null,
      pm10: null,
      pm25: null,
      o3_8h: null,
      o3_1h: null,
    };
    expect(dailyAqi('2026-03-15', empty)).toBeNull();
  });

  it('averages district concentrations first, half to even: PM2.5 (70 + 51) / 2 = 60.5 → 60 → AQI 100', () => {
    const units = airUnits([S1, S2, S3], DISTRICTS, CITY);
    const byStation = hoursByStation([
      ...hourRows(1, hour, { so2: 10, no2: 40, co: 0.8, o3: 100, pm10: 80, pm25: 70 }),
      ...hourRows(2, hour, { so2: 20, no2: 60, co: 1.2, o3: 120, pm10: 60, pm25: 51 }),
    ]);
    const latest = new Map([
      [1, hour.getTime()],
      [2, hour.getTime()],
    ]);
    const now = new Date(hour.getTime() + 90 * 60_000);
    const air = latestAirOf(units, latest, byStation, now);
    expect(air.districts[0]).toMatchObject({
      code: '330502',
      stationCount: 2,
      hourStart: hour.toISOString(),
      label: '2026-03-15T10:00:00+08:00',
      ageHours: 0,
      concentrations: { so2: 15, no2: 50, co: 1, o3: 110, pm10: 70, pm25: 60 },
      result: { aqi: 100, category: '良', primary: ['pm25'] },
    });
    expect(air.districts[1]).toMatchObject({
      code: '330503',
      stationCount: 0,
      hourStart: null,
      result: null,
    });
    expect(air.city).toMatchObject({ stationCount: 2, result: { aqi: 100 } });
  });

  it('gives a unit’s hours from `from` on, having read 23 h before for the SO2 24-h mean', () => {
    const unit = unitOf(airUnits([S1], [], CITY), 'station', 'S1');
    // S3 of air.service.test.ts: O3 150 → ⌈46.875⌉ = 47 → AQI 47 优.
    const values = { so2: 5, no2: 20, co: 0.4, o3: 150, pm10: 40, pm25: 30 };
    const rows = [0, 1, 2].flatMap((h) => hourRows(1, new Date(hour.getTime() + h * HOUR_MS), values));
    const s = hourlySeriesOf(unit, hoursByStation(rows), new Date(hour.getTime() + HOUR_MS));
    expect(s.points.map((p) => [p.at, p.result?.aqi])).toEqual([
      ['2026-03-15T02:00:00.000Z', 47],
      ['2026-03-15T03:00:00.000Z', 47],
    ]);
  });

  it('reads the latest hours from 23 h before the oldest station hour, at most 7 days back', () => {
    expect(latestHoursWindow(new Map())).toBeNull();
    const newest = hour.getTime();
    expect(
      latestHoursWindow(
        new Map([
          [1, newest],
          [2, newest - 2 * HOUR_MS],
        ]),
      ),
    ).toEqual({
      from: new Date(newest - 25 * HOUR_MS),
      to: new Date(newest + HOUR_MS),
    });
    expect(
      latestHoursWindow(
        new Map([
          [1, newest],
          [2, newest - 30 * DAY_MS],
        ]),
      )?.from,
    ).toEqual(new Date(newest - 7 * DAY_MS - 23 * HOUR_MS));
  });
});

describe('daily values', () => {
  const sum = (parameter: string, hours: number, total: number, max: number): AirDaySum => ({
    siteId: 1,
    parameter: AIR_PARAMETER_CODES[parameter as Hj663Pollutant],
    date: '2026-03-16',
    hours,
    sum: total,
    max,
  });

  it('needs 20 hours for a 24-h mean (GB 3095 Table 4) and takes the daily max 1-h O3', () => {
    const days = daysByStation(
      [sum('pm25', 20, 800, 40), sum('so2', 19, 152, 8), sum('o3', 24, 3600, 200)],
      [],
    );
    expect(days.get(1)?.get('2026-03-16')).toEqual({
      so2: null,
      no2: null,
      co: null,
      pm10: null,
      pm25: 40,
      o3_8h: null,
      o3_1h: 200,
    });
  });

  it('takes the daily max 8-h O3 from the hours (HJ 663)', () => {
    const o3 = Array.from({ length: 24 }, (_, h) =>
      hourRows(1, china(2026, 3, 16, h), { o3: h < 12 ? 100 : 200 }),
    ).flat();
    expect(daysByStation([], o3).get(1)?.get('2026-03-16')?.o3_8h).toBe(200);
  });
});

describe('periods', () => {
  it('parses a month or a year, refusing anything else with 400', () => {
    expect(parsePeriod('month', '2026-02')).toEqual({ kind: 'month', year: 2026, month: 2 });
    expect(parsePeriod('year', '2026')).toEqual({ kind: 'year', year: 2026 });
    expect(() => parsePeriod('month', '2026-13')).toThrow(BadInputError);
    expect(() => parsePeriod('year', '26')).toThrow('value: "26" is not a year such as 2026');
  });

  it('spans a period by China-local dates', () => {
    expect(periodDates({ kind: 'month', year: 2028, month: 2 })).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(periodDates({ kind: 'year', year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('a February with 24 valid days is not valid for a monthly mean (≥ 25): no compliance', () => {
    const daily = datesBetween('2026-02-01', '2026-02-28').map((date, i) => ({
      date,
      value: i < 24 ? 40 : null,
    }));
    const e = evaluateMonth('pm25', 2026, 2, daily);
    expect(e.validity).toMatchObject({ valid: false, validDays: 24, minDays: 25, shortMonths: [2] });
    expect(e.statistics[0]).toMatchObject({ value: 40, compliant: null, exceedanceMultiple: 0.14 });
    expect(e.compliant).toBeNull();
  });
});

describe('rankings', () => {
  it('pairs a metric with a period it has values of, else 400', () => {
    expect(rankingRequest('aqi', { kind: 'latest' })).toEqual({ kind: 'latest', by: 'aqi' });
    expect(rankingRequest('pm25', { kind: 'day', date: '2026-03-01' })).toEqual({
      kind: 'day',
      date: '2026-03-01',
      by: 'pm25',
    });
    expect(() => rankingRequest('ci', { kind: 'day', date: '2026-03-01' })).toThrow(/by=ci needs a month/);
    expect(() => rankingRequest('aqi', { kind: 'year', year: 2026 })).toThrow(BadInputError);
  });

  it('ranks cleanest first, ties sharing a rank (1, 2, 2, 4), no value last without a rank', () => {
    const entry = (code: string, aqi: number | null): RealtimeEntry => ({
      scope: 'district',
      code,
      name: code,
      districtCode: null,
      stationCount: 1,
      stationCodes: [code],
      hourStart: null,
      label: null,
      ageHours: null,
      concentrations: {},
      result:
        aqi === null
          ? null
          : {
              standard: 'HJ 633-2026',
              kind: 'realtime',
              aqi,
              level: 1,
              category: null,
              categoryEn: null,
              color: null,
              primary: [],
              iaqi: {},
              missing: [],
              missingDataRule: 'na-unless-above-100',
              beyondTable: [],
              notes: [],
            },
    });
    const latest: LatestAir = {
      now: '',
      hourLabelRule: '',
      averagingRule: '',
      stations: [],
      districts: [entry('D1', 90), entry('D2', null), entry('D3', 40), entry('D4', 60), entry('D5', 60)],
      city: entry('city', 50),
    };
    const r = latestRanking(latest, 'district', 'aqi');
    expect(r.items.map((i) => [i.code, i.rank])).toEqual([
      ['D3', 1],
      ['D4', 2],
      ['D5', 2],
      ['D1', 4],
      ['D2', null],
    ]);
    expect(r).toMatchObject({ period: 'latest', standards: ['HJ 633-2026'] });
  });
});
