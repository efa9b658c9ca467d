import { describe, expect, it } from 'vitest';
import { calcBlackOdorous, calcWater, type WaterInput } from './water.js';
import { EVALUATION_ITEMS_2011, roundMultiple, statusOfClass } from './water-evaluation-2011.js';

/** A river section with every one of the 21 evaluation items at class I or II. */
const CLEAN: WaterInput['values'] = {
  ph: 7.5,
  do: 6,
  codmn: 4,
  cod: 15,
  bod5: 3,
  nh3n: 0.5,
  tp: 0.1,
  cu: 0.005,
  zn: 0.05,
  f: 0.5,
  se: 0.0005,
  as: 0.001,
  hg: 0.00002,
  cd: 0.0005,
  cr6: 0.004,
  pb: 0.001,
  cn: 0.002,
  phenol: 0.0005,
  oil: 0.01,
  las: 0.05,
  s2: 0.01,
};

describe('2011 evaluation method (环办〔2011〕22号) — evaluation items', () => {
  it('uses the 21 Table 1 items without water temperature, TN and fecal coliform', () => {
    expect(EVALUATION_ITEMS_2011).toHaveLength(21);
    expect(EVALUATION_ITEMS_2011).not.toContain('wt');
    expect(EVALUATION_ITEMS_2011).not.toContain('tn');
    expect(EVALUATION_ITEMS_2011).not.toContain('fcoli');
  });
});

describe('calcWater — section class by the single-factor method', () => {
  it('a clean river section is class II, 优, blue, with no main pollutants', () => {
    const r = calcWater({ type: 'river', values: CLEAN });
    expect(r.class).toBe('II');
    expect(r.status).toEqual({ zh: '优', en: 'excellent', color: 'blue' });
    expect(r.mainPollutants).toEqual([]);
    expect(r.items.do).toEqual({ value: 6, class: 'II', used: true });
    expect(r.meetsTarget).toBeUndefined();
  });

  it('the worst evaluation item sets the class', () => {
    expect(calcWater({ type: 'river', values: { ...CLEAN, nh3n: 1.2 } }).class).toBe('IV');
    expect(calcWater({ type: 'river', values: { ...CLEAN, hg: 0.002 } }).class).toBe('劣V');
    expect(calcWater({ type: 'river', values: { ...CLEAN, ph: 9.2 } }).class).toBe('劣V');
  });

  it('water temperature, TN and fecal coliform are reported but do not set the class', () => {
    const r = calcWater({ type: 'lake', values: { ...CLEAN, tp: 0.02, wt: 31, tn: 3.2, fcoli: 90000 } });
    expect(r.class).toBe('II');
    expect(r.items.wt).toEqual({ value: 31, class: null, used: false });
    expect(r.items.tn).toEqual({ value: 3.2, class: '劣V', used: false });
    expect(r.items.fcoli).toEqual({ value: 90000, class: '劣V', used: false });
    const river = calcWater({ type: 'river', values: { ...CLEAN, tn: 3.2 } });
    expect(river.items.tn).toEqual({ value: 3.2, class: null, used: false });
  });

  it('lake points use the lake TP limits', () => {
    expect(calcWater({ type: 'river', values: { ...CLEAN, tp: 0.1 } }).class).toBe('II');
    expect(calcWater({ type: 'lake', values: { ...CLEAN, tp: 0.1 } }).class).toBe('IV');
  });

  it('evaluates with only some items given', () => {
    const r = calcWater({ type: 'river', values: { codmn: 5, nh3n: 0.4 } });
    expect(r.class).toBe('III');
    expect(Object.keys(r.items)).toEqual(['codmn', 'nh3n']);
  });

  it.each([
    ['I', 'I', true],
    ['III', 'III', true],
    ['III', 'II', false],
    ['IV', 'V', true],
    ['劣V', 'V', false],
  ] as const)('class %s against target %s → meets %s', (cls, target, meets) => {
    const values = {
      I: { codmn: 1 },
      III: { codmn: 5 },
      IV: { codmn: 8 },
      劣V: { codmn: 20 },
    }[cls];
    const r = calcWater({ type: 'river', target, values });
    expect(r.class).toBe(cls);
    expect(r.meetsTarget).toBe(meets);
  });

  it.each([
    ['II', '优', 'excellent', 'blue'],
    ['III', '良好', 'good', 'green'],
    ['IV', '轻度污染', 'lightly polluted', 'yellow'],
    ['V', '中度污染', 'moderately polluted', 'orange'],
    ['劣V', '重度污染', 'heavily polluted', 'red'],
  ] as const)('status of class %s is %s', (cls, zh, en, color) => {
    expect(statusOfClass(cls)).toEqual({ zh, en, color });
  });
});

describe('calcWater — main pollution items (2011 method)', () => {
  it('none when the section is class III or better', () => {
    const r = calcWater({ type: 'river', values: { ...CLEAN, codmn: 6, nh3n: 1.0 } });
    expect(r.class).toBe('III');
    expect(r.mainPollutants).toEqual([]);
  });

  it('ranks worst class first, then the larger exceedance multiple, at most three', () => {
    // multiples over class III: COD (45−20)/20 = 1.25; NH3-N (1.8−1)/1 = 0.8; TP (0.35−0.2)/0.2 = 0.75;
    // CODMn (9−6)/6 = 0.5 (class IV); BOD5 (5−4)/4 = 0.25 (class IV).
    const r = calcWater({
      type: 'river',
      values: { ...CLEAN, cod: 45, nh3n: 1.8, tp: 0.35, codmn: 9, bod5: 5 },
    });
    expect(r.class).toBe('劣V');
    expect(r.mainPollutants).toEqual([
      { item: 'cod', class: '劣V', multiple: 1.2 },
      { item: 'nh3n', class: 'V', multiple: 0.8 },
      { item: 'tp', class: 'V', multiple: 0.8 },
    ]);
  });

  it('a worse class outranks a larger multiple in a better class', () => {
    // Hg 0.0009 mg/L is class IV with multiple (0.0009−0.0001)/0.0001 = 8; NH3-N 1.8 is class V, 0.8.
    const r = calcWater({ type: 'river', values: { ...CLEAN, hg: 0.0009, nh3n: 1.8 } });
    expect(r.mainPollutants.map((p) => p.item)).toEqual(['nh3n', 'hg']);
    expect(r.mainPollutants[1]?.multiple).toBe(8);
  });

  it('ties in class and multiple are broken by Table 1 order', () => {
    // all class IV with multiple 0.5: CODMn 9, COD 30, BOD5 6, NH3-N 1.5
    const r = calcWater({ type: 'river', values: { ...CLEAN, nh3n: 1.5, bod5: 6, cod: 30, codmn: 9 } });
    expect(r.mainPollutants).toEqual([
      { item: 'codmn', class: 'IV', multiple: 0.5 },
      { item: 'cod', class: 'IV', multiple: 0.5 },
      { item: 'bod5', class: 'IV', multiple: 0.5 },
    ]);
  });

  it('pH and DO can be main pollutants but carry no multiple', () => {
    const r = calcWater({ type: 'river', values: { ...CLEAN, ph: 9.5, do: 2.5, nh3n: 1.9 } });
    expect(r.mainPollutants).toEqual([
      { item: 'ph', class: '劣V', multiple: null },
      { item: 'nh3n', class: 'V', multiple: 0.9 },
      { item: 'do', class: 'V', multiple: null },
    ]);
  });

  it('fecal coliform and lake TN never become main pollutants', () => {
    const r = calcWater({ type: 'lake', values: { ...CLEAN, tp: 0.02, codmn: 12, tn: 5, fcoli: 1e6 } });
    expect(r.mainPollutants.map((p) => p.item)).toEqual(['codmn']);
  });

  it('rounds multiples to one decimal by GB/T 8170 (half to even) after removing binary noise', () => {
    expect(roundMultiple((0.35 - 0.2) / 0.2)).toBe(0.8);
    expect(roundMultiple(1.25)).toBe(1.2);
    expect(roundMultiple(1.35)).toBe(1.4);
    expect(roundMultiple(1.251)).toBe(1.3);
    expect(roundMultiple(1.249)).toBe(1.2);
    expect(roundMultiple(0.04)).toBe(0);
    expect(roundMultiple(8)).toBe(8);
  });
});

describe('calcWater — bad input', () => {
  it('rejects an unknown item key, naming it', () => {
    const values = { ...CLEAN, ammonia: 1 } as unknown as WaterInput['values'];
    expect(() => calcWater({ type: 'river', values })).toThrow(/unknown water item 'ammonia'/);
  });
  it('rejects a negative concentration, naming the item', () => {
    expect(() => calcWater({ type: 'river', values: { ...CLEAN, cod: -3 } })).toThrow(/'cod'.*negative/);
  });
  it('rejects pH outside 0–14', () => {
    expect(() => calcWater({ type: 'river', values: { ...CLEAN, ph: 15 } })).toThrow(/'ph'.*0–14/);
  });
  it('rejects input without any evaluation item', () => {
    expect(() => calcWater({ type: 'river', values: {} })).toThrow(/no evaluation item/);
    expect(() => calcWater({ type: 'lake', values: { wt: 20, tn: 1 } })).toThrow(/no evaluation item/);
  });
  it('rejects a bad type or target', () => {
    expect(() => calcWater({ type: 'sea' as 'river', values: CLEAN })).toThrow(/type "sea"/);
    expect(() => calcWater({ type: 'river', target: 'VI' as 'V', values: CLEAN })).toThrow(
      /target class "VI"/,
    );
  });
});

describe('calcWater — invariant', () => {
  it('the section class never improves as one pollutant rises', () => {
    for (const item of ['codmn', 'nh3n', 'tp', 'hg', 'fcoli'] as const) {
      let prev = 'I';
      const order = ['I', 'II', 'III', 'IV', 'V', '劣V'];
      for (let i = 0; i <= 100; i++) {
        const c = calcWater({ type: 'river', values: { ...CLEAN, [item]: (i / 100) * 3 } }).class;
        expect(order.indexOf(c)).toBeGreaterThanOrEqual(order.indexOf(prev));
        prev = c;
      }
    }
  });
});

describe('calcBlackOdorous', () => {
  it('grades a sample by the worst indicator', () => {
    expect(calcBlackOdorous({ sd: 40, do: 5, orp: 150, nh3n: 1 })).toMatchObject({
      grade: 'none',
      gradeZh: '非黑臭',
    });
    const light = calcBlackOdorous({ sd: 40, do: 1.5, orp: 150, nh3n: 1 });
    expect(light).toMatchObject({ grade: 'light', gradeZh: '轻度黑臭' });
    expect(light.items.do).toEqual({ value: 1.5, grade: 'light' });
    expect(calcBlackOdorous({ sd: 40, do: 1.5, orp: 150, nh3n: 16 })).toMatchObject({
      grade: 'heavy',
      gradeZh: '重度黑臭',
    });
  });
  it('applies the shallow-water transparency rule', () => {
    expect(calcBlackOdorous({ sd: 7, do: 5, orp: 150, nh3n: 1 }).grade).toBe('heavy');
    expect(calcBlackOdorous({ sd: 7, do: 5, orp: 150, nh3n: 1, depth: 15 }).grade).toBe('light');
  });
  it('rejects a negative value, naming it', () => {
    expect(() => calcBlackOdorous({ sd: -1, do: 5, orp: 150, nh3n: 1 })).toThrow(/'sd'.*below 0/);
  });
});
