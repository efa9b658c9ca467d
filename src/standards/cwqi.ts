/**
 * City water quality index CWQI — 城市地表水环境质量排名技术规定（试行）(环办监测〔2017〕51号).
 *
 * Section CWQI = Σ CWQI_i over the 21 evaluation items (GB 3838-2002 Table 1 without water
 * temperature, total nitrogen and fecal coliform), where CWQI_i = C_i / S_i with S_i the class III
 * limit (lake and reservoir points use the lake TP limit), except DO (S/C) and pH (distance from 7
 * scaled to the 6–9 range). City CWQI is the mean over the city's sections and points. Lower is better.
 *
 * Pure: no I/O.
 */
import {
  GB3838_PH_RANGE,
  WaterInputError,
  assertItemValue,
  classIIILimit,
  type ItemKey,
  type WaterBodyType,
} from './gb3838-2002.js';
import { EVALUATION_ITEMS_2011, isEvaluationItem2011 } from './water-evaluation-2011.js';

/** The neutral pH that scores 0 in CWQI_pH. */
const CWQI_PH_NEUTRAL = 7.0;

/**
 * Single-item index CWQI_i (dimensionless) of the 2017 ranking rule.
 * - general items: C_i / S_III (mg/L over mg/L);
 * - DO: S_III / C_DO with S_III = 5 mg/L;
 * - pH ≤ 7: (7 − pH) / (7 − 6); pH > 7: (pH − 7) / (9 − 7).
 * Throws for items outside the 21 evaluation items, and for DO = 0 (the index is unbounded; report a
 * non-detect as half its detection limit, as the rule's non-detect convention does).
 */
export function cwqiItem(key: ItemKey, value: number, type: WaterBodyType): number {
  assertItemValue(key, value);
  if (!isEvaluationItem2011(key)) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      key,
      `water item '${key}' is not a CWQI item: CWQI uses ${EVALUATION_ITEMS_2011.join(', ')}`,
    );
  }
  if (key === 'ph') {
    return value <= CWQI_PH_NEUTRAL
      ? (CWQI_PH_NEUTRAL - value) / (CWQI_PH_NEUTRAL - GB3838_PH_RANGE.min)
      : (value - CWQI_PH_NEUTRAL) / (GB3838_PH_RANGE.max - CWQI_PH_NEUTRAL);
  }
  const s3 = classIIILimit(key, type);
  if (s3 === undefined) throw new Error(`CWQI item ${key} has no class III limit`);
  if (key === 'do') {
    if (value === 0) {
      throw new WaterInputError(
        'WATER_BAD_ARGUMENT',
        key,
        `water item 'do': 0 mg/L makes CWQI_DO = ${s3}/0 unbounded; report a non-detect as half its detection limit`,
      );
    }
    return s3 / value;
  }
  return value / s3;
}

/** Section CWQI with its per-item parts. */
export interface SectionCwqi {
  /** Σ CWQI_i over the items given (dimensionless, lower is better). */
  cwqi: number;
  /** CWQI_i of each evaluation item given. */
  items: Partial<Record<ItemKey, number>>;
  /** Evaluation items missing from the input (the sum then covers fewer than 21 items). */
  missing: ItemKey[];
}

/**
 * Section (断面/点位) CWQI: the sum of CWQI_i over the 21 evaluation items present in `values`.
 * Items outside the 21 (wt, tn, fcoli) are ignored. A section with missing items gets a smaller
 * sum, so `missing` is returned for the caller to decide whether the section may be ranked.
 */
export function sectionCwqi(values: Partial<Record<ItemKey, number>>, type: WaterBodyType): SectionCwqi {
  const items: Partial<Record<ItemKey, number>> = {};
  const missing: ItemKey[] = [];
  let cwqi = 0;
  for (const key of EVALUATION_ITEMS_2011) {
    const value = values[key];
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    const part = cwqiItem(key, value, type);
    items[key] = part;
    cwqi += part;
  }
  return { cwqi, items, missing };
}

/**
 * City CWQI: arithmetic mean of the section and point CWQIs of the city (rivers and lakes together).
 * Throws on an empty list or a negative or non-finite section CWQI.
 */
export function cityCwqi(sectionCwqis: readonly number[]): number {
  if (sectionCwqis.length === 0) {
    throw new WaterInputError('WATER_BAD_ARGUMENT', 'sections', 'city CWQI needs at least one section CWQI');
  }
  let sum = 0;
  for (const [i, c] of sectionCwqis.entries()) {
    if (!Number.isFinite(c) || c < 0) {
      throw new WaterInputError(
        'WATER_BAD_ARGUMENT',
        `sections[${i}]`,
        `section CWQI ${String(c)} at index ${i} is not a finite non-negative number`,
      );
    }
    sum += c;
  }
  return sum / sectionCwqis.length;
}

/**
 * Change rate of city CWQI from a base period: ΔCWQI = (CWQI_now − CWQI_base) / CWQI_base, as a
 * fraction (multiply by 100 for percent). Negative means the water got better.
 */
export function cwqiChangeRate(now: number, base: number): number {
  if (!Number.isFinite(now) || now < 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'now',
      `current CWQI ${String(now)} is not a finite non-negative number`,
    );
  }
  if (!Number.isFinite(base) || base <= 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'base',
      `base CWQI ${String(base)} must be a finite positive number`,
    );
  }
  return (now - base) / base;
}
