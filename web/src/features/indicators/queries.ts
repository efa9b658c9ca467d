/** Indicators and the air comparability series from /indicators and /air/comparability. */
import type { AirComparabilityDto } from '@server/api/air.schemas.js';
import type { IndicatorBoardDto, IndicatorRankingDto } from '@server/api/indicator.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

/** GET /indicators: the board of the city or one district for a year. */
export function useIndicatorBoardQuery(year: number, code: string) {
  return useApiQuery<IndicatorBoardDto>('/indicators', {
    query: { year, scope: code === '' ? 'city' : 'district', code: code === '' ? undefined : code },
  });
}

/** GET /indicators/rankings: districts ranked by one indicator. */
export function useIndicatorRankingQuery(key: string, year: number) {
  return useApiQuery<IndicatorRankingDto>('/indicators/rankings', { query: { key, year } });
}

/** GET /air/comparability: official and comparable good-day ratio per month. */
export function useComparabilityQuery(from: string, to: string, code: string) {
  return useApiQuery<AirComparabilityDto>('/air/comparability', {
    query: { from, to, scope: code === '' ? 'city' : 'district', code: code === '' ? undefined : code },
  });
}
