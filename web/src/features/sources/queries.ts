/** Source monitoring: an outlet's readings and a device's packet log. */
import type { Page, PacketLogDto, ReadingDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';

/** GET /readings of one site and interval since `from` (corrected values), polled each minute. */
export function useReadingsQuery(
  site: string,
  interval: 'rt' | 'min' | 'hour' | 'day',
  from: string,
  enabled = true,
) {
  return useApiQuery<Page<ReadingDto>>('/readings', {
    query: { site, interval, from, corrected: true, limit: 1000 },
    refreshMs: 60_000,
    enabled,
  });
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
