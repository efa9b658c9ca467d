/**
 * 地表水环境质量评价办法（试行）(环办〔2011〕22号) — section (断面) evaluation:
 * evaluation items, single-factor class, qualitative status and main pollution items.
 *
 * Pure: no I/O. Item classes come from GB 3838-2002 (`gb3838-2002.ts`).
 */
import {
  ITEM_KEYS,
  WaterInputError,
  assertItemValue,
  classIIILimit,
  classRank,
  worseClass,
  type ItemKey,
  type WaterBodyType,
  type WaterClass,
} from './gb3838-2002.js';

/**
 * The 21 evaluation items of the 2011 method: GB 3838-2002 Table 1 without water temperature,
 * total nitrogen and fecal coliform (those are reported and, for TN in lakes and for fecal
 * coliform, classed separately, but never set the section class).
 */
export const EVALUATION_ITEMS_2011: readonly ItemKey[] = ITEM_KEYS.filter(
  (k) => k !== 'wt' && k !== 'tn' && k !== 'fcoli',
);

const EVALUATION_SET: ReadonlySet<ItemKey> = new Set(EVALUATION_ITEMS_2011);

/** True when the item takes part in the section class under the 2011 method. */
export function isEvaluationItem2011(key: ItemKey): boolean {
  return EVALUATION_SET.has(key);
}

/** Qualitative water-quality status (水质状况) of the 2011 method. */
export interface WaterStatus {
  zh: '优' | '良好' | '轻度污染' | '中度污染' | '重度污染';
  en: 'excellent' | 'good' | 'lightly polluted' | 'moderately polluted' | 'heavily polluted';
  /** Representation colour named by the 2011 method. */
  color: 'blue' | 'green' | 'yellow' | 'orange' | 'red';
}

/**
 * Status of a section from its class (2011 method, section qualitative evaluation table):
 * I–II 优 blue, III 良好 green, IV 轻度污染 yellow, V 中度污染 orange, 劣V 重度污染 red.
 */
export function statusOfClass(c: WaterClass): WaterStatus {
  switch (c) {
    case 'I':
    case 'II':
      return { zh: '优', en: 'excellent', color: 'blue' };
    case 'III':
      return { zh: '良好', en: 'good', color: 'green' };
    case 'IV':
      return { zh: '轻度污染', en: 'lightly polluted', color: 'yellow' };
    case 'V':
      return { zh: '中度污染', en: 'moderately polluted', color: 'orange' };
    case '劣V':
      return { zh: '重度污染', en: 'heavily polluted', color: 'red' };
    default: {
      const impossible: never = c;
      throw new Error(`unknown water class ${String(impossible)}`);
    }
  }
}

/**
 * Exceedance multiple (超标倍数) over the class III limit, `(C − S_III) / S_III`, unrounded.
 * `null` for items the method excludes (water temperature, pH, dissolved oxygen) or that have no
 * class III limit for this water body (TN in rivers); 0 or negative when the value does not exceed.
 */
export function exceedanceMultiple(key: ItemKey, value: number, type: WaterBodyType): number | null {
  assertItemValue(key, value);
  if (key === 'wt' || key === 'ph' || key === 'do') return null;
  const s3 = classIIILimit(key, type);
  if (s3 === undefined) return null;
  return (value - s3) / s3;
}

/**
 * Rounds an exceedance multiple to one decimal, as the 2011 method writes it ("高锰酸盐指数（1.2）"),
 * by the national rounding rule GB/T 8170-2008 §3.2 (四舍六入五成双: an exact half goes to the even
 * digit). The value is first taken to 9 decimals so binary noise rounds as its decimal
 * ((0.35 − 0.2) / 0.2 = 0.7499…98 is treated as 0.75).
 */
export function roundMultiple(multiple: number): number {
  const sign = multiple < 0 ? -1 : 1;
  const nanos = Math.round(Math.abs(multiple) * 1e9);
  const tenths = Math.floor(nanos / 1e8);
  const rest = nanos - tenths * 1e8;
  const up = rest > 5e7 || (rest === 5e7 && tenths % 2 === 1);
  return (sign * (up ? tenths + 1 : tenths)) / 10;
}

/** One main pollution item (主要污染指标) of a section. */
export interface MainPollutant {
  item: ItemKey;
  /** The item's own class (always worse than III). */
  class: WaterClass;
  /**
   * Exceedance multiple over class III rounded to one decimal (GB/T 8170, see `roundMultiple`); `null` for pH and dissolved oxygen,
   * for which the method computes none.
   */
  multiple: number | null;
}

/** Per-item input for section evaluation: the item's value and class. */
export interface ClassedItem {
  item: ItemKey;
  value: number;
  class: WaterClass;
}

/**
 * Main pollution items of a section (2011 method, 主要污染指标): only when the section is worse than
 * class III; among evaluation items worse than class III, ordered by worst class first, then by the
 * larger (unrounded) exceedance multiple within a class, then — items without a multiple (pH, DO)
 * after those with one, and remaining ties — in Table 1 order; at most three.
 */
export function mainPollutants2011(
  items: readonly ClassedItem[],
  sectionClass: WaterClass,
  type: WaterBodyType,
): MainPollutant[] {
  if (classRank(sectionClass) <= classRank('III')) return [];
  const tableOrder = (k: ItemKey): number => ITEM_KEYS.indexOf(k);
  const candidates = items
    .filter((it) => isEvaluationItem2011(it.item) && classRank(it.class) > classRank('III'))
    .map((it) => ({ ...it, exact: exceedanceMultiple(it.item, it.value, type) }));
  candidates.sort((a, b) => {
    const byClass = classRank(b.class) - classRank(a.class);
    if (byClass !== 0) return byClass;
    if (a.exact !== null && b.exact !== null && a.exact !== b.exact) return b.exact - a.exact;
    if (a.exact === null && b.exact !== null) return 1;
    if (a.exact !== null && b.exact === null) return -1;
    return tableOrder(a.item) - tableOrder(b.item);
  });
  return candidates.slice(0, 3).map((c) => ({
    item: c.item,
    class: c.class,
    multiple: c.exact === null ? null : roundMultiple(c.exact),
  }));
}

/**
 * Section class by the single-factor method (2011 method): the worst class among the evaluation
 * items given. Items outside the 21 evaluation items are ignored. Throws when none is given.
 */
export function sectionClass2011(items: readonly ClassedItem[]): WaterClass {
  const used = items.filter((it) => isEvaluationItem2011(it.item));
  const first = used[0];
  if (first === undefined) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'values',
      `no evaluation item given: the section class needs at least one of ${EVALUATION_ITEMS_2011.join(', ')}`,
    );
  }
  return used.reduce<WaterClass>((worst, it) => worseClass(worst, it.class), first.class);
}
