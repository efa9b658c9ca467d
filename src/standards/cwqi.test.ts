import { describe, expect, it } from 'vitest';
import { cityCwqi, cwqiChangeRate, cwqiItem, sectionCwqi } from './cwqi.js';
import { calcWater } from './water.js';

/**
 * Worked example, hand-calculated from the 2017 ranking rule's formulas (docs/standards/cwqi.md §2) with
 * GB 3838-2002 Table 1 class III limits. Per item CWQI_i:
 *   pH 7.5 → (7.5−7)/(9−7) = 0.25          DO 6 → 5/6 = 0.833333
 *   CODMn 4/6 = 0.666667   COD 15/20 = 0.75   BOD5 3/4 = 0.75   NH3-N 0.5/1.0 = 0.5
 *   TP (river) 0.1/0.2 = 0.5                 Cu 0.005/1.0 = 0.005   Zn 0.05/1.0 = 0.05
 *   F 0.5/1.0 = 0.5   Se 0.0005/0.01 = 0.05   As 0.001/0.05 = 0.02   Hg 0.00002/0.0001 = 0.2
 *   Cd 0.0005/0.005 = 0.1   Cr6 0.004/0.05 = 0.08   Pb 0.001/0.05 = 0.02   CN 0.002/0.2 = 0.01
 *   phenol 0.0005/0.005 = 0.1   oil 0.01/0.05 = 0.2   LAS 0.05/0.2 = 0.25   S2− 0.01/0.2 = 0.05
 * Sum = 5.885 (DO + CODMn = 5/6 + 4/6 = 1.5 exactly).
 * As a lake point TP is 0.1/0.05 = 2 instead of 0.5, so CWQI = 7.385.
 */
const SECTION = {
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

describe('CWQI (环办监测〔2017〕51号) — single items', () => {
  it.each([
    [6, 1],
    [6.5, 0.5],
    [7, 0],
    [8, 0.5],
    [9, 1],
    [10, 1.5],
  ])('pH %f → %f', (ph, expected) => {
    expect(cwqiItem('ph', ph, 'river')).toBeCloseTo(expected, 12);
  });

  it('DO is S/C with S = 5 mg/L', () => {
    expect(cwqiItem('do', 5, 'river')).toBe(1);
    expect(cwqiItem('do', 10, 'river')).toBe(0.5);
    expect(cwqiItem('do', 2.5, 'lake')).toBe(2);
    expect(() => cwqiItem('do', 0, 'river')).toThrow(/'do'.*half its detection limit/);
  });

  it('general items are C over the class III limit; lakes use the lake TP limit', () => {
    expect(cwqiItem('nh3n', 1.5, 'river')).toBe(1.5);
    expect(cwqiItem('tp', 0.1, 'river')).toBeCloseTo(0.5, 12);
    expect(cwqiItem('tp', 0.1, 'lake')).toBeCloseTo(2, 12);
  });

  it('rejects items outside the 21', () => {
    expect(() => cwqiItem('tn', 1, 'lake')).toThrow(/'tn' is not a CWQI item/);
    expect(() => cwqiItem('fcoli', 1, 'river')).toThrow(/'fcoli' is not a CWQI item/);
  });
});

describe('CWQI — section worked example (hand-calculated, see the comment above)', () => {
  it('river section: 5.885', () => {
    const r = sectionCwqi(SECTION, 'river');
    expect(r.cwqi).toBeCloseTo(5.885, 9);
    expect(r.missing).toEqual([]);
    expect(r.items.do).toBeCloseTo(0.833333, 6);
    expect(Object.keys(r.items)).toHaveLength(21);
  });

  it('lake point: 7.385', () => {
    expect(sectionCwqi(SECTION, 'lake').cwqi).toBeCloseTo(7.385, 9);
  });

  it('ignores wt, TN and fecal coliform, and lists missing items', () => {
    const r = sectionCwqi({ ...SECTION, wt: 20, tn: 5, fcoli: 50000, cu: undefined }, 'river');
    expect(r.cwqi).toBeCloseTo(5.88, 9);
    expect(r.missing).toEqual(['cu']);
  });

  it('calcWater reports the same section CWQI', () => {
    expect(calcWater({ type: 'river', values: SECTION }).cwqi).toBeCloseTo(5.885, 9);
    expect(calcWater({ type: 'lake', values: SECTION }).cwqi).toBeCloseTo(7.385, 9);
  });
});

describe('CWQI — city and change rate', () => {
  it('city CWQI is the mean of section CWQIs: (5.885 + 7.385) / 2 = 6.635', () => {
    expect(cityCwqi([5.885, 7.385])).toBeCloseTo(6.635, 12);
  });

  it('change rate from a base of 7.0: (6.635 − 7) / 7 = −0.052143 (improved)', () => {
    expect(cwqiChangeRate(6.635, 7)).toBeCloseTo(-0.0521429, 6);
    expect(cwqiChangeRate(7.7, 7)).toBeCloseTo(0.1, 12);
  });

  it('rejects empty or bad input', () => {
    expect(() => cityCwqi([])).toThrow(/at least one section/);
    expect(() => cityCwqi([3, Number.NaN])).toThrow(/index 1/);
    expect(() => cwqiChangeRate(5, 0)).toThrow(/base CWQI/);
  });
});
