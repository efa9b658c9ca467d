/**
 * Store cases of a city's master data (the city row, districts with parents, boundaries and
 * retirement, site edits and retirement), run inside the shared conformance suite
 * (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './db.js';
import type { Store } from './store.js';
import type { BoundaryGeometry } from './types.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const SQUARE: BoundaryGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120, 30],
      [120.5, 30],
      [120.5, 30.5],
      [120, 30.5],
      [120, 30],
    ],
  ],
};

/** The cases; `getStore` returns the suite's store. */
export function runMasterDataStoreCases(getStore: () => Store): void {
  describe('city and districts', () => {
    it('keeps one city row, replaced by the next import', async () => {
      const store = getStore();
      expect(await store.city.get()).toBeNull();
      await store.city.put({ code: '990100', name: '甲市', nameEn: 'Jia' }, T0);
      await store.city.put({ code: '990100', name: '甲城市', nameEn: 'Jia City' }, T0);
      expect(await store.city.get()).toEqual({ code: '990100', name: '甲城市', nameEn: 'Jia City' });
    });

    it('stores parents and boundaries, retires without deleting, and revives on a new upsert', async () => {
      const store = getStore();
      await store.districts.upsert({ code: '990101', name: '东区', nameEn: 'East' });
      await store.districts.upsert({
        code: '990191',
        name: '新区',
        nameEn: 'New Area',
        parentCode: '990101',
      });
      await store.districts.setBoundary('990101', SQUARE);
      expect(await store.districts.get('990191')).toEqual({
        code: '990191',
        name: '新区',
        nameEn: 'New Area',
        parentCode: '990101',
        retiredAt: null,
      });
      expect(await store.districts.boundaries()).toEqual([{ code: '990101', geometry: SQUARE }]);

      expect(await store.districts.retire('990101', T0)).toBe(true);
      expect(await store.districts.retire('000000', T0)).toBe(false);
      expect((await store.districts.list()).map((d) => d.code)).not.toContain('990101');
      expect((await store.districts.list({ includeRetired: true })).map((d) => d.code)).toContain('990101');
      expect(await store.districts.boundaries()).toEqual([]);
      expect((await store.districts.get('990101'))?.retiredAt).toEqual(T0);

      await store.districts.upsert({ code: '990101', name: '东区', nameEn: 'East' });
      expect((await store.districts.get('990101'))?.retiredAt).toBeNull();
    });
  });

  describe('site edits', () => {
    it('updates the editable fields and retires a site out of the lists, keeping it by code', async () => {
      const store = getStore();
      await store.districts.upsert({ code: '990102', name: '西区', nameEn: 'West' });
      const site = await store.sites.create({
        kind: 'air_station',
        code: 'MD-A1',
        name: '旧名',
        districtCode: '990102',
        longitude: 120.1,
        latitude: 30.1,
        attributes: { network: 'city' },
      });
      expect(site.retiredAt).toBeNull();
      const edited = await store.sites.update(site.id, {
        name: '新名',
        longitude: 120.2,
        attributes: { network: 'provincial' },
      });
      expect(edited).toMatchObject({
        code: 'MD-A1',
        name: '新名',
        longitude: 120.2,
        latitude: 30.1,
        attributes: { network: 'provincial' },
      });
      expect(await store.sites.update(999_999, { name: 'x' })).toBeNull();

      await store.sites.setRetired(site.id, T0);
      const listed = await store.sites.list({ districtCode: '990102' });
      expect(listed.items.map((s) => s.code)).not.toContain('MD-A1');
      const all = await store.sites.list({ districtCode: '990102', includeRetired: true });
      expect(all.items.map((s) => s.code)).toContain('MD-A1');
      expect((await store.sites.getByCode('MD-A1'))?.retiredAt).toEqual(T0);

      await store.sites.setRetired(site.id, null);
      expect((await store.sites.getByCode('MD-A1'))?.retiredAt).toBeNull();
    });

    it('reports a second site with a taken code as a unique violation, on either database', async () => {
      const store = getStore();
      const again = store.sites.create({
        kind: 'air_station',
        code: 'MD-A1',
        name: '又一个',
        districtCode: '990102',
      });
      const error: unknown = await again.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(error)).toBe(true);
      expect(isUniqueViolation(new Error('other'))).toBe(false);
    });
  });
}
