/**
 * Air station: AQI above a threshold, by `calcAqi` (HJ 633-2012 / HJ 633-2026, chosen by the hour's
 * China-local date; ../../standards/aqi.ts).
 */
import type { PollutantKey } from '../../standards/aqi.js';
import { calcAqi, CNEMC_POLLUTANT_NAMES_ZH } from '../../standards/aqi.js';
import { HOUR_MS } from '../../standards/china-time.js';
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding } from '../types.js';
import { at } from './series.js';

/** English names of the primary pollutants, for messages. */
const POLLUTANT_NAMES_EN: Readonly<Record<PollutantKey, string>> = {
  so2: 'SO₂',
  no2: 'NO₂',
  co: 'CO',
  o3: 'O₃ (1 h)',
  o3_8h: 'O₃ (8 h)',
  pm10: 'PM10',
  pm25: 'PM2.5',
};

/** Thresholds the rule reads. */
export type AqiThresholds = Pick<AlarmThresholdValues, 'aqiWarningAbove' | 'aqiCriticalAbove'>;

/** Input of {@link aqiHighRule}: one hour's 1-hour means (CO mg/m³, others µg/m³). */
export interface AqiHighInput {
  siteId?: number;
  /** Start of the hour. */
  periodStart: Date;
  so2?: number | null;
  no2?: number | null;
  co?: number | null;
  o3?: number | null;
  pm10?: number | null;
  pm25?: number | null;
}

/**
 * Real-time AQI of the hour (above-table concentrations capped at 500): `critical` when above
 * `aqiCriticalAbove`, `warning` when above `aqiWarningAbove`, nothing otherwise or when the AQI is NA.
 */
export function aqiHighRule(input: AqiHighInput, t: AqiThresholds): Finding[] {
  const { siteId, periodStart, ...concentrations } = input;
  const result = calcAqi({ kind: 'realtime', at: periodStart, aboveTable: 'cap', ...concentrations });
  const aqi = result.aqi;
  if (aqi === null || aqi <= t.aqiWarningAbove) return [];
  const critical = aqi > t.aqiCriticalAbove;
  const primaryZh = result.primary.map((p) => CNEMC_POLLUTANT_NAMES_ZH[p]).join('，') || '—';
  const primaryEn = result.primary.map((p) => POLLUTANT_NAMES_EN[p]).join(', ') || '—';
  const finding: Finding = {
    rule: 'aqi-high',
    severity: critical ? 'critical' : 'warning',
    parameter: 'AQI',
    window: { from: periodStart, to: new Date(periodStart.getTime() + HOUR_MS) },
    values: [{ at: periodStart, value: aqi }],
    limit: critical ? t.aqiCriticalAbove : t.aqiWarningAbove,
    message: {
      zh: `${at(periodStart)} 时段 AQI ${aqi}（${result.category ?? ''}，${result.standard}），首要污染物 ${primaryZh}`,
      en: `AQI ${aqi} (${result.categoryEn ?? ''}, ${result.standard}) for the hour from ${at(periodStart)}; primary pollutant ${primaryEn}`,
    },
  };
  if (siteId !== undefined) finding.siteId = siteId;
  return [finding];
}
