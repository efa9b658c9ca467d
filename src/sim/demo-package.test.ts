import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import { DEMO_CITY } from './demo-city.js';
import { PACKAGE_FILES, demoPackageFiles } from './demo-package.js';

const DEMO_PACKAGE_DIR = new URL('../../demo/huzhou/', import.meta.url);
const DEMO_PACKAGE_PATH = fileURLToPath(DEMO_PACKAGE_DIR);
const VENDORED = readFileSync(new URL('../../assets/geo/huzhou.geojson', import.meta.url), 'utf8');

describe('the demo package demo/huzhou/', () => {
  const files = demoPackageFiles(DEMO_CITY, VENDORED);
  // REGEN=1 rewrites the folder from demo-city.ts; review the diff.
  if (process.env.REGEN === '1') {
    mkdirSync(DEMO_PACKAGE_DIR, { recursive: true });
    for (const name of PACKAGE_FILES) writeFileSync(new URL(name, DEMO_PACKAGE_DIR), files[name]);
  }

  it.each(PACKAGE_FILES)('%s is what demo-city.ts writes (no drift)', (name) => {
    expect(readFileSync(new URL(name, DEMO_PACKAGE_DIR), 'utf8')).toBe(files[name]);
  });

  it('holds every district, site and device of the demo city once', () => {
    const rows = (name: (typeof PACKAGE_FILES)[number]) => files[name].trimEnd().split('\r\n').length - 1;
    expect(rows('districts.csv')).toBe(DEMO_CITY.districts.length);
    const kinds = ['air_station', 'water_section', 'enterprise', 'outlet'] as const;
    const sums = kinds.map((k) => DEMO_CITY.sites.filter((s) => s.kind === k).length);
    expect([
      rows('air_stations.csv'),
      rows('water_sections.csv'),
      rows('enterprises.csv'),
      rows('outlets.csv'),
    ]).toEqual(sums);
    expect(rows('devices.csv')).toBe(DEMO_CITY.devices.length);
    const boundaries = JSON.parse(files['boundaries.geojson']) as {
      features: { properties: { code: string } }[];
    };
    // 南太湖新区 (330599) lies inside 吴兴区's polygon and has none of its own.
    expect(boundaries.features.map((f) => f.properties.code).sort()).toEqual(
      DEMO_CITY.districts
        .map((d) => d.code)
        .filter((c) => c !== '330599')
        .sort(),
    );
  });
});

describe('qingshan demo loads demo/huzhou/ through city import', () => {
  it('into an empty store: the city, districts, boundaries, sites and devices of demo-city.ts; again: a no-op', async () => {
    const t = await openTestStore();
    try {
      const services = createServices({ store: t.store, clock: new ManualClock('2026-03-15T00:00:00Z') });
      const actor = { username: 'demo', role: null };
      const report = await services.cityImport.importPackage(DEMO_PACKAGE_PATH, {
        actor,
        demo: true,
        lang: 'en',
      });
      expect(report.rejections).toEqual([]);
      expect(report.applied).toBe(true);
      expect(await t.store.city.get()).toEqual({ code: '330500', name: '湖州市', nameEn: 'Huzhou' });
      expect(await t.store.districts.list()).toMatchObject(
        [...DEMO_CITY.districts].sort((a, b) => a.code.localeCompare(b.code)),
      );
      expect((await t.store.districts.boundaries()).map((b) => b.code)).toEqual([
        '330502',
        '330503',
        '330521',
        '330522',
        '330523',
      ]);
      const stored = new Map((await t.store.sites.list({ limit: 1000 })).items.map((s) => [s.code, s]));
      const ids = new Map([...stored.values()].map((s) => [s.id, s.code]));
      expect(stored.size).toBe(DEMO_CITY.sites.length);
      for (const s of DEMO_CITY.sites) {
        const got = stored.get(s.code);
        expect(got, s.code).toMatchObject({
          kind: s.kind,
          name: s.name,
          districtCode: s.districtCode,
          longitude: s.longitude,
          latitude: s.latitude,
          demo: true,
          attributes: s.attributes,
        });
        expect(got?.parentId === null ? undefined : ids.get(got?.parentId ?? -1), s.code).toBe(s.parentCode);
      }
      for (const d of DEMO_CITY.devices) {
        expect((await t.store.devices.authenticate(d.mn, d.password)).ok, d.mn).toBe(true);
      }
      const again = await services.cityImport.importPackage(DEMO_PACKAGE_PATH, {
        actor,
        demo: true,
        lang: 'en',
      });
      for (const counts of Object.values(again.entities)) {
        expect(counts.created + counts.updated + counts.rejected).toBe(0);
      }
    } finally {
      await t.cleanup();
    }
  });
});
