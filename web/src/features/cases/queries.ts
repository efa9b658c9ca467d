/**
 * Cases from /cases: list, detail with events, figures, the derived responsible unit. The event
 * stream carries no case events, so case views poll every 30 s and reload after each action of
 * their own.
 */
import type {
  CaseDetailDto,
  CaseFiguresResponseDto,
  CasePageDto,
  DerivedResponsibleDto,
} from '@server/api/case.schemas.js';
import { useApiQuery } from '../../api/use-api-query';
import type { CaseFilter } from './case-filter';

const CASE_REFRESH_MS = 30_000;

/** GET /cases/figures (by district; every count with the list filter that reproduces it). */
export function useCaseFiguresQuery() {
  return useApiQuery<CaseFiguresResponseDto>('/cases/figures', {
    query: { by: 'district' },
    refreshMs: CASE_REFRESH_MS,
  });
}

/** GET /cases with the address bar's filters, one cursor page. */
export function useCasesQuery(filter: CaseFilter & { cursor?: string; limit?: number }) {
  return useApiQuery<CasePageDto>('/cases', {
    query: { ...filter, limit: filter.limit ?? 20 },
    refreshMs: CASE_REFRESH_MS,
  });
}

/** GET /cases/{id}: the case, its events and what the caller may do next. */
export function useCaseQuery(id: string) {
  return useApiQuery<CaseDetailDto>(`/cases/${encodeURIComponent(id)}`, { refreshMs: CASE_REFRESH_MS });
}

/** GET /cases/derived-responsible: who would answer for a problem at this site or in this district. */
export function useDerivedResponsibleQuery(at: { siteId?: number; districtCode?: string }) {
  const enabled = at.siteId !== undefined || at.districtCode !== undefined;
  return useApiQuery<DerivedResponsibleDto>('/cases/derived-responsible', { query: at, enabled });
}
