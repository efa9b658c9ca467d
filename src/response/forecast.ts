/**
 * The built-in AQI forecast so that the demo works without an outside forecast: persistence plus
 * a damped trend over the last days of the platform's own daily AQI (docs/response.md §1). It is a
 * stand-in, not a forecast model: a bureau feeds the real forecast through the API or CSV. Pure.
 */
import type { ForecastDay } from '../standards/heavy-pollution-alert.js';

/** Share of the recent daily trend carried into each forecast day (our named choice TREND_DAMPING). */
export const TREND_DAMPING = 0.5;
/** Days of history the trend is taken over. */
export const TREND_DAYS = 3;

/**
 * Forecasts `days` days after the last history day: the last AQI plus `k × TREND_DAMPING ×` the mean
 * daily change over the last TREND_DAYS days, rounded and held in 0…500. Empty without history.
 */
export function persistenceTrendForecast(history: readonly ForecastDay[], days: number): ForecastDay[] {
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : 1)).slice(-TREND_DAYS);
  const last = sorted[sorted.length - 1];
  const first = sorted[0];
  if (last === undefined || first === undefined) return [];
  const slope = sorted.length > 1 ? (last.aqi - first.aqi) / (sorted.length - 1) : 0;
  const base = Date.parse(`${last.date}T00:00:00Z`);
  const out: ForecastDay[] = [];
  for (let k = 1; k <= days; k += 1) {
    const aqi = Math.round(Math.min(500, Math.max(0, last.aqi + k * TREND_DAMPING * slope)));
    out.push({ date: new Date(base + k * 86_400_000).toISOString().slice(0, 10), aqi });
  }
  return out;
}
