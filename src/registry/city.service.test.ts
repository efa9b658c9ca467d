import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';

let t: TestStore;
const clock = new ManualClock('2026-03-15T00:00:00Z');
beforeEach(async () => {
  t = await openTestStore(clock);
});
afterEach(async () => {
  await t.cleanup();
});

const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describe('CityService.overview', () => {
  it('an empty database: no name, no code, no extent, nothing to draw', async () => {
    const { city } = createServices({ store: t.store, clock });
    expect(await city.overview()).toEqual({
      name: '',
      nameEn: '',
      code: null,
      center: null,
      bounds: null,
      districts: [],
      boundaries: { type: 'FeatureCollection', features: [] },
    });
  });

  it('the city, its districts in service with parents, and the extent of their boundaries', async () => {
    await t.store.city.put({ code: '990100', name: '青川市', nameEn: 'Qingchuan' }, clock.now());
    await t.store.districts.upsertMany([
      { code: '990102', name: '东湖区', nameEn: 'Donghu', parentCode: null },
      { code: '990103', name: '西岭区', nameEn: 'Xiling' },
      { code: '990199', name: '湖滨新区', nameEn: 'Lakeside', parentCode: '990102' },
      { code: '990104', name: '旧区', nameEn: 'Old' },
    ]);
    await t.store.districts.setBoundary('990102', square(110, 20, 1));
    await t.store.districts.setBoundary('990103', {
      type: 'MultiPolygon',
      coordinates: [square(111, 20.5, 0.5).coordinates, square(109.5, 19.5, 0.25).coordinates],
    });
    await t.store.districts.setBoundary('990104', square(0, 0, 1));
    await t.store.districts.retire('990104', clock.now());
    const o = await createServices({ store: t.store, clock }).city.overview();
    expect(o).toMatchObject({
      name: '青川市',
      nameEn: 'Qingchuan',
      code: '990100',
      bounds: [
        [109.5, 19.5],
        [111.5, 21],
      ],
      center: [110.5, 20.25],
      districts: [
        { code: '990102', name: '东湖区', nameEn: 'Donghu', parent: null },
        { code: '990103', name: '西岭区', nameEn: 'Xiling', parent: null },
        { code: '990199', name: '湖滨新区', nameEn: 'Lakeside', parent: '990102' },
      ],
    });
    expect(o.boundaries.features.map((f) => [f.properties, f.geometry.type])).toEqual([
      [{ code: '990102', name: '东湖区', nameEn: 'Donghu' }, 'Polygon'],
      [{ code: '990103', name: '西岭区', nameEn: 'Xiling' }, 'MultiPolygon'],
    ]);
  });

  it('without boundaries the extent is that of the sites', async () => {
    await t.store.districts.upsert({ code: '990102', name: '东湖区', nameEn: 'Donghu' });
    for (const [code, lon, lat] of [
      ['S1', 110.1, 20.2],
      ['S2', 110.5, 20.8],
    ] as const) {
      await t.store.sites.create({
        kind: 'air_station',
        code,
        name: code,
        districtCode: '990102',
        longitude: lon,
        latitude: lat,
      });
    }
    await t.store.sites.create({ kind: 'enterprise', code: 'E1', name: 'E1', districtCode: '990102' });
    const o = await createServices({ store: t.store, clock }).city.overview();
    expect(o.bounds).toEqual([
      [110.1, 20.2],
      [110.5, 20.8],
    ]);
    expect(o.center).toEqual([110.3, 20.5]);
  });
});
