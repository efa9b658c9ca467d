/**
 * The demo city written as a city package (docs/city-package.md): the files of `demo/huzhou/`, made
 * from `DEMO_CITY` (src/sim/demo-city.ts) and the vendored district boundaries
 * (assets/geo/huzhou.geojson). `qingshan demo` loads that folder through the same `city import` a
 * bureau uses; `demo-package.test.ts` holds the folder equal to what this module writes, so the
 * package and the simulator's device models never drift apart (`REGEN=1` rewrites the folder).
 *
 * Pure: the boundaries come in as text, the files go out as text.
 */
import type { ExportColumn, ExportTable } from '../reports/table-export.js';
import { tableCsv } from '../reports/table-export.js';
import type {
  AirStationAttributes,
  EnterpriseAttributes,
  OutletAttributes,
  WaterSectionAttributes,
} from '../store/types.js';
import type { DemoCity, DemoDevice, DemoSite } from './demo-city.js';

/** The files of a city package, by name, in the order a reader takes them. */
export const PACKAGE_FILES = [
  'city.csv',
  'districts.csv',
  'boundaries.geojson',
  'air_stations.csv',
  'water_sections.csv',
  'enterprises.csv',
  'outlets.csv',
  'devices.csv',
] as const;
export type PackageFile = (typeof PACKAGE_FILES)[number];

/** A column of a package file: the header as written (the same in both languages) and its cell. */
function col<Row>(header: string, value: ExportColumn<Row>['value']): ExportColumn<Row> {
  return { header: { zh: header, en: header }, value };
}

function csv<Row>(name: string, columns: ExportColumn<Row>[], rows: readonly Row[]): string {
  const table: ExportTable<Row> = { title: { zh: name, en: name }, columns, rows };
  // Package files are written in the English spelling of yes/no, as the format documents them.
  return tableCsv(table, 'en');
}

function ofKind(city: DemoCity, kind: DemoSite['kind']): DemoSite[] {
  return city.sites.filter((s) => s.kind === kind);
}

/**
 * One feature per district of the city that the vendored file draws, carrying `code` (and the
 * names); coordinates as vendored. Divisions without a polygon of their own (a functional area
 * inside a district) get no feature.
 */
export function demoBoundaries(city: DemoCity, vendoredGeoJson: string): string {
  const raw = JSON.parse(vendoredGeoJson) as {
    features: { id?: string; properties?: { name?: string }; geometry: unknown }[];
  };
  const byName = new Map(city.districts.map((d) => [d.name, d]));
  const lines: string[] = [];
  for (const f of raw.features) {
    const d = byName.get(f.properties?.name ?? '');
    if (d === undefined) throw new Error(`boundary ${String(f.id)} names no district of the demo city`);
    lines.push(
      JSON.stringify({
        type: 'Feature',
        properties: { code: d.code, name: d.name, name_en: d.nameEn },
        geometry: f.geometry,
      }),
    );
  }
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** The files of the demo city's package, by name. */
export function demoPackageFiles(city: DemoCity, vendoredGeoJson: string): Record<PackageFile, string> {
  const codeOf = new Map(city.sites.map((s) => [s.code, s]));
  return {
    'city.csv': csv<DemoCity>(
      'city',
      [
        col('name', (c: DemoCity) => c.name),
        col('code', (c) => c.adminCode),
        col('name_en', (c) => c.nameEn),
      ],
      [city],
    ),
    'districts.csv': csv<DemoCity['districts'][number]>(
      'districts',
      [
        col('code', (d: DemoCity['districts'][number]) => d.code),
        col('name', (d) => d.name),
        col('parent', (d) => d.parentCode ?? null),
        col('name_en', (d) => d.nameEn),
      ],
      city.districts,
    ),
    'boundaries.geojson': demoBoundaries(city, vendoredGeoJson),
    'air_stations.csv': csv<DemoSite>(
      'air_stations',
      [
        col('code', (s: DemoSite) => s.code),
        col('name', (s) => s.name),
        col('lon', (s) => s.longitude),
        col('lat', (s) => s.latitude),
        col('district', (s) => s.districtCode),
        col('level', (s) => (s.attributes as AirStationAttributes).network),
        // The demo keeps the platform's rule: the national stations count for the city's AQI.
        col('city_aqi', (s) => (s.attributes as AirStationAttributes).network === 'national'),
      ],
      ofKind(city, 'air_station'),
    ),
    'water_sections.csv': csv<DemoSite>(
      'water_sections',
      [
        col('code', (s: DemoSite) => s.code),
        col('name', (s) => s.name),
        col('water_body', (s) => (s.attributes as WaterSectionAttributes).waterBody),
        col('basin', (s) => (s.attributes as WaterSectionAttributes).basin),
        col('water_type', (s) => (s.attributes as WaterSectionAttributes).waterType),
        col('target_class', (s) => (s.attributes as WaterSectionAttributes).targetClass),
        col('level', (s) => (s.attributes as WaterSectionAttributes).network),
        col('district', (s) => s.districtCode),
        col('lon', (s) => s.longitude),
        col('lat', (s) => s.latitude),
        col('mode', (s) => ((s.attributes as WaterSectionAttributes).automatic ? 'automatic' : 'manual')),
      ],
      ofKind(city, 'water_section'),
    ),
    'enterprises.csv': csv<DemoSite>(
      'enterprises',
      [
        col('code', (s: DemoSite) => s.code),
        col('name', (s) => s.name),
        col('credit_code', (s) => (s.attributes as EnterpriseAttributes).creditCode),
        col('industry', (s) => (s.attributes as EnterpriseAttributes).industryCode),
        col('district', (s) => s.districtCode),
        col('address', (s) => (s.attributes as EnterpriseAttributes).address),
        col('lon', (s) => s.longitude),
        col('lat', (s) => s.latitude),
        col('permit', () => null),
        col('categories', () => null),
        col('industry_name', (s) => (s.attributes as EnterpriseAttributes).industry),
        col('grade', (s) => (s.attributes as EnterpriseAttributes).performanceGrade),
      ],
      ofKind(city, 'enterprise'),
    ),
    'outlets.csv': csv<DemoSite>(
      'outlets',
      [
        col('code', (s: DemoSite) => s.code),
        col('enterprise', (s) => s.parentCode ?? null),
        col('name', (s) => s.name),
        col('kind', (s) => (s.attributes as OutletAttributes).medium),
        col('standard', (s) => (s.attributes as OutletAttributes).emissionStandard),
        col('parameters', (s) => (s.attributes as OutletAttributes).parameters.join(' ')),
        col('reference_o2', (s) => (s.attributes as OutletAttributes).referenceO2Pct ?? null),
        col('lon', (s) => s.longitude),
        col('lat', (s) => s.latitude),
      ],
      ofKind(city, 'outlet'),
    ),
    'devices.csv': csv<DemoDevice>(
      'devices',
      [
        col('mn', (d: DemoDevice) => d.mn),
        col('password', (d) => d.password),
        col('site', (d) => {
          if (!codeOf.has(d.siteCode)) throw new Error(`device ${d.mn} names no site of the demo city`);
          return d.siteCode;
        }),
        col('protocol', (d) => d.protocol),
      ],
      city.devices,
    ),
  };
}
