/** Stored reports and the schedule from /reports. */
import type { ReportListDto, ReportScheduleDto } from '@server/api/report.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

/** GET /reports: the stored reports the caller may see, newest first. */
export function useReportsQuery() {
  return useApiQuery<ReportListDto>('/reports', { query: { limit: 50 } });
}

/** GET /reports/schedule (bureau roles and operators). */
export function useReportScheduleQuery(enabled: boolean) {
  return useApiQuery<ReportScheduleDto>('/reports/schedule', { enabled });
}
