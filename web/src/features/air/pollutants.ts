/** How the air pages name and measure the pollutants of HJ 633. */
import type { PollutantKey } from '@server/standards/hj633-common.js';

export const POLLUTANT_ORDER: readonly PollutantKey[] = ['pm25', 'pm10', 'o3', 'o3_8h', 'no2', 'so2', 'co'];

/** CO in mg/m³, the others in µg/m³ (HJ 633). */
export function pollutantUnit(key: string): string {
  return key === 'co' ? 'mg/m³' : 'µg/m³';
}

export function isPollutantKey(key: string): key is PollutantKey {
  return (POLLUTANT_ORDER as readonly string[]).includes(key);
}
