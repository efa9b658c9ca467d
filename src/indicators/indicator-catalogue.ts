/**
 * The indicators a bureau is judged by (docs/indicators.md §1): key, names, unit, direction, the
 * standard or method behind the figure, and where the figure comes from. A computed indicator's
 * value comes from the provider registered for its key (./providers.ts) — the module that owns the
 * figure; an indicator without a provider is an entered statistic (who entered it, when).
 */

/** Which way is better. */
export type IndicatorDirection = 'lower' | 'higher';

/**
 * How the year-to-date value relates to the annual target: `level` — a mean, share or rate judged
 * as it stands; `count` — a count that only grows over the year (days above an AQI), judged against
 * the pro-rata share of its annual cap.
 */
export type IndicatorAggregation = 'level' | 'count';

/** The module group an indicator belongs to (the board's sections). */
export type IndicatorGroup = 'air' | 'water' | 'sources' | 'enforcement' | 'carbon' | 'waste';

export interface IndicatorDefinition {
  key: string;
  name: { zh: string; en: string };
  unit: string;
  direction: IndicatorDirection;
  aggregation: IndicatorAggregation;
  group: IndicatorGroup;
  /** The standard or method of the figure. */
  definition: string;
  /** The module whose computation gives the figure, when it is computed. */
  computedBy: string | null;
}

const air = (
  key: string,
  zh: string,
  en: string,
  unit: string,
  direction: IndicatorDirection,
  aggregation: IndicatorAggregation,
  definition: string,
): IndicatorDefinition => ({
  key,
  name: { zh, en },
  unit,
  direction,
  aggregation,
  group: 'air',
  definition,
  computedBy: 'AirService.evaluate (src/monitor/air.service.ts)',
});

const statistic = (
  key: string,
  group: IndicatorGroup,
  zh: string,
  en: string,
  unit: string,
  direction: IndicatorDirection,
  definition: string,
): IndicatorDefinition => ({
  key,
  name: { zh, en },
  unit,
  direction,
  aggregation: 'level',
  group,
  definition,
  computedBy: null,
});

/** Every indicator, in the board's order. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  air(
    'air.pm25',
    'PM2.5年均浓度',
    'PM2.5 annual mean',
    'µg/m³',
    'lower',
    'level',
    'HJ 663: arithmetic mean of the valid 24-h means of the year so far (GB 3095 Table 4 validity), GB/T 8170 to 1 µg/m³',
  ),
  air(
    'air.pm10',
    'PM10年均浓度',
    'PM10 annual mean',
    'µg/m³',
    'lower',
    'level',
    'HJ 663: arithmetic mean of the valid 24-h means of the year so far, GB/T 8170 to 1 µg/m³',
  ),
  air(
    'air.o3-p90',
    'O3日最大8小时第90百分位数',
    'O3 90th percentile of daily max 8-h',
    'µg/m³',
    'lower',
    'level',
    'HJ 663: 90th percentile of the daily maximum 8-h O3 means of the year so far',
  ),
  air(
    'air.good-day-ratio',
    '优良天数比例',
    'Good-day ratio',
    '%',
    'higher',
    'level',
    'HJ 663: days with daily AQI ≤ 100 / days with a valid daily AQI (HJ 633 in force each day; see the comparable series)',
  ),
  air(
    'air.days-above-150',
    '中度及以上污染天数',
    'Days with AQI > 150',
    'd',
    'lower',
    'count',
    'HJ 633: days with daily AQI > 150 (moderate pollution or worse) in the year so far',
  ),
  air(
    'air.days-above-200',
    '重度及以上污染天数',
    'Days with AQI > 200',
    'd',
    'lower',
    'count',
    'HJ 633: days with daily AQI > 200 (heavy pollution or worse) in the year so far',
  ),
  {
    key: 'water.share-i-iii',
    name: { zh: '地表水I–III类断面比例', en: 'Sections at class I–III' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'water',
    definition:
      'GB 3838-2002 and the 2011 section evaluation: assessed sections of class I–III over assessed sections, year so far',
    computedBy: 'WaterService.cityReport (src/monitor/water.service.ts)',
  },
  {
    key: 'water.worse-than-v',
    name: { zh: '劣V类断面数', en: 'Sections worse than class V' },
    unit: '个',
    direction: 'lower',
    aggregation: 'level',
    group: 'water',
    definition: 'GB 3838-2002: assessed sections of class 劣V over the year so far',
    computedBy: 'WaterService.cityReport (src/monitor/water.service.ts)',
  },
  {
    key: 'water.target-met',
    name: { zh: '断面水质达标率', en: 'Sections meeting their target' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'water',
    definition: 'Assessed sections whose class meets the target class, over assessed sections, year so far',
    computedBy: 'WaterService.cityReport (src/monitor/water.service.ts)',
  },
  {
    key: 'water.black-odorous',
    name: { zh: '黑臭水体剩余数', en: 'Black-odorous bodies remaining' },
    unit: '个',
    direction: 'lower',
    aggregation: 'level',
    group: 'water',
    definition:
      '城市黑臭水体整治工作指南 (2015): bodies graded light or heavy from the samples of the last 30 days',
    computedBy: 'WaterService.blackOdorousList (src/monitor/water.service.ts)',
  },
  {
    key: 'sources.compliance',
    name: { zh: '重点排污单位达标率', en: 'Enterprise compliance rate' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'sources',
    definition:
      'Judged enterprises without an hourly or daily limit exceedance in the latest month of the year, over judged enterprises',
    computedBy: 'SourceService.enterprises (src/monitor/source.service.ts)',
  },
  {
    key: 'sources.transmission-rate',
    name: { zh: '自动监测数据传输率', en: 'Data transmission rate' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'sources',
    definition:
      '传输率 as each outlet’s compliance report computes it: received / expected hourly values, mean over outlets, latest month of the year',
    computedBy: 'SourceService.outletRates (src/monitor/source.service.ts)',
  },
  {
    key: 'sources.validity-rate',
    name: { zh: '自动监测数据有效率', en: 'Data validity rate' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'sources',
    definition:
      '有效率: valid / received hourly values, mean over outlets that received any, latest month of the year',
    computedBy: 'SourceService.outletRates (src/monitor/source.service.ts)',
  },
  {
    key: 'enforcement.closure-rate',
    name: { zh: '案件办结率', en: 'Case closure rate' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'enforcement',
    definition:
      'Cases opened in the year and closed now, over cases opened in the year that were not dismissed',
    computedBy: 'CaseService.figures (src/cases/case-figures.ts)',
  },
  {
    key: 'enforcement.on-time-rate',
    name: { zh: '按期整改率', en: 'On-time rectification rate' },
    unit: '%',
    direction: 'higher',
    aggregation: 'level',
    group: 'enforcement',
    definition:
      'Cases of the year rectified by their deadline, over cases of the year whose deadline has come',
    computedBy: 'CaseService.figures (src/cases/case-figures.ts)',
  },
  statistic(
    'carbon.energy-intensity-drop',
    'carbon',
    '单位GDP能耗降低率',
    'Energy intensity reduction',
    '%',
    'higher',
    'Statistics bureau figure: reduction of energy use per unit GDP against the previous year',
  ),
  statistic(
    'carbon.carbon-intensity-drop',
    'carbon',
    '单位GDP二氧化碳排放降低率',
    'Carbon intensity reduction',
    '%',
    'higher',
    'Reduction of CO2 emissions per unit GDP against the previous year (provincial accounting method)',
  ),
  statistic(
    'carbon.non-fossil-share',
    'carbon',
    '非化石能源消费比重',
    'Non-fossil share of energy use',
    '%',
    'higher',
    'Non-fossil energy over total primary energy consumption (standard coal equivalent)',
  ),
  statistic(
    'carbon.pv-capacity',
    'carbon',
    '光伏装机容量',
    'PV capacity',
    'MW',
    'higher',
    'Installed photovoltaic capacity at year end (grid company figure)',
  ),
  statistic(
    'carbon.new-energy-bus-share',
    'carbon',
    '公交车新能源比例',
    'New-energy share of public-transport vehicles',
    '%',
    'higher',
    'New-energy vehicles over all public-transport vehicles (transport bureau figure)',
  ),
  statistic(
    'carbon.green-building-share',
    'carbon',
    '绿色建筑占新建建筑比例',
    'Green-building share of new buildings',
    '%',
    'higher',
    'Floor area of new green buildings over all new buildings (housing bureau figure)',
  ),
  statistic(
    'waste.hazardous-utilisation',
    'waste',
    '危险废物利用处置率',
    'Hazardous-waste utilisation and disposal rate',
    '%',
    'higher',
    'Hazardous waste utilised or disposed over waste produced plus stored at the start of the year',
  ),
  statistic(
    'waste.industrial-solid-utilisation',
    'waste',
    '一般工业固体废物综合利用率',
    'General industrial solid-waste utilisation rate',
    '%',
    'higher',
    'Utilised over produced plus utilised from storage (solid-waste statistics)',
  ),
];

/** The definition of a key; undefined when there is none. */
export function indicatorOf(key: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.key === key);
}
