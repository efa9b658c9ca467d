/**
 * Urban black-odorous water (城市黑臭水体) grading — 城市黑臭水体整治工作指南 (MOHURD and MEP, 2015-08),
 * table 城市黑臭水体污染程度分级标准 and its sampling/decision rules.
 *
 * Pure: no I/O.
 */
import { WaterInputError } from './gb3838-2002.js';

/** Grade of a sample, a point or a water body. */
export type BlackOdorGrade = 'none' | 'light' | 'heavy';

/** The four indicators of the 2015 guide. */
export type BlackOdorIndicator = 'sd' | 'do' | 'orp' | 'nh3n';

/** The four indicators of the 2015 guide, in its table order. */
export const BLACK_ODOR_INDICATORS: readonly BlackOdorIndicator[] = ['sd', 'do', 'orp', 'nh3n'];

/** Chinese names of the grades. */
export const BLACK_ODOR_GRADE_ZH: Readonly<Record<BlackOdorGrade, string>> = {
  none: '非黑臭',
  light: '轻度黑臭',
  heavy: '重度黑臭',
};

/** 2015 guide grading table: transparency 25–10 cm is light (inclusive), deeper than 25 cm clears. */
const BLACK_ODOR_SD_LIGHT_MAX_CM = 25;
/** 2015 guide grading table: transparency below 10 cm is heavy. */
const BLACK_ODOR_SD_HEAVY_BELOW_CM = 10;
/** 2015 guide table footnote: the transparency rule changes where the water is shallower than 25 cm. */
const BLACK_ODOR_SHALLOW_DEPTH_CM = 25;
/** 2015 guide table footnote: in shallow water the transparency threshold is 40 % of the depth. */
const BLACK_ODOR_SHALLOW_SD_FRACTION = 0.4;
/** 2015 guide grading table: dissolved oxygen 0.2–2.0 mg/L is light (inclusive). */
const BLACK_ODOR_DO_LIGHT_MAX_MG_L = 2.0;
/** 2015 guide grading table: dissolved oxygen below 0.2 mg/L is heavy. */
const BLACK_ODOR_DO_HEAVY_BELOW_MG_L = 0.2;
/** 2015 guide grading table: oxidation-reduction potential −200–50 mV is light (inclusive). */
const BLACK_ODOR_ORP_LIGHT_MAX_MV = 50;
/** 2015 guide grading table: ORP below −200 mV is heavy. */
const BLACK_ODOR_ORP_HEAVY_BELOW_MV = -200;
/** 2015 guide grading table: ammonia nitrogen 8.0–15 mg/L is light (inclusive). */
const BLACK_ODOR_NH3N_LIGHT_MIN_MG_L = 8.0;
/** 2015 guide grading table: ammonia nitrogen above 15 mg/L is heavy. */
const BLACK_ODOR_NH3N_HEAVY_ABOVE_MG_L = 15;

/** Point rule: one indicator heavy in at least this share of its measurements makes the point heavy. */
const BLACK_ODOR_POINT_ONE_INDICATOR_SHARE = 0.6;
/** Point rule: two or more indicators heavy in at least this share of theirs make the point heavy. */
const BLACK_ODOR_POINT_TWO_INDICATORS_SHARE = 0.3;
/** Water-body rule: at least this share of heavy points makes the whole water body heavy. */
const BLACK_ODOR_WATER_BODY_HEAVY_SHARE = 0.6;
/** Stretch rule: this many consecutive heavy points make the stretch between them heavy. */
const BLACK_ODOR_HEAVY_RUN_POINTS = 3;

/** One sample: transparency SD in cm, DO in mg/L, ORP in mV, NH3-N in mg/L, water depth in cm. */
export interface BlackOdorSample {
  sd: number;
  do: number;
  orp: number;
  nh3n: number;
  /** Water depth at the point in cm; only needed when it may be below 25 cm. */
  depth?: number;
}

/** Transparency thresholds in force for a depth, in cm. */
export interface SdThresholdsCm {
  /** SD below this is heavy. */
  heavyBelow: number;
  /** SD above this (deep water) or at/above it (shallow water, disk seen on the bottom) is not black. */
  lightMax: number;
  /** True when the shallow-water footnote applied. */
  shallow: boolean;
}

/**
 * Transparency thresholds (cm) for a water depth (cm). Deep water (or depth unknown): heavy < 10,
 * light 10–25, none > 25. Shallower than 25 cm (guide footnote, "按水深的40%取值"): the 10 cm
 * boundary becomes 40 % of the depth (continuous with 10 cm at 25 cm depth) and the 25 cm boundary
 * becomes the depth itself; since SD cannot exceed the depth, a disk seen on the bottom (SD ≥ depth)
 * counts as not black.
 */
export function sdThresholdsCm(depthCm?: number): SdThresholdsCm {
  if (depthCm === undefined || depthCm >= BLACK_ODOR_SHALLOW_DEPTH_CM) {
    return { heavyBelow: BLACK_ODOR_SD_HEAVY_BELOW_CM, lightMax: BLACK_ODOR_SD_LIGHT_MAX_CM, shallow: false };
  }
  return { heavyBelow: BLACK_ODOR_SHALLOW_SD_FRACTION * depthCm, lightMax: depthCm, shallow: true };
}

function requireNumber(name: string, value: number, min: number | null, unit: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WaterInputError(
      'WATER_NOT_FINITE',
      name,
      `black-odour '${name}': ${String(value)} is not a finite number`,
    );
  }
  if (min !== null && value < min) {
    throw new WaterInputError(
      'WATER_NEGATIVE_VALUE',
      name,
      `black-odour '${name}': ${value} ${unit} is below ${min} ${unit}`,
    );
  }
}

/** Checks a sample: SD, DO, NH3-N not negative, ORP finite, depth positive. Throws naming the field. */
function assertBlackOdorSample(sample: BlackOdorSample): void {
  requireNumber('sd', sample.sd, 0, 'cm');
  requireNumber('do', sample.do, 0, 'mg/L');
  requireNumber('orp', sample.orp, null, 'mV');
  requireNumber('nh3n', sample.nh3n, 0, 'mg/L');
  if (sample.depth !== undefined) {
    requireNumber('depth', sample.depth, 0, 'cm');
    if (sample.depth === 0) {
      throw new WaterInputError(
        'WATER_BAD_ARGUMENT',
        'depth',
        "black-odour 'depth': 0 cm is not a water depth",
      );
    }
  }
}

/** Grade of one indicator value by the 2015 table (light ranges inclusive at both ends). */
export function gradeIndicator(
  indicator: BlackOdorIndicator,
  value: number,
  depthCm?: number,
): BlackOdorGrade {
  switch (indicator) {
    case 'sd': {
      const t = sdThresholdsCm(depthCm);
      if (value < t.heavyBelow) return 'heavy';
      if (t.shallow ? value < t.lightMax : value <= t.lightMax) return 'light';
      return 'none';
    }
    case 'do':
      if (value < BLACK_ODOR_DO_HEAVY_BELOW_MG_L) return 'heavy';
      return value <= BLACK_ODOR_DO_LIGHT_MAX_MG_L ? 'light' : 'none';
    case 'orp':
      if (value < BLACK_ODOR_ORP_HEAVY_BELOW_MV) return 'heavy';
      return value <= BLACK_ODOR_ORP_LIGHT_MAX_MV ? 'light' : 'none';
    case 'nh3n':
      if (value > BLACK_ODOR_NH3N_HEAVY_ABOVE_MG_L) return 'heavy';
      return value >= BLACK_ODOR_NH3N_LIGHT_MIN_MG_L ? 'light' : 'none';
    default: {
      const impossible: never = indicator;
      throw new Error(`unknown black-odour indicator ${String(impossible)}`);
    }
  }
}

function gradeRank(g: BlackOdorGrade): number {
  switch (g) {
    case 'none':
      return 0;
    case 'light':
      return 1;
    case 'heavy':
      return 2;
    default: {
      const impossible: never = g;
      throw new Error(`unknown black-odour grade ${String(impossible)}`);
    }
  }
}

/** Grade of one sample, with each indicator's grade. */
export interface BlackOdorSampleResult {
  grade: BlackOdorGrade;
  gradeZh: string;
  items: Record<BlackOdorIndicator, { value: number; grade: BlackOdorGrade }>;
  /** Transparency thresholds applied (depends on depth). */
  sdThresholdsCm: SdThresholdsCm;
}

/**
 * Grade of one sample: the worst indicator grade. For a single measurement this is the guide's point
 * rule (one indicator heavy in 100 % ≥ 60 % of measurements → heavy); any indicator in its light range
 * marks the sample light.
 */
export function gradeBlackOdorSample(sample: BlackOdorSample): BlackOdorSampleResult {
  assertBlackOdorSample(sample);
  const items = {} as Record<BlackOdorIndicator, { value: number; grade: BlackOdorGrade }>;
  let grade: BlackOdorGrade = 'none';
  for (const ind of BLACK_ODOR_INDICATORS) {
    const value = sample[ind];
    const g = gradeIndicator(ind, value, sample.depth);
    items[ind] = { value, grade: g };
    if (gradeRank(g) > gradeRank(grade)) grade = g;
  }
  return { grade, gradeZh: BLACK_ODOR_GRADE_ZH[grade], items, sdThresholdsCm: sdThresholdsCm(sample.depth) };
}

/** Grade of one sampling point over its repeated measurements. */
export interface BlackOdorPointResult {
  grade: BlackOdorGrade;
  gradeZh: string;
  /** Share (0–1) of measurements in which each indicator was heavy. */
  heavyShare: Record<BlackOdorIndicator, number>;
  measurements: number;
}

/**
 * Grade of a sampling point from its measurements (2015 guide; it asks for ≥ 3): heavy when one
 * indicator is heavy in ≥ 60 % of its measurements, or two or more indicators are heavy in ≥ 30 % of
 * theirs; otherwise light if any measurement is light or heavy; otherwise none.
 */
export function gradeBlackOdorPoint(samples: readonly BlackOdorSample[]): BlackOdorPointResult {
  if (samples.length === 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'samples',
      'a sampling point needs at least one measurement',
    );
  }
  const graded = samples.map(gradeBlackOdorSample);
  const heavyShare = {} as Record<BlackOdorIndicator, number>;
  for (const ind of BLACK_ODOR_INDICATORS) {
    heavyShare[ind] = graded.filter((s) => s.items[ind].grade === 'heavy').length / graded.length;
  }
  const shares = BLACK_ODOR_INDICATORS.map((ind) => heavyShare[ind]);
  const heavy =
    shares.some((s) => s >= BLACK_ODOR_POINT_ONE_INDICATOR_SHARE) ||
    shares.filter((s) => s >= BLACK_ODOR_POINT_TWO_INDICATORS_SHARE).length >= 2;
  const grade: BlackOdorGrade = heavy ? 'heavy' : graded.some((s) => s.grade !== 'none') ? 'light' : 'none';
  return { grade, gradeZh: BLACK_ODOR_GRADE_ZH[grade], heavyShare, measurements: graded.length };
}

/** A run of consecutive heavy points, by index along the water body (inclusive). */
export interface HeavyStretch {
  fromPoint: number;
  toPoint: number;
}

/** Grade of a water body from its points. */
export interface BlackOdorWaterBodyResult {
  grade: BlackOdorGrade;
  gradeZh: string;
  /** Share (0–1) of points graded heavy. */
  heavyPointShare: number;
  /** Stretches of ≥ 3 consecutive heavy points, which the guide grades heavy as a whole. */
  heavyStretches: HeavyStretch[];
  points: BlackOdorGrade[];
}

/**
 * Grade of a water body from its point grades, in order along the water body (2015 guide):
 * ≥ 60 % of points heavy → the whole water body is heavy; otherwise light if any point is light or
 * heavy; otherwise none. Runs of ≥ 3 consecutive heavy points are returned as heavy stretches.
 */
export function gradeBlackOdorWaterBody(pointGrades: readonly BlackOdorGrade[]): BlackOdorWaterBodyResult {
  if (pointGrades.length === 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'points',
      'a water body needs at least one sampling point',
    );
  }
  const heavyCount = pointGrades.filter((g) => g === 'heavy').length;
  const heavyPointShare = heavyCount / pointGrades.length;
  const heavyStretches: HeavyStretch[] = [];
  let runStart = -1;
  for (let i = 0; i <= pointGrades.length; i++) {
    const isHeavy = i < pointGrades.length && pointGrades[i] === 'heavy';
    if (isHeavy && runStart < 0) runStart = i;
    if (!isHeavy && runStart >= 0) {
      if (i - runStart >= BLACK_ODOR_HEAVY_RUN_POINTS)
        heavyStretches.push({ fromPoint: runStart, toPoint: i - 1 });
      runStart = -1;
    }
  }
  const grade: BlackOdorGrade =
    heavyPointShare >= BLACK_ODOR_WATER_BODY_HEAVY_SHARE
      ? 'heavy'
      : pointGrades.some((g) => g !== 'none')
        ? 'light'
        : 'none';
  return {
    grade,
    gradeZh: BLACK_ODOR_GRADE_ZH[grade],
    heavyPointShare,
    heavyStretches,
    points: [...pointGrades],
  };
}
