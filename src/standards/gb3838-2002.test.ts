import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors.js';
import {
  GB3838_ITEMS,
  ITEM_KEYS,
  LIMITED_CLASSES,
  WaterInputError,
  classIIILimit,
  classRank,
  classifyItem,
  itemLimits,
  parseItemKey,
  type ItemKey,
  type LimitedClass,
  type WaterBodyType,
  type WaterClass,
} from './gb3838-2002.js';

/**
 * GB 3838-2002 《地表水环境质量标准》 Table 1 (地表水环境质量标准基本项目标准限值), classes I–V,
 * transcribed here for the tests separately from the implementation's constants
 * (cross-checked item by item against docs/standards/gb3838-water.md §1).
 * "≤" items, mg/L except fecal coliform (个/L).
 */
const TABLE_1_MAX: Record<string, readonly [number, number, number, number, number]> = {
  codmn: [2, 4, 6, 10, 15],
  cod: [15, 15, 20, 30, 40],
  bod5: [3, 3, 4, 6, 10],
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0],
  'tp:river': [0.02, 0.1, 0.2, 0.3, 0.4],
  'tp:lake': [0.01, 0.025, 0.05, 0.1, 0.2],
  'tn:lake': [0.2, 0.5, 1.0, 1.5, 2.0],
  cu: [0.01, 1.0, 1.0, 1.0, 1.0],
  zn: [0.05, 1.0, 1.0, 2.0, 2.0],
  f: [1.0, 1.0, 1.0, 1.5, 1.5],
  se: [0.01, 0.01, 0.01, 0.02, 0.02],
  as: [0.05, 0.05, 0.05, 0.1, 0.1],
  hg: [0.00005, 0.00005, 0.0001, 0.001, 0.001],
  cd: [0.001, 0.005, 0.005, 0.005, 0.01],
  cr6: [0.01, 0.05, 0.05, 0.05, 0.1],
  pb: [0.01, 0.01, 0.05, 0.05, 0.1],
  cn: [0.005, 0.05, 0.2, 0.2, 0.2],
  phenol: [0.002, 0.002, 0.005, 0.01, 0.1],
  oil: [0.05, 0.05, 0.05, 0.5, 1.0],
  las: [0.2, 0.2, 0.2, 0.3, 0.3],
  s2: [0.05, 0.1, 0.2, 0.5, 1.0],
  fcoli: [200, 2000, 10000, 20000, 40000],
};
/** GB 3838-2002 Table 1 item 3: DO ≥ limit, mg/L (class I 7.5 mg/L or 90 % saturation). */
const TABLE_1_DO_MIN = [7.5, 6, 5, 3, 2] as const;

interface BoundaryCase {
  row: string;
  item: ItemKey;
  type: WaterBodyType;
  value: number;
  expected: WaterClass;
}

function splitRow(row: string): { item: ItemKey; types: WaterBodyType[] } {
  const [item, only] = row.split(':');
  const types: WaterBodyType[] = only === undefined ? ['river', 'lake'] : [only as WaterBodyType];
  return { item: parseItemKey(item ?? ''), types };
}

/** Expected class of a "≤" value from the transcribed table: best class whose limit it does not exceed. */
function expectedMax(limits: readonly number[], value: number): WaterClass {
  const i = limits.findIndex((l) => value <= l);
  return i < 0 ? '劣V' : (LIMITED_CLASSES[i] as LimitedClass);
}

const maxCases: BoundaryCase[] = Object.entries(TABLE_1_MAX).flatMap(([row, limits]) => {
  const { item, types } = splitRow(row);
  return types.flatMap((type) =>
    [...new Set(limits)].flatMap((limit) => [
      { row, item, type, value: limit, expected: expectedMax(limits, limit) },
      { row, item, type, value: limit * (1 + 1e-6), expected: expectedMax(limits, limit * (1 + 1e-6)) },
    ]),
  );
});

describe('GB 3838-2002 Table 1 — class of one "≤" item at every class boundary', () => {
  it('has a boundary case for each limit of each of the 21 "≤" items (22 rows with both TP variants)', () => {
    expect(Object.keys(TABLE_1_MAX)).toHaveLength(22);
    expect(maxCases.length).toBeGreaterThan(100);
  });

  it.each(maxCases)('$row ($type) = $value → $expected', ({ item, type, value, expected }) => {
    expect(classifyItem(item, value, type)).toBe(expected);
  });

  it.each(Object.entries(TABLE_1_MAX))('%s: 0 is class I', (row) => {
    const { item, types } = splitRow(row);
    for (const type of types) expect(classifyItem(item, 0, type)).toBe('I');
  });

  it('implementation limits equal the transcribed Table 1', () => {
    for (const [row, limits] of Object.entries(TABLE_1_MAX)) {
      const { item, types } = splitRow(row);
      for (const type of types) expect(itemLimits(item, type)).toEqual(limits);
    }
    expect(itemLimits('do', 'river')).toEqual(TABLE_1_DO_MIN);
  });
});

describe('GB 3838-2002 Table 1 — shared limits give the better class', () => {
  it.each<[ItemKey, number, WaterClass]>([
    ['cod', 15, 'I'],
    ['cod', 15.01, 'III'],
    ['bod5', 3, 'I'],
    ['cu', 1.0, 'II'],
    ['cu', 1.01, '劣V'],
    ['zn', 2.0, 'IV'],
    ['f', 1.0, 'I'],
    ['f', 1.5, 'IV'],
    ['se', 0.01, 'I'],
    ['as', 0.05, 'I'],
    ['as', 0.1, 'IV'],
    ['hg', 0.00005, 'I'],
    ['hg', 0.001, 'IV'],
    ['cd', 0.005, 'II'],
    ['cd', 0.0051, 'V'],
    ['cr6', 0.05, 'II'],
    ['pb', 0.01, 'I'],
    ['pb', 0.05, 'III'],
    ['cn', 0.2, 'III'],
    ['cn', 0.21, '劣V'],
    ['phenol', 0.002, 'I'],
    ['oil', 0.05, 'I'],
    ['las', 0.2, 'I'],
    ['las', 0.3, 'IV'],
  ])('%s = %f → %s', (item, value, expected) => {
    expect(classifyItem(item, value, 'river')).toBe(expected);
  });
});

describe('GB 3838-2002 Table 1 — dissolved oxygen (higher is better)', () => {
  const doCases = TABLE_1_DO_MIN.flatMap((limit, i) => [
    { value: limit, expected: LIMITED_CLASSES[i] as WaterClass },
    { value: limit * (1 - 1e-6), expected: LIMITED_CLASSES[i + 1] ?? '劣V' },
  ]);
  it.each(doCases)('DO $value mg/L → $expected', ({ value, expected }) => {
    expect(classifyItem('do', value, 'river')).toBe(expected);
    expect(classifyItem('do', value, 'lake')).toBe(expected);
  });
  it('supersaturated DO is class I; DO 0 is 劣V', () => {
    expect(classifyItem('do', 14, 'river')).toBe('I');
    expect(classifyItem('do', 0, 'river')).toBe('劣V');
  });
});

describe('GB 3838-2002 Table 1 — pH range 6–9 for all classes', () => {
  it.each<[number, WaterClass]>([
    [6, 'I'],
    [9, 'I'],
    [7, 'I'],
    [5.99, '劣V'],
    [9.01, '劣V'],
    [0, '劣V'],
    [14, '劣V'],
  ])('pH %f → %s', (value, expected) => {
    expect(classifyItem('ph', value, 'river')).toBe(expected);
  });
  it('rejects pH outside 0–14, naming the item', () => {
    expect(() => classifyItem('ph', -0.1, 'river')).toThrow(/'ph'.*0–14/);
    expect(() => classifyItem('ph', 14.1, 'lake')).toThrow(/'ph'.*0–14/);
  });
});

describe('GB 3838-2002 Table 1 — items without a level class', () => {
  it('water temperature is never classed', () => {
    expect(classifyItem('wt', 25, 'river')).toBeNull();
    expect(classifyItem('wt', -0.5, 'lake')).toBeNull();
  });
  it('total nitrogen is classed for lakes and reservoirs only', () => {
    expect(classifyItem('tn', 0.9, 'lake')).toBe('III');
    expect(classifyItem('tn', 2.1, 'lake')).toBe('劣V');
    expect(classifyItem('tn', 0.9, 'river')).toBeNull();
    expect(classIIILimit('tn', 'river')).toBeUndefined();
  });
  it('TP uses the river or the lake limits', () => {
    expect(classifyItem('tp', 0.05, 'river')).toBe('II');
    expect(classifyItem('tp', 0.05, 'lake')).toBe('III');
    expect(classifyItem('tp', 0.25, 'river')).toBe('IV');
    expect(classifyItem('tp', 0.25, 'lake')).toBe('劣V');
  });
});

describe('GB 3838-2002 — bad input', () => {
  it('names the item and says why', () => {
    expect(() => classifyItem('cod', -1, 'river')).toThrow(/'cod'.*negative/);
    expect(() => classifyItem('nh3n', Number.NaN, 'river')).toThrow(/'nh3n'.*not a finite number/);
    expect(() => parseItemKey('ammonia')).toThrow(/unknown water item 'ammonia'/);
  });
  it('throws a WaterInputError with a stable code and the item', () => {
    try {
      classifyItem('hg', -0.001, 'lake');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WaterInputError);
      expect(e).toBeInstanceOf(BadInputError);
      expect(e).toMatchObject({ code: 'bad-request', reason: 'WATER_NEGATIVE_VALUE', item: 'hg' });
    }
  });
});

describe('GB 3838-2002 — invariants', () => {
  const lowerIsBetter = ITEM_KEYS.filter((k) => GB3838_ITEMS[k].direction === 'lower-is-better');
  const cases = lowerIsBetter.flatMap((item) =>
    (['river', 'lake'] as const).filter((type) => itemLimits(item, type)).map((type) => ({ item, type })),
  );

  it('covers the 24 items', () => {
    expect(ITEM_KEYS).toHaveLength(24);
    expect(lowerIsBetter).toHaveLength(21);
  });

  it.each(cases)('$item ($type): class never improves as the concentration rises', ({ item, type }) => {
    const limits = itemLimits(item, type) ?? [];
    const top = (limits[4] ?? 1) * 2;
    let prev = -1;
    for (let i = 0; i <= 400; i++) {
      const rank = classRank(classifyItem(item, (top * i) / 400, type) ?? 'I');
      expect(rank).toBeGreaterThanOrEqual(prev);
      prev = rank;
    }
    expect(prev).toBe(classRank('劣V'));
  });

  it('DO: class never improves as DO falls', () => {
    let prev = -1;
    for (let i = 400; i >= 0; i--) {
      const rank = classRank(classifyItem('do', (10 * i) / 400, 'river') ?? 'I');
      expect(rank).toBeGreaterThanOrEqual(prev);
      prev = rank;
    }
  });
});
