/**
 * HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）— applies to data before 2026-03-01 (China time);
 * repealed by HJ 633-2026 from then on.
 */
import {
  iaqiOfConcentration,
  columnDecimals,
  type BreakpointColumn,
  type Hj633Column,
  type Hj633Standard,
} from './hj633-common.js';

/** HJ 633-2012 Table 1: SO2 24-hour mean, µg/m³ → IAQI. */
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

/** HJ 633-2012 Table 1: SO2 1-hour mean, µg/m³ → IAQI (real-time only, note 1; above 800 see note 2). */
export const SO2_1H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [150, 50],
  [500, 100],
  [650, 150],
  [800, 200],
];

/** HJ 633-2012 Table 1: NO2 24-hour mean, µg/m³ → IAQI. */
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

/** HJ 633-2012 Table 1: NO2 1-hour mean, µg/m³ → IAQI (real-time only, note 1). */
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

/** HJ 633-2012 Table 1: CO 24-hour mean, mg/m³ → IAQI. */
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

/** HJ 633-2012 Table 1: CO 1-hour mean, mg/m³ → IAQI (real-time only, note 1). */
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

/** HJ 633-2012 Table 1: O3 1-hour mean, µg/m³ → IAQI (real-time, and the daily max 1-h value). */
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

/** HJ 633-2012 Table 1: O3 8-hour sliding mean, µg/m³ → IAQI (above 800 see note 3). */
export const O3_8H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [100, 50],
  [160, 100],
  [215, 150],
  [265, 200],
  [800, 300],
];

/** HJ 633-2012 Table 1: PM10 24-hour mean, µg/m³ → IAQI (CNEMC also applies it to 1-h values). */
export const PM10_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [50, 50],
  [150, 100],
  [250, 150],
  [350, 200],
  [420, 300],
  [500, 400],
  [600, 500],
];

/** HJ 633-2012 Table 1: PM2.5 24-hour mean, µg/m³ → IAQI (CNEMC also applies it to 1-h values). */
export const PM25_24H_BREAKPOINTS_UG_M3: BreakpointColumn = [
  [0, 0],
  [35, 50],
  [75, 100],
  [115, 150],
  [150, 200],
  [250, 300],
  [350, 400],
  [500, 500],
];

/** HJ 633-2012 Table 1, all columns. */
const HJ633_2012_COLUMNS: Readonly<Record<Hj633Column, BreakpointColumn>> = {
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
 * HJ 633-2012: the rule set. Real-time inputs follow CNEMC practice 2013–2026 (six 1-hour values,
 * PM on the 24-h columns, no O3 8-h), which reproduces every published AQI, whereas the literal
 * §5.1 reading (PM 24-h sliding means, O3 8-h) reproduces 209 of 2,937 (docs/standards/hj633-aqi.md §4).
 * Daily inputs per §5.2: five 24-h means, the O3 max 1-h and the O3 max 8-h value.
 */
export const HJ633_2012: Hj633Standard = {
  version: '2012',
  name: 'HJ 633-2012',
  columns: HJ633_2012_COLUMNS,
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
    o3: 'o3_1h',
    o3_8h: 'o3_8h',
    pm10: 'pm10_24h',
    pm25: 'pm25_24h',
  },
  so2OneHourAbove800: 'iaqi-from-24h-mean',
  o3EightHourAbove800: 'iaqi-from-1h-value',
  hasExceedingPollutants: true,
  missingDataRule: 'from-available',
  advice: {
    1: {
      effects: {
        zh: '空气质量令人满意，基本无空气污染',
        en: 'Air quality is satisfactory; there is essentially no air pollution.',
      },
      measures: { zh: '各类人群可正常活动', en: 'Everyone can carry on normal activities.' },
    },
    2: {
      effects: {
        zh: '空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响',
        en: 'Air quality is acceptable, but some pollutants may have a weak effect on the health of a very few unusually sensitive people.',
      },
      measures: {
        zh: '极少数异常敏感人群应减少户外活动',
        en: 'The very few unusually sensitive people should reduce outdoor activity.',
      },
    },
    3: {
      effects: {
        zh: '易感人群症状有轻度加剧，健康人群出现刺激症状',
        en: 'Symptoms of susceptible people worsen slightly; healthy people show irritation symptoms.',
      },
      measures: {
        zh: '儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
        en: 'Children, the elderly and people with heart or respiratory disease should reduce prolonged or strenuous outdoor exercise.',
      },
    },
    4: {
      effects: {
        zh: '进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响',
        en: 'Symptoms of susceptible people worsen further; the heart and respiratory system of healthy people may be affected.',
      },
      measures: {
        zh: '儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动',
        en: 'Children, the elderly and people with heart or respiratory disease should avoid prolonged or strenuous outdoor exercise; the general public should moderately reduce outdoor exercise.',
      },
    },
    5: {
      effects: {
        zh: '心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
        en: 'Symptoms of people with heart or lung disease worsen markedly and exercise tolerance falls; healthy people commonly show symptoms.',
      },
      measures: {
        zh: '儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动',
        en: 'Children, the elderly and people with heart or lung disease should stay indoors and stop outdoor exercise; the general public should reduce outdoor exercise.',
      },
    },
    6: {
      effects: {
        zh: '健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病',
        en: 'Healthy people have reduced exercise tolerance and marked, strong symptoms; some diseases appear early.',
      },
      measures: {
        zh: '儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动',
        en: 'Children, the elderly and the sick should remain indoors and avoid physical exertion; the general public should avoid outdoor activity.',
      },
    },
  },
};

/**
 * HJ 633-2012 §6.1 formula (1): IAQI of a concentration (column unit: µg/m³, CO mg/m³) on one column
 * of Table 1, rounded per GB/T 8170 first; null above the column's top (special rules are the
 * caller's, see `calcAqi`).
 */
export function iaqi2012(column: Hj633Column, concentration: number | string): number | null {
  return iaqiOfConcentration(HJ633_2012_COLUMNS[column], columnDecimals(column), concentration);
}
