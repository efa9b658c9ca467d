/** Source monitoring: an outlet's readings, compliance and limits, and a device's packet log. */
import type { OutletLimitsDto } from '@server/api/limit.schemas.js';
import type {
  ComplianceDto,
  EnterpriseFileDto,
  EnterpriseListDto,
  EnterpriseRankingDto,
} from '@server/api/source.schemas.js';
import { MINUTE_MS } from '@server/standards/china-time.js';
import type { Page, PacketLogDto, ReadingDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';

/** GET /sites/{code}/compliance and the enterprise endpoints, as the routes' schemas give them. */
export type { ComplianceDto, EnterpriseFileDto, EnterpriseListDto, EnterpriseRankingDto };
export type { EnterpriseSummaryDto } from '@server/api/source.schemas.js';

/** GET /enterprises?month=: every enterprise the caller sees with the month's figures. */
export function useEnterprisesQuery(month: string) {
  return useApiQuery<EnterpriseListDto>('/enterprises', { query: { month }, refreshMs: 5 * MINUTE_MS });
}

/** GET /enterprises/{code}?month=: the enterprise file (一企一档). */
export function useEnterpriseFileQuery(code: string, month: string) {
  return useApiQuery<EnterpriseFileDto>(`/enterprises/${encodeURIComponent(code)}`, {
    query: { month },
    refreshMs: MINUTE_MS,
  });
}

/** GET /enterprises/ranking: the enterprises with the most exceedance hours, open alarms or overdue cases. */
export function useEnterpriseRankingQuery(
  by: 'hoursExceeding' | 'openAlarms' | 'overdueCases',
  month: string,
) {
  return useApiQuery<EnterpriseRankingDto>('/enterprises/ranking', {
    query: { by, month, limit: 10 },
    refreshMs: 5 * MINUTE_MS,
  });
}

/** GET /readings of one site and interval since `from` (corrected values), polled each minute. */
export function useReadingsQuery(
  site: string,
  interval: 'rt' | 'min' | 'hour' | 'day',
  from: string,
  enabled = true,
  param?: string,
) {
  return useApiQuery<Page<ReadingDto>>('/readings', {
    query: { site, param, interval, from, corrected: true, limit: 1000 },
    refreshMs: MINUTE_MS,
    enabled,
  });
}

/** GET /sites/{code}/compliance?month=YYYY-MM: hours valid and exceeding, loads and rates. */
export function useComplianceQuery(site: string, month: string) {
  return useApiQuery<ComplianceDto>(`/sites/${encodeURIComponent(site)}/compliance`, {
    query: { month },
    refreshMs: 5 * MINUTE_MS,
  });
}

/** GET /limits?site=: the rows in force today and every row ever entered. */
export function useLimitsQuery(site: string, enabled = true) {
  return useApiQuery<OutletLimitsDto>('/limits', { query: { site }, enabled });
}

/** GET /packets, newest first, one cursor page at a time. */
export function usePacketsQuery(
  filter: { mn?: string; outcome?: string; cursor?: string; limit?: number },
  enabled = true,
) {
  return useApiQuery<Page<PacketLogDto>>('/packets', {
    query: { ...filter, limit: filter.limit ?? 50 },
    enabled,
  });
}
