import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testApp, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { AIR_PARAMETER_CODES } from '../monitor/air.service.js';
import type { Hj663Pollutant } from '../standards/hj663.js';
import type { App } from './app.js';

/** Hour 09:00–10:00 China time of 2026-03-15; the clock stands at 10:30. */
const HOUR = new Date('2026-03-15T01:00:00Z');
const clock = new ManualClock('2026-03-15T02:30:00Z');

let t: TestStore;
let app: App;

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
  await t.store.readings.insertBatch(
    Object.entries(values).map(([p, v]) => ({
      siteId: site.id,
      parameter: AIR_PARAMETER_CODES[p as Hj663Pollutant],
      interval: 'hour' as const,
      periodStart: HOUR,
      value: v,
      valueText: String(v),
      min: null,
      max: null,
      cumulative: null,
      flag: 'N',
      source: 'test',
      receivedAt: HOUR,
    })),
  );
  app = await testApp(t.store, clock);
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
    ['/api/v1/air/series?scope=station&code=NOPE&kind=hourly', 404],
    ['/api/v1/air/series?scope=galaxy&kind=hourly', 400],
    ['/api/v1/air/evaluation?period=month&value=2026-13', 400],
    ['/api/v1/air/rankings?by=ci', 400],
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
    const res = await app.inject({ url: '/api/v1/calc/aqi?kind=realtime&standard=2026&pm25=5000' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe(
      'querystring.pm25',
    );
  });
});
