import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OutletAttributes, SiteKind, WaterSectionAttributes } from '../store/types.js';
import { DEMO_CITY, type DemoSite } from './demo-city.js';

type Ring = [number, number][];

interface DistrictShape {
  name: string;
  /** Every ring of the feature; a point is inside when an odd number of rings contain it. */
  rings: Ring[];
}

function isPosition(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number'
  );
}

function toRing(value: unknown): Ring {
  if (!Array.isArray(value) || !value.every(isPosition)) throw new Error('ring is not an array of positions');
  return value;
}

function readDistrictShapes(): DistrictShape[] {
  const raw: unknown = JSON.parse(
    readFileSync(new URL('../../assets/geo/huzhou.geojson', import.meta.url), 'utf8'),
  );
  if (typeof raw !== 'object' || raw === null || !('features' in raw) || !Array.isArray(raw.features)) {
    throw new Error('huzhou.geojson is not a FeatureCollection');
  }
  return raw.features.map((feature: unknown): DistrictShape => {
    if (
      typeof feature !== 'object' ||
      feature === null ||
      !('properties' in feature) ||
      !('geometry' in feature)
    ) {
      throw new Error('feature without properties or geometry');
    }
    const { properties, geometry } = feature;
    if (typeof properties !== 'object' || properties === null || !('name' in properties)) {
      throw new Error('feature without a name');
    }
    if (
      typeof geometry !== 'object' ||
      geometry === null ||
      !('type' in geometry) ||
      !('coordinates' in geometry)
    ) {
      throw new Error('feature without a geometry');
    }
    const { coordinates } = geometry;
    if (!Array.isArray(coordinates)) throw new Error('geometry without coordinates');
    let rings: Ring[];
    switch (geometry.type) {
      case 'Polygon':
        rings = coordinates.map(toRing);
        break;
      case 'MultiPolygon':
        rings = coordinates.flatMap((polygon: unknown) => {
          if (!Array.isArray(polygon)) throw new Error('polygon is not an array of rings');
          return polygon.map(toRing);
        });
        break;
      default:
        throw new Error(`unexpected geometry type ${String(geometry.type)}`);
    }
    return { name: String(properties.name), rings };
  });
}

/** Ray casting (even-odd rule) over one ring. */
function ringContains(ring: Ring, longitude: number, latitude: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function shapeContains(shape: DistrictShape, longitude: number, latitude: number): boolean {
  return shape.rings.filter((ring) => ringContains(ring, longitude, latitude)).length % 2 === 1;
}

const { districts, sites, devices } = DEMO_CITY;
const siteByCode = new Map(sites.map((site) => [site.code, site]));

function sitesOf(kind: SiteKind): DemoSite[] {
  return sites.filter((site) => site.kind === kind);
}

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('DEMO_CITY', () => {
  it('has the expected counts', () => {
    expect(districts).toHaveLength(6);
    expect(sitesOf('air_station').length).toBeGreaterThanOrEqual(10);
    expect(sitesOf('water_section')).toHaveLength(15);
    expect(sitesOf('enterprise')).toHaveLength(40);
    expect(sitesOf('outlet')).toHaveLength(60);
  });

  it('has unique district codes, site codes, MNs, passwords and credit codes', () => {
    expect(duplicates(districts.map((d) => d.code))).toEqual([]);
    expect(duplicates(sites.map((s) => s.code))).toEqual([]);
    expect(duplicates(devices.map((d) => d.mn))).toEqual([]);
    expect(duplicates(devices.map((d) => d.password))).toEqual([]);
    const creditCodes = sitesOf('enterprise').map((s) =>
      'creditCode' in s.attributes ? s.attributes.creditCode : '',
    );
    expect(duplicates(creditCodes)).toEqual([]);
    for (const code of creditCodes) expect(code).toMatch(/^DEMO[0-9A-Z]{14}$/);
  });

  it('puts every site in a known district', () => {
    const codes = new Set(districts.map((d) => d.code));
    for (const site of sites) expect(codes, site.code).toContain(site.districtCode);
  });

  it('links every outlet, and only outlets, to an enterprise that comes before it', () => {
    for (const [index, site] of sites.entries()) {
      if (site.kind !== 'outlet') {
        expect(site.parentCode, site.code).toBeUndefined();
        continue;
      }
      const parent = site.parentCode === undefined ? undefined : siteByCode.get(site.parentCode);
      expect(parent?.kind, site.code).toBe('enterprise');
      expect(sites.indexOf(parent ?? site), site.code).toBeLessThan(index);
      expect(site.districtCode, site.code).toBe(parent?.districtCode);
    }
  });

  it('gives outlets codes of their medium, and reference O2 only to gas outlets that report O2', () => {
    for (const site of sitesOf('outlet')) {
      const attributes = site.attributes as OutletAttributes;
      expect(attributes.parameters.length, site.code).toBeGreaterThan(0);
      const prefix = attributes.medium === 'gas' ? 'a' : 'w';
      for (const code of attributes.parameters)
        expect(code, site.code).toMatch(new RegExp(`^${prefix}\\d{5}$`));
      expect(duplicates(attributes.parameters), site.code).toEqual([]);
      expect(attributes.emissionStandard, site.code).toMatch(/^(GB|DB33\/)\s?\d+-\d{4}$/);
      if (attributes.referenceO2Pct !== undefined) {
        expect(attributes.medium, site.code).toBe('gas');
        expect(attributes.parameters, site.code).toContain('a19001');
      }
    }
  });

  it('describes every water section fully', () => {
    for (const site of sitesOf('water_section')) {
      const attributes = site.attributes as WaterSectionAttributes;
      expect(['river', 'lake'], site.code).toContain(attributes.waterType);
      expect(['I', 'II', 'III', 'IV', 'V'], site.code).toContain(attributes.targetClass);
      expect(attributes.waterBody, site.code).not.toBe('');
      expect(attributes.basin, site.code).not.toBe('');
      expect(typeof attributes.automatic, site.code).toBe('boolean');
    }
  });

  it('has exactly one device per outlet, air station and automatic water section, and no others', () => {
    const expected = sites
      .filter(
        (site) =>
          site.kind === 'outlet' ||
          site.kind === 'air_station' ||
          (site.kind === 'water_section' && (site.attributes as WaterSectionAttributes).automatic),
      )
      .map((site) => site.code)
      .sort();
    for (const device of devices) expect(siteByCode.has(device.siteCode), device.mn).toBe(true);
    expect(devices.map((d) => d.siteCode).sort()).toEqual(expected);
  });

  it('uses MNs and passwords of the shape each protocol edition expects', () => {
    for (const device of devices) {
      if (device.protocol === '2005') expect(device.mn, device.siteCode).toMatch(/^[0-9A-Z]{14}$/);
      else expect(device.mn, device.siteCode).toMatch(/^[0-9A-F]{24}$/);
      expect(device.password, device.siteCode).toMatch(/^[0-9A-Za-z]{6}$/);
    }
    const protocols = new Set(devices.map((d) => d.protocol));
    expect([...protocols].sort()).toEqual(['2005', '2017', '2025']);
  });

  it('places every site inside its district in assets/geo/huzhou.geojson', () => {
    const shapes = readDistrictShapes();
    expect(shapes.map((s) => s.name).sort()).toEqual(['南浔区', '吴兴区', '安吉县', '德清县', '长兴县']);
    // The test's own point-in-polygon: Taihu is in no district, Nanxun town only in 南浔区.
    expect(shapes.filter((shape) => shapeContains(shape, 120.2, 31.05))).toEqual([]);
    expect(shapes.filter((shape) => shapeContains(shape, 120.42, 30.87)).map((s) => s.name)).toEqual([
      '南浔区',
    ]);
    // 南太湖新区 was carved out of 吴兴区 after the boundaries were drawn.
    const shapeName = (name: string): string => (name === '南太湖新区' ? '吴兴区' : name);
    const shapeOf = new Map(
      districts.map((d) => [d.code, shapes.find((shape) => shape.name === shapeName(d.name))]),
    );
    const outside = sites
      .filter((site) => {
        const shape = shapeOf.get(site.districtCode);
        return shape === undefined || !shapeContains(shape, site.longitude, site.latitude);
      })
      .map((site) => `${site.code} (${site.longitude}, ${site.latitude})`);
    expect(outside).toEqual([]);
    const [longitude, latitude] = DEMO_CITY.center;
    expect(shapes.some((shape) => shapeContains(shape, longitude, latitude))).toBe(true);
  });

  it('says it is demo data, in Chinese and English', () => {
    expect(DEMO_CITY.notice.zh).toContain('演示');
    expect(DEMO_CITY.notice.en.toLowerCase()).toContain('demo');
  });
});
