/**
 * The master data in the store as the tables of a city package (docs/city-package.md §5): the same
 * files, columns and value spellings that the import reads, so that an export imported again
 * changes nothing. Passwords are never exported (a hash cannot be): the devices table leaves them
 * empty, which an import reads as "keep the registered device's password".
 */
import type { Cell, ExportColumn, ExportTable } from '../../reports/table-export.js';
import type { City, DeviceWithSiteCode, District, DistrictBoundary, Site } from './export-types.js';
import type { PackageTable } from './format.js';
import { IGNORED_DEVICE_COLUMNS, TABLE_SPECS } from './format.js';

export interface PackageSource {
  city: City | null;
  districts: District[];
  boundaries: DistrictBoundary[];
  sites: Site[];
  siteCodeById: ReadonlyMap<number, string>;
  devices: DeviceWithSiteCode[];
}

type Row = Record<string, Cell>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(' ') : '');

function airRow(s: Site): Row {
  const a = s.attributes;
  const network = str(a.network) || 'city';
  return {
    code: s.code,
    name: s.name,
    lon: s.longitude,
    lat: s.latitude,
    district: s.districtCode,
    level: network,
    city_aqi:
      a.cityAqi === undefined ? (network === 'national' ? 'yes' : 'no') : a.cityAqi === true ? 'yes' : 'no',
  };
}

function waterRow(s: Site): Row {
  const a = s.attributes;
  return {
    code: s.code,
    name: s.name,
    water_body: str(a.waterBody),
    basin: str(a.basin),
    water_type: str(a.waterType),
    target_class: str(a.targetClass),
    level: str(a.network),
    district: s.districtCode,
    lon: s.longitude,
    lat: s.latitude,
    mode: a.automatic === false ? 'manual' : 'automatic',
  };
}

function enterpriseRow(s: Site): Row {
  const a = s.attributes;
  return {
    code: s.code,
    name: s.name,
    credit_code: str(a.creditCode),
    industry: str(a.industryCode),
    district: s.districtCode,
    address: str(a.address),
    lon: s.longitude,
    lat: s.latitude,
    permit: str(a.permit),
    categories: list(a.categories),
    industry_name: str(a.industry),
    grade: str(a.performanceGrade) || 'none',
  };
}

function outletRow(s: Site, codeOf: ReadonlyMap<number, string>): Row {
  const a = s.attributes;
  return {
    code: s.code,
    enterprise: s.parentId === null ? '' : (codeOf.get(s.parentId) ?? ''),
    name: s.name,
    kind: str(a.medium),
    standard: str(a.limitPreset) || str(a.emissionStandard),
    parameters: list(a.parameters),
    reference_o2: typeof a.referenceO2Pct === 'number' ? a.referenceO2Pct : null,
    lon: s.longitude,
    lat: s.latitude,
  };
}

/** A table of the format over rows keyed by column name. */
function table(name: PackageTable, rows: Row[]): ExportTable<unknown> {
  const spec = TABLE_SPECS.find((t) => t.table === name);
  if (spec === undefined) throw new Error(`no table ${name}`);
  const columns: ExportColumn<Row>[] = spec.columns
    .filter((c) => !(name === 'devices' && IGNORED_DEVICE_COLUMNS.includes(c.name)))
    .map((c) => ({ header: { zh: c.name, en: c.name }, value: (row: Row) => row[c.name] ?? null }));
  return { title: { zh: spec.sheet, en: spec.sheet }, columns, rows } as ExportTable<unknown>;
}

/** The package's tables (every table, possibly empty) and its boundaries.geojson text. */
export function packageTables(src: PackageSource): { tables: ExportTable<unknown>[]; boundaries: string } {
  const byKind = (kind: Site['kind']): Site[] => src.sites.filter((s) => s.kind === kind);
  const tables: ExportTable<unknown>[] = [
    table(
      'city',
      src.city === null ? [] : [{ name: src.city.name, code: src.city.code, name_en: src.city.nameEn }],
    ),
    table(
      'districts',
      src.districts.map((d) => ({
        code: d.code,
        name: d.name,
        parent: d.parentCode ?? '',
        name_en: d.nameEn,
      })),
    ),
    table('air_stations', byKind('air_station').map(airRow)),
    table('water_sections', byKind('water_section').map(waterRow)),
    table('enterprises', byKind('enterprise').map(enterpriseRow)),
    table(
      'outlets',
      byKind('outlet').map((s) => outletRow(s, src.siteCodeById)),
    ),
    table(
      'devices',
      src.devices.map((d) => ({ mn: d.mn, password: '', site: d.siteCode, protocol: d.protocol })),
    ),
  ];
  const features = src.boundaries.map((b) => ({
    type: 'Feature',
    properties: { code: b.code },
    geometry: b.geometry,
  }));
  return { tables, boundaries: `${JSON.stringify({ type: 'FeatureCollection', features })}\n` };
}
