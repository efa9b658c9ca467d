/**
 * Colours and names of AQI levels (from the server's HJ 633 tables) and of GB 3838 water classes,
 * as the cockpit draws them.
 */
import { AQI_LEVELS } from '@server/standards/hj633-common.js';
import type { AqiLevelInfo } from '@server/standards/hj633-common.js';
import type { WaterClass } from '@server/standards/gb3838-2002.js';

export const NO_DATA_COLOR = '#5b6b7a';

/** The HJ 633 level of an AQI (the top level is open-ended), or null when there is no AQI. */
export function aqiLevel(aqi: number | null | undefined): AqiLevelInfo | null {
  if (aqi === null || aqi === undefined || !Number.isFinite(aqi) || aqi < 0) return null;
  return AQI_LEVELS.find((l) => Math.round(aqi) <= l.max) ?? AQI_LEVELS[AQI_LEVELS.length - 1] ?? null;
}

export function aqiColor(aqi: number | null | undefined): string {
  return aqiLevel(aqi)?.color ?? NO_DATA_COLOR;
}

/** Text colour that reads on an AQI colour (yellow needs dark text). */
export function aqiTextColor(aqi: number | null | undefined): string {
  const level = aqiLevel(aqi)?.level;
  return level === 1 || level === 2 || level === 3 ? '#10202b' : '#ffffff';
}

export { AQI_LEVELS };

/** The usual colours of GB 3838 classes on Chinese water-quality maps. */
export const WATER_CLASS_COLORS: Readonly<Record<WaterClass, string>> = {
  I: '#3fb5ff',
  II: '#2e8cff',
  III: '#28c76f',
  IV: '#f6c744',
  V: '#ff8a3d',
  劣V: '#ea4c4c',
};

const CLASS_RANK: Readonly<Record<WaterClass, number>> = { I: 1, II: 2, III: 3, IV: 4, V: 5, 劣V: 6 };

/** Whether a class meets a target class (I is best). */
export function meetsTarget(actual: WaterClass, target: WaterClass): boolean {
  return CLASS_RANK[actual] <= CLASS_RANK[target];
}

export function waterClassColor(value: string | null | undefined): string {
  return value !== null && value !== undefined && value in WATER_CLASS_COLORS
    ? WATER_CLASS_COLORS[value as WaterClass]
    : NO_DATA_COLOR;
}

/**
 * A GB 3838 class as printed: 劣V (worse than Class V) reads "worse than V" in English; I–V are the
 * same in both languages (docs/sources.md §5). An em dash when there is no class.
 */
export function waterClassText(value: string | null | undefined, english: boolean): string {
  if (value === null || value === undefined) return '—';
  return english && value === '劣V' ? 'worse than V' : value;
}
