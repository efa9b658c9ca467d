/**
 * The HJ 212 parameter registry: every parameter code the platform knows — HJ 212-2017 Appendix B
 * Table B.2 (flue gas; a… codes) and Table B.1 (water; w… codes), and the codes air-quality and
 * surface-water stations send beyond App. B — with its Chinese and English names, unit, decimals
 * and HJ/T 212-2005 code (原编码). The one table of parameter facts: the codec maps 2005 codes with
 * it (src/hj212/codes.ts), the simulator writes units and decimals from it, the dashboard names
 * parameters from it.
 *
 * Sources: codes, 2005 codes, units and data types from docs/standards/hj212.md §8, which
 * summarises App. B [text] and air-quality practice [secondary]. Each entry's `evidence` says how
 * its unit, type and 2005 code are known; `unverified` marks what is written from memory. Chinese
 * names: App. B prints them, the reference gives only a few, the rest are from memory [unverified];
 * where the dashboard already showed a shorter name (颗粒物 for App. B's 烟尘, 氧含量) it is kept.
 *
 * Pure: no I/O.
 */

/** One HJ 212 parameter. */
export interface ParameterInfo {
  /** HJ 212-2017 code: the canonical name of a reading, e.g. "a21026". */
  readonly code: string;
  /** App. B table the code is printed in: B.1 water, B.2 gas; null when App. B does not have it. */
  readonly table: 'B.1' | 'B.2' | null;
  readonly zh: string;
  readonly en: string;
  /** Unit of a value as sent and stored, ASCII (`mg/m3`; the dashboard prints m³). */
  readonly unit: string;
  /** Unit of the cumulative `-Cou` value, or null when the parameter has none. */
  readonly cumulativeUnit: string | null;
  /** App. B default data type (`N5.2`: ≤ 5 integer and ≤ 2 fraction digits), or null when not known. */
  readonly type: string | null;
  /**
   * Decimal places the platform writes a value with (simulated devices). The type's fraction digits
   * unless the models need finer steps: gas pollutants at 0.01 mg/m³ (Pb, Hg 0.0001), O2 at 0.01 %,
   * flows at 0.01, DO and CODMn at 0.01 and NH3-N and TP at 0.001 mg/L (surface-water classes are
   * that fine). Real devices send more digits than the type too (docs/standards/hj212.md §5).
   */
  readonly decimals: number;
  /** Unit and decimals at ambient air-quality stations (ST=22) when they differ from a source's. */
  readonly ambient: { readonly unit: string; readonly decimals: number } | null;
  /** HJ/T 212-2005 code of the App. B 原编码 column, or null when there is none. */
  readonly code2005: string | null;
  /** How unit, type and 2005 code are known: App. B as the reference gives it, secondary, or memory. */
  readonly evidence: 'text' | 'secondary' | 'unverified';
  readonly note: string | null;
}

/** code, zh, en, unit, -Cou unit, App. B type, decimals, 2005 code. */
type Row = readonly [string, string, string, string, string | null, string | null, number, string | null];

function entries(
  table: ParameterInfo['table'],
  evidence: ParameterInfo['evidence'],
  list: readonly Row[],
  groupNote: string | null = null,
): ParameterInfo[] {
  return list.map(([code, zh, en, unit, cumulativeUnit, type, decimals, code2005]) => ({
    code,
    table,
    zh,
    en,
    unit,
    cumulativeUnit,
    type,
    decimals,
    ambient: AMBIENT[code] ?? null,
    code2005,
    evidence,
    note: NOTES[code] ?? groupNote,
  }));
}

/** Air-quality stations send SO2 and NO2 in µg/m³ (docs/standards/hj212.md §8 [secondary]); CO stays mg/m³. */
const AMBIENT: Readonly<Record<string, ParameterInfo['ambient']>> = {
  a21026: { unit: 'µg/m3', decimals: 0 },
  a21004: { unit: 'µg/m3', decimals: 0 },
  a21005: { unit: 'mg/m3', decimals: 2 },
};

const NOTES: Readonly<Record<string, string>> = {
  a34013: 'App. B name 烟尘 (smoke dust)',
  a21002: 'as NO2',
  a21001:
    'unit as App. B prints it (docs/standards/hj212.md §8); likely a misprint for mg/m³ and kg [unverified]',
  a34004: 'App. B prints ng/m³ (Cou g); devices and platforms send µg/m³ (docs/standards/hj212.md §8)',
  a34002: 'App. B prints ng/m³; devices and platforms send µg/m³ (docs/standards/hj212.md §8)',
  a34001: 'App. B prints ng/m³; devices and platforms send µg/m³ (docs/standards/hj212.md §8)',
  a05024:
    'not in HJ 212-2017 App. B: the HJ 524-2009 code every air-quality implementation uses (docs/standards/hj212.md §8)',
  w01003: 'HJ 525 code of surface-water stations, not in App. B (docs/standards/hj212.md §8)',
  w19002: 'code surface-water platforms use beyond App. B (src/monitor/water-codes.ts)',
  w02003: 'code surface-water platforms use beyond App. B (src/monitor/water-codes.ts)',
};

/** Table B.2 rows the reference gives (docs/standards/hj212.md §8) [text]. */
const GAS_B2: readonly Row[] = [
  ['a00000', '废气流量', 'Flue gas flow', 'm3/s', 'm3', 'N6.1', 2, 'B02'],
  ['a34013', '颗粒物', 'Particulate', 'mg/m3', 'kg', 'N4', 2, '01'],
  ['a21026', '二氧化硫', 'SO₂', 'mg/m3', 'kg', 'N5.2', 2, '02'],
  ['a21002', '氮氧化物', 'NOx', 'mg/m3', 'kg', 'N5.1', 2, '03'],
  ['a21005', '一氧化碳', 'CO', 'mg/m3', 'kg', 'N3.3', 2, '04'],
  ['a21028', '硫化氢', 'H₂S', 'mg/m3', 'kg', 'N3.2', 2, '05'],
  ['a21018', '氟化物', 'Fluoride', 'mg/m3', 'kg', 'N2.3', 3, '06'],
  ['a21017', '氰化物', 'Cyanide', 'mg/m3', 'kg', 'N3.3', 3, '07'],
  ['a21024', '氯化氢', 'HCl', 'mg/m3', 'kg', 'N4.3', 2, '08'],
  ['a34038', '沥青烟', 'Asphalt fume', 'mg/m3', 'kg', 'N4.3', 3, '09'],
  ['a21001', '氨', 'NH₃', 'ng/m3', 'g', 'N4.3', 3, '10'],
  ['a21022', '氯气', 'Cl₂', 'mg/m3', 'kg', 'N4.3', 3, '11'],
  ['a34039', '硫酸雾', 'Sulphuric-acid mist', 'mg/m3', 'kg', 'N4.3', 3, '14'],
  ['a34040', '铬酸雾', 'Chromic-acid mist', 'mg/m3', 'kg', 'N2.3', 3, '15'],
  ['a25003', '甲苯', 'Toluene', 'mg/m3', 'kg', 'N4.2', 2, '17'],
  ['a25005', '二甲苯', 'Xylene', 'mg/m3', 'kg', 'N4.2', 2, '18'],
  ['a31001', '甲醛', 'Formaldehyde', 'mg/m3', 'kg', 'N3.3', 3, '19'],
  ['a25044', '苯并[a]芘', 'Benzo[a]pyrene', 'mg/m3', 'kg', 'N4.3', 3, '20'],
  ['a24087', '碳氢化合物', 'Hydrocarbons', 'mg/m3', 'kg', 'N5.2', 2, '25'],
  ['a05001', '二氧化碳', 'CO₂', 'mg/m3', 'kg', 'N3.3', 3, '30'],
  ['a20057', '汞及其化合物', 'Mercury and compounds', 'mg/m3', 'kg', 'N4.4', 4, '31'],
  ['a20043', '铅及其化合物', 'Lead and compounds', 'mg/m3', 'kg', 'N2.4', 4, '32'],
  ['a20025', '镉及其化合物', 'Cadmium and compounds', 'mg/m3', 'kg', 'N3.4', 4, '33'],
  ['a20091', '锡及其化合物', 'Tin and compounds', 'mg/m3', 'kg', 'N4.3', 3, '34'],
  ['a20063', '镍及其化合物', 'Nickel and compounds', 'mg/m3', 'kg', 'N3.3', 3, '35'],
  ['a20016', '铍及其化合物', 'Beryllium and compounds', 'mg/m3', 'kg', 'N4.4', 4, '36'],
  ['a01010', '林格曼黑度', 'Ringelmann blackness', 'dimensionless', null, 'N1', 0, '37'],
  ['a21003', '一氧化氮', 'NO', 'mg/m3', 'kg', 'N4.1', 1, null],
  ['a21004', '二氧化氮', 'NO₂', 'mg/m3', 'kg', 'N4.1', 1, null],
  ['a24088', '非甲烷总烃', 'NMHC', 'mg/m3', 'kg', 'N7.3', 2, null],
  ['a19001', '氧含量', 'O₂', '%', null, 'N3.1', 2, 'S01'],
  ['a01011', '烟气流速', 'Flue gas velocity', 'm/s', null, 'N5.2', 2, 'S02'],
  ['a01012', '烟气温度', 'Flue gas temperature', '°C', null, 'N3.1', 1, 'S03'],
  ['a01017', '烟气动压', 'Flue gas dynamic pressure', 'kPa', null, 'N5.3', 3, 'S04'],
  ['a01014', '烟气湿度', 'Flue gas humidity', '%', null, 'N3.1', 1, 'S05'],
  ['a01015', '制冷温度', 'Cooler temperature', '°C', null, 'N3.1', 1, 'S06'],
  ['a01016', '烟道截面积', 'Flue cross-section area', 'm2', null, 'N4.2', 2, 'S07'],
  ['a01013', '烟气压力', 'Flue gas pressure', 'kPa', null, 'N5.3', 3, 'S08'],
];

/**
 * Table B.2 codes the reference lists only by their 2005 mapping (docs/standards/hj212.md §8, "other 2005 gas
 * codes"): unit mg/m³ and Cou kg like the other stack gases, decimals 3 — from memory [unverified].
 */
const GAS_B2_MAPPED_ONLY: readonly Row[] = [
  ['a99051', '二硫化碳', 'CS₂', 'mg/m3', 'kg', null, 3, '12'],
  ['a30022', '硫醇', 'Mercaptans', 'mg/m3', 'kg', null, 3, '13'],
  ['a26001', '苯胺类', 'Anilines', 'mg/m3', 'kg', null, 3, '21'],
  ['a25023', '硝基苯', 'Nitrobenzene', 'mg/m3', 'kg', null, 3, '22'],
  ['a25010', '氯苯', 'Chlorobenzene', 'mg/m3', 'kg', null, 3, '23'],
  ['a99049', '光气', 'Phosgene', 'mg/m3', 'kg', null, 3, '24'],
  ['a31002', '乙醛', 'Acetaldehyde', 'mg/m3', 'kg', null, 3, '26'],
  ['a23001', '酚类', 'Phenols', 'mg/m3', 'kg', null, 3, '27'],
  ['a30001', '甲醇', 'Methanol', 'mg/m3', 'kg', null, 3, '28'],
  ['a24046', '氯乙烯', 'Vinyl chloride', 'mg/m3', 'kg', null, 3, '29'],
];

/** Table B.2 particulate of air-quality stations (ST=22), in the µg/m³ devices send (docs/standards/hj212.md §8) [secondary]. */
const AIR_QUALITY_B2: readonly Row[] = [
  ['a34004', '细颗粒物', 'PM2.5', 'µg/m3', null, 'N3.3', 0, null],
  ['a34002', '可吸入颗粒物', 'PM10', 'µg/m3', null, 'N3.3', 0, null],
  ['a34001', '总悬浮颗粒物', 'TSP', 'µg/m3', null, 'N4.3', 0, null],
];

/** Air-quality codes beyond App. B (docs/standards/hj212.md §8) [secondary]. */
const AIR_QUALITY_BEYOND_B: readonly Row[] = [['a05024', '臭氧', 'O₃', 'µg/m3', null, null, 0, null]];

/** Table B.1 rows the reference gives (docs/standards/hj212.md §8) [text]; type-less rows only name the unit. */
const WATER_B1: readonly Row[] = [
  ['w00000', '废水流量', 'Wastewater flow', 'L/s', 'm3', 'N5.2', 2, 'B01'],
  ['w01001', 'pH值', 'pH', 'dimensionless', null, 'N2.2', 2, '001'],
  ['w01002', '色度', 'Colour', 'degree', null, 'N3.2', 2, '002'],
  ['w01012', '悬浮物', 'Suspended solids', 'mg/L', 'kg', 'N4', 0, '003'],
  ['w01017', '五日生化需氧量', 'BOD5', 'mg/L', 'kg', 'N5.1', 1, '010'],
  ['w01018', '化学需氧量', 'COD', 'mg/L', 'kg', 'N5.1', 1, '011'],
  ['w01020', '总有机碳', 'TOC', 'mg/L', 'kg', 'N3.1', 1, '015'],
  ['w20111', '总汞', 'Total mercury', 'µg/L', 'g', 'N3.2', 2, '020'],
  ['w20115', '总镉', 'Total cadmium', 'µg/L', 'g', null, 2, '022'],
  ['w20116', '总铬', 'Total chromium', 'mg/L', 'kg', null, 3, '023'],
  ['w20117', '六价铬', 'Hexavalent chromium', 'µg/L', 'g', null, 2, '024'],
  ['w20119', '总砷', 'Total arsenic', 'µg/L', 'g', null, 2, '026'],
  ['w20120', '总铅', 'Total lead', 'µg/L', 'g', null, 1, '027'],
  ['w21003', '氨氮', 'Ammonia nitrogen', 'mg/L', 'kg', 'N4.2', 3, '060'],
  ['w99001', '有机氮', 'Organic nitrogen', 'mg/L', 'kg', 'N3.1', 1, '061'],
  ['w21001', '总氮', 'Total nitrogen', 'mg/L', 'kg', 'N4.2', 2, '065'],
  ['w21016', '氰化物', 'Cyanide', 'mg/L', 'kg', null, 3, '070'],
  ['w21019', '硫化物', 'Sulphide', 'mg/L', 'kg', null, 3, '071'],
  ['w21017', '氟化物', 'Fluoride', 'mg/L', 'kg', null, 3, '072'],
  ['w22001', '石油类', 'Petroleum', 'mg/L', 'kg', 'N3.2', 2, '080'],
  ['w21022', '氯化物', 'Chloride', 'mg/L', 'kg', null, 3, '090'],
  ['w21011', '总磷', 'Total phosphorus', 'mg/L', 'kg', 'N3.2', 3, '101'],
  ['w23002', '挥发酚', 'Volatile phenol', 'mg/L', 'kg', 'N3.4', 4, '110'],
  ['w01009', '溶解氧', 'Dissolved oxygen', 'mg/L', null, 'N3.1', 2, null],
  ['w01010', '水温', 'Water temperature', '°C', null, 'N3.1', 1, null],
  ['w01014', '电导率', 'Conductivity', 'µS/cm', null, 'N3.1', 1, null],
  ['w01019', '高锰酸盐指数', 'Permanganate index', 'mg/L', 'kg', 'N3.1', 2, null],
];

/**
 * Table B.1 metals 028–035 → w20121–w20128 in the table's consecutive order; the reference prints
 * "mg/L or µg/L" for the group, so each unit is from memory [unverified] (Cu and Zn mg/L, Se µg/L as
 * src/monitor/water-codes.ts takes them).
 */
const WATER_B1_METALS: readonly Row[] = [
  ['w20121', '总镍', 'Total nickel', 'mg/L', 'kg', null, 3, '028'],
  ['w20122', '总铜', 'Total copper', 'mg/L', 'kg', null, 3, '029'],
  ['w20123', '总锌', 'Total zinc', 'mg/L', 'kg', null, 3, '030'],
  ['w20124', '总锰', 'Total manganese', 'mg/L', 'kg', null, 3, '031'],
  ['w20125', '总铁', 'Total iron', 'mg/L', 'kg', null, 3, '032'],
  ['w20126', '总银', 'Total silver', 'mg/L', 'kg', null, 3, '033'],
  ['w20127', '总铍', 'Total beryllium', 'µg/L', 'g', null, 2, '034'],
  ['w20128', '总硒', 'Total selenium', 'µg/L', 'g', null, 2, '035'],
];

/** Surface-water station codes beyond App. B (docs/standards/hj212.md §8; src/monitor/water-codes.ts) [secondary]. */
const WATER_STATION: readonly Row[] = [
  ['w01003', '浑浊度', 'Turbidity', 'NTU', null, null, 1, null],
  ['w19002', '阴离子表面活性剂', 'Anionic surfactant', 'mg/L', null, null, 3, null],
  ['w02003', '粪大肠菌群', 'Fecal coliform', '个/L', null, null, 0, null],
];

/** Every parameter the platform knows, gas (a…) before water (w…). */
export const PARAMETERS: readonly ParameterInfo[] = [
  ...entries('B.2', 'text', GAS_B2),
  ...entries('B.2', 'unverified', GAS_B2_MAPPED_ONLY, 'unit and decimals from memory'),
  ...entries('B.2', 'secondary', AIR_QUALITY_B2),
  ...entries(null, 'secondary', AIR_QUALITY_BEYOND_B),
  ...entries('B.1', 'text', WATER_B1),
  ...entries('B.1', 'unverified', WATER_B1_METALS, 'App. B gives "mg/L or µg/L": unit from memory'),
  ...entries(null, 'secondary', WATER_STATION),
];

const BY_CODE: ReadonlyMap<string, ParameterInfo> = new Map(PARAMETERS.map((p) => [p.code, p]));

/** The registry entry of an HJ 212-2017 code, or undefined when the platform does not know it. */
export function parameterInfo(code: string): ParameterInfo | undefined {
  return BY_CODE.get(code);
}
