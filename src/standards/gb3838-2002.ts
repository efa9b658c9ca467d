/**
 * GB 3838-2002 《地表水环境质量标准》 (Environmental quality standards for surface water),
 * Table 1 — the 24 basic items, their limits for classes I–V, and the class of one item value.
 *
 * Pure: no I/O. Limits are inclusive (a value equal to a limit meets that class); where adjacent
 * classes share a limit the better class wins; a value worse than class V is 劣V.
 */
import { BadInputError } from '../errors.js';

/** A GB 3838-2002 water-quality class, including 劣V (worse than class V). */
export type WaterClass = 'I' | 'II' | 'III' | 'IV' | 'V' | '劣V';

/** The five classes that have limits in GB 3838-2002 Table 1 (best first). */
export type LimitedClass = Exclude<WaterClass, '劣V'>;

/** Classes in order from best to worst; the index is the class rank used for comparisons. */
export const WATER_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V', '劣V'];

/** The classes that carry limits, best first. */
export const LIMITED_CLASSES: readonly LimitedClass[] = ['I', 'II', 'III', 'IV', 'V'];

/** Kind of water body: a river section, or a lake/reservoir point (TP limits differ, TN applies). */
export type WaterBodyType = 'river' | 'lake';

/** Limits for classes I, II, III, IV, V in that order. */
export type ClassLimits = readonly [number, number, number, number, number];

/**
 * Keys of the 24 GB 3838-2002 Table 1 basic items (Table 1 order).
 * `wt` water temperature is reported but never classed (its limit is a man-made change, not a level).
 */
export const ITEM_KEYS = [
  'wt',
  'ph',
  'do',
  'codmn',
  'cod',
  'bod5',
  'nh3n',
  'tp',
  'tn',
  'cu',
  'zn',
  'f',
  'se',
  'as',
  'hg',
  'cd',
  'cr6',
  'pb',
  'cn',
  'phenol',
  'oil',
  'las',
  's2',
  'fcoli',
] as const;

/** One GB 3838-2002 Table 1 basic item. */
export type ItemKey = (typeof ITEM_KEYS)[number];

/** How an item's value relates to quality. */
export type ItemDirection = 'lower-is-better' | 'higher-is-better' | 'range' | 'reported';

/** GB 3838-2002 Table 1 item 2: pH (dimensionless) must lie in 6–9 for every class I–V. */
export const GB3838_PH_RANGE = { min: 6, max: 9 } as const;

/** GB 3838-2002 Table 1 item 3: dissolved oxygen, mg/L, value ≥ limit (class I: 7.5 or 90 % saturation). */
const GB3838_DO_MIN_MG_L: ClassLimits = [7.5, 6, 5, 3, 2];
/** GB 3838-2002 Table 1 item 4: permanganate index CODMn, mg/L, value ≤ limit. */
const GB3838_CODMN_MAX_MG_L: ClassLimits = [2, 4, 6, 10, 15];
/** GB 3838-2002 Table 1 item 5: chemical oxygen demand COD, mg/L, value ≤ limit. */
const GB3838_COD_MAX_MG_L: ClassLimits = [15, 15, 20, 30, 40];
/** GB 3838-2002 Table 1 item 6: five-day biochemical oxygen demand BOD5, mg/L, value ≤ limit. */
const GB3838_BOD5_MAX_MG_L: ClassLimits = [3, 3, 4, 6, 10];
/** GB 3838-2002 Table 1 item 7: ammonia nitrogen NH3-N, mg/L, value ≤ limit. */
const GB3838_NH3N_MAX_MG_L: ClassLimits = [0.15, 0.5, 1.0, 1.5, 2.0];
/** GB 3838-2002 Table 1 item 8: total phosphorus (as P), rivers, mg/L, value ≤ limit. */
const GB3838_TP_RIVER_MAX_MG_L: ClassLimits = [0.02, 0.1, 0.2, 0.3, 0.4];
/** GB 3838-2002 Table 1 item 8: total phosphorus (as P), lakes and reservoirs (湖、库), mg/L, value ≤ limit. */
const GB3838_TP_LAKE_MAX_MG_L: ClassLimits = [0.01, 0.025, 0.05, 0.1, 0.2];
/** GB 3838-2002 Table 1 item 9: total nitrogen (lakes and reservoirs, as N), mg/L, value ≤ limit. */
const GB3838_TN_LAKE_MAX_MG_L: ClassLimits = [0.2, 0.5, 1.0, 1.5, 2.0];
/** GB 3838-2002 Table 1 item 10: copper, mg/L, value ≤ limit. */
const GB3838_CU_MAX_MG_L: ClassLimits = [0.01, 1.0, 1.0, 1.0, 1.0];
/** GB 3838-2002 Table 1 item 11: zinc, mg/L, value ≤ limit. */
const GB3838_ZN_MAX_MG_L: ClassLimits = [0.05, 1.0, 1.0, 2.0, 2.0];
/** GB 3838-2002 Table 1 item 12: fluoride (as F⁻), mg/L, value ≤ limit. */
const GB3838_F_MAX_MG_L: ClassLimits = [1.0, 1.0, 1.0, 1.5, 1.5];
/** GB 3838-2002 Table 1 item 13: selenium, mg/L, value ≤ limit. */
const GB3838_SE_MAX_MG_L: ClassLimits = [0.01, 0.01, 0.01, 0.02, 0.02];
/** GB 3838-2002 Table 1 item 14: arsenic, mg/L, value ≤ limit. */
const GB3838_AS_MAX_MG_L: ClassLimits = [0.05, 0.05, 0.05, 0.1, 0.1];
/** GB 3838-2002 Table 1 item 15: mercury, mg/L, value ≤ limit. */
const GB3838_HG_MAX_MG_L: ClassLimits = [0.00005, 0.00005, 0.0001, 0.001, 0.001];
/** GB 3838-2002 Table 1 item 16: cadmium, mg/L, value ≤ limit. */
const GB3838_CD_MAX_MG_L: ClassLimits = [0.001, 0.005, 0.005, 0.005, 0.01];
/** GB 3838-2002 Table 1 item 17: hexavalent chromium Cr(VI), mg/L, value ≤ limit. */
const GB3838_CR6_MAX_MG_L: ClassLimits = [0.01, 0.05, 0.05, 0.05, 0.1];
/** GB 3838-2002 Table 1 item 18: lead, mg/L, value ≤ limit. */
const GB3838_PB_MAX_MG_L: ClassLimits = [0.01, 0.01, 0.05, 0.05, 0.1];
/** GB 3838-2002 Table 1 item 19: cyanide, mg/L, value ≤ limit. */
const GB3838_CN_MAX_MG_L: ClassLimits = [0.005, 0.05, 0.2, 0.2, 0.2];
/** GB 3838-2002 Table 1 item 20: volatile phenol, mg/L, value ≤ limit. */
const GB3838_PHENOL_MAX_MG_L: ClassLimits = [0.002, 0.002, 0.005, 0.01, 0.1];
/** GB 3838-2002 Table 1 item 21: petroleum (oil), mg/L, value ≤ limit. */
const GB3838_OIL_MAX_MG_L: ClassLimits = [0.05, 0.05, 0.05, 0.5, 1.0];
/** GB 3838-2002 Table 1 item 22: anionic surfactant (LAS), mg/L, value ≤ limit. */
const GB3838_LAS_MAX_MG_L: ClassLimits = [0.2, 0.2, 0.2, 0.3, 0.3];
/** GB 3838-2002 Table 1 item 23: sulfide, mg/L, value ≤ limit. */
const GB3838_S2_MAX_MG_L: ClassLimits = [0.05, 0.1, 0.2, 0.5, 1.0];
/** GB 3838-2002 Table 1 item 24: fecal coliform, individuals per litre (个/L), value ≤ limit. */
const GB3838_FCOLI_MAX_PER_L: ClassLimits = [200, 2000, 10000, 20000, 40000];

/** Static description of one Table 1 item. */
export interface Gb3838ItemSpec {
  key: ItemKey;
  /** Item number in GB 3838-2002 Table 1. */
  tableNo: number;
  nameZh: string;
  nameEn: string;
  /** 'mg/L', '°C', 'dimensionless' or '个/L' (fecal coliform per litre). */
  unit: string;
  direction: ItemDirection;
}

/** GB 3838-2002 Table 1 items with their numbers, names, units and direction. */
export const GB3838_ITEMS: Readonly<Record<ItemKey, Gb3838ItemSpec>> = {
  wt: {
    key: 'wt',
    tableNo: 1,
    nameZh: '水温',
    nameEn: 'water temperature',
    unit: '°C',
    direction: 'reported',
  },
  ph: { key: 'ph', tableNo: 2, nameZh: 'pH值', nameEn: 'pH', unit: 'dimensionless', direction: 'range' },
  do: {
    key: 'do',
    tableNo: 3,
    nameZh: '溶解氧',
    nameEn: 'dissolved oxygen',
    unit: 'mg/L',
    direction: 'higher-is-better',
  },
  codmn: {
    key: 'codmn',
    tableNo: 4,
    nameZh: '高锰酸盐指数',
    nameEn: 'permanganate index',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  cod: {
    key: 'cod',
    tableNo: 5,
    nameZh: '化学需氧量',
    nameEn: 'chemical oxygen demand',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  bod5: {
    key: 'bod5',
    tableNo: 6,
    nameZh: '五日生化需氧量',
    nameEn: 'five-day biochemical oxygen demand',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  nh3n: {
    key: 'nh3n',
    tableNo: 7,
    nameZh: '氨氮',
    nameEn: 'ammonia nitrogen',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  tp: {
    key: 'tp',
    tableNo: 8,
    nameZh: '总磷',
    nameEn: 'total phosphorus',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  tn: {
    key: 'tn',
    tableNo: 9,
    nameZh: '总氮',
    nameEn: 'total nitrogen',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  cu: { key: 'cu', tableNo: 10, nameZh: '铜', nameEn: 'copper', unit: 'mg/L', direction: 'lower-is-better' },
  zn: { key: 'zn', tableNo: 11, nameZh: '锌', nameEn: 'zinc', unit: 'mg/L', direction: 'lower-is-better' },
  f: {
    key: 'f',
    tableNo: 12,
    nameZh: '氟化物',
    nameEn: 'fluoride',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  se: {
    key: 'se',
    tableNo: 13,
    nameZh: '硒',
    nameEn: 'selenium',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  as: { key: 'as', tableNo: 14, nameZh: '砷', nameEn: 'arsenic', unit: 'mg/L', direction: 'lower-is-better' },
  hg: { key: 'hg', tableNo: 15, nameZh: '汞', nameEn: 'mercury', unit: 'mg/L', direction: 'lower-is-better' },
  cd: { key: 'cd', tableNo: 16, nameZh: '镉', nameEn: 'cadmium', unit: 'mg/L', direction: 'lower-is-better' },
  cr6: {
    key: 'cr6',
    tableNo: 17,
    nameZh: '铬(六价)',
    nameEn: 'hexavalent chromium',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  pb: { key: 'pb', tableNo: 18, nameZh: '铅', nameEn: 'lead', unit: 'mg/L', direction: 'lower-is-better' },
  cn: {
    key: 'cn',
    tableNo: 19,
    nameZh: '氰化物',
    nameEn: 'cyanide',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  phenol: {
    key: 'phenol',
    tableNo: 20,
    nameZh: '挥发酚',
    nameEn: 'volatile phenol',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  oil: {
    key: 'oil',
    tableNo: 21,
    nameZh: '石油类',
    nameEn: 'petroleum',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  las: {
    key: 'las',
    tableNo: 22,
    nameZh: '阴离子表面活性剂',
    nameEn: 'anionic surfactant',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  s2: {
    key: 's2',
    tableNo: 23,
    nameZh: '硫化物',
    nameEn: 'sulfide',
    unit: 'mg/L',
    direction: 'lower-is-better',
  },
  fcoli: {
    key: 'fcoli',
    tableNo: 24,
    nameZh: '粪大肠菌群',
    nameEn: 'fecal coliform',
    unit: '个/L',
    direction: 'lower-is-better',
  },
};

/** Machine codes of bad water-quality input, so rejections can be counted by kind. */
export type WaterInputErrorCode =
  | 'WATER_UNKNOWN_ITEM'
  | 'WATER_NOT_FINITE'
  | 'WATER_NEGATIVE_VALUE'
  | 'WATER_PH_OUT_OF_RANGE'
  | 'WATER_BAD_ARGUMENT';

/**
 * Bad input to a surface-water calculator (400 `bad-request`); `item` names the offending item or
 * argument and `reason` says what is wrong with a stable machine code, both repeated in `details`
 * as `[{ field, problem, code }]`.
 */
export class WaterInputError extends BadInputError {
  constructor(
    readonly reason: WaterInputErrorCode,
    readonly item: string,
    message: string,
  ) {
    super(message, [{ field: item, problem: message, code: reason }]);
  }
}

const ITEM_KEY_SET: ReadonlySet<string> = new Set(ITEM_KEYS);

/** True when `key` is one of the 24 GB 3838-2002 Table 1 item keys. */
export function isItemKey(key: string): key is ItemKey {
  return ITEM_KEY_SET.has(key);
}

/** Narrows a string to an item key; throws `WATER_UNKNOWN_ITEM` naming the key otherwise. */
export function parseItemKey(key: string): ItemKey {
  if (!isItemKey(key)) {
    throw new WaterInputError(
      'WATER_UNKNOWN_ITEM',
      key,
      `unknown water item '${key}': expected one of ${ITEM_KEYS.join(', ')}`,
    );
  }
  return key;
}

/**
 * Checks one item value: finite; pH within 0–14; concentrations and counts not negative.
 * Water temperature (°C) only needs to be finite. Throws `WaterInputError` naming the item.
 */
export function assertItemValue(key: ItemKey, value: number): void {
  const spec = GB3838_ITEMS[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WaterInputError(
      'WATER_NOT_FINITE',
      key,
      `water item '${key}' (${spec.nameEn}): value ${String(value)} is not a finite number`,
    );
  }
  if (key === 'ph') {
    if (value < 0 || value > 14) {
      throw new WaterInputError(
        'WATER_PH_OUT_OF_RANGE',
        key,
        `water item 'ph': ${value} is outside the pH scale 0–14`,
      );
    }
    return;
  }
  if (key !== 'wt' && value < 0) {
    throw new WaterInputError(
      'WATER_NEGATIVE_VALUE',
      key,
      `water item '${key}' (${spec.nameEn}): ${value} ${spec.unit} is negative; a concentration cannot be below 0`,
    );
  }
}

/** Class rank: 0 for I … 5 for 劣V. Larger is worse. */
export function classRank(c: WaterClass): number {
  switch (c) {
    case 'I':
      return 0;
    case 'II':
      return 1;
    case 'III':
      return 2;
    case 'IV':
      return 3;
    case 'V':
      return 4;
    case '劣V':
      return 5;
    default: {
      const impossible: never = c;
      throw new Error(`unknown water class ${String(impossible)}`);
    }
  }
}

/** The worse of two classes. */
export function worseClass(a: WaterClass, b: WaterClass): WaterClass {
  return classRank(b) > classRank(a) ? b : a;
}

/**
 * The Table 1 limits of an item for classes I–V, or `undefined` when the item has no level limits
 * for this water body: water temperature (always), pH (a range, see `GB3838_PH_RANGE`), and total
 * nitrogen in rivers (Table 1 limits TN for lakes and reservoirs only).
 */
export function itemLimits(key: ItemKey, type: WaterBodyType): ClassLimits | undefined {
  switch (key) {
    case 'wt':
    case 'ph':
      return undefined;
    case 'do':
      return GB3838_DO_MIN_MG_L;
    case 'codmn':
      return GB3838_CODMN_MAX_MG_L;
    case 'cod':
      return GB3838_COD_MAX_MG_L;
    case 'bod5':
      return GB3838_BOD5_MAX_MG_L;
    case 'nh3n':
      return GB3838_NH3N_MAX_MG_L;
    case 'tp':
      return type === 'lake' ? GB3838_TP_LAKE_MAX_MG_L : GB3838_TP_RIVER_MAX_MG_L;
    case 'tn':
      return type === 'lake' ? GB3838_TN_LAKE_MAX_MG_L : undefined;
    case 'cu':
      return GB3838_CU_MAX_MG_L;
    case 'zn':
      return GB3838_ZN_MAX_MG_L;
    case 'f':
      return GB3838_F_MAX_MG_L;
    case 'se':
      return GB3838_SE_MAX_MG_L;
    case 'as':
      return GB3838_AS_MAX_MG_L;
    case 'hg':
      return GB3838_HG_MAX_MG_L;
    case 'cd':
      return GB3838_CD_MAX_MG_L;
    case 'cr6':
      return GB3838_CR6_MAX_MG_L;
    case 'pb':
      return GB3838_PB_MAX_MG_L;
    case 'cn':
      return GB3838_CN_MAX_MG_L;
    case 'phenol':
      return GB3838_PHENOL_MAX_MG_L;
    case 'oil':
      return GB3838_OIL_MAX_MG_L;
    case 'las':
      return GB3838_LAS_MAX_MG_L;
    case 's2':
      return GB3838_S2_MAX_MG_L;
    case 'fcoli':
      return GB3838_FCOLI_MAX_PER_L;
    default: {
      const impossible: never = key;
      throw new Error(`unknown water item ${String(impossible)}`);
    }
  }
}

/** The class III limit of an item (the reference for exceedance multiples and CWQI), if it has one. */
export function classIIILimit(key: ItemKey, type: WaterBodyType): number | undefined {
  return itemLimits(key, type)?.[2];
}

function classFromLimits(value: number, limits: ClassLimits, higherIsBetter: boolean): WaterClass {
  // Limits never get stricter from I to V, so the first class met is the best class sharing that limit.
  for (let i = 0; i < LIMITED_CLASSES.length; i++) {
    const limit = limits[i] as number;
    if (higherIsBetter ? value >= limit : value <= limit) return LIMITED_CLASSES[i] as LimitedClass;
  }
  return '劣V';
}

/**
 * The GB 3838-2002 class of one item value (units as in `GB3838_ITEMS`), or `null` when the item
 * is not classed for this water body (water temperature; total nitrogen in rivers).
 * pH inside 6–9 (inclusive) meets every class and is reported as class I; outside it is 劣V.
 * Throws `WaterInputError` on bad values (see `assertItemValue`).
 */
export function classifyItem(key: ItemKey, value: number, type: WaterBodyType): WaterClass | null {
  assertItemValue(key, value);
  const direction = GB3838_ITEMS[key].direction;
  switch (direction) {
    case 'reported':
      return null;
    case 'range':
      return value >= GB3838_PH_RANGE.min && value <= GB3838_PH_RANGE.max ? 'I' : '劣V';
    case 'higher-is-better':
    case 'lower-is-better': {
      const limits = itemLimits(key, type);
      if (limits === undefined) return null;
      return classFromLimits(value, limits, direction === 'higher-is-better');
    }
    default: {
      const impossible: never = direction;
      throw new Error(`unknown item direction ${String(impossible)}`);
    }
  }
}

/**
 * Accepted range of a value entered by hand (a lab result), in the GB 3838-2002 unit — the
 * platform's plausibility check, not a figure of the standard: physical limits generous enough for
 * any polluted water, tight enough to catch a unit slip (µg/L typed as mg/L shows up as 1000×).
 * pH 0–14; water temperature −5–50 °C; DO 0–30 mg/L (well above saturation); fecal coliform
 * 0–10⁹ 个/L; metals 0–100 mg/L; other items 0–10 000 mg/L.
 */
export const LAB_VALUE_BOUNDS: Readonly<Record<ItemKey, readonly [number, number]>> = {
  wt: [-5, 50],
  ph: [0, 14],
  do: [0, 30],
  codmn: [0, 10_000],
  cod: [0, 10_000],
  bod5: [0, 10_000],
  nh3n: [0, 10_000],
  tp: [0, 10_000],
  tn: [0, 10_000],
  cu: [0, 100],
  zn: [0, 100],
  f: [0, 10_000],
  se: [0, 100],
  as: [0, 100],
  hg: [0, 100],
  cd: [0, 100],
  cr6: [0, 100],
  pb: [0, 100],
  cn: [0, 10_000],
  phenol: [0, 10_000],
  oil: [0, 10_000],
  las: [0, 10_000],
  s2: [0, 10_000],
  fcoli: [0, 1e9],
};
