/** Cases from /cases: list, detail with events, figures; refetched on case events. */
import type { CaseDetailDto, CaseDto, CaseFiguresDto, Page } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useLiveEvents } from '../../api/events';

/** GET /cases/figures. */
export function useCaseFiguresQuery() {
  const q = useApiQuery<{ total: CaseFiguresDto; groups: CaseFiguresDto[] }>('/cases/figures', {
    query: { by: 'district' },
    refreshMs: 5 * 60_000,
  });
  useLiveEvents(['case'], q.reload);
  return q;
}

/** GET /cases with filters, one cursor page. */
export function useCasesQuery(filter: {
  state?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}) {
  const q = useApiQuery<Page<CaseDto>>('/cases', { query: { ...filter, limit: filter.limit ?? 20 } });
  useLiveEvents(['case'], q.reload);
  return q;
}

/** GET /cases/{id}: the case, its events and what the caller may do next. */
export function useCaseQuery(id: string) {
  const q = useApiQuery<CaseDetailDto>(`/cases/${encodeURIComponent(id)}`);
  useLiveEvents(['case'], q.reload);
  return q;
}
