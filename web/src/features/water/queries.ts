/**
 * Water quality data from /water/*. Shapes follow the water service (src/monitor/water.service.ts)
 * until the routes' schemas land; then these re-point to their Static types.
 */
import type { SectionAssessment } from '@server/monitor/water-assessment.js';
import type { BlackOdorousBodyView, WaterCityReport } from '@server/monitor/water.service.js';
import { useApiQuery } from '../../api/use-api-query';

export type { SectionAssessment };

/** GET /water/sections: every section with its latest class and whether it meets its target. */
export function useWaterSectionsQuery() {
  return useApiQuery<{ items: SectionAssessment[] }>('/water/sections', { refreshMs: 15 * 60_000 });
}

/** GET /water/sections/{code}/history: the section's monthly assessments. */
export function useSectionHistoryQuery(code: string) {
  return useApiQuery<{ items: SectionAssessment[] }>(`/water/sections/${encodeURIComponent(code)}/history`);
}

/** GET /water/summary: the city and district summaries of a period. */
export function useWaterSummaryQuery() {
  return useApiQuery<WaterCityReport>('/water/summary');
}

/** GET /water/black-odorous: black-odorous water bodies with their grade. */
export function useBlackOdorousQuery() {
  return useApiQuery<{ items: BlackOdorousBodyView[] }>('/water/black-odorous');
}
