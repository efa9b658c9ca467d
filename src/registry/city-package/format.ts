/**
 * The city package format, defined once (docs/city-package.md §2): which files (or XLSX sheets) a
 * package has, their columns — required exactly as named, a few optional ones — what each column
 * means in both languages, and the closed value sets with the spellings accepted for each. The
 * reader, the validator, the template, the export and the docs all read this module.
 */

/** The files of a package, in the order they are read and imported (parents first). */
export const PACKAGE_TABLES = [
  'city',
  'districts',
  'air_stations',
  'water_sections',
  'enterprises',
  'outlets',
  'devices',
] as const;
export type PackageTable = (typeof PACKAGE_TABLES)[number];

/** The boundaries file beside the tables (a GeoJSON FeatureCollection). */
export const BOUNDARIES_FILE = 'boundaries.geojson';

/** What an import reports on: the tables and the boundaries. */
export const PACKAGE_ENTITIES = [...PACKAGE_TABLES, 'boundaries'] as const;
export type PackageEntity = (typeof PACKAGE_ENTITIES)[number];

/** Text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One column of a table. */
export interface ColumnSpec {
  name: string;
  /** Required columns must be in the header (their cells may still be optional, see `doc`). */
  required: boolean;
  doc: Bilingual;
  /** The canonical values, for the template's drop-down list. */
  choices?: readonly string[];
}

/** One table: its file (CSV) or sheet (XLSX) and columns. */
export interface TableSpec {
  table: PackageTable;
  /** File name in a folder package. */
  file: string;
  /** Sheet name in an XLSX package. */
  sheet: string;
  doc: Bilingual;
  columns: readonly ColumnSpec[];
}

/** Network levels (AirStationAttributes / WaterSectionAttributes `network`) and their spellings. */
export const LEVEL_VALUES: Readonly<Record<string, 'national' | 'provincial' | 'city'>> = {
  national: 'national',
  provincial: 'provincial',
  city: 'city',
  国控: 'national',
  省控: 'provincial',
  市控: 'city',
};
export const LEVELS = ['national', 'provincial', 'city'] as const;

export const WATER_TYPE_VALUES: Readonly<Record<string, 'river' | 'lake'>> = {
  river: 'river',
  lake: 'lake',
  河流: 'river',
  湖库: 'lake',
  湖泊: 'lake',
};
export const WATER_TYPES = ['river', 'lake'] as const;

/** GB 3838-2002 target classes; Roman numerals in Latin letters or the Unicode numerals. */
export const TARGET_CLASS_VALUES: Readonly<Record<string, 'I' | 'II' | 'III' | 'IV' | 'V'>> = {
  I: 'I',
  II: 'II',
  III: 'III',
  IV: 'IV',
  V: 'V',
  Ⅰ: 'I',
  Ⅱ: 'II',
  Ⅲ: 'III',
  Ⅳ: 'IV',
  Ⅴ: 'V',
};
export const TARGET_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;

export const MODE_VALUES: Readonly<Record<string, 'automatic' | 'manual'>> = {
  automatic: 'automatic',
  manual: 'manual',
  自动: 'automatic',
  手工: 'manual',
};
export const MODES = ['automatic', 'manual'] as const;

export const KIND_VALUES: Readonly<Record<string, 'gas' | 'water'>> = {
  gas: 'gas',
  water: 'water',
  废气: 'gas',
  废水: 'water',
};
export const OUTLET_KINDS = ['gas', 'water'] as const;

export const YES_NO_VALUES: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};
export const YES_NO = ['yes', 'no'] as const;

/** Heavy-pollution-weather performance grades (绩效分级); empty means none. */
export const GRADE_VALUES: Readonly<Record<string, 'A' | 'B' | 'B-' | 'C' | 'D' | 'none'>> = {
  A: 'A',
  B: 'B',
  'B-': 'B-',
  C: 'C',
  D: 'D',
  none: 'none',
  '': 'none',
  无: 'none',
};
export const GRADES = ['A', 'B', 'B-', 'C', 'D', 'none'] as const;

/**
 * Key-enterprise categories of the list of environmental supervision key units (环境监管重点单位名录):
 * water, groundwater, air, noise, soil, environmental risk — with their Chinese short names.
 */
export const CATEGORY_VALUES: Readonly<Record<string, string>> = {
  water: 'water',
  groundwater: 'groundwater',
  air: 'air',
  noise: 'noise',
  soil: 'soil',
  risk: 'risk',
  水: 'water',
  水环境: 'water',
  地下水: 'groundwater',
  大气: 'air',
  大气环境: 'air',
  噪声: 'noise',
  土壤: 'soil',
  风险: 'risk',
  环境风险: 'risk',
};
export const CATEGORIES = ['water', 'groundwater', 'air', 'noise', 'soil', 'risk'] as const;

/** HJ 212 protocol editions a device may speak (as `device import`). */
export const PROTOCOLS = ['2005', '2017', '2025'] as const;

const c = (
  name: string,
  required: boolean,
  zh: string,
  en: string,
  choices?: readonly string[],
): ColumnSpec =>
  choices === undefined ? { name, required, doc: { zh, en } } : { name, required, doc: { zh, en }, choices };

const LON = c(
  'lon',
  true,
  '经度（度，东经为正），与边界文件同一坐标系',
  'longitude in degrees east, in the datum of the boundaries',
);
const LAT = c('lat', true, '纬度（度，北纬为正）', 'latitude in degrees north');
const DISTRICT = c(
  'district',
  true,
  '所属区县的行政区划代码（本包 districts 中的，或系统中已有的）',
  'code of its district (in districts of the package, or already in the platform)',
);
const LEVEL = c(
  'level',
  true,
  '级别：national/provincial/city（或 国控/省控/市控）',
  'level: national, provincial or city (or 国控/省控/市控)',
  LEVELS,
);

/** Every table of the format. */
export const TABLE_SPECS: readonly TableSpec[] = [
  {
    table: 'city',
    file: 'city.csv',
    sheet: 'city',
    doc: { zh: '城市：一行', en: 'the city: one row' },
    columns: [
      c('name', true, '城市名称', 'name of the city'),
      c(
        'code',
        true,
        '行政区划代码（GB/T 2260，6 位数字）',
        'administrative division code (GB/T 2260, 6 digits)',
      ),
      c('name_en', false, '英文名称', 'English name'),
    ],
  },
  {
    table: 'districts',
    file: 'districts.csv',
    sheet: 'districts',
    doc: { zh: '区县及功能区', en: 'districts and functional areas' },
    columns: [
      c(
        'code',
        true,
        '行政区划代码（6 位数字，包内唯一）',
        'administrative division code (6 digits, unique)',
      ),
      c('name', true, '名称', 'name'),
      c(
        'parent',
        true,
        '上级区县代码（功能区所在的区）；顶层留空',
        'code of the district it lies in (a functional area); empty at the top',
      ),
      c('name_en', false, '英文名称', 'English name'),
    ],
  },
  {
    table: 'air_stations',
    file: 'air_stations.csv',
    sheet: 'air_stations',
    doc: { zh: '环境空气自动监测站', en: 'ambient air stations' },
    columns: [
      c('code', true, '站点编码（唯一）', 'station code (unique)'),
      c('name', true, '站点名称', 'station name'),
      LON,
      LAT,
      DISTRICT,
      LEVEL,
      c(
        'city_aqi',
        true,
        '是否参与城市空气质量评价：yes/no（或 是/否）',
        'whether it counts for the city AQI: yes or no (or 是/否)',
        YES_NO,
      ),
    ],
  },
  {
    table: 'water_sections',
    file: 'water_sections.csv',
    sheet: 'water_sections',
    doc: { zh: '地表水监测断面', en: 'surface-water sections' },
    columns: [
      c('code', true, '断面编码（唯一）', 'section code (unique)'),
      c('name', true, '断面名称', 'section name'),
      c('water_body', true, '所在河流或湖库', 'river or lake it lies on'),
      c('basin', true, '所属流域', 'basin'),
      c(
        'water_type',
        true,
        '水体类型：river/lake（或 河流/湖库）',
        'water type: river or lake (or 河流/湖库)',
        WATER_TYPES,
      ),
      c('target_class', true, '水质目标类别：I–V', 'target class: I to V', TARGET_CLASSES),
      LEVEL,
      DISTRICT,
      LON,
      LAT,
      c(
        'mode',
        true,
        '监测方式：automatic/manual（或 自动/手工）',
        'monitoring: automatic or manual (or 自动/手工)',
        MODES,
      ),
    ],
  },
  {
    table: 'enterprises',
    file: 'enterprises.csv',
    sheet: 'enterprises',
    doc: { zh: '企业（排污单位）', en: 'enterprises (dischargers)' },
    columns: [
      c('code', true, '企业编码（唯一）', 'enterprise code (unique)'),
      c('name', true, '企业名称', 'enterprise name'),
      c(
        'credit_code',
        true,
        '统一社会信用代码（GB 32100-2015，18 位，含校验码）',
        'unified social credit code (GB 32100-2015, 18 characters with its check character)',
      ),
      c(
        'industry',
        true,
        '国民经济行业代码（GB/T 4754，如 1752 或 C1752）',
        'industry code (GB/T 4754, e.g. 1752 or C1752)',
      ),
      DISTRICT,
      c('address', true, '地址', 'address'),
      LON,
      LAT,
      c('permit', true, '排污许可证编号（可空）', 'discharge permit number (may be empty)'),
      c(
        'categories',
        true,
        '重点排污单位类别，以空格或 | 分隔：water groundwater air noise soil risk（或 水环境 大气环境 …）；可空',
        'key-enterprise categories separated by space or |: water groundwater air noise soil risk; may be empty',
      ),
      c('industry_name', false, '行业名称', 'industry name'),
      c(
        'grade',
        false,
        '重污染天气绩效分级：A B B- C D none',
        'heavy-pollution-weather performance grade: A B B- C D none',
        GRADES,
      ),
    ],
  },
  {
    table: 'outlets',
    file: 'outlets.csv',
    sheet: 'outlets',
    doc: { zh: '排放口', en: 'discharge outlets' },
    columns: [
      c('code', true, '排放口编码（唯一）', 'outlet code (unique)'),
      c('enterprise', true, '所属企业编码', 'code of its enterprise'),
      c('name', true, '排放口名称', 'outlet name'),
      c('kind', true, '类型：gas/water（或 废气/废水）', 'kind: gas or water (or 废气/废水)', OUTLET_KINDS),
      c(
        'standard',
        true,
        '执行的排放标准（如 GB 13271-2014）或限值预设（如 GB 13271-2014/gas-boiler），须与类型相符',
        'emission standard (e.g. GB 13271-2014) or limit preset (e.g. GB 13271-2014/gas-boiler) fitting the kind',
      ),
      c(
        'parameters',
        false,
        '监测因子（HJ 212 编码，以空格或 | 分隔）',
        'parameters (HJ 212 codes separated by space or |)',
      ),
      c('reference_o2', false, '基准氧含量（%），废气', 'reference O2 in %, gas outlets'),
      c('lon', false, '经度（空：企业的位置）', "longitude (empty: the enterprise's)"),
      c('lat', false, '纬度（空：企业的位置）', "latitude (empty: the enterprise's)"),
    ],
  },
  {
    table: 'devices',
    file: 'devices.csv',
    sheet: 'devices',
    doc: { zh: '数采仪（与 device import 相同）', en: 'data loggers (as `device import`)' },
    columns: [
      c(
        'mn',
        true,
        'HJ 212 设备唯一标识 MN（1–64 个可打印 ASCII 字符）',
        'HJ 212 device identifier MN (1–64 printable ASCII characters)',
      ),
      c(
        'password',
        true,
        'HJ 212 访问密码 PW（1–32 个可打印 ASCII 字符）；已注册的设备可留空（保持原密码）',
        'HJ 212 password PW (1–32 printable ASCII characters); empty keeps the password of a registered device',
      ),
      c('site', true, '设备所报送的站点编码', 'code of the site it reports for'),
      c(
        'protocol',
        false,
        '协议版本：2005/2017/2025（默认 2017）',
        'protocol edition: 2005, 2017 or 2025 (default 2017)',
        PROTOCOLS,
      ),
      c(
        'site_name',
        false,
        '（device import 的列，包中忽略）',
        '(a column of device import; ignored in a package)',
      ),
      c('site_kind', false, '（同上，忽略）', '(ignored)'),
      c('district', false, '（同上，忽略）', '(ignored)'),
      c('parent', false, '（同上，忽略）', '(ignored)'),
      c('longitude', false, '（同上，忽略）', '(ignored)'),
      c('latitude', false, '（同上，忽略）', '(ignored)'),
    ],
  },
];

/** The spec of a table. */
export function tableSpec(table: PackageTable): TableSpec {
  const spec = TABLE_SPECS.find((s) => s.table === table);
  if (spec === undefined) throw new Error(`no table ${table}`);
  return spec;
}

/** Device columns of `device import` accepted in a package and ignored there. */
export const IGNORED_DEVICE_COLUMNS: readonly string[] = [
  'site_name',
  'site_kind',
  'district',
  'parent',
  'longitude',
  'latitude',
];
