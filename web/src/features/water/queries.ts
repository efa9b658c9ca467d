/** Water quality data from /water/*, typed by the response schemas (src/api/water.schemas.ts). */
import type {
  BlackOdorousListDto,
  SectionHistoryDto,
  SectionListDto,
  SectionSeriesDto,
  WaterSummaryDto,
} from '@server/api/water.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

export type {
  BlackOdorousBodyDto,
  SectionAssessmentDto,
  SectionHistoryDto,
  SectionSeriesDto,
} from '@server/api/water.schemas.js';

/** GET /water/sections: every section with its latest class and whether it meets its target. */
export function useWaterSectionsQuery() {
  return useApiQuery<SectionListDto>('/water/sections', { refreshMs: 15 * 60_000 });
}

/** GET /water/sections/{code}/history: the section's class month by month. */
export function useSectionHistoryQuery(code: string) {
  return useApiQuery<SectionHistoryDto>(`/water/sections/${encodeURIComponent(code)}/history`);
}

/** GET /water/sections/{code}/series: daily item values between two China-local days. */
export function useSectionSeriesQuery(code: string, from: string) {
  return useApiQuery<SectionSeriesDto>(`/water/sections/${encodeURIComponent(code)}/series`, {
    query: { from },
  });
}

/** GET /water/summary: the city and district summaries of a period. */
export function useWaterSummaryQuery() {
  return useApiQuery<WaterSummaryDto>('/water/summary');
}

/** GET /water/black-odorous: black-odorous water bodies with their grade. */
export function useBlackOdorousQuery() {
  return useApiQuery<BlackOdorousListDto>('/water/black-odorous');
}
