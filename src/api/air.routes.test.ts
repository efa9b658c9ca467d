import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOver, openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { AIR_PARAMETER_CODES } from '../monitor/air-assessment.js';
import { createServices, type Services } from '../services.js';
import { chinaLocalToUtc, HOUR_MS } from '../standards/china-time.js';
import type { Hj663Pollutant } from '../standards/hj663.js';
import type { Reading } from '../store/types.js';
import type { App } from './app.js';

/** Hour 09:00–10:00 China time of 2026-03-15; the clock stands at 10:30. */
const HOUR = new Date('2026-03-15T01:00:00Z');
const clock = new ManualClock('2026-03-15T02:30:00Z');

let t: TestStore;
let app: App;
let services: Services;

function readings(siteId: number, hourStart: Date, values: Record<Hj663Pollutant, number>): Reading[] {
  return Object.entries(values).map(([p, v]) => ({
    siteId,
    parameter: AIR_PARAMETER_CODES[p as Hj663Pollutant],
    interval: 'hour' as const,
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

beforeAll(async () => {
  t = await openTestStore(clock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const site = await t.store.sites.create({
    kind: 'air_station',
    code: 'A1',
    name: '市监测站',
    districtCode: '330502',
    attributes: { network: 'national' },
  });
  const values: Record<Hj663Pollutant, number> = { so2: 10, no2: 40, co: 0.8, o3: 100, pm10: 80, pm25: 70 };
  await t.store.readings.insertBatch(readings(site.id, HOUR, values));
  // February 2026 (HJ 633-2012, HJ 663-2013), every hour: enough for a monthly evaluation.
  const february: Reading[] = [];
  for (let d = 1; d <= 28; d += 1) {
    const day = chinaLocalToUtc({
      year: 2026,
      month: 2,
      day: d,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    for (let h = 0; h < 24; h += 1) {
      const at = new Date(day.getTime() + h * HOUR_MS);
      february.push(
        ...readings(site.id, at, { so2: 10, no2: 30, co: 1, o3: 80 + h, pm10: 70, pm25: 40 + (d % 5) }),
      );
    }
  }
  await t.store.readings.insertBatch(february);
  services = createServices({ store: t.store, clock });
  app = await appOver(services);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('air API (public: no login)', () => {
  it('GET /api/v1/air/latest gives every station, the districts and the city', async () => {
    const res = await app.inject({ url: '/api/v1/air/latest' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      stations: { code: string; label: string; result: { aqi: number; standard: string } }[];
      city: { result: { aqi: number } };
    }>();
    expect(body.stations[0]).toMatchObject({
      code: 'A1',
      label: '2026-03-15T10:00:00+08:00',
      result: { aqi: 110, standard: 'HJ 633-2026', category: '轻度污染' },
    });
    expect(body.city.result.aqi).toBe(110);
  });

  it('GET /api/v1/air/series (hourly, station; the default window is the last 24 h)', async () => {
    const res = await app.inject({ url: '/api/v1/air/series?scope=station&code=A1&kind=hourly' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ points: { at: string; result: { aqi: number } }[] }>().points).toMatchObject([
      { at: '2026-03-15T01:00:00.000Z', result: { aqi: 110 } },
    ]);
  });

  it('GET /api/v1/air/series (daily, district): a day with one hour has no valid daily value', async () => {
    const res = await app.inject({
      url: '/api/v1/air/series?scope=district&code=330502&kind=daily&from=2026-03-15&to=2026-03-15',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ points: { result: unknown }[] }>().points[0]?.result).toBeNull();
  });

  it('GET /api/v1/air/evaluation names the standards', async () => {
    const res = await app.inject({ url: '/api/v1/air/evaluation?period=month&value=2026-03' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      period: '2026-03',
      standards: { aqi: ['HJ 633-2026'], gb3095: '2026-transition' },
      units: [{ scope: 'city', pollutants: expect.any(Array) as unknown }],
    });
  });

  it('GET /api/v1/air/rankings', async () => {
    const res = await app.inject({ url: '/api/v1/air/rankings?scope=station&by=pm25' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toEqual([
      { rank: 1, code: 'A1', name: '市监测站', value: 70 },
    ]);
  });

  it.each([
    ['/api/v1/air/latest', () => services.air.latest()],
    [
      '/api/v1/air/series?scope=station&code=A1&kind=hourly',
      async () =>
        services.air.hourlySeries(
          await services.air.unit('station', 'A1'),
          new Date(HOUR.getTime() - 23 * HOUR_MS),
          new Date(HOUR.getTime() + HOUR_MS),
        ),
    ],
    [
      '/api/v1/air/series?scope=city&kind=daily&from=2026-02-01&to=2026-03-15',
      async () =>
        services.air.dailySeries(await services.air.unit('city', undefined), '2026-02-01', '2026-03-15'),
    ],
    [
      '/api/v1/air/evaluation?period=month&value=2026-02&scope=station',
      () => services.air.evaluate({ kind: 'month', year: 2026, month: 2 }, 'station'),
    ],
    [
      '/api/v1/air/evaluation?period=year&value=2026&scope=district&code=330502',
      () => services.air.evaluate({ kind: 'year', year: 2026 }, 'district', '330502'),
    ],
    [
      '/api/v1/air/rankings?scope=station&by=ci&period=month&value=2026-02',
      () => services.air.rankings('station', 'ci', { kind: 'month', year: 2026, month: 2 }),
    ],
    [
      '/api/v1/air/rankings?by=aqi&period=day&value=2026-02-10',
      () => services.air.rankings('district', 'aqi', { kind: 'day', date: '2026-02-10' }),
    ],
    [
      '/api/v1/calc/aqi?kind=daily&standard=2012&so2=10&no2=40&co=0.8&o3=100&o3_8h=90&pm10=800&pm25=70',
      () =>
        services.air.calcAqi({
          kind: 'daily',
          standard: '2012',
          so2: 10,
          no2: 40,
          co: 0.8,
          o3: 100,
          o3_8h: 90,
          pm10: 800,
          pm25: 70,
        }),
    ],
  ])('%s answers every field the service gives (the schema drops nothing)', async (url, expected) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(await expected())) as unknown);
  });

  it('a bad window names its field', async () => {
    const res = await app.inject({ url: '/api/v1/air/series?scope=city&kind=hourly&from=noon' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'bad-request',
        details: [{ field: 'querystring.from', problem: 'not an ISO 8601 time' }],
      },
    });
  });

  it.each([
    ['/api/v1/air/series?scope=station&code=NOPE&kind=hourly', 404],
    ['/api/v1/air/series?scope=galaxy&kind=hourly', 400],
    ['/api/v1/air/evaluation?period=month&value=2026-13', 400],
    ['/api/v1/air/rankings?by=ci', 400],
    ['/api/v1/air/rankings?period=month&by=aqi&value=2026-02', 400],
    ['/api/v1/air/rankings?period=day', 400],
    ['/api/v1/air/rankings?period=day&value=2026-02-30', 400],
    ['/api/v1/air/evaluation?period=month&value=2026-03&scope=district&code=999999', 404],
    ['/api/v1/air/series?scope=city&kind=hourly&from=2026-01-01T00:00&to=2026-03-01T00:00', 400],
    ['/api/v1/air/series?scope=city&kind=daily&from=2025-01-01&to=2026-03-01', 400],
  ])('%s → %i with the error envelope', async (url, status) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.json<{ error: { code: string; message: string } }>().error.message).toEqual(
      expect.any(String),
    );
  });
});

describe('GET /api/v1/calc/aqi', () => {
  it('computes with the CLI names (2012: exceeding pollutants)', async () => {
    const res = await app.inject({
      url: '/api/v1/calc/aqi?kind=realtime&standard=2012&so2=10&no2=40&co=0.8&o3=100&pm10=80&pm25=70',
    });
    expect(res.statusCode).toBe(200);
    // 2012: PM2.5 70 → ⌈50 + 50·35/40⌉ = 94 (IAQI 100 at 75) → AQI 94 良, PM2.5.
    expect(res.json()).toMatchObject({
      standard: 'HJ 633-2012',
      aqi: 94,
      category: '良',
      primary: ['pm25'],
      exceeding: [],
    });
  });

  it('chooses the version by the clock when neither standard nor at is given', async () => {
    const res = await app.inject({ url: '/api/v1/calc/aqi?kind=realtime&pm25=70' });
    expect(res.json()).toMatchObject({ standard: 'HJ 633-2026', aqi: 110 });
  });

  it('names the bad field', async () => {
    const res = await app.inject({ url: '/api/v1/calc/aqi?kind=realtime&standard=2026&at=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe(
      'querystring.at',
    );
  });

  const DUST = '/api/v1/calc/aqi?kind=realtime&standard=2026&pm10=800&pm25=90';

  it('above the table by default: AQI 500, that pollutant primary and listed in beyondTable', async () => {
    const res = await app.inject({ url: DUST });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      aqi: 500,
      level: 6,
      category: '严重污染',
      primary: ['pm10'],
      iaqi: { pm10: 500, pm25: 128 },
      beyondTable: ['pm10'],
    });
    expect((await app.inject({ url: `${DUST}&strict=false` })).json()).toMatchObject({ aqi: 500 });
  });

  it('answers beyondTable (empty) in every result', async () => {
    const res = await app.inject({ url: '/api/v1/calc/aqi?kind=realtime&standard=2026&pm25=70' });
    expect(res.json()).toMatchObject({ beyondTable: [] });
  });

  it('strict=true: 400 in the error envelope, naming the pollutant, the value and the top breakpoint', async () => {
    const res = await app.inject({ url: `${DUST}&strict=true` });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string; details: { field: string }[] } }>();
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(
      /^pm10: 800 µg\/m³ is above the top breakpoint 600 µg\/m³ of HJ 633-2026 Table 3 \(pm10_24h\)/,
    );
    expect(error.details[0]?.field).toBe('querystring.pm10');
    const onTable = await app.inject({
      url: '/api/v1/calc/aqi?kind=realtime&standard=2026&pm10=600&strict=true',
    });
    expect(onTable.json()).toMatchObject({ aqi: 500, beyondTable: [] });
  });

  it('strict must be a boolean', async () => {
    const res = await app.inject({ url: `${DUST}&strict=maybe` });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('bad-request');
  });

  it('the OpenAPI description states the default above the table and strict', async () => {
    const res = await app.inject({ url: '/api/v1/openapi.json' });
    const op = res.json<{
      paths: Record<string, { get: { description: string; parameters: { name: string }[] } }>;
    }>().paths['/api/v1/calc/aqi']?.get;
    expect(op?.description).toMatch(/IAQI 500/);
    expect(op?.description).toMatch(/strict=true/);
    expect(op?.parameters.map((p) => p.name)).toContain('strict');
  });
});
