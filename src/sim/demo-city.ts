/**
 * The demo city: a fictional monitoring network laid over the real districts of Huzhou (湖州市,
 * Zhejiang, GB/T 2260 code 330500). Place names, rivers, lakes and the district boundaries are real;
 * every station, section, enterprise, outlet, credit code, address and device is invented for
 * demonstration and is not official data (see `DEMO_CITY.notice`).
 *
 * Coordinates are `[longitude, latitude]` in degrees, in the datum of the vendored boundaries
 * (assets/geo/huzhou.geojson, AMap data, so GCJ-02 rather than WGS-84); each site lies inside its
 * district's polygon there, which `demo-city.test.ts` checks.
 */
import type {
  AirStationAttributes,
  District,
  EnterpriseAttributes,
  OutletAttributes,
  PerformanceGrade,
  ProtocolVersion,
  SiteKind,
  WaterSectionAttributes,
} from '../store/types.js';

/** A site of the demo city, keyed by its code; `parentCode` links an outlet to its enterprise. */
export interface DemoSite {
  kind: SiteKind;
  code: string;
  name: string;
  districtCode: string;
  /** Degrees east, GCJ-02 (the datum of assets/geo/huzhou.geojson). */
  longitude: number;
  /** Degrees north, GCJ-02. */
  latitude: number;
  /** Code of the parent site (an outlet's enterprise). */
  parentCode?: string;
  attributes: AirStationAttributes | WaterSectionAttributes | EnterpriseAttributes | OutletAttributes;
}

/** A data logger of the demo city and the HJ 212 identity it reports with. */
export interface DemoDevice {
  /** HJ 212 MN: 24 hex characters (EPC-96) for 2017/2025, 14 characters in the 2005 habit. */
  mn: string;
  /** HJ 212 access password (PW), 6 characters. */
  password: string;
  siteCode: string;
  protocol: ProtocolVersion;
}

/** The demo city as loaded into an empty database by `qingshan demo`. */
export interface DemoCity {
  name: string;
  nameEn: string;
  /** GB/T 2260 code of the city. */
  adminCode: string;
  /** Map centre, `[longitude, latitude]` in degrees (GCJ-02). */
  center: [number, number];
  districts: District[];
  /** Parents come before their children: each enterprise is followed by its outlets. */
  sites: DemoSite[];
  /** One per outlet, air station and automatic water section. */
  devices: DemoDevice[];
  /** Shown wherever demo data is shown. */
  notice: { zh: string; en: string };
}

/** HJ 212 codes an ambient air station reports (docs/standards/hj212.md §8): SO2, NO2, CO, O3, PM10, PM2.5. */
export const AIR_STATION_PARAMETERS: readonly string[] = [
  'a21026',
  'a21004',
  'a21005',
  'a05024',
  'a34002',
  'a34004',
];

/**
 * HJ 212 codes an automatic surface-water station reports (docs/standards/hj212.md §8): pH, dissolved oxygen,
 * permanganate index, ammonia nitrogen, total phosphorus, total nitrogen, water temperature.
 */
export const WATER_SECTION_PARAMETERS: readonly string[] = [
  'w01001',
  'w01009',
  'w01019',
  'w21003',
  'w21011',
  'w21001',
  'w01010',
];

const WUXING = '330502';
const NANXUN = '330503';
const DEQING = '330521';
const CHANGXING = '330522';
const ANJI = '330523';
/**
 * 南太湖新区 is a functional area carved out of 吴兴区 along the Taihu shore (2019); it has no GB/T 2260
 * code, so 330599 is a demo code. Its sites lie inside the 吴兴区 polygon.
 */
const NAN_TAIHU = '330599';

const DISTRICTS: District[] = [
  { code: WUXING, name: '吴兴区', nameEn: 'Wuxing District' },
  { code: NANXUN, name: '南浔区', nameEn: 'Nanxun District' },
  { code: DEQING, name: '德清县', nameEn: 'Deqing County' },
  { code: CHANGXING, name: '长兴县', nameEn: 'Changxing County' },
  { code: ANJI, name: '安吉县', nameEn: 'Anji County' },
  { code: NAN_TAIHU, name: '南太湖新区', nameEn: 'South Taihu New Area' },
];

const DISTRICT_NAMES: ReadonlyMap<string, string> = new Map(DISTRICTS.map((d) => [d.code, d.name]));

// Parameter sets of discharge outlets, as HJ 212-2017 codes (docs/standards/hj212.md §8).
/** Flue-gas conditions every gas CEMS reports: temperature, pressure, velocity, flow. */
const FLUE_CONDITIONS = ['a01012', 'a01013', 'a01011', 'a00000'];
/** Combustion (boilers, power units, kilns): particulate, SO2, NOx, O2, flue conditions, humidity. */
const GAS_COMBUSTION = ['a34013', 'a21026', 'a21002', 'a19001', ...FLUE_CONDITIONS, 'a01014'];
/** Waste incineration adds CO and HCl to combustion. */
const GAS_INCINERATION = [
  'a34013',
  'a21026',
  'a21002',
  'a21005',
  'a21024',
  'a19001',
  ...FLUE_CONDITIONS,
  'a01014',
];
/** Industrial kilns judged by GB 9078-1996. */
const GAS_KILN = ['a34013', 'a21026', 'a21002', 'a19001', ...FLUE_CONDITIONS];
/** Dust only (cement kiln head, grinding). */
const GAS_DUST = ['a34013', ...FLUE_CONDITIONS];
/** VOCs as non-methane hydrocarbons (coating, printing, chemicals). */
const GAS_VOC = ['a24088', ...FLUE_CONDITIONS];
/** Particulate and VOCs (stenters, hot presses, carbonising). */
const GAS_DUST_VOC = ['a34013', 'a24088', ...FLUE_CONDITIONS];
/** Lead-acid battery plants: particulate and lead. */
const GAS_LEAD = ['a34013', 'a20043', ...FLUE_CONDITIONS];
/** Sewage works and dyeing: COD, NH3-N, TP, TN, pH, flow. */
const WATER_NUTRIENTS = ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'];
/** Other industrial wastewater: COD, NH3-N, pH, flow. */
const WATER_BASIC = ['w01018', 'w21003', 'w01001', 'w00000'];
/** Lead-acid battery wastewater adds total lead. */
const WATER_LEAD = ['w01018', 'w21003', 'w20120', 'w01001', 'w00000'];
/** Electroplating wastewater adds total chromium, nickel and copper. */
const WATER_PLATING = ['w01018', 'w21003', 'w20116', 'w20121', 'w20122', 'w01001', 'w00000'];

function airStation(
  code: string,
  name: string,
  districtCode: string,
  longitude: number,
  latitude: number,
  network: AirStationAttributes['network'],
): DemoSite {
  return { kind: 'air_station', code, name, districtCode, longitude, latitude, attributes: { network } };
}

function waterSection(
  code: string,
  name: string,
  districtCode: string,
  longitude: number,
  latitude: number,
  attributes: WaterSectionAttributes,
): DemoSite {
  return { kind: 'water_section', code, name, districtCode, longitude, latitude, attributes };
}

/**
 * Ambient air stations. The three national ones borrow the names of Huzhou's national stations (not
 * verified); their positions and the other stations are plausible inventions.
 */
const AIR_STATIONS: DemoSite[] = [
  airStation('HZ-AIR-01', '城西水厂', WUXING, 120.063, 30.876, 'national'),
  airStation('HZ-AIR-02', '仁皇山', NAN_TAIHU, 120.115, 30.905, 'national'),
  airStation('HZ-AIR-03', '三天门', WUXING, 120.09, 30.855, 'national'),
  airStation('HZ-AIR-04', '织里', WUXING, 120.262, 30.845, 'city'),
  airStation('HZ-AIR-05', '南浔城区', NANXUN, 120.425, 30.875, 'provincial'),
  airStation('HZ-AIR-06', '练市', NANXUN, 120.42, 30.72, 'city'),
  airStation('HZ-AIR-07', '长兴雉城', CHANGXING, 119.91, 31.015, 'provincial'),
  airStation('HZ-AIR-08', '煤山', CHANGXING, 119.7, 31.03, 'city'),
  airStation('HZ-AIR-09', '德清武康', DEQING, 119.972, 30.545, 'provincial'),
  airStation('HZ-AIR-10', '新市', DEQING, 120.29, 30.615, 'city'),
  airStation('HZ-AIR-11', '安吉递铺', ANJI, 119.68, 30.635, 'provincial'),
  airStation('HZ-AIR-12', '梅溪', ANJI, 119.75, 30.77, 'city'),
];

/**
 * Surface-water sections on real rivers, reservoirs and Taihu inflows; section names and target
 * classes are plausible, not the official list. 頔塘 is also written 𬇙塘.
 */
const WATER_SECTIONS: DemoSite[] = [
  waterSection('HZ-W-01', '德清大闸', DEQING, 120.06, 30.56, {
    waterType: 'river',
    targetClass: 'II',
    waterBody: '东苕溪',
    basin: '东苕溪',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-02', '龙溪港城南', WUXING, 120.08, 30.83, {
    waterType: 'river',
    targetClass: 'III',
    waterBody: '龙溪港',
    basin: '东苕溪',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-03', '西苕溪递铺', ANJI, 119.7, 30.66, {
    waterType: 'river',
    targetClass: 'II',
    waterBody: '西苕溪',
    basin: '西苕溪',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-04', '杭长桥', WUXING, 120.04, 30.88, {
    waterType: 'river',
    targetClass: 'II',
    waterBody: '西苕溪',
    basin: '西苕溪',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-05', '赋石水库', ANJI, 119.545, 30.575, {
    waterType: 'lake',
    targetClass: 'II',
    waterBody: '赋石水库',
    basin: '西苕溪',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-06', '老虎潭水库', WUXING, 119.99, 30.705, {
    waterType: 'lake',
    targetClass: 'II',
    waterBody: '老虎潭水库',
    basin: '东苕溪',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-07', '对河口水库', DEQING, 119.905, 30.585, {
    waterType: 'lake',
    targetClass: 'II',
    waterBody: '对河口水库',
    basin: '东苕溪',
    network: 'city',
    automatic: false,
  }),
  waterSection('HZ-W-08', '长兜港口', NAN_TAIHU, 120.12, 30.935, {
    waterType: 'river',
    targetClass: 'II',
    waterBody: '长兜港',
    basin: '苕溪',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-09', '小梅口', NAN_TAIHU, 120.06, 30.92, {
    waterType: 'river',
    targetClass: 'II',
    waterBody: '小梅港',
    basin: '苕溪',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-10', '大钱口', NAN_TAIHU, 120.18, 30.922, {
    waterType: 'river',
    targetClass: 'III',
    waterBody: '大钱港',
    basin: '苕溪',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-11', '长兴港口', CHANGXING, 119.975, 31.025, {
    waterType: 'river',
    targetClass: 'III',
    waterBody: '长兴港',
    basin: '长兴平原河网',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-12', '泗安塘泗安', CHANGXING, 119.69, 30.905, {
    waterType: 'river',
    targetClass: 'IV',
    waterBody: '泗安塘',
    basin: '长兴平原河网',
    network: 'city',
    automatic: false,
  }),
  waterSection('HZ-W-13', '頔塘南浔', NANXUN, 120.4, 30.87, {
    waterType: 'river',
    targetClass: 'III',
    waterBody: '頔塘',
    basin: '运河',
    network: 'provincial',
    automatic: true,
  }),
  waterSection('HZ-W-14', '运河练市', NANXUN, 120.42, 30.705, {
    waterType: 'river',
    targetClass: 'III',
    waterBody: '京杭运河',
    basin: '运河',
    network: 'national',
    automatic: true,
  }),
  waterSection('HZ-W-15', '运河新市', DEQING, 120.3, 30.625, {
    waterType: 'river',
    targetClass: 'IV',
    waterBody: '京杭运河',
    basin: '运河',
    network: 'provincial',
    automatic: false,
  }),
];

interface OutletSpec {
  /** Suffix of the outlet code: G for gas (废气), W for water (废水). */
  suffix: string;
  /** Name with the permit's outlet number (DA for gas, DW for water). */
  name: string;
  attributes: OutletAttributes;
}

interface EnterpriseSpec {
  code: string;
  name: string;
  districtCode: string;
  longitude: number;
  latitude: number;
  industry: string;
  industryCode: string;
  performanceGrade: PerformanceGrade;
  /** Town or subdistrict (镇/街道) for the demo address. */
  town: string;
  outlets: OutletSpec[];
}

function gas(
  suffix: string,
  name: string,
  emissionStandard: string,
  parameters: string[],
  referenceO2Pct?: number,
): OutletSpec {
  const attributes: OutletAttributes = { medium: 'gas', emissionStandard, parameters: [...parameters] };
  if (referenceO2Pct !== undefined) attributes.referenceO2Pct = referenceO2Pct;
  return { suffix, name, attributes };
}

function water(suffix: string, name: string, emissionStandard: string, parameters: string[]): OutletSpec {
  return { suffix, name, attributes: { medium: 'water', emissionStandard, parameters: [...parameters] } };
}

// Reference O2 (docs/standards/emission-limits.md §2): GB 13223-2011 coal 6 %, gas boiler 3 %; GB 13271-2014 coal 9 %,
// oil/gas 3.5 % (biomass boilers are held to the coal values); GB 18485-2014 11 %; GB 4915-2013 kiln 10 %.
// Standards without a reference O2 (GB 4915 kiln head, GB 9078, VOC standards) leave it out.
// Sewage works: DB33/2169-2018 is Zhejiang's standard for urban plants; two small plants keep GB 18918-2002.

/** Enterprises and their outlets. Grades are plausible for the industry, not anyone's real grade. */
const ENTERPRISES: EnterpriseSpec[] = [
  {
    code: 'HZ-E-001',
    name: '青禾印染有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.265,
    latitude: 30.86,
    industry: '化纤织物染整精加工',
    industryCode: '1752',
    performanceGrade: 'C',
    town: '织里镇',
    outlets: [
      gas('G1', '定型机废气排放口 DA001', 'DB33/962-2015', GAS_DUST_VOC),
      water('W1', '废水总排放口 DW001', 'GB 4287-2012', WATER_NUTRIENTS),
    ],
  },
  {
    code: 'HZ-E-002',
    name: '澄溪纺织染整有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.175,
    latitude: 30.84,
    industry: '棉印染精加工',
    industryCode: '1713',
    performanceGrade: 'B-',
    town: '八里店镇',
    outlets: [
      gas('G1', '燃气锅炉废气排放口 DA001', 'GB 13271-2014', GAS_COMBUSTION, 3.5),
      water('W1', '废水总排放口 DW001', 'GB 4287-2012', WATER_NUTRIENTS),
    ],
  },
  {
    code: 'HZ-E-003',
    name: '星童水洗印花厂（演示）',
    districtCode: WUXING,
    longitude: 120.275,
    latitude: 30.85,
    industry: '针织或钩针编织物印染精加工',
    industryCode: '1762',
    performanceGrade: 'D',
    town: '织里镇',
    outlets: [water('W1', '废水总排放口 DW001', 'GB 4287-2012', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-004',
    name: '城南水务污水处理有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.1,
    latitude: 30.84,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '龙泉街道',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-005',
    name: '织里水务污水处理有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.24,
    latitude: 30.855,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '织里镇',
    outlets: [water('W1', '尾水排放口 DW001', 'GB 18918-2002', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-006',
    name: '彩澜包装印刷有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.03,
    latitude: 30.68,
    industry: '包装装潢及其他印刷',
    industryCode: '2319',
    performanceGrade: 'B-',
    town: '埭溪镇',
    outlets: [gas('G1', '印刷废气排放口 DA001', 'GB 41616-2022', GAS_VOC)],
  },
  {
    code: 'HZ-E-007',
    name: '织里热电有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.215,
    latitude: 30.85,
    industry: '热电联产',
    industryCode: '4412',
    performanceGrade: 'B',
    town: '织里镇',
    outlets: [
      gas('G1', '1号锅炉烟气排放口 DA001', 'GB 13223-2011', GAS_COMBUSTION, 6),
      gas('G2', '2号锅炉烟气排放口 DA002', 'GB 13223-2011', GAS_COMBUSTION, 6),
    ],
  },
  {
    code: 'HZ-E-008',
    name: '绿源环保能源有限公司（演示）',
    districtCode: WUXING,
    longitude: 120.03,
    latitude: 30.785,
    industry: '生物质能发电',
    industryCode: '4417',
    performanceGrade: 'none',
    town: '妙西镇',
    outlets: [
      gas('G1', '1号焚烧炉烟气排放口 DA001', 'GB 18485-2014', GAS_INCINERATION, 11),
      gas('G2', '2号焚烧炉烟气排放口 DA002', 'GB 18485-2014', GAS_INCINERATION, 11),
    ],
  },
  {
    code: 'HZ-E-009',
    name: '南太湖水务长东污水处理厂（演示）',
    districtCode: NAN_TAIHU,
    longitude: 120.17,
    latitude: 30.89,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '康山街道',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-010',
    name: '蓝湾新材料有限公司（演示）',
    districtCode: NAN_TAIHU,
    longitude: 120.15,
    latitude: 30.905,
    industry: '涂料制造',
    industryCode: '2641',
    performanceGrade: 'B',
    town: '滨湖街道',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 37824-2019', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 8978-1996', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-011',
    name: '南湖生物制药有限公司（演示）',
    districtCode: NAN_TAIHU,
    longitude: 120.2,
    latitude: 30.905,
    industry: '化学药品原料药制造',
    industryCode: '2710',
    performanceGrade: 'B',
    town: '康山街道',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 37823-2019', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 21904-2008', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-012',
    name: '浔木地板有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.3,
    latitude: 30.83,
    industry: '木地板制造',
    industryCode: '2034',
    performanceGrade: 'C',
    town: '旧馆街道',
    outlets: [
      gas('G1', '涂装废气排放口 DA001', 'GB 16297-1996', GAS_VOC),
      gas('G2', '生物质锅炉废气排放口 DA002', 'GB 13271-2014', GAS_COMBUSTION, 9),
    ],
  },
  {
    code: 'HZ-E-013',
    name: '宏板木业有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.33,
    latitude: 30.775,
    industry: '胶合板制造',
    industryCode: '2021',
    performanceGrade: 'B-',
    town: '双林镇',
    outlets: [gas('G1', '热压干燥废气排放口 DA001', 'GB 16297-1996', GAS_DUST_VOC)],
  },
  {
    code: 'HZ-E-014',
    name: '雅居家具有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.42,
    latitude: 30.855,
    industry: '木质家具制造',
    industryCode: '2110',
    performanceGrade: 'C',
    town: '南浔镇',
    outlets: [gas('G1', '喷涂废气排放口 DA001', 'GB 16297-1996', GAS_VOC)],
  },
  {
    code: 'HZ-E-015',
    name: '锦纶印染有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.43,
    latitude: 30.73,
    industry: '化纤织物染整精加工',
    industryCode: '1752',
    performanceGrade: 'C',
    town: '练市镇',
    outlets: [
      gas('G1', '定型机废气排放口 DA001', 'DB33/962-2015', GAS_DUST_VOC),
      water('W1', '废水总排放口 DW001', 'GB 4287-2012', WATER_NUTRIENTS),
    ],
  },
  {
    code: 'HZ-E-016',
    name: '南浔城市污水处理有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.405,
    latitude: 30.88,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '南浔镇',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-017',
    name: '菱湖织染有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.18,
    latitude: 30.735,
    industry: '化纤织物染整精加工',
    industryCode: '1752',
    performanceGrade: 'D',
    town: '菱湖镇',
    outlets: [water('W1', '废水总排放口 DW001', 'GB 4287-2012', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-018',
    name: '金辉表面处理有限公司（演示）',
    districtCode: NANXUN,
    longitude: 120.36,
    latitude: 30.82,
    industry: '金属表面处理及热处理加工',
    industryCode: '3360',
    performanceGrade: 'none',
    town: '旧馆街道',
    outlets: [water('W1', '电镀废水排放口 DW001', 'GB 21900-2008', WATER_PLATING)],
  },
  {
    code: 'HZ-E-019',
    name: '瑞和树脂有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.15,
    latitude: 30.6,
    industry: '初级形态塑料及合成树脂制造',
    industryCode: '2651',
    performanceGrade: 'B',
    town: '钟管镇',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 31572-2015', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 31572-2015', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-020',
    name: '新市化工有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.27,
    latitude: 30.61,
    industry: '有机化学原料制造',
    industryCode: '2614',
    performanceGrade: 'C',
    town: '新市镇',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 31571-2015', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 31571-2015', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-021',
    name: '莫干生物制药有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.08,
    latitude: 30.56,
    industry: '化学药品原料药制造',
    industryCode: '2710',
    performanceGrade: 'A',
    town: '乾元镇',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 37823-2019', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 21904-2008', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-022',
    name: '德清城市污水处理有限公司（演示）',
    districtCode: DEQING,
    longitude: 119.99,
    latitude: 30.53,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '武康街道',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-023',
    name: '新市水务污水处理有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.29,
    latitude: 30.635,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '新市镇',
    outlets: [water('W1', '尾水排放口 DW001', 'GB 18918-2002', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-024',
    name: '琴韵乐器有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.1,
    latitude: 30.63,
    industry: '西乐器制造',
    industryCode: '2422',
    performanceGrade: 'B-',
    town: '洛舍镇',
    outlets: [gas('G1', '涂装废气排放口 DA001', 'GB 16297-1996', GAS_VOC)],
  },
  {
    code: 'HZ-E-025',
    name: '德清天然气热电有限公司（演示）',
    districtCode: DEQING,
    longitude: 120.16,
    latitude: 30.56,
    industry: '热电联产',
    industryCode: '4412',
    performanceGrade: 'none',
    town: '雷甸镇',
    outlets: [gas('G1', '燃气锅炉烟气排放口 DA001', 'GB 13223-2011', GAS_COMBUSTION, 3)],
  },
  {
    code: 'HZ-E-026',
    name: '清源发电有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.965,
    latitude: 30.96,
    industry: '火力发电',
    industryCode: '4411',
    performanceGrade: 'none',
    town: '李家巷镇',
    outlets: [
      gas('G1', '1号机组烟气排放口 DA001', 'GB 13223-2011', GAS_COMBUSTION, 6),
      gas('G2', '2号机组烟气排放口 DA002', 'GB 13223-2011', GAS_COMBUSTION, 6),
      water('W1', '脱硫废水排放口 DW001', 'GB 8978-1996', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-027',
    name: '山南水泥有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.68,
    latitude: 30.88,
    industry: '水泥制造',
    industryCode: '3011',
    performanceGrade: 'A',
    town: '泗安镇',
    outlets: [
      gas('G1', '窑尾废气排放口 DA001', 'GB 4915-2013', GAS_COMBUSTION, 10),
      gas('G2', '窑头废气排放口 DA002', 'GB 4915-2013', GAS_DUST),
    ],
  },
  {
    code: 'HZ-E-028',
    name: '峰岭水泥有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.65,
    latitude: 31.01,
    industry: '水泥制造',
    industryCode: '3011',
    performanceGrade: 'B',
    town: '煤山镇',
    outlets: [
      gas('G1', '窑尾废气排放口 DA001', 'GB 4915-2013', GAS_COMBUSTION, 10),
      gas('G2', '窑头废气排放口 DA002', 'GB 4915-2013', GAS_DUST),
    ],
  },
  {
    code: 'HZ-E-029',
    name: '恒能电源有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.72,
    latitude: 31.02,
    industry: '铅蓄电池制造',
    industryCode: '3843',
    performanceGrade: 'A',
    town: '煤山镇',
    outlets: [
      gas('G1', '铅烟废气排放口 DA001', 'GB 30484-2013', GAS_LEAD),
      water('W1', '废水总排放口 DW001', 'GB 30484-2013', WATER_LEAD),
    ],
  },
  {
    code: 'HZ-E-030',
    name: '画溪动力电池有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.85,
    latitude: 31.0,
    industry: '铅蓄电池制造',
    industryCode: '3843',
    performanceGrade: 'B',
    town: '画溪街道',
    outlets: [
      gas('G1', '铅烟废气排放口 DA001', 'GB 30484-2013', GAS_LEAD),
      water('W1', '废水总排放口 DW001', 'GB 30484-2013', WATER_LEAD),
    ],
  },
  {
    code: 'HZ-E-031',
    name: '绿合化工助剂有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.98,
    latitude: 30.94,
    industry: '化学试剂和助剂制造',
    industryCode: '2661',
    performanceGrade: 'C',
    town: '李家巷镇',
    outlets: [
      gas('G1', '工艺废气排放口 DA001', 'GB 16297-1996', GAS_VOC),
      water('W1', '废水总排放口 DW001', 'GB 8978-1996', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-032',
    name: '夹浦织造有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.94,
    latitude: 31.08,
    industry: '化纤织造加工',
    industryCode: '1751',
    performanceGrade: 'none',
    town: '夹浦镇',
    outlets: [water('W1', '喷水织机废水排放口 DW001', 'GB 8978-1996', WATER_BASIC)],
  },
  {
    code: 'HZ-E-033',
    name: '长兴城市污水处理有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.925,
    latitude: 31.0,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '雉城街道',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
  {
    code: 'HZ-E-034',
    name: '林城耐火材料有限公司（演示）',
    districtCode: CHANGXING,
    longitude: 119.8,
    latitude: 30.93,
    industry: '耐火陶瓷制品及其他耐火材料制造',
    industryCode: '3089',
    performanceGrade: 'C',
    town: '林城镇',
    outlets: [gas('G1', '隧道窑废气排放口 DA001', 'GB 9078-1996', GAS_KILN)],
  },
  {
    code: 'HZ-E-035',
    name: '竹海竹业有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.66,
    latitude: 30.62,
    industry: '竹制品制造',
    industryCode: '2041',
    performanceGrade: 'B-',
    town: '递铺街道',
    outlets: [
      gas('G1', '生物质锅炉废气排放口 DA001', 'GB 13271-2014', GAS_COMBUSTION, 9),
      water('W1', '蒸煮废水排放口 DW001', 'GB 8978-1996', WATER_BASIC),
    ],
  },
  {
    code: 'HZ-E-036',
    name: '孝丰竹艺有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.56,
    latitude: 30.56,
    industry: '竹制品制造',
    industryCode: '2041',
    performanceGrade: 'C',
    town: '孝丰镇',
    outlets: [gas('G1', '炭化涂装废气排放口 DA001', 'GB 16297-1996', GAS_DUST_VOC)],
  },
  {
    code: 'HZ-E-037',
    name: '尚座椅业有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.7,
    latitude: 30.65,
    industry: '金属家具制造',
    industryCode: '2130',
    performanceGrade: 'B',
    town: '递铺街道',
    outlets: [gas('G1', '喷涂废气排放口 DA001', 'GB 16297-1996', GAS_VOC)],
  },
  {
    code: 'HZ-E-038',
    name: '天子湖坐具有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.72,
    latitude: 30.7,
    industry: '塑料家具制造',
    industryCode: '2140',
    performanceGrade: 'C',
    town: '天子湖镇',
    outlets: [gas('G1', '喷涂废气排放口 DA001', 'GB 16297-1996', GAS_VOC)],
  },
  {
    code: 'HZ-E-039',
    name: '青峰水泥有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.76,
    latitude: 30.76,
    industry: '水泥制造',
    industryCode: '3011',
    performanceGrade: 'B',
    town: '梅溪镇',
    outlets: [
      gas('G1', '窑尾废气排放口 DA001', 'GB 4915-2013', GAS_COMBUSTION, 10),
      gas('G2', '窑头废气排放口 DA002', 'GB 4915-2013', GAS_DUST),
    ],
  },
  {
    code: 'HZ-E-040',
    name: '安吉城市污水处理有限公司（演示）',
    districtCode: ANJI,
    longitude: 119.69,
    latitude: 30.64,
    industry: '污水处理及其再生利用',
    industryCode: '4620',
    performanceGrade: 'none',
    town: '递铺街道',
    outlets: [water('W1', '尾水排放口 DW001', 'DB33/2169-2018', WATER_NUTRIENTS)],
  },
];

/** Offset of the n-th outlet (1-based) from its enterprise, in degrees (≈ 60 m east, 45 m south per step). */
const OUTLET_STEP_DEG = { longitude: 0.0006, latitude: -0.0004 };

function roundDeg(value: number): number {
  return Number(value.toFixed(6));
}

function enterpriseSites(spec: EnterpriseSpec): DemoSite[] {
  const district = DISTRICT_NAMES.get(spec.districtCode);
  if (district === undefined) throw new Error(`${spec.code}: unknown district ${spec.districtCode}`);
  const serial = spec.code.slice(-3);
  const enterprise: DemoSite = {
    kind: 'enterprise',
    code: spec.code,
    name: spec.name,
    districtCode: spec.districtCode,
    longitude: spec.longitude,
    latitude: spec.latitude,
    attributes: {
      industry: spec.industry,
      industryCode: spec.industryCode,
      performanceGrade: spec.performanceGrade,
      // 18 characters, "DEMO" + district code + serial: can never pass as a real credit code.
      creditCode: `DEMO${spec.districtCode}${serial.padStart(8, '0')}`,
      address: `浙江省湖州市${district}${spec.town}演示路 ${Number(serial)} 号`,
    },
  };
  const outlets = spec.outlets.map((outlet, index): DemoSite => ({
    kind: 'outlet',
    code: `${spec.code}-${outlet.suffix}`,
    name: outlet.name,
    districtCode: spec.districtCode,
    longitude: roundDeg(spec.longitude + OUTLET_STEP_DEG.longitude * (index + 1)),
    latitude: roundDeg(spec.latitude + OUTLET_STEP_DEG.latitude * (index + 1)),
    parentCode: spec.code,
    attributes: outlet.attributes,
  }));
  return [enterprise, ...outlets];
}

// MN layout (docs/standards/hj212.md §4, EPC-96 as 24 hex): header "01", manager "0" + district code,
// object class = HJ 212 system code (22 air, 21 surface water, 31 flue gas, 32 wastewater), 9-hex serial.
// 2005 devices use the 14-character habit: "QS" + district code + 6-digit serial.
// Passwords are random 6-character strings without HJ 212 delimiters.
const DEVICES: DemoDevice[] = [
  { mn: '0103305020000223748949E0', password: 'JhKJSb', siteCode: 'HZ-AIR-01', protocol: '2017' },
  { mn: '01033059900002242D262D64', password: 'kSUEJW', siteCode: 'HZ-AIR-02', protocol: '2017' },
  { mn: '01033050200002233D03B875', password: 'UmzVhp', siteCode: 'HZ-AIR-03', protocol: '2017' },
  { mn: '010330502000022FC52853E8', password: 'DsUnVU', siteCode: 'HZ-AIR-04', protocol: '2017' },
  { mn: '01033050300002202896E988', password: 'xHAXpx', siteCode: 'HZ-AIR-05', protocol: '2017' },
  { mn: '010330503000022282C5FF78', password: 'U46Evw', siteCode: 'HZ-AIR-06', protocol: '2017' },
  { mn: '010330522000022A53700D65', password: 'SFdeGQ', siteCode: 'HZ-AIR-07', protocol: '2017' },
  { mn: 'QS330522783850', password: 'Gk6uXJ', siteCode: 'HZ-AIR-08', protocol: '2005' },
  { mn: '01033052100002246A5FB187', password: '5dKMTF', siteCode: 'HZ-AIR-09', protocol: '2017' },
  { mn: '0103305210000226AEBDA276', password: 'fktJHy', siteCode: 'HZ-AIR-10', protocol: '2017' },
  { mn: '010330523000022F37961315', password: 'H87FHx', siteCode: 'HZ-AIR-11', protocol: '2017' },
  { mn: '010330523000022E0E5DEDEA', password: 'dJcKgi', siteCode: 'HZ-AIR-12', protocol: '2017' },
  { mn: '010330521000021C7E203C50', password: 'XQJkYH', siteCode: 'HZ-W-01', protocol: '2017' },
  { mn: '010330502000021098FD1E1F', password: 'rUQjsa', siteCode: 'HZ-W-02', protocol: '2017' },
  { mn: '01033052300002106E673F84', password: 'T2QkTx', siteCode: 'HZ-W-03', protocol: '2017' },
  { mn: '010330502000021583481C92', password: 'Tj7neM', siteCode: 'HZ-W-04', protocol: '2017' },
  { mn: '01033052300002142BB686B7', password: 'PvGuCP', siteCode: 'HZ-W-05', protocol: '2017' },
  { mn: '010330502000021D17A6A4C3', password: 'qNb9ZY', siteCode: 'HZ-W-06', protocol: '2017' },
  { mn: '010330599000021F1437CEC2', password: 'VMupBM', siteCode: 'HZ-W-08', protocol: '2025' },
  { mn: '010330599000021F5EA2D8A9', password: '5Finx6', siteCode: 'HZ-W-09', protocol: '2017' },
  { mn: '010330599000021F6CB5340E', password: 'HH6tP7', siteCode: 'HZ-W-10', protocol: '2017' },
  { mn: '010330522000021BC95FDE15', password: '2cGBzE', siteCode: 'HZ-W-11', protocol: '2017' },
  { mn: '0103305030000219A9605E34', password: 'G42fDP', siteCode: 'HZ-W-13', protocol: '2017' },
  { mn: '010330503000021C6DD41CC9', password: 'ceJ2xc', siteCode: 'HZ-W-14', protocol: '2017' },
  { mn: '0103305020000312E2FC5532', password: 'qYhjnQ', siteCode: 'HZ-E-001-G1', protocol: '2017' },
  { mn: '010330502000032E3938E80E', password: 'p8XgGU', siteCode: 'HZ-E-001-W1', protocol: '2017' },
  { mn: '010330502000031613299804', password: 'jzqM4q', siteCode: 'HZ-E-002-G1', protocol: '2017' },
  { mn: '0103305020000320D6A22FD5', password: 'erT55r', siteCode: 'HZ-E-002-W1', protocol: '2017' },
  { mn: 'QS330502721236', password: 'dKaW2D', siteCode: 'HZ-E-003-W1', protocol: '2005' },
  { mn: '010330502000032F76339864', password: 'DUCzuY', siteCode: 'HZ-E-004-W1', protocol: '2017' },
  { mn: '010330502000032F5453746C', password: '6Wsn4U', siteCode: 'HZ-E-005-W1', protocol: '2017' },
  { mn: '01033050200003108D0B4B18', password: 'hb2eEJ', siteCode: 'HZ-E-006-G1', protocol: '2017' },
  { mn: '01033050200003188A1123C7', password: 'vNhxdJ', siteCode: 'HZ-E-007-G1', protocol: '2017' },
  { mn: '010330502000031004D38333', password: 'vTMZBK', siteCode: 'HZ-E-007-G2', protocol: '2017' },
  { mn: '010330502000031753853450', password: 'N3fUMP', siteCode: 'HZ-E-008-G1', protocol: '2025' },
  { mn: '01033050200003145DE0B8C8', password: 'UhXeL7', siteCode: 'HZ-E-008-G2', protocol: '2025' },
  { mn: '010330599000032254874D32', password: 'ZY72AB', siteCode: 'HZ-E-009-W1', protocol: '2025' },
  { mn: '010330599000031959630046', password: 'eLGtqs', siteCode: 'HZ-E-010-G1', protocol: '2017' },
  { mn: '010330599000032E5410B3E2', password: '9vbCWj', siteCode: 'HZ-E-010-W1', protocol: '2017' },
  { mn: '01033059900003130E1C309C', password: '4UcNpt', siteCode: 'HZ-E-011-G1', protocol: '2017' },
  { mn: '010330599000032941B9BD3C', password: 'NXXRUg', siteCode: 'HZ-E-011-W1', protocol: '2017' },
  { mn: '010330503000031E621A2732', password: 'jDiWXz', siteCode: 'HZ-E-012-G1', protocol: '2017' },
  { mn: '01033050300003124760FC5D', password: 'yeYr6C', siteCode: 'HZ-E-012-G2', protocol: '2017' },
  { mn: '01033050300003144767728A', password: 'LKEJ4V', siteCode: 'HZ-E-013-G1', protocol: '2017' },
  { mn: '010330503000031942C5C5B8', password: 'WnL5WG', siteCode: 'HZ-E-014-G1', protocol: '2017' },
  { mn: '010330503000031D76E5D440', password: 'xt7zg5', siteCode: 'HZ-E-015-G1', protocol: '2017' },
  { mn: '010330503000032415A99D75', password: 'kzDwyH', siteCode: 'HZ-E-015-W1', protocol: '2017' },
  { mn: '0103305030000323306E3E45', password: 'xiLmBd', siteCode: 'HZ-E-016-W1', protocol: '2017' },
  { mn: 'QS330503475554', password: 'A9mt3j', siteCode: 'HZ-E-017-W1', protocol: '2005' },
  { mn: '010330503000032090CE1F75', password: 'BvQV9c', siteCode: 'HZ-E-018-W1', protocol: '2017' },
  { mn: '010330521000031247FE2C63', password: 'TiajrM', siteCode: 'HZ-E-019-G1', protocol: '2017' },
  { mn: '0103305210000326D9AD7021', password: 'PqHnE2', siteCode: 'HZ-E-019-W1', protocol: '2017' },
  { mn: '010330521000031097502F75', password: '7a7bPf', siteCode: 'HZ-E-020-G1', protocol: '2017' },
  { mn: '01033052100003285D4EAF0D', password: 'Ax2PUy', siteCode: 'HZ-E-020-W1', protocol: '2017' },
  { mn: '010330521000031635371C40', password: 'YCHZbm', siteCode: 'HZ-E-021-G1', protocol: '2017' },
  { mn: '010330521000032EEFAF0772', password: 'UZS3eJ', siteCode: 'HZ-E-021-W1', protocol: '2017' },
  { mn: '0103305210000326E32F6D49', password: '7sBETp', siteCode: 'HZ-E-022-W1', protocol: '2017' },
  { mn: '010330521000032A4F9D551B', password: 'Gka9SP', siteCode: 'HZ-E-023-W1', protocol: '2017' },
  { mn: '010330521000031A4D868F18', password: 'V7wMrM', siteCode: 'HZ-E-024-G1', protocol: '2017' },
  { mn: '0103305210000312973201E8', password: 'w5S9B9', siteCode: 'HZ-E-025-G1', protocol: '2017' },
  { mn: '010330522000031F736B0FCC', password: 'VWXmAu', siteCode: 'HZ-E-026-G1', protocol: '2017' },
  { mn: '0103305220000314EEAC45B2', password: 'AG3YHB', siteCode: 'HZ-E-026-G2', protocol: '2017' },
  { mn: '010330522000032D98E3D382', password: 'drwddJ', siteCode: 'HZ-E-026-W1', protocol: '2017' },
  { mn: '01033052200003115E5D8946', password: 'TfXv5r', siteCode: 'HZ-E-027-G1', protocol: '2017' },
  { mn: '01033052200003114BF978F6', password: 'Jgtngr', siteCode: 'HZ-E-027-G2', protocol: '2017' },
  { mn: '01033052200003139B76F3DD', password: '8aLzgu', siteCode: 'HZ-E-028-G1', protocol: '2017' },
  { mn: '01033052200003147BA3E62F', password: 'Nw7DEi', siteCode: 'HZ-E-028-G2', protocol: '2017' },
  { mn: '01033052200003192010BF9A', password: 'y9Mw33', siteCode: 'HZ-E-029-G1', protocol: '2017' },
  { mn: '0103305220000327C51D6D89', password: 'bLGPXq', siteCode: 'HZ-E-029-W1', protocol: '2017' },
  { mn: '010330522000031311368592', password: 'qCgH5B', siteCode: 'HZ-E-030-G1', protocol: '2017' },
  { mn: '010330522000032718328C38', password: 'vtz8ib', siteCode: 'HZ-E-030-W1', protocol: '2017' },
  { mn: '01033052200003192EA09A65', password: 'GbwnLL', siteCode: 'HZ-E-031-G1', protocol: '2017' },
  { mn: '0103305220000321EE607BE3', password: 'wRANrm', siteCode: 'HZ-E-031-W1', protocol: '2017' },
  { mn: 'QS330522100753', password: 'QBxJMP', siteCode: 'HZ-E-032-W1', protocol: '2005' },
  { mn: '010330522000032E94C97291', password: 'GT9888', siteCode: 'HZ-E-033-W1', protocol: '2017' },
  { mn: '0103305220000317FD1068FD', password: 'jGVANj', siteCode: 'HZ-E-034-G1', protocol: '2017' },
  { mn: '0103305230000312B682DCB6', password: 'NjQCJw', siteCode: 'HZ-E-035-G1', protocol: '2017' },
  { mn: '010330523000032A9A08164B', password: 'AWP8aF', siteCode: 'HZ-E-035-W1', protocol: '2017' },
  { mn: '01033052300003132A4E8DD6', password: '9rfYVm', siteCode: 'HZ-E-036-G1', protocol: '2017' },
  { mn: '010330523000031EE8560E8A', password: 'WNHQsu', siteCode: 'HZ-E-037-G1', protocol: '2017' },
  { mn: '01033052300003124F3BD4B1', password: 'LTXHNF', siteCode: 'HZ-E-038-G1', protocol: '2017' },
  { mn: '010330523000031EA6EF9B2F', password: 'Wa3HSM', siteCode: 'HZ-E-039-G1', protocol: '2017' },
  { mn: '010330523000031C20430852', password: 'yE9zxZ', siteCode: 'HZ-E-039-G2', protocol: '2017' },
  { mn: '010330523000032E0F21AACE', password: 'BzaPAh', siteCode: 'HZ-E-040-W1', protocol: '2017' },
];

/** The demo city (湖州市, Huzhou). */
export const DEMO_CITY: DemoCity = {
  name: '湖州市',
  nameEn: 'Huzhou',
  adminCode: '330500',
  center: [120.0868, 30.8936],
  districts: DISTRICTS,
  sites: [...AIR_STATIONS, ...WATER_SECTIONS, ...ENTERPRISES.flatMap(enterpriseSites)],
  devices: DEVICES,
  notice: {
    zh: '演示数据：本系统中的空气站、水质断面、企业、排放口、设备及其监测数据均为虚构，仅供功能演示，不代表湖州市或任何单位的真实情况，不是官方数据。地名、河湖和行政区划仅作地理参照。',
    en: 'Demo data: the air stations, water sections, enterprises, outlets, devices and their readings are fictional, for demonstration only; they do not describe Huzhou or any organisation and are not official data. Place names, rivers, lakes and districts serve only as a geographic backdrop.',
  },
};
