/** Alarms from /alarms: the list with filters and one alarm with its history; live from /events. */
import type { AlarmDto, AlarmEventDto, Page } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useLiveEvents } from '../../api/events';

export interface AlarmListFilter {
  state?: string;
  active?: boolean;
  severity?: string;
  rule?: string;
  district?: string;
  limit?: number;
  cursor?: string;
}

/** GET /alarms with filters; refetched on every alarm event. */
export function useAlarmsQuery(filter: AlarmListFilter, enabled = true) {
  const q = useApiQuery<Page<AlarmDto>>('/alarms', { query: { ...filter }, enabled });
  useLiveEvents(['alarm'], q.reload);
  return q;
}

/** GET /alarms/{id}: the alarm and its history. */
export function useAlarmQuery(id: string) {
  const q = useApiQuery<{ alarm: AlarmDto; events: AlarmEventDto[] }>(`/alarms/${encodeURIComponent(id)}`);
  useLiveEvents(['alarm'], q.reload);
  return q;
}
