import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOver, openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import type { App } from './app.js';
import type { CityDto } from './city.schemas.js';

const square = (w: number, s: number, e: number, n: number): number[][][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

describe('GET /api/v1/city', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let app: App;

  beforeAll(async () => {
    t = await openTestStore(clock);
    await t.store.city.put({ code: '990100', name: '某市', nameEn: 'Some City' }, clock.now());
    await t.store.districts.upsert({ code: '990101', name: '东区', nameEn: 'East' });
    await t.store.districts.upsert({
      code: '990191',
      name: '新区',
      nameEn: 'New Area',
      parentCode: '990101',
    });
    await t.store.districts.setBoundary('990101', { type: 'Polygon', coordinates: square(120, 30, 121, 31) });
    app = await appOver(createServices({ store: t.store, clock }));
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('answers without a login with the city from the store: districts, parents, boundaries and extent', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/city' });
    expect(res.statusCode).toBe(200);
    const city = res.json<CityDto>();
    expect(city).toMatchObject({ name: '某市', nameEn: 'Some City', code: '990100' });
    expect(city.districts).toEqual([
      { code: '990101', name: '东区', nameEn: 'East', parent: null },
      { code: '990191', name: '新区', nameEn: 'New Area', parent: '990101' },
    ]);
    expect(city.boundaries.features.map((f) => f.properties.code)).toEqual(['990101']);
    expect(city.bounds).toEqual([
      [120, 30],
      [121, 31],
    ]);
    expect(city.center).toEqual([120.5, 30.5]);
  });

  it('gives an empty database no city, no boundaries and no extent', async () => {
    const other = await openTestStore(clock);
    try {
      const otherApp = await appOver(createServices({ store: other.store, clock }));
      const city = (await otherApp.inject({ method: 'GET', url: '/api/v1/city' })).json<CityDto>();
      expect(city).toMatchObject({ bounds: null, center: null, districts: [] });
      expect(city.boundaries.features).toEqual([]);
      await otherApp.close();
    } finally {
      await other.cleanup();
    }
  });
});
