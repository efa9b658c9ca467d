/** Carbon pages: overview, grades, budgets, the enterprise carbon file and the public code page. */
import type {
  BudgetListDto,
  EnterpriseCarbonFileDto,
  GradeListDto,
  OverviewDto,
  PublicCarbonCodeDto,
} from '@server/api/carbon.schemas.js';
import { MINUTE_MS } from '@server/standards/china-time.js';
import { useApiQuery } from '../../api/use-api-query';

export type { BudgetDto, GradeDto, IndicatorDto } from '@server/api/carbon.schemas.js';
export type { BudgetListDto, EnterpriseCarbonFileDto, GradeListDto, OverviewDto, PublicCarbonCodeDto };

/** GET /carbon/overview?year=: city and district indicators, the latest quarter's grades. */
export function useCarbonOverviewQuery(year: number, enabled = true) {
  return useApiQuery<OverviewDto>('/carbon/overview', {
    query: { year },
    refreshMs: 10 * MINUTE_MS,
    enabled,
  });
}

/** GET /carbon/budgets?year=: energy budgets with burn-down and alerts. */
export function useCarbonBudgetsQuery(year: number) {
  return useApiQuery<BudgetListDto>('/carbon/budgets', { query: { year }, refreshMs: 10 * MINUTE_MS });
}

/** GET /carbon/enterprises/{code}?year=: the enterprise carbon file. */
export function useCarbonFileQuery(code: string, year: number, enabled = true) {
  return useApiQuery<EnterpriseCarbonFileDto>(`/carbon/enterprises/${encodeURIComponent(code)}`, {
    query: { year },
    enabled,
  });
}

/** GET /public/carbon-code/{code}: the public carbon-code page (no login). */
export function usePublicCarbonCodeQuery(code: string) {
  return useApiQuery<PublicCarbonCodeDto>(`/public/carbon-code/${encodeURIComponent(code)}`);
}
