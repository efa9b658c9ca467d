/**
 * Lake and reservoir comprehensive trophic state index TLI(Σ) — 湖泊（水库）富营养化评价方法及分级技术规定
 * (CNEMC), as adopted by 地表水环境质量评价办法（试行）(环办〔2011〕22号) for lake nutrient status.
 *
 * TLI(Σ) = Σ W_j · TLI(j), W_j = r_ij² / Σ r_ij² over the m parameters evaluated, with r_ij the
 * correlation of parameter j with chlorophyll a in 26 major Chinese lakes.
 *
 * Pure: no I/O.
 */
import { WaterInputError } from './gb3838-2002.js';

/** The five trophic-state parameters. */
export type TliParameter = 'chla' | 'tp' | 'tn' | 'sd' | 'codmn';

/** Parameters in the order the method lists them. */
const TLI_PARAMETERS: readonly TliParameter[] = ['chla', 'tp', 'tn', 'sd', 'codmn'];

/**
 * Input: chla chlorophyll a in mg/m³ (= µg/L); tp, tn, codmn in mg/L; sd transparency in m.
 * The method uses all five; with fewer, the weights renormalise over those given (m in the formula).
 */
export type TliInput = Partial<Record<TliParameter, number>>;

/** Correlation r_ij of each parameter with chlorophyll a (method table, after 金相灿《中国湖泊环境》). */
export const TLI_CORRELATION_WITH_CHLA: Readonly<Record<TliParameter, number>> = {
  chla: 1,
  tp: 0.84,
  tn: 0.82,
  sd: -0.83,
  codmn: 0.83,
};

/**
 * Single-parameter trophic index TLI(j) (0–100 scale), by the method's formulas:
 * chla 10(2.5 + 1.086 ln chla); TP 10(9.436 + 1.624 ln TP); TN 10(5.453 + 1.694 ln TN);
 * SD 10(5.118 − 1.94 ln SD); CODMn 10(0.109 + 2.661 ln CODMn). Units as in `TliInput`.
 */
export function tliOf(parameter: TliParameter, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      parameter,
      `TLI parameter '${parameter}': ${String(value)} must be a finite positive number (the index takes its logarithm)`,
    );
  }
  const ln = Math.log(value);
  switch (parameter) {
    case 'chla':
      return 10 * (2.5 + 1.086 * ln);
    case 'tp':
      return 10 * (9.436 + 1.624 * ln);
    case 'tn':
      return 10 * (5.453 + 1.694 * ln);
    case 'sd':
      return 10 * (5.118 - 1.94 * ln);
    case 'codmn':
      return 10 * (0.109 + 2.661 * ln);
    default: {
      const impossible: never = parameter;
      throw new Error(`unknown TLI parameter ${String(impossible)}`);
    }
  }
}

/** Trophic state grade of TLI(Σ). */
export type TrophicGrade =
  'oligotrophic' | 'mesotrophic' | 'light-eutrophic' | 'moderate-eutrophic' | 'hypereutrophic';

/** Chinese names of the trophic grades as the method writes them. */
const TROPHIC_GRADE_ZH: Readonly<Record<TrophicGrade, string>> = {
  oligotrophic: '贫营养',
  mesotrophic: '中营养',
  'light-eutrophic': '轻度富营养',
  'moderate-eutrophic': '中度富营养',
  hypereutrophic: '重度富营养',
};

/**
 * Grade of TLI(Σ): < 30 贫营养; 30 ≤ TLI ≤ 50 中营养; 50 < TLI ≤ 60 轻度富营养;
 * 60 < TLI ≤ 70 中度富营养; > 70 重度富营养 (the three eutrophic grades together are 富营养, > 50).
 */
export function trophicGrade(tli: number): TrophicGrade {
  if (!Number.isFinite(tli)) {
    throw new WaterInputError('WATER_BAD_ARGUMENT', 'tli', `TLI ${String(tli)} is not a finite number`);
  }
  if (tli < 30) return 'oligotrophic';
  if (tli <= 50) return 'mesotrophic';
  if (tli <= 60) return 'light-eutrophic';
  if (tli <= 70) return 'moderate-eutrophic';
  return 'hypereutrophic';
}

/** Result of the comprehensive trophic state index. */
export interface TliResult {
  /** TLI(Σ), unrounded. */
  tli: number;
  grade: TrophicGrade;
  gradeZh: string;
  /** True for the three eutrophic grades (TLI(Σ) > 50). */
  eutrophic: boolean;
  /** TLI(j) of each parameter given. */
  parts: Partial<Record<TliParameter, number>>;
  /** W_j of each parameter given (they sum to 1). */
  weights: Partial<Record<TliParameter, number>>;
}

/**
 * Comprehensive trophic state index TLI(Σ) of a lake or reservoir point, and its grade.
 * Throws when no parameter is given or a value is not positive.
 */
export function calcTli(input: TliInput): TliResult {
  const given = TLI_PARAMETERS.filter((p) => input[p] !== undefined);
  for (const key of Object.keys(input)) {
    if (!(TLI_PARAMETERS as readonly string[]).includes(key)) {
      throw new WaterInputError(
        'WATER_UNKNOWN_ITEM',
        key,
        `unknown TLI parameter '${key}': expected one of ${TLI_PARAMETERS.join(', ')}`,
      );
    }
  }
  if (given.length === 0) {
    throw new WaterInputError(
      'WATER_BAD_ARGUMENT',
      'input',
      `TLI needs at least one of ${TLI_PARAMETERS.join(', ')} (the method uses all five)`,
    );
  }
  const sumR2 = given.reduce((s, p) => s + TLI_CORRELATION_WITH_CHLA[p] ** 2, 0);
  const parts: Partial<Record<TliParameter, number>> = {};
  const weights: Partial<Record<TliParameter, number>> = {};
  let tli = 0;
  for (const p of given) {
    const part = tliOf(p, input[p] as number);
    const w = TLI_CORRELATION_WITH_CHLA[p] ** 2 / sumR2;
    parts[p] = part;
    weights[p] = w;
    tli += w * part;
  }
  const grade = trophicGrade(tli);
  return { tli, grade, gradeZh: TROPHIC_GRADE_ZH[grade], eutrophic: tli > 50, parts, weights };
}
