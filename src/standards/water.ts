/**
 * Surface-water entry points: one call from a set of item values to the GB 3838-2002 class of a
 * section by the 2011 evaluation method, its main pollution items, CWQI and status; and one call
 * for the black-odorous grade of a sample (2015 guide).
 *
 * Pure: no I/O.
 */
import {
  GB3838_ITEMS,
  ITEM_KEYS,
  WaterInputError,
  classRank,
  classifyItem,
  parseItemKey,
  type ItemKey,
  type LimitedClass,
  type WaterBodyType,
  type WaterClass,
} from './gb3838-2002.js';
import {
  isEvaluationItem2011,
  mainPollutants2011,
  sectionClass2011,
  statusOfClass,
  type ClassedItem,
  type MainPollutant,
  type WaterStatus,
} from './water-evaluation-2011.js';
import { sectionCwqi } from './cwqi.js';
import {
  gradeBlackOdorSample,
  type BlackOdorGrade,
  type BlackOdorIndicator,
  type BlackOdorSample,
  type SdThresholdsCm,
} from './black-odorous-2015.js';

export type { ItemKey, LimitedClass, MainPollutant, WaterBodyType, WaterClass, WaterStatus };
export type { BlackOdorGrade, BlackOdorIndicator, BlackOdorSample };

/**
 * Input of `calcWater`: water body type, optional target class (水质目标), and item values in the
 * units of GB 3838-2002 Table 1 (mg/L; pH dimensionless; water temperature °C; fecal coliform 个/L).
 */
export interface WaterInput {
  type: WaterBodyType;
  target?: LimitedClass;
  values: Partial<Record<ItemKey, number>>;
}

/** One item in the `calcWater` result. */
export interface WaterItemResult {
  value: number;
  /** The item's own class; `null` when not classed (water temperature; TN in rivers). */
  class: WaterClass | null;
  /** True when the item takes part in the section class (the 21 items of the 2011 method). */
  used: boolean;
}

/** Result of `calcWater`. */
export interface WaterResult {
  /** Section class by the single-factor method over the evaluation items given. */
  class: WaterClass;
  items: Partial<Record<ItemKey, WaterItemResult>>;
  /** Up to three main pollution items, only when the class is worse than III. */
  mainPollutants: MainPollutant[];
  /** Section CWQI (2017 ranking rule) over the evaluation items given; dimensionless, lower is better. */
  cwqi: number;
  /** Whether the class meets the target (equal or better); present only when a target was given. */
  meetsTarget?: boolean;
  status: WaterStatus;
}

function parseType(type: unknown): WaterBodyType {
  if (type === 'river' || type === 'lake') return type;
  throw new WaterInputError(
    'WATER_BAD_ARGUMENT',
    'type',
    `water body type ${JSON.stringify(type)} must be 'river' or 'lake'`,
  );
}

function parseTarget(target: unknown): LimitedClass | undefined {
  if (target === undefined) return undefined;
  if (target === 'I' || target === 'II' || target === 'III' || target === 'IV' || target === 'V')
    return target;
  throw new WaterInputError(
    'WATER_BAD_ARGUMENT',
    'target',
    `target class ${JSON.stringify(target)} must be one of I, II, III, IV, V`,
  );
}

/**
 * Evaluates one section or lake point: each item's GB 3838-2002 class, the section class by the
 * single-factor method over the 21 evaluation items of 环办〔2011〕22号 (water temperature, TN and
 * fecal coliform reported but not used; TN classed for lakes only), main pollution items, section
 * CWQI (环办监测〔2017〕51号), target attainment and qualitative status.
 *
 * Throws `WaterInputError` naming the item for an unknown item key, a non-finite or negative value,
 * a pH outside 0–14, or when no evaluation item is given.
 */
export function calcWater(input: WaterInput): WaterResult {
  const type = parseType(input.type);
  const target = parseTarget(input.target);
  const items: Partial<Record<ItemKey, WaterItemResult>> = {};
  const classed: ClassedItem[] = [];
  const present: Partial<Record<ItemKey, number>> = {};
  for (const raw of Object.keys(input.values)) parseItemKey(raw);
  for (const key of ITEM_KEYS) {
    const value = input.values[key];
    if (value === undefined) continue;
    const c = classifyItem(key, value, type);
    const used = isEvaluationItem2011(key);
    items[key] = { value, class: c, used };
    present[key] = value;
    if (used) {
      if (c === null) throw new Error(`${GB3838_ITEMS[key].nameEn} is an evaluation item without a class`);
      classed.push({ item: key, value, class: c });
    }
  }
  const sectionClass = sectionClass2011(classed);
  const result: WaterResult = {
    class: sectionClass,
    items,
    mainPollutants: mainPollutants2011(classed, sectionClass, type),
    cwqi: sectionCwqi(present, type).cwqi,
    status: statusOfClass(sectionClass),
  };
  if (target !== undefined) result.meetsTarget = classRank(sectionClass) <= classRank(target);
  return result;
}

/** Input of `calcBlackOdorous`: SD in cm, DO in mg/L, ORP in mV, NH3-N in mg/L, depth in cm. */
export type BlackOdorousInput = BlackOdorSample;

/** Result of `calcBlackOdorous`. */
export interface BlackOdorousResult {
  grade: BlackOdorGrade;
  gradeZh: string;
  items: Record<BlackOdorIndicator, { value: number; grade: BlackOdorGrade }>;
  sdThresholdsCm: SdThresholdsCm;
}

/**
 * Black-odorous grade of one sample by 城市黑臭水体整治工作指南 (2015): the worst of the four
 * indicator grades; transparency thresholds follow the shallow-water footnote when depth < 25 cm.
 */
export function calcBlackOdorous(input: BlackOdorousInput): BlackOdorousResult {
  return gradeBlackOdorSample(input);
}
