import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CITY } from './demo-city.js';
import { PACKAGE_FILES, demoPackageFiles } from './demo-package.js';

const DEMO_PACKAGE_DIR = new URL('../../demo/huzhou/', import.meta.url);
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
