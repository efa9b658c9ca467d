/** Air quality data from /air/* (real-time AQI, series, evaluation, rankings), typed by the routes' schemas. */
import type { AirEvaluationDto, AirLatestDto, AirRankingDto, AirSeriesDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';

const FIVE_MINUTES_MS = 5 * 60_000;

/** GET /air/latest: every station's, district's and the city's newest hourly AQI; polled. */
export function useAirLatestQuery() {
  return useApiQuery<AirLatestDto>('/air/latest', { refreshMs: FIVE_MINUTES_MS });
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
  return useApiQuery<AirSeriesDto>('/air/series', {
    query: { scope: req.scope, code: req.code, kind: req.kind, from: req.from, to: req.to },
    refreshMs: req.kind === 'hourly' ? FIVE_MINUTES_MS : undefined,
    enabled,
  });
}

/** GET /air/evaluation?period=month|year&value=2026-05|2026. */
export function useAirEvaluationQuery(period: 'month' | 'year', value: string) {
  return useApiQuery<AirEvaluationDto>('/air/evaluation', { query: { period, value } });
}

export type RankingScope = 'station' | 'district';
export type RankingMetric = 'aqi' | 'pm25' | 'ci';

/**
 * GET /air/rankings. AQI and PM2.5 rank the newest hour (period=latest); the comprehensive index
 * exists only for a month or a year, so `ci` ranks the given month (the server refuses ci+latest).
 */
export function useAirRankingsQuery(scope: RankingScope, by: RankingMetric, month: string) {
  const query = by === 'ci' ? { scope, by, period: 'month', value: month } : { scope, by, period: 'latest' };
  return useApiQuery<AirRankingDto>('/air/rankings', { query, refreshMs: FIVE_MINUTES_MS });
}
