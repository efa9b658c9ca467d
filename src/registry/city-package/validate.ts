/**
 * Checks a raw city package against the format and against what the platform already holds, and
 * turns its rows into the records the import writes (docs/city-package.md §3–§4). Every problem is an
 * issue naming file, sheet, line, column and value, in Chinese and English: an error rejects its row
 * (a header error its whole file), a warning is only reported. Rows that name a rejected row (an
 * outlet of a rejected enterprise, a device of a rejected site) are rejected too.
 *
 * Pure: no I/O.
 */
import { LIMIT_PRESETS, presetById, presetForOutlet } from '../../alarms/limit-presets.js';
import { catalogueStandard, normaliseStandardId } from '../../standards/emission-catalogue.js';
import { isEmissionStandardId } from '../../standards/emission/types.js';
import { checkCreditCode } from '../../standards/gb32100-2015.js';
import type { BoundaryShape } from '../../standards/geo-boundary.js';
import { nearestBoundary, pointInShape } from '../../standards/geo-boundary.js';
import type { BoundaryGeometry, City, District, ProtocolVersion, SiteKind } from '../../store/types.js';
import { displayNameProblem } from '../display-name.js';
import type { Bilingual, PackageEntity, PackageTable, TableSpec } from './format.js';
import {
  CATEGORY_VALUES,
  GRADE_VALUES,
  KIND_VALUES,
  LEVEL_VALUES,
  MODE_VALUES,
  PACKAGE_ENTITIES,
  PROTOCOLS,
  TABLE_SPECS,
  TARGET_CLASS_VALUES,
  WATER_TYPE_VALUES,
  YES_NO_VALUES,
} from './format.js';
import type { PackageIssue } from './issues.js';
import { issue } from './issues.js';
import type { RawPackage, RawTable } from './reader.js';

/** Tables whose rows are sites. */
export type SiteTable = 'air_stations' | 'water_sections' | 'enterprises' | 'outlets';

export const SITE_TABLE_KIND: Readonly<Record<SiteTable, SiteKind>> = {
  air_stations: 'air_station',
  water_sections: 'water_section',
  enterprises: 'enterprise',
  outlets: 'outlet',
};

/** A site as the package describes it. */
export interface PackageSite {
  kind: SiteKind;
  code: string;
  name: string;
  districtCode: string;
  longitude: number | null;
  latitude: number | null;
  /** Code of the parent site (an outlet's enterprise). */
  parentCode: string | null;
  /** The attributes the package governs (other attributes of a stored site are kept). */
  attributes: Record<string, unknown>;
}

export interface PackageDevice {
  mn: string;
  /** Null: keep the password of a registered device. */
  password: string | null;
  siteCode: string;
  protocol: ProtocolVersion;
}

/** An accepted row: where it came from and what it says. */
export interface Accepted<T> {
  table: PackageEntity;
  file: string;
  sheet: string | null;
  line: number;
  value: T;
}

/** What the platform already holds, as far as the checks need it. */
export interface KnownMasterData {
  districts: ReadonlyMap<string, { name: string; retired: boolean }>;
  boundaries: ReadonlyMap<string, BoundaryGeometry>;
  sites: ReadonlyMap<
    string,
    {
      kind: SiteKind;
      districtCode: string;
      longitude: number | null;
      latitude: number | null;
      retired: boolean;
    }
  >;
}

export interface ValidateOptions {
  /** A demo package: credit codes "DEMO…" (never real ones) pass. */
  demo?: boolean;
  /** China-local day (YYYY-MM-DD) whose limits an outlet's preset is checked against; none: not checked. */
  day?: string;
}

export interface ValidatedPackage {
  city: Accepted<City> | null;
  districts: Accepted<District>[];
  boundaries: Accepted<{ code: string; geometry: BoundaryGeometry }>[];
  sites: Accepted<PackageSite>[];
  devices: Accepted<PackageDevice>[];
  /** The entities the package has (a file or sheet, boundaries). */
  present: PackageEntity[];
  /** Rows rejected per entity. */
  rejected: Record<PackageEntity, number>;
  issues: PackageIssue[];
}

const SITE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DIVISION_CODE = /^\d{6}$/;
/** GB/T 2260 province-level prefixes. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]); // prettier-ignore
const INDUSTRY_CODE = /^[A-T]?\d{2,4}$/;
const PERMIT_NUMBER = /^[0-9A-Z]{18}\d{3}[A-Z]$/;
const HJ212_PARAMETER = /^[a-z]\d{5}$/;
const MN = /^[\x21-\x7e]{1,64}$/;
const DEVICE_PASSWORD = /^[\x21-\x7e]{1,32}$/;

const KIND_NAME: Readonly<Record<SiteKind, Bilingual>> = {
  air_station: { zh: '空气站', en: 'an air station' },
  water_section: { zh: '水质断面', en: 'a water section' },
  enterprise: { zh: '企业', en: 'an enterprise' },
  outlet: { zh: '排放口', en: 'an outlet' },
  micro_sensor: { zh: '微站', en: 'a micro-sensor' },
};

const m = (zh: string, en: string): Bilingual => ({ zh, en });

/** One row being read: its cells by column and the issues it raised. */
class RowReader {
  failed = false;
  constructor(
    private readonly t: RawTable,
    readonly line: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly out: PackageIssue[],
  ) {}

  get(column: string): string {
    return (this.cells.get(column) ?? '').trim();
  }

  private place(column: string | null, value: string | null) {
    return { file: this.t.file, sheet: this.t.sheet, line: this.line, column, value };
  }

  error(code: string, column: string | null, value: string | null, message: Bilingual): void {
    this.failed = true;
    this.out.push(issue('error', code, this.place(column, value), message));
  }

  warn(code: string, column: string | null, value: string | null, message: Bilingual): void {
    this.out.push(issue('warning', code, this.place(column, value), message));
  }

  /** A required cell's text; an error when empty. */
  required(column: string): string {
    const v = this.get(column);
    if (v === '') this.error('required', column, '', m('必填，不能为空', 'required; the cell is empty'));
    return v;
  }

  /** A name shown to people (src/registry/display-name.ts); `optional` allows an empty cell. */
  displayName(column: string, optional = false): string {
    const v = optional ? this.get(column) : this.required(column);
    if (v === '') return v;
    const problem = displayNameProblem(v);
    if (problem !== null) {
      this.error('bad-name', column, v, m(`名称${problem.zh}`, `a name ${problem.en}`));
    }
    return v;
  }

  /** A value of a closed set (with its accepted spellings). */
  choice<T>(column: string, values: Readonly<Record<string, T>>, canonical: readonly string[]): T | null {
    const v = this.required(column);
    if (v === '') return null;
    const found = values[v] ?? values[v.toLowerCase()];
    if (found === undefined) {
      this.error(
        'bad-value',
        column,
        v,
        m(`“${v}”不是可用的值：${canonical.join('、')}`, `"${v}" is not one of ${canonical.join(', ')}`),
      );
      return null;
    }
    return found;
  }

  /** Degrees in range; `optional` allows an empty cell (null). */
  degrees(column: string, axis: 'lon' | 'lat', optional = false): number | null {
    const v = optional ? this.get(column) : this.required(column);
    if (v === '') return null;
    const n = Number(v);
    const limit = axis === 'lon' ? 180 : 90;
    if (!Number.isFinite(n)) {
      this.error('bad-number', column, v, m(`“${v}”不是数字（度）`, `"${v}" is not a number of degrees`));
      return null;
    }
    if (Math.abs(n) > limit) {
      this.error(
        'coordinate-range',
        column,
        v,
        axis === 'lon'
          ? m(`经度 ${v} 不在 −180 到 180 之间`, `longitude ${v} is not between −180 and 180`)
          : m(`纬度 ${v} 不在 −90 到 90 之间`, `latitude ${v} is not between −90 and 90`),
      );
      return null;
    }
    return n;
  }
}

/** Checks the header of a table; false (and errors at the header line) when the file cannot be read. */
function checkHeader(t: RawTable, spec: TableSpec, out: PackageIssue[]): Map<string, number> | null {
  const place = (column: string | null, value: string | null) => ({
    file: t.file,
    sheet: t.sheet,
    line: t.headerLine,
    column,
    value,
  });
  if (t.header.length === 0) {
    out.push(
      issue(
        'error',
        'empty-file',
        place(null, null),
        m(
          `文件为空：第一行应为表头 ${spec.columns
            .filter((c) => c.required)
            .map((c) => c.name)
            .join(',')}`,
          `empty: the first row must be the header ${spec.columns
            .filter((c) => c.required)
            .map((c) => c.name)
            .join(',')}`,
        ),
      ),
    );
    return null;
  }
  const index = new Map<string, number>();
  let ok = true;
  t.header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return;
    if (!spec.columns.some((c) => c.name === name)) {
      ok = false;
      out.push(
        issue(
          'error',
          'unknown-column',
          place(raw.trim(), raw),
          m(
            `未知的列“${raw.trim()}”；${spec.file} 的列为 ${spec.columns.map((c) => c.name).join(',')}`,
            `unknown column "${raw.trim()}"; the columns of ${spec.file} are ${spec.columns.map((c) => c.name).join(',')}`,
          ),
        ),
      );
    } else if (index.has(name)) {
      ok = false;
      out.push(
        issue(
          'error',
          'duplicate-column',
          place(name, raw),
          m(`列 ${name} 出现两次`, `column ${name} appears twice`),
        ),
      );
    } else {
      index.set(name, i);
    }
  });
  for (const c of spec.columns) {
    if (c.required && !index.has(c.name)) {
      ok = false;
      out.push(
        issue(
          'error',
          'missing-column',
          place(c.name, null),
          m(`缺少必需的列 ${c.name}`, `the header lacks column ${c.name}`),
        ),
      );
    }
  }
  return ok ? index : null;
}

/** Whether a 6-digit code has the GB/T 2260 shape; the error message when not. */
function divisionProblem(code: string): Bilingual | null {
  if (!DIVISION_CODE.test(code)) {
    return m(
      `“${code}”不是行政区划代码（GB/T 2260：6 位数字）`,
      `"${code}" is not an administrative division code (GB/T 2260: 6 digits)`,
    );
  }
  if (!PROVINCES.has(code.slice(0, 2))) {
    return m(
      `“${code}”的前两位 ${code.slice(0, 2)} 不是 GB/T 2260 的省级代码`,
      `"${code}" does not start with a GB/T 2260 province code (${code.slice(0, 2)})`,
    );
  }
  return null;
}

/** How an outlet's `standard` cell reads: a preset, a standard of the catalogue, or neither. */
function outletStandard(
  r: RowReader,
  kind: 'gas' | 'water' | null,
): { emissionStandard: string; limitPreset: string | null } | null {
  const v = r.required('standard');
  if (v === '') return null;
  const kindName = (k: 'gas' | 'water'): Bilingual => (k === 'gas' ? m('废气', 'gas') : m('废水', 'water'));
  const preset = LIMIT_PRESETS.find((p) => p.id === v || p.id === normaliseStandardId(v));
  if (preset !== undefined) {
    if (kind !== null && preset.medium !== kind) {
      r.error(
        'standard-kind',
        'standard',
        v,
        m(
          `限值预设 ${preset.id} 适用于${kindName(preset.medium).zh}，不适用于${kindName(kind).zh}排放口`,
          `limit preset ${preset.id} is for ${kindName(preset.medium).en} outlets, not ${kindName(kind).en}`,
        ),
      );
      return null;
    }
    return { emissionStandard: preset.standard, limitPreset: preset.id };
  }
  const known = catalogueStandard(v);
  if (known === undefined) {
    r.error(
      'unknown-standard',
      'standard',
      v,
      m(
        `未知的排放标准或限值预设“${v}”（可用的见 docs/city-package.md 第 3 节）`,
        `unknown emission standard or limit preset "${v}" (see docs/city-package.md §3 for the list)`,
      ),
    );
    return null;
  }
  if (kind !== null && !known.media.includes(kind)) {
    r.error(
      'standard-kind',
      'standard',
      v,
      m(
        `${known.id}（${known.zh}）不限制${kindName(kind).zh}，与排放口类型不符`,
        `${known.id} (${known.en}) does not limit ${kindName(kind).en}; it does not fit the outlet's kind`,
      ),
    );
    return null;
  }
  if (!isEmissionStandardId(known.id) && known.id !== 'DB33/2169-2018') {
    r.warn(
      'standard-without-limits',
      'standard',
      v,
      m(
        `${known.id} 没有内置限值表：请在限值页面为该排放口录入限值`,
        `${known.id} has no built-in limit table: enter the outlet's limits on the limits page`,
      ),
    );
  }
  return { emissionStandard: known.id, limitPreset: null };
}

/**
 * The limits an outlet will be judged by, against what the package says of it: the preset's rows
 * for parameters the outlet does not report (nothing to judge them on), and a reference O2 other
 * than the one the limits are stated at. Warnings only: the bureau may mean it.
 */
function checkOutletLimits(
  r: RowReader,
  attributes: Record<string, unknown>,
  limitPreset: string | null,
  day: string,
): void {
  const preset = limitPreset === null ? presetForOutlet(attributes) : (presetById(limitPreset) ?? null);
  if (preset === null) return;
  const rows = preset.rows(day);
  const reported = attributes.parameters as string[];
  if (reported.length > 0) {
    const missing = [...new Set(rows.map((x) => x.parameter))].filter((p) => !reported.includes(p));
    if (missing.length > 0) {
      r.warn(
        'limits-not-reported',
        'parameters',
        reported.join(' '),
        m(
          `限值预设 ${preset.id} 对 ${missing.join('、')} 有限值，但该排放口不监测它们`,
          `limit preset ${preset.id} limits ${missing.join(', ')}, which the outlet does not report`,
        ),
      );
    }
  }
  const o2 = attributes.referenceO2Pct;
  const stated = [...new Set(rows.map((x) => x.referenceO2Pct).filter((x): x is number => x !== null))];
  if (typeof o2 === 'number' && stated.length > 0 && !stated.includes(o2)) {
    r.warn(
      'reference-o2-differs',
      'reference_o2',
      String(o2),
      m(
        `基准氧含量 ${o2}% 与限值预设 ${preset.id} 的 ${stated.join('、')}% 不同`,
        `reference O2 ${o2} % differs from the ${stated.join(', ')} % of limit preset ${preset.id}`,
      ),
    );
  }
}

/** Splits a list cell on spaces, commas, semicolons or |. */
function listOf(v: string): string[] {
  return v.split(/[\s|,;，；、]+/).filter((s) => s !== '');
}

/** Checks a package; `known` is what the platform holds before the import. */
export function validatePackage(
  raw: RawPackage,
  known: KnownMasterData,
  options: ValidateOptions = {},
): ValidatedPackage {
  const issues: PackageIssue[] = [...raw.issues];
  const rejected = Object.fromEntries(PACKAGE_ENTITIES.map((e) => [e, 0])) as Record<PackageEntity, number>;
  const present: PackageEntity[] = [];
  const result: ValidatedPackage = {
    city: null,
    districts: [],
    boundaries: [],
    sites: [],
    devices: [],
    present,
    rejected,
    issues,
  };

  /** The rows of a table with their cells by column; null when the table is absent or unreadable. */
  const rowsOf = (table: PackageTable): { t: RawTable; readers: RowReader[] } | null => {
    const t = raw.tables[table];
    if (t === undefined) return null;
    present.push(table);
    const spec = TABLE_SPECS.find((s) => s.table === table);
    if (spec === undefined) return null;
    const index = checkHeader(t, spec, issues);
    if (index === null) {
      rejected[table] += t.rows.length;
      return null;
    }
    const readers = t.rows.map((row) => {
      const cells = new Map<string, string>();
      for (const [name, i] of index) cells.set(name, row.fields[i] ?? '');
      return new RowReader(t, row.line, cells, issues);
    });
    return { t, readers };
  };
  const accept = <T>(t: RawTable, r: RowReader, value: T): Accepted<T> => ({
    table: t.table,
    file: t.file,
    sheet: t.sheet,
    line: r.line,
    value,
  });

  // --- city -----------------------------------------------------------------------------------
  const cityRows = rowsOf('city');
  if (cityRows !== null) {
    const [first, ...more] = cityRows.readers;
    for (const extra of more) {
      extra.error('city-rows', null, null, m('city 只能有一行', 'the city table has exactly one row'));
      rejected.city += 1;
    }
    if (first === undefined) {
      issues.push(
        issue(
          'error',
          'city-rows',
          { file: cityRows.t.file, sheet: cityRows.t.sheet, line: null },
          m('city 没有数据行', 'the city table has no row'),
        ),
      );
    } else {
      const name = first.displayName('name');
      const code = first.required('code');
      if (code !== '') {
        const problem = divisionProblem(code);
        if (problem !== null) first.error('bad-division-code', 'code', code, problem);
      }
      if (first.failed) rejected.city += 1;
      else
        result.city = accept(cityRows.t, first, { code, name, nameEn: first.displayName('name_en', true) });
    }
  }
  const cityCode = result.city?.value.code ?? null;

  // --- districts ------------------------------------------------------------------------------
  /** Package districts by code: the line and whether the row was accepted. */
  const pkgDistricts = new Map<string, { line: number; ok: boolean; name: string; file: string }>();
  const districtRows = rowsOf('districts');
  if (districtRows !== null) {
    const parents: { r: RowReader; parent: string; d: District }[] = [];
    for (const r of districtRows.readers) {
      const code = r.required('code');
      const name = r.displayName('name');
      const parent = r.get('parent');
      if (code !== '') {
        const problem = divisionProblem(code);
        if (problem !== null) r.error('bad-division-code', 'code', code, problem);
        const seen = pkgDistricts.get(code);
        if (seen !== undefined) {
          r.error(
            'duplicate-code',
            'code',
            code,
            m(`代码 ${code} 在第 ${seen.line} 行已出现`, `code ${code} already on line ${seen.line}`),
          );
        } else if (cityCode !== null && code === cityCode) {
          r.error(
            'district-is-city',
            'code',
            code,
            m(`代码 ${code} 是城市本身的代码`, `code ${code} is the city's own code`),
          );
        } else if (
          cityCode !== null &&
          cityCode.endsWith('00') &&
          !r.failed &&
          code.slice(0, 4) !== cityCode.slice(0, 4)
        ) {
          r.warn(
            'district-outside-city',
            'code',
            code,
            m(
              `代码 ${code} 不以城市代码 ${cityCode} 的前四位开头，请核对`,
              `code ${code} does not share the first four digits of the city code ${cityCode}; check it`,
            ),
          );
        }
      }
      if (parent !== '' && parent === code) {
        r.error('parent-self', 'parent', parent, m('上级不能是自身', 'a district cannot be its own parent'));
      }
      const d: District = {
        code,
        name,
        nameEn: r.displayName('name_en', true),
        parentCode: parent === '' ? null : parent,
      };
      if (code !== '' && !pkgDistricts.has(code)) {
        pkgDistricts.set(code, { line: r.line, ok: !r.failed, name, file: districtRows.t.file });
      }
      parents.push({ r, parent, d });
    }
    // Parents may come after their children in the file: judged once every code is known, and again
    // until no row changes (a child of a rejected parent is rejected, and so on down).
    const entryOf = (r: RowReader, code: string) => {
      const e = pkgDistricts.get(code);
      return e !== undefined && e.line === r.line ? e : undefined;
    };
    for (const { r, d } of parents) {
      const own = entryOf(r, d.code);
      if (own !== undefined) own.ok = !r.failed;
    }
    for (const { r, parent, d } of parents) {
      if (parent === '' || r.failed || pkgDistricts.has(parent)) continue;
      const stored = known.districts.get(parent);
      if (stored === undefined || stored.retired) {
        r.error(
          'unknown-district',
          'parent',
          parent,
          m(
            `上级区县 ${parent} 不在本包的 districts 中，系统中也没有`,
            `parent district ${parent} is neither in districts of the package nor in the platform`,
          ),
        );
        const own = entryOf(r, d.code);
        if (own !== undefined) own.ok = false;
      }
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const { r, parent, d } of parents) {
        if (parent === '' || r.failed) continue;
        const inPkg = pkgDistricts.get(parent);
        if (inPkg === undefined || inPkg.ok) continue;
        r.error(
          'rejected-reference',
          'parent',
          parent,
          m(
            `上级区县 ${parent}（第 ${inPkg.line} 行）被拒绝`,
            `parent district ${parent} (line ${inPkg.line}) was rejected`,
          ),
        );
        const own = entryOf(r, d.code);
        if (own !== undefined) own.ok = false;
        changed = true;
      }
    }
    // A parent chain that comes back to where it started is no hierarchy.
    const parentInPkg = new Map(parents.filter((p) => !p.r.failed).map((p) => [p.d.code, p.parent]));
    for (const { r, parent, d } of parents) {
      if (r.failed || parent === '') continue;
      let at: string | undefined = parent;
      for (let steps = 0; at !== undefined && at !== '' && steps <= parents.length; steps += 1) {
        if (at === d.code) {
          r.error(
            'parent-cycle',
            'parent',
            parent,
            m(
              `上级关系成环：${d.code} 最终是自己的上级`,
              `the parents form a cycle: ${d.code} ends up its own parent`,
            ),
          );
          break;
        }
        at = parentInPkg.get(at);
      }
    }
    for (const { r, d } of parents) {
      const entry = pkgDistricts.get(d.code);
      if (r.failed) {
        rejected.districts += 1;
        if (entry !== undefined && entry.line === r.line) entry.ok = false;
      } else {
        result.districts.push(accept(districtRows.t, r, d));
      }
    }
  }

  const districtName = (code: string): string =>
    pkgDistricts.get(code)?.name ?? known.districts.get(code)?.name ?? code;

  /** Checks a district reference; false (with an error) when it names no usable district. */
  const checkDistrict = (r: RowReader, column: string, code: string): boolean => {
    if (code === '') return false;
    const inPkg = pkgDistricts.get(code);
    if (inPkg !== undefined) {
      if (inPkg.ok) return true;
      r.error(
        'rejected-reference',
        column,
        code,
        m(
          `区县 ${code}（districts 第 ${inPkg.line} 行）被拒绝`,
          `district ${code} (districts line ${inPkg.line}) was rejected`,
        ),
      );
      return false;
    }
    const stored = known.districts.get(code);
    if (stored === undefined) {
      r.error(
        'unknown-district',
        column,
        code,
        m(
          `区县 ${code} 不在本包的 districts 中，系统中也没有`,
          `district ${code} is neither in districts of the package nor in the platform`,
        ),
      );
      return false;
    }
    if (stored.retired) {
      r.error(
        'retired-district',
        column,
        code,
        m(
          `区县 ${code} 已撤销；请在 districts 中重新列出它`,
          `district ${code} is retired; list it in districts to bring it back`,
        ),
      );
      return false;
    }
    return true;
  };

  // --- boundaries -----------------------------------------------------------------------------
  const pkgBoundaries = new Map<string, BoundaryGeometry>();
  if (raw.boundaries !== null) {
    present.push('boundaries');
    const file = raw.boundaries.file;
    const fileIssue = (code: string, message: Bilingual): void => {
      issues.push(issue('error', code, { file, sheet: null, line: null }, message));
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.boundaries.text.replace(/^\uFEFF/, ''));
    } catch (e) {
      fileIssue(
        'bad-json',
        m(
          `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`,
          `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
    const fc = parsed as { type?: unknown; features?: unknown } | undefined;
    if (parsed !== undefined && (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))) {
      fileIssue(
        'not-feature-collection',
        m('应为 GeoJSON FeatureCollection', 'must be a GeoJSON FeatureCollection'),
      );
    } else if (fc !== undefined && Array.isArray(fc.features)) {
      const seen = new Map<string, number>();
      fc.features.forEach((f: unknown, i: number) => {
        const line = i + 1;
        const feature = f as { properties?: Record<string, unknown> | null; geometry?: unknown } | null;
        const props = feature?.properties ?? {};
        const rawCode = props.code ?? props.adcode;
        const code =
          typeof rawCode === 'number' ? String(rawCode) : typeof rawCode === 'string' ? rawCode.trim() : '';
        const place = (column: string, value: string | null) => ({ file, sheet: null, line, column, value });
        const fail = (codeOf: string, column: string, value: string | null, message: Bilingual): void => {
          issues.push(issue('error', codeOf, place(column, value), message));
          rejected.boundaries += 1;
        };
        if (code === '') {
          fail(
            'boundary-code',
            'properties.code',
            null,
            m(
              `第 ${line} 个要素没有 properties.code（区县代码）`,
              `feature ${line} has no properties.code (the district code)`,
            ),
          );
          return;
        }
        const geometry = feature?.geometry;
        if (!isBoundaryGeometry(geometry)) {
          fail(
            'boundary-geometry',
            'geometry',
            code,
            m(
              `区县 ${code} 的几何不是有效的 Polygon 或 MultiPolygon`,
              `the geometry of district ${code} is not a valid Polygon or MultiPolygon`,
            ),
          );
          return;
        }
        const before = seen.get(code);
        if (before !== undefined) {
          fail(
            'duplicate-code',
            'properties.code',
            code,
            m(
              `区县 ${code} 的边界在第 ${before} 个要素已出现`,
              `district ${code} already has a boundary in feature ${before}`,
            ),
          );
          return;
        }
        seen.set(code, line);
        const inPkg = pkgDistricts.get(code);
        if (inPkg === undefined && known.districts.get(code) === undefined) {
          fail(
            'unknown-district',
            'properties.code',
            code,
            m(
              `区县 ${code} 不在本包的 districts 中，系统中也没有`,
              `district ${code} is neither in districts of the package nor in the platform`,
            ),
          );
          return;
        }
        if (inPkg !== undefined && !inPkg.ok) {
          fail(
            'rejected-reference',
            'properties.code',
            code,
            m(
              `区县 ${code}（districts 第 ${inPkg.line} 行）被拒绝`,
              `district ${code} (districts line ${inPkg.line}) was rejected`,
            ),
          );
          return;
        }
        const shape = { type: geometry.type, coordinates: geometry.coordinates } as BoundaryGeometry;
        pkgBoundaries.set(code, shape);
        result.boundaries.push({
          table: 'boundaries',
          file,
          sheet: null,
          line,
          value: { code, geometry: shape },
        });
      });
    }
  }
  /** The boundaries that will hold after the import: the package's over the stored ones. */
  const boundaryOf = (code: string): BoundaryGeometry | undefined =>
    pkgBoundaries.get(code) ?? known.boundaries.get(code);
  const activeCodes = new Set<string>([
    ...[...known.districts].filter(([, d]) => !d.retired).map(([c]) => c),
    ...[...pkgDistricts].filter(([, d]) => d.ok).map(([c]) => c),
  ]);
  const allBoundaries: { code: string; geometry: BoundaryShape }[] = [];
  for (const code of [...activeCodes].sort()) {
    const geometry = boundaryOf(code);
    if (geometry !== undefined) allBoundaries.push({ code, geometry });
  }
  const parentOf = new Map<string, string | null>(
    result.districts.map((d) => [d.value.code, d.value.parentCode ?? null]),
  );

  /** Warns when a site lies outside the city's boundaries or outside its own district. */
  const checkPlace = (
    r: RowReader,
    code: string,
    district: string,
    lon: number | null,
    lat: number | null,
  ): void => {
    if (lon === null || lat === null || allBoundaries.length === 0) return;
    const near = nearestBoundary(lon, lat, allBoundaries);
    if (near === null) return;
    const nearName = `${districtName(near.boundary.code)}（${near.boundary.code}）`;
    const nearNameEn = `${districtName(near.boundary.code)} (${near.boundary.code})`;
    if (near.distanceKm > 0) {
      r.warn(
        'outside-city',
        'lon',
        `${lon},${lat}`,
        m(
          `${code} 的位置 ${lon},${lat} 在城市边界之外；最近的区县是 ${nearName}，相距 ${near.distanceKm.toFixed(1)} 千米`,
          `${code} at ${lon},${lat} lies outside the city's boundaries; the nearest district is ${nearNameEn}, ${near.distanceKm.toFixed(1)} km away`,
        ),
      );
      return;
    }
    // Its own district's polygon, or its parent's when a functional area has none of its own.
    let own = district;
    let shape = boundaryOf(own);
    if (shape === undefined) {
      const parent = parentOf.get(own) ?? null;
      if (parent !== null) {
        own = parent;
        shape = boundaryOf(parent);
      }
    }
    if (shape === undefined || pointInShape(lon, lat, shape)) return;
    r.warn(
      'outside-district',
      'lon',
      `${lon},${lat}`,
      m(
        `${code} 的位置 ${lon},${lat} 不在其区县 ${districtName(own)}（${own}）的边界内，而在 ${nearName} 内`,
        `${code} at ${lon},${lat} lies outside its district ${districtName(own)} (${own}), inside ${nearNameEn}`,
      ),
    );
  };

  // --- sites ----------------------------------------------------------------------------------
  /** Package sites by code: where, whether accepted, kind and district (for outlets and devices). */
  const pkgSites = new Map<
    string,
    {
      file: string;
      line: number;
      ok: boolean;
      kind: SiteKind;
      districtCode: string;
      lon: number | null;
      lat: number | null;
    }
  >();

  const siteCode = (r: RowReader, kind: SiteKind): string => {
    const code = r.required('code');
    if (code === '') return code;
    if (!SITE_CODE.test(code)) {
      r.error(
        'bad-code',
        'code',
        code,
        m(
          `编码“${code}”格式不对：用 1–64 个字母、数字、-、_ 或 .，以字母或数字开头`,
          `code "${code}" is not well-formed: use 1–64 letters, digits, - _ or ., starting with a letter or digit`,
        ),
      );
      return code;
    }
    const seen = pkgSites.get(code);
    if (seen !== undefined) {
      r.error(
        'duplicate-code',
        'code',
        code,
        m(
          `编码 ${code} 在 ${seen.file} 第 ${seen.line} 行已出现`,
          `code ${code} already on ${seen.file} line ${seen.line}`,
        ),
      );
      return code;
    }
    const stored = known.sites.get(code);
    if (stored !== undefined && stored.kind !== kind) {
      r.error(
        'code-kind-conflict',
        'code',
        code,
        m(
          `编码 ${code} 在系统中是${KIND_NAME[stored.kind].zh}，不能作为${KIND_NAME[kind].zh}`,
          `code ${code} is ${KIND_NAME[stored.kind].en} in the platform, not ${KIND_NAME[kind].en}`,
        ),
      );
    }
    return code;
  };

  const finishSite = (t: RawTable, r: RowReader, site: PackageSite): void => {
    if (site.code !== '' && !pkgSites.has(site.code)) {
      pkgSites.set(site.code, {
        file: t.file,
        line: r.line,
        ok: !r.failed,
        kind: site.kind,
        districtCode: site.districtCode,
        lon: site.longitude,
        lat: site.latitude,
      });
    }
    if (r.failed) {
      rejected[t.table] += 1;
      return;
    }
    checkPlace(r, site.code, site.districtCode, site.longitude, site.latitude);
    result.sites.push(accept(t, r, site));
  };

  const air = rowsOf('air_stations');
  for (const r of air?.readers ?? []) {
    const code = siteCode(r, 'air_station');
    const name = r.displayName('name');
    const longitude = r.degrees('lon', 'lon');
    const latitude = r.degrees('lat', 'lat');
    const districtCode = r.required('district');
    checkDistrict(r, 'district', districtCode);
    const network = r.choice('level', LEVEL_VALUES, [
      'national',
      'provincial',
      'city',
      '国控',
      '省控',
      '市控',
    ]);
    const cityAqi = r.choice('city_aqi', YES_NO_VALUES, ['yes', 'no', '是', '否']);
    finishSite(air!.t, r, {
      kind: 'air_station',
      code,
      name,
      districtCode,
      longitude,
      latitude,
      parentCode: null,
      attributes: { network, cityAqi },
    });
  }

  const water = rowsOf('water_sections');
  for (const r of water?.readers ?? []) {
    const code = siteCode(r, 'water_section');
    const name = r.displayName('name');
    const waterBody = r.required('water_body');
    const basin = r.required('basin');
    const waterType = r.choice('water_type', WATER_TYPE_VALUES, ['river', 'lake', '河流', '湖库']);
    const targetClass = r.choice('target_class', TARGET_CLASS_VALUES, ['I', 'II', 'III', 'IV', 'V']);
    const network = r.choice('level', LEVEL_VALUES, [
      'national',
      'provincial',
      'city',
      '国控',
      '省控',
      '市控',
    ]);
    const districtCode = r.required('district');
    checkDistrict(r, 'district', districtCode);
    const longitude = r.degrees('lon', 'lon');
    const latitude = r.degrees('lat', 'lat');
    const mode = r.choice('mode', MODE_VALUES, ['automatic', 'manual', '自动', '手工']);
    finishSite(water!.t, r, {
      kind: 'water_section',
      code,
      name,
      districtCode,
      longitude,
      latitude,
      parentCode: null,
      attributes: { waterType, targetClass, waterBody, basin, network, automatic: mode === 'automatic' },
    });
  }

  const creditCodes = new Map<string, number>();
  const enterprises = rowsOf('enterprises');
  for (const r of enterprises?.readers ?? []) {
    const code = siteCode(r, 'enterprise');
    const name = r.displayName('name');
    const creditCode = r.required('credit_code').toUpperCase();
    if (creditCode !== '' && !(options.demo === true && creditCode.startsWith('DEMO'))) {
      const check = checkCreditCode(creditCode);
      if (!check.ok) {
        const why: Record<typeof check.problem, Bilingual> = {
          length: m(
            `应为 18 位，实为 ${creditCode.length} 位`,
            `it has ${creditCode.length} characters, not 18`,
          ),
          charset: m(
            '含有代码字符集以外的字符（不用 I、O、Z、S、V）',
            'it holds characters outside the code set (no I, O, Z, S, V)',
          ),
          division: m(
            '第 3–8 位应为行政区划代码（6 位数字）',
            'characters 3–8 must be a division code (6 digits)',
          ),
          check: m(
            `校验码应为 ${check.expected ?? '?'}`,
            `the check character should be ${check.expected ?? '?'}`,
          ),
        };
        r.error(
          `credit-code-${check.problem}`,
          'credit_code',
          creditCode,
          m(
            `“${creditCode}”不是有效的统一社会信用代码（GB 32100-2015）：${why[check.problem].zh}`,
            `"${creditCode}" is not a valid unified social credit code (GB 32100-2015): ${why[check.problem].en}`,
          ),
        );
      } else {
        const before = creditCodes.get(creditCode);
        if (before !== undefined) {
          r.warn(
            'duplicate-credit-code',
            'credit_code',
            creditCode,
            m(`统一社会信用代码与第 ${before} 行相同`, `same credit code as line ${before}`),
          );
        } else creditCodes.set(creditCode, r.line);
      }
    }
    const industryCode = r.required('industry').toUpperCase();
    if (industryCode !== '' && !INDUSTRY_CODE.test(industryCode)) {
      r.error(
        'bad-industry',
        'industry',
        industryCode,
        m(
          `“${industryCode}”不是国民经济行业代码（GB/T 4754，如 1752 或 C1752）`,
          `"${industryCode}" is not an industry code (GB/T 4754, e.g. 1752 or C1752)`,
        ),
      );
    }
    const districtCode = r.required('district');
    checkDistrict(r, 'district', districtCode);
    const address = r.get('address');
    const longitude = r.degrees('lon', 'lon');
    const latitude = r.degrees('lat', 'lat');
    const permit = r.get('permit').toUpperCase();
    if (
      permit !== '' &&
      !PERMIT_NUMBER.test(permit) &&
      !(options.demo === true && permit.startsWith('DEMO'))
    ) {
      r.warn(
        'permit-shape',
        'permit',
        permit,
        m(
          `排污许可证编号“${permit}”不像常见格式（统一社会信用代码 + 3 位序号 + 1 个字母）`,
          `permit number "${permit}" does not look like the usual shape (credit code + 3 digits + a letter)`,
        ),
      );
    }
    const categories: string[] = [];
    for (const c of listOf(r.get('categories'))) {
      const found = CATEGORY_VALUES[c] ?? CATEGORY_VALUES[c.toLowerCase()];
      if (found === undefined) {
        r.error(
          'bad-value',
          'categories',
          c,
          m(
            `“${c}”不是重点排污单位类别：water groundwater air noise soil risk`,
            `"${c}" is not a key-enterprise category: water groundwater air noise soil risk`,
          ),
        );
      } else if (!categories.includes(found)) categories.push(found);
    }
    const gradeText = r.get('grade');
    const performanceGrade = GRADE_VALUES[gradeText] ?? GRADE_VALUES[gradeText.toUpperCase()];
    if (performanceGrade === undefined) {
      r.error(
        'bad-value',
        'grade',
        gradeText,
        m(
          `“${gradeText}”不是绩效分级：A B B- C D none`,
          `"${gradeText}" is not a performance grade: A B B- C D none`,
        ),
      );
    }
    finishSite(enterprises!.t, r, {
      kind: 'enterprise',
      code,
      name,
      districtCode,
      longitude,
      latitude,
      parentCode: null,
      attributes: {
        industry: r.get('industry_name'),
        industryCode,
        performanceGrade: performanceGrade ?? 'none',
        creditCode,
        address,
        permit,
        categories,
      },
    });
  }

  const outlets = rowsOf('outlets');
  for (const r of outlets?.readers ?? []) {
    const code = siteCode(r, 'outlet');
    const enterprise = r.required('enterprise');
    const name = r.displayName('name');
    const medium = r.choice('kind', KIND_VALUES, ['gas', 'water', '废气', '废水']);
    const standard = outletStandard(r, medium);
    let districtCode = '';
    let parentLon: number | null = null;
    let parentLat: number | null = null;
    if (enterprise !== '') {
      const inPkg = pkgSites.get(enterprise);
      const stored = known.sites.get(enterprise);
      if (inPkg !== undefined) {
        if (inPkg.kind !== 'enterprise') {
          r.error(
            'not-enterprise',
            'enterprise',
            enterprise,
            m(
              `${enterprise} 是${KIND_NAME[inPkg.kind].zh}，不是企业`,
              `${enterprise} is ${KIND_NAME[inPkg.kind].en}, not an enterprise`,
            ),
          );
        } else if (!inPkg.ok) {
          r.error(
            'rejected-reference',
            'enterprise',
            enterprise,
            m(
              `企业 ${enterprise}（${inPkg.file} 第 ${inPkg.line} 行）被拒绝`,
              `enterprise ${enterprise} (${inPkg.file} line ${inPkg.line}) was rejected`,
            ),
          );
        } else {
          districtCode = inPkg.districtCode;
          parentLon = inPkg.lon;
          parentLat = inPkg.lat;
        }
      } else if (stored !== undefined && !stored.retired) {
        if (stored.kind !== 'enterprise') {
          r.error(
            'not-enterprise',
            'enterprise',
            enterprise,
            m(
              `${enterprise} 是${KIND_NAME[stored.kind].zh}，不是企业`,
              `${enterprise} is ${KIND_NAME[stored.kind].en}, not an enterprise`,
            ),
          );
        } else {
          districtCode = stored.districtCode;
          parentLon = stored.longitude;
          parentLat = stored.latitude;
        }
      } else {
        r.error(
          'unknown-enterprise',
          'enterprise',
          enterprise,
          m(
            `企业 ${enterprise} 不在本包的 enterprises 中，系统中也没有`,
            `enterprise ${enterprise} is neither in enterprises of the package nor in the platform`,
          ),
        );
      }
    }
    const parameters: string[] = [];
    for (const p of listOf(r.get('parameters'))) {
      if (!HJ212_PARAMETER.test(p)) {
        r.error(
          'bad-parameter',
          'parameters',
          p,
          m(
            `“${p}”不是 HJ 212 监测因子编码（如 a21026、w01018）`,
            `"${p}" is not an HJ 212 parameter code (e.g. a21026, w01018)`,
          ),
        );
      } else if (!parameters.includes(p)) parameters.push(p);
    }
    const o2Text = r.get('reference_o2');
    let referenceO2Pct: number | null = null;
    if (o2Text !== '') {
      const o2 = Number(o2Text);
      if (!Number.isFinite(o2) || o2 < 0 || o2 >= 21) {
        r.error(
          'bad-reference-o2',
          'reference_o2',
          o2Text,
          m(
            `基准氧含量“${o2Text}”应为 0 到 21 之间的百分数`,
            `reference O2 "${o2Text}" must be a percentage from 0 to below 21`,
          ),
        );
      } else if (medium === 'water') {
        r.error(
          'bad-reference-o2',
          'reference_o2',
          o2Text,
          m('废水排放口没有基准氧含量', 'a water outlet has no reference O2'),
        );
      } else referenceO2Pct = o2;
    }
    const lon = r.degrees('lon', 'lon', true);
    const lat = r.degrees('lat', 'lat', true);
    const attributes: Record<string, unknown> = {
      medium,
      emissionStandard: standard?.emissionStandard ?? '',
      parameters,
    };
    if (standard !== null && standard.limitPreset !== null) attributes.limitPreset = standard.limitPreset;
    if (referenceO2Pct !== null) attributes.referenceO2Pct = referenceO2Pct;
    if (standard !== null && medium !== null && options.day !== undefined && !r.failed) {
      checkOutletLimits(r, attributes, standard.limitPreset, options.day);
    }
    finishSite(outlets!.t, r, {
      kind: 'outlet',
      code,
      name,
      districtCode,
      longitude: lon ?? parentLon,
      latitude: lat ?? parentLat,
      parentCode: enterprise,
      attributes,
    });
  }

  // --- devices --------------------------------------------------------------------------------
  const devices = rowsOf('devices');
  const mns = new Map<string, number>();
  for (const r of devices?.readers ?? []) {
    const mn = r.required('mn');
    if (mn !== '') {
      if (/^\d+(\.\d+)?e\+\d+$/i.test(mn)) {
        r.error(
          'mn-as-number',
          'mn',
          mn,
          m(
            `MN“${mn}”被电子表格存成了数字并丢失了位数：请把该列设为文本格式后重新输入`,
            `mn "${mn}" was stored by the spreadsheet as a number and lost digits: format the column as text and type it again`,
          ),
        );
      } else if (!MN.test(mn)) {
        r.error(
          'bad-mn',
          'mn',
          mn,
          m(`MN“${mn}”应为 1–64 个可打印 ASCII 字符`, `mn "${mn}" must be 1–64 printable ASCII characters`),
        );
      } else if (mns.has(mn)) {
        r.error(
          'duplicate-code',
          'mn',
          mn,
          m(`MN ${mn} 在第 ${mns.get(mn)} 行已出现`, `mn ${mn} already on line ${mns.get(mn)}`),
        );
      } else mns.set(mn, r.line);
    }
    const password = r.get('password');
    if (password !== '' && !DEVICE_PASSWORD.test(password)) {
      // The value is a secret: never echoed.
      r.error(
        'bad-password',
        'password',
        null,
        m('密码应为 1–32 个可打印 ASCII 字符', 'the password must be 1–32 printable ASCII characters'),
      );
    }
    const protocolText = r.get('protocol') || '2017';
    const protocol = PROTOCOLS.find((p) => p === protocolText);
    if (protocol === undefined) {
      r.error(
        'bad-value',
        'protocol',
        protocolText,
        m(
          `协议版本“${protocolText}”应为 ${PROTOCOLS.join('、')}`,
          `protocol "${protocolText}" must be one of ${PROTOCOLS.join(', ')}`,
        ),
      );
    }
    const site = r.required('site');
    if (site !== '') {
      const inPkg = pkgSites.get(site);
      const stored = known.sites.get(site);
      if (inPkg !== undefined && !inPkg.ok) {
        r.error(
          'rejected-reference',
          'site',
          site,
          m(
            `站点 ${site}（${inPkg.file} 第 ${inPkg.line} 行）被拒绝`,
            `site ${site} (${inPkg.file} line ${inPkg.line}) was rejected`,
          ),
        );
      } else if (inPkg === undefined && (stored === undefined || stored.retired)) {
        r.error(
          'unknown-site',
          'site',
          site,
          m(
            `站点 ${site} 不在本包中，系统中也没有`,
            `site ${site} is neither in the package nor in the platform`,
          ),
        );
      }
    }
    if (r.failed) {
      rejected.devices += 1;
      continue;
    }
    result.devices.push(
      accept(devices!.t, r, {
        mn,
        password: password === '' ? null : password,
        siteCode: site,
        protocol: protocol ?? '2017',
      }),
    );
  }
  return result;
}

function isPosition(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Math.abs(p[0]) <= 180 &&
    Math.abs(p[1]) <= 90
  );
}

function isRing(ring: unknown): boolean {
  return Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition);
}

function isPolygon(rings: unknown): boolean {
  return Array.isArray(rings) && rings.length >= 1 && rings.every(isRing);
}

/** A GeoJSON Polygon or MultiPolygon with rings of at least four positions in range. */
export function isBoundaryGeometry(g: unknown): g is BoundaryGeometry {
  if (g === null || typeof g !== 'object') return false;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return isPolygon(coordinates);
  if (type === 'MultiPolygon')
    return Array.isArray(coordinates) && coordinates.length >= 1 && coordinates.every(isPolygon);
  return false;
}
