/** Air quality data from /air/* (real-time AQI, series, evaluation, rankings). */
import type { AirEvaluation, AirRanking, AirSeries, LatestAir } from '@server/monitor/air.service.js';
import { useApiQuery } from '../../api/use-api-query';

export type {
  AirEvaluation,
  AirRanking,
  AirSeries,
  LatestAir,
  RealtimeEntry,
  SeriesPoint,
} from '@server/monitor/air.service.js';

const FIVE_MINUTES_MS = 5 * 60_000;

/** GET /air/latest: every station's, district's and the city's newest hourly AQI; polled. */
export function useAirLatestQuery() {
  return useApiQuery<LatestAir>('/air/latest', { refreshMs: FIVE_MINUTES_MS });
}

export interface SeriesRequest {
  scope: 'station' | 'district' | 'city';
  code?: string;
  kind: 'hourly' | 'daily';
  from: string;
  to?: string;
}

/** GET /air/series for one place. */
export function useAirSeriesQuery(req: SeriesRequest, enabled = true) {
  return useApiQuery<AirSeries>('/air/series', {
    query: { scope: req.scope, code: req.code, kind: req.kind, from: req.from, to: req.to },
    refreshMs: req.kind === 'hourly' ? FIVE_MINUTES_MS : undefined,
    enabled,
  });
}

/** GET /air/evaluation?period=month|year&value=2026-05|2026. */
export function useAirEvaluationQuery(period: 'month' | 'year', value: string) {
  return useApiQuery<AirEvaluation>('/air/evaluation', { query: { period, value } });
}

/** GET /air/rankings (districts or stations, by AQI, PM2.5 or composite index). */
export function useAirRankingsQuery(scope: 'station' | 'district', by: 'aqi' | 'pm25' | 'ci' = 'aqi') {
  return useApiQuery<AirRanking>('/air/rankings', { query: { scope, by }, refreshMs: FIVE_MINUTES_MS });
}
