/**
 * Cases from /cases: list, detail with events, figures. The event stream carries no case events,
 * so case views poll every 30 s and reload after each action of their own.
 */
import type { CaseDetailDto, CaseFiguresDto, CasePageDto } from '@server/api/case.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

const CASE_REFRESH_MS = 30_000;

/** GET /cases/figures. */
export function useCaseFiguresQuery() {
  return useApiQuery<{ total: CaseFiguresDto; groups: CaseFiguresDto[] }>('/cases/figures', {
    query: { by: 'district' },
    refreshMs: CASE_REFRESH_MS,
  });
}

/** GET /cases with filters, one cursor page. */
export function useCasesQuery(filter: {
  state?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}) {
  return useApiQuery<CasePageDto>('/cases', {
    query: { ...filter, limit: filter.limit ?? 20 },
    refreshMs: CASE_REFRESH_MS,
  });
}

/** GET /cases/{id}: the case, its events and what the caller may do next. */
export function useCaseQuery(id: string) {
  return useApiQuery<CaseDetailDto>(`/cases/${encodeURIComponent(id)}`, { refreshMs: CASE_REFRESH_MS });
}
