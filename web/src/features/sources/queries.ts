/** Source monitoring: an outlet's readings, compliance and limits, and a device's packet log. */
import type { OutletLimitsDto } from '@server/api/limit.schemas.js';
import type { ComplianceDto } from '@server/api/source.schemas.js';
import { MINUTE_MS } from '@server/standards/china-time.js';
import type { Page, PacketLogDto, ReadingDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';

/** GET /sites/{code}/compliance, as the route's schema gives it. */
export type { ComplianceDto };

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
