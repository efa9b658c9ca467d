import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOver, openTestStore, seedAccessFixture, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import type { App } from './app.js';
import type { CityDto } from './city.schemas.js';

describe('GET /api/v1/city', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let app: App;

  beforeAll(async () => {
    t = await openTestStore(clock);
    await seedAccessFixture(t.store);
    app = await appOver(
      createServices({ store: t.store, clock, city: { name: '某市', nameEn: 'Some City' } }),
    );
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('answers without a login: the city, its districts and only their boundaries, with the extent', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/city' });
    expect(res.statusCode).toBe(200);
    const city = res.json<CityDto>();
    expect(city).toMatchObject({ name: '某市', nameEn: 'Some City', code: '330500' });
    expect(city.districts).toEqual([
      { code: '330502', name: '吴兴区', nameEn: 'Wuxing', parent: null },
      { code: '330503', name: '南浔区', nameEn: 'Nanxun', parent: null },
    ]);
    expect(city.boundaries.features.map((f) => f.properties.code).sort()).toEqual(['330502', '330503']);
    const [[minLon, minLat], [maxLon, maxLat]] = city.bounds ?? [
      [0, 0],
      [0, 0],
    ];
    expect(minLon).toBeLessThan(maxLon);
    expect(minLat).toBeLessThan(maxLat);
    expect(city.center?.[0]).toBeCloseTo((minLon + maxLon) / 2, 6);
  });

  it('gives a city whose districts the boundaries file does not know no boundaries and no extent', async () => {
    const other = await openTestStore(clock);
    try {
      await other.store.districts.upsertMany([{ code: '110101', name: '东城区', nameEn: 'Dongcheng' }]);
      const otherApp = await appOver(createServices({ store: other.store, clock }));
      const city = (await otherApp.inject({ method: 'GET', url: '/api/v1/city' })).json<CityDto>();
      expect(city).toMatchObject({ name: '', code: '110100', bounds: null, center: null });
      expect(city.boundaries.features).toEqual([]);
      await otherApp.close();
    } finally {
      await other.cleanup();
    }
  });
});
