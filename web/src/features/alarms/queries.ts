/** Alarms from /alarms: the list with filters and one alarm with its history; live from /events. */
import type { AlarmCasePreviewDto, AlarmDetailDto, AlarmListQuery } from '@server/api/alarm.schemas.js';
import type { AlarmDto, Page } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useLiveEvents } from '../../api/events';

/** GET /alarms with filters; refetched on every alarm event. */
export function useAlarmsQuery(filter: AlarmListQuery, enabled = true) {
  const q = useApiQuery<Page<AlarmDto>>('/alarms', { query: { ...filter }, enabled });
  useLiveEvents(['alarm'], q.reload);
  return q;
}

/** GET /alarms/{id}: the alarm and its history. */
export function useAlarmQuery(id: string) {
  const q = useApiQuery<AlarmDetailDto>(`/alarms/${encodeURIComponent(id)}`);
  useLiveEvents(['alarm'], q.reload);
  return q;
}

/** GET /alarms/{id}/case-preview: what 立案 would open (only fetched once the person asks). */
export function useCasePreviewQuery(id: string, enabled: boolean) {
  return useApiQuery<AlarmCasePreviewDto>(`/alarms/${encodeURIComponent(id)}/case-preview`, { enabled });
}
