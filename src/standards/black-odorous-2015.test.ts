import { describe, expect, it } from 'vitest';
import {
  gradeBlackOdorPoint,
  gradeBlackOdorSample,
  gradeBlackOdorWaterBody,
  gradeIndicator,
  sdThresholdsCm,
  type BlackOdorGrade,
  type BlackOdorIndicator,
  type BlackOdorSample,
} from './black-odorous-2015.js';

/**
 * 城市黑臭水体整治工作指南 (2015) grading table (docs/standards/black-odorous.md §1):
 * SD light 25–10 cm, heavy < 10; DO light 0.2–2.0 mg/L, heavy < 0.2; ORP light −200–50 mV,
 * heavy < −200; NH3-N light 8.0–15 mg/L, heavy > 15. Light ranges are inclusive at both ends.
 */
describe('black-odorous 2015 — indicator edges', () => {
  it.each<[BlackOdorIndicator, number, BlackOdorGrade]>([
    ['sd', 25.01, 'none'],
    ['sd', 25, 'light'],
    ['sd', 10, 'light'],
    ['sd', 9.99, 'heavy'],
    ['do', 2.01, 'none'],
    ['do', 2.0, 'light'],
    ['do', 0.2, 'light'],
    ['do', 0.19, 'heavy'],
    ['orp', 50.1, 'none'],
    ['orp', 50, 'light'],
    ['orp', -200, 'light'],
    ['orp', -200.1, 'heavy'],
    ['nh3n', 7.99, 'none'],
    ['nh3n', 8.0, 'light'],
    ['nh3n', 15, 'light'],
    ['nh3n', 15.01, 'heavy'],
  ])('%s = %f → %s', (indicator, value, grade) => {
    expect(gradeIndicator(indicator, value)).toBe(grade);
  });
});

describe('black-odorous 2015 — transparency in water shallower than 25 cm (40 % of depth)', () => {
  it('deep or unknown depth uses 10 / 25 cm', () => {
    expect(sdThresholdsCm()).toEqual({ heavyBelow: 10, lightMax: 25, shallow: false });
    expect(sdThresholdsCm(25)).toEqual({ heavyBelow: 10, lightMax: 25, shallow: false });
  });
  it('depth 20 cm: heavy below 8 cm, light up to the bottom, none when the disk is seen on the bottom', () => {
    expect(sdThresholdsCm(20)).toEqual({ heavyBelow: 8, lightMax: 20, shallow: true });
    expect(gradeIndicator('sd', 7.9, 20)).toBe('heavy');
    expect(gradeIndicator('sd', 8, 20)).toBe('light');
    expect(gradeIndicator('sd', 19.9, 20)).toBe('light');
    expect(gradeIndicator('sd', 20, 20)).toBe('none');
  });
  it('is continuous with the deep-water rule at 25 cm', () => {
    expect(sdThresholdsCm(24.999).heavyBelow).toBeCloseTo(10, 3);
  });
});

const clean: BlackOdorSample = { sd: 40, do: 5, orp: 150, nh3n: 1 };
const heavySd: BlackOdorSample = { ...clean, sd: 5 };
const heavyDo: BlackOdorSample = { ...clean, do: 0.1 };
const heavyNh3n: BlackOdorSample = { ...clean, nh3n: 20 };
const lightOrp: BlackOdorSample = { ...clean, orp: 0 };

describe('black-odorous 2015 — sample', () => {
  it('takes the worst indicator', () => {
    expect(gradeBlackOdorSample(clean).grade).toBe('none');
    expect(gradeBlackOdorSample(lightOrp).grade).toBe('light');
    expect(gradeBlackOdorSample({ ...lightOrp, nh3n: 16 }).grade).toBe('heavy');
  });
  it('rejects bad values, naming the field', () => {
    expect(() => gradeBlackOdorSample({ ...clean, do: -0.1 })).toThrow(/'do'/);
    expect(() => gradeBlackOdorSample({ ...clean, orp: Number.NaN })).toThrow(/'orp'.*finite/);
    expect(() => gradeBlackOdorSample({ ...clean, depth: 0 })).toThrow(/'depth'/);
  });
});

describe('black-odorous 2015 — point rule over repeated measurements', () => {
  it('one indicator heavy in ≥ 60 % of measurements → heavy (3 of 5)', () => {
    const r = gradeBlackOdorPoint([heavySd, heavySd, heavySd, clean, clean]);
    expect(r.grade).toBe('heavy');
    expect(r.heavyShare.sd).toBe(0.6);
  });
  it('one indicator heavy in 40 % only → light', () => {
    expect(gradeBlackOdorPoint([heavySd, heavySd, clean, clean, clean]).grade).toBe('light');
  });
  it('two indicators heavy in ≥ 30 % each → heavy (1 of 3 each)', () => {
    expect(gradeBlackOdorPoint([heavyDo, heavyNh3n, clean]).grade).toBe('heavy');
  });
  it('two indicators heavy in 25 % each → light', () => {
    expect(gradeBlackOdorPoint([heavyDo, heavyNh3n, clean, clean]).grade).toBe('light');
  });
  it('three indicators but only one at ≥ 30 % → light', () => {
    const r = gradeBlackOdorPoint([heavyDo, heavyDo, heavyDo, heavyNh3n, heavySd, clean, clean]);
    expect(r.heavyShare.do).toBeCloseTo(3 / 7, 12);
    expect(r.heavyShare.nh3n).toBeCloseTo(1 / 7, 12);
    expect(r.grade).toBe('light');
  });
  it('no measurement in a black-odour range → none', () => {
    expect(gradeBlackOdorPoint([clean, clean, clean])).toMatchObject({ grade: 'none', measurements: 3 });
  });
  it('rejects a point with no measurements', () => {
    expect(() => gradeBlackOdorPoint([])).toThrow(/at least one measurement/);
  });
});

describe('black-odorous 2015 — water body rule', () => {
  it('≥ 60 % of points heavy → the water body is heavy', () => {
    const r = gradeBlackOdorWaterBody(['heavy', 'light', 'heavy', 'none', 'heavy']);
    expect(r.grade).toBe('heavy');
    expect(r.heavyPointShare).toBe(0.6);
    expect(r.heavyStretches).toEqual([]);
  });
  it('40 % heavy → light', () => {
    expect(gradeBlackOdorWaterBody(['heavy', 'light', 'heavy', 'none', 'none']).grade).toBe('light');
  });
  it('≥ 3 consecutive heavy points mark a heavy stretch even when the body is not heavy', () => {
    const r = gradeBlackOdorWaterBody(['none', 'heavy', 'heavy', 'heavy', 'light', 'none', 'none', 'none']);
    expect(r.grade).toBe('light');
    expect(r.heavyStretches).toEqual([{ fromPoint: 1, toPoint: 3 }]);
  });
  it('finds a run at the end and ignores runs of two', () => {
    const r = gradeBlackOdorWaterBody(['heavy', 'heavy', 'none', 'heavy', 'heavy', 'heavy', 'heavy']);
    expect(r.heavyStretches).toEqual([{ fromPoint: 3, toPoint: 6 }]);
    expect(r.grade).toBe('heavy');
  });
  it('no black point → none; no point → error', () => {
    expect(gradeBlackOdorWaterBody(['none', 'none', 'none']).grade).toBe('none');
    expect(() => gradeBlackOdorWaterBody([])).toThrow(/at least one sampling point/);
  });
  it('composes with the point rule', () => {
    const points = [
      [heavySd, heavySd, clean],
      [heavyDo, heavyDo, heavyDo],
      [clean, clean, lightOrp],
    ].map((samples) => gradeBlackOdorPoint(samples).grade);
    expect(points).toEqual(['heavy', 'heavy', 'light']);
    expect(gradeBlackOdorWaterBody(points).grade).toBe('heavy');
  });
});
