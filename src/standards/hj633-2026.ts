/**
 * HJ 633-2026 环境空气质量指数（AQI）技术规定 — in force from 2026-03-01 (China time). Changes from
 * 2012: PM10/PM2.5 breakpoints (IAQI 100 at 120 / 60 µg/m³), the O3 1-h column only for real-time
 * reports, IAQI 200 / 300 above the SO2 1-h / O3 8-h tables, no exceeding pollutant, §5 missing data.
 */
import { HJ633_2012 } from './hj633-2012.js';
import {
  iaqiOfConcentration,
  columnDecimals,
  type BreakpointColumn,
  type Hj633Column,
  type Hj633Standard,
} from './hj633-common.js';

/** HJ 633-2026 Table 3: SO2 24-hour mean, µg/m³ → IAQI. */
export const SO2_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [50, 50],
  [150, 100],
  [475, 150],
  [800, 200],
  [1600, 300],
  [2100, 400],
  [2620, 500],
];

/** HJ 633-2026 Table 3: SO2 1-hour mean, µg/m³ → IAQI (real-time only, note 1; above 800 → 200, note 2). */
export const SO2_1H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [150, 50],
  [500, 100],
  [650, 150],
  [800, 200],
];

/** HJ 633-2026 Table 3: NO2 24-hour mean, µg/m³ → IAQI. */
export const NO2_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [40, 50],
  [80, 100],
  [180, 150],
  [280, 200],
  [565, 300],
  [750, 400],
  [940, 500],
];

/** HJ 633-2026 Table 3: NO2 1-hour mean, µg/m³ → IAQI (real-time only, note 1). */
export const NO2_1H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [100, 50],
  [200, 100],
  [700, 150],
  [1200, 200],
  [2340, 300],
  [3090, 400],
  [3840, 500],
];

/** HJ 633-2026 Table 3: CO 24-hour mean, mg/m³ → IAQI. */
export const CO_24H_BREAKPOINTS_MG_M3: BreakpointColumn = [
  [0, 0],
  [2, 50],
  [4, 100],
  [14, 150],
  [24, 200],
  [36, 300],
  [48, 400],
  [60, 500],
];

/** HJ 633-2026 Table 3: CO 1-hour mean, mg/m³ → IAQI (real-time only, note 1). */
export const CO_1H_BREAKPOINTS_MG_M3: BreakpointColumn = [
  [0, 0],
  [5, 50],
  [10, 100],
  [35, 150],
  [60, 200],
  [90, 300],
  [120, 400],
  [150, 500],
];

/** HJ 633-2026 Table 3: O3 1-hour mean, µg/m³ → IAQI (real-time only, note 1). */
export const O3_1H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [160, 50],
  [200, 100],
  [300, 150],
  [400, 200],
  [800, 300],
  [1000, 400],
  [1200, 500],
];

/** HJ 633-2026 Table 3: O3 8-hour sliding mean, µg/m³ → IAQI (above 800 → 300, note 3). */
export const O3_8H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [100, 50],
  [160, 100],
  [215, 150],
  [265, 200],
  [800, 300],
];

/** HJ 633-2026 Table 3: PM10 24-hour mean, µg/m³ → IAQI (also 1-h values in real time, §4.2.4). */
export const PM10_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [50, 50],
  [120, 100],
  [250, 150],
  [350, 200],
  [420, 300],
  [500, 400],
  [600, 500],
];

/** HJ 633-2026 Table 3: PM2.5 24-hour mean, µg/m³ → IAQI (also 1-h values in real time, §4.2.4). */
export const PM25_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [35, 50],
  [60, 100],
  [115, 150],
  [150, 200],
  [250, 300],
  [350, 400],
  [500, 500],
];

/** HJ 633-2026 Table 3, all columns. */
const HJ633_2026_COLUMNS: Readonly<Record<Hj633Column, BreakpointColumn>> = {
  so2_24h: SO2_24H_BREAKPOINTS_UG_M3,
  so2_1h: SO2_1H_BREAKPOINTS_UG_M3,
  no2_24h: NO2_24H_BREAKPOINTS_UG_M3,
  no2_1h: NO2_1H_BREAKPOINTS_UG_M3,
  co_24h: CO_24H_BREAKPOINTS_MG_M3,
  co_1h: CO_1H_BREAKPOINTS_MG_M3,
  o3_1h: O3_1H_BREAKPOINTS_UG_M3,
  o3_8h: O3_8H_BREAKPOINTS_UG_M3,
  pm10_24h: PM10_24H_BREAKPOINTS_UG_M3,
  pm25_24h: PM25_24H_BREAKPOINTS_UG_M3,
};

/**
 * HJ 633-2026: the rule set. Real-time (§4.2.4): six 1-hour means, PM on the daily PM columns.
 * Daily (§4.2.1): five daily means and the O3 max 8-h value (no O3 1-h). Missing data: §5.
 *
 * Advice texts: levels 1, 2 and 6 and the health effects of levels 3–4 are taken as unchanged from
 * HJ 633-2012; levels 3–5 carry the 2026 wording of the groups as summarised in docs/standards/hj633-aqi.md §7
 * (青少年儿童…心血管系统疾病、呼吸系统疾病患者). Not verbatim — check against the standard's Table 1
 * before printing them on an official report.
 */
export const HJ633_2026: Hj633Standard = {
  version: '2026',
  name: 'HJ 633-2026',
  columns: HJ633_2026_COLUMNS,
  realtimeColumns: {
    so2: 'so2_1h',
    no2: 'no2_1h',
    co: 'co_1h',
    o3: 'o3_1h',
    pm10: 'pm10_24h',
    pm25: 'pm25_24h',
  },
  dailyColumns: {
    so2: 'so2_24h',
    no2: 'no2_24h',
    co: 'co_24h',
    o3_8h: 'o3_8h',
    pm10: 'pm10_24h',
    pm25: 'pm25_24h',
  },
  so2OneHourAbove800: 'iaqi-200',
  o3EightHourAbove800: 'iaqi-300',
  hasExceedingPollutants: false,
  missingDataRule: 'na-unless-above-100',
  advice: {
    ...HJ633_2012.advice,
    3: {
      effects: HJ633_2012.advice[3].effects,
      measures: {
        zh: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
        en: 'Children and adolescents, the elderly and people with cardiovascular or respiratory disease should reduce prolonged or strenuous outdoor exercise.',
      },
    },
    4: {
      effects: HJ633_2012.advice[4].effects,
      measures: {
        zh: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动',
        en: 'Children and adolescents, the elderly and people with cardiovascular or respiratory disease should avoid prolonged or strenuous outdoor exercise; the general public should moderately reduce outdoor exercise.',
      },
    },
    5: {
      effects: {
        zh: '心血管系统疾病和呼吸系统疾病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
        en: 'Symptoms of people with cardiovascular or respiratory disease worsen markedly and exercise tolerance falls; healthy people commonly show symptoms.',
      },
      measures: {
        zh: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者应停留在室内，停止户外运动，一般人群减少户外运动',
        en: 'Children and adolescents, the elderly and people with cardiovascular or respiratory disease should stay indoors and stop outdoor exercise; the general public should reduce outdoor exercise.',
      },
    },
  },
};

/**
 * HJ 633-2026 §4.2.6 formula (1): IAQI of a concentration (column unit: µg/m³, CO mg/m³) on one column
 * of Table 3, rounded per GB/T 8170 first (§4.2.2–4.2.3); null above the column's top (notes 2–3 are
 * the caller's, see `calcAqi`).
 */
export function iaqi2026(column: Hj633Column, concentration: number | string): number | null {
  return iaqiOfConcentration(HJ633_2026_COLUMNS[column], columnDecimals(column), concentration);
}
