/** The heavy-pollution response from /response: alerts, obligations, figures, the enterprise's view. */
import type { Static } from 'typebox';
import type {
  AlertFiguresSchema,
  AlertListSchema,
  EnterpriseResponseSchema,
  ObligationListSchema,
} from '@server/api/response.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

export type AlertList = Static<typeof AlertListSchema>;
export type Alert = AlertList['items'][number];
export type ObligationList = Static<typeof ObligationListSchema>;
export type Obligation = ObligationList['items'][number];
export type AlertFigures = Static<typeof AlertFiguresSchema>;
export type EnterpriseResponse = Static<typeof EnterpriseResponseSchema>;

const REFRESH_MS = 60_000;

/** GET /response/alerts (active or lifted, newest first). */
export function useAlertsQuery(state?: 'active' | 'lifted') {
  return useApiQuery<AlertList>('/response/alerts', {
    query: { ...(state ? { state } : {}), limit: 50 },
    refreshMs: REFRESH_MS,
  });
}

/** GET /response/alerts/{id}/obligations (scoped: an enterprise sees only its own). */
export function useObligationsQuery(id: number | null) {
  return useApiQuery<ObligationList>(`/response/alerts/${id ?? 0}/obligations`, {
    enabled: id !== null,
    refreshMs: REFRESH_MS,
  });
}

/** GET /response/alerts/{id}/figures (bureau, districts, operators). */
export function useAlertFiguresQuery(id: number | null, enabled: boolean) {
  return useApiQuery<AlertFigures>(`/response/alerts/${id ?? 0}/figures`, {
    enabled: enabled && id !== null,
    refreshMs: REFRESH_MS,
  });
}

/** GET /response/enterprises/{code}: the enterprise's grade, measures, active alerts and obligations. */
export function useEnterpriseResponseQuery(code: string | null) {
  return useApiQuery<EnterpriseResponse>(`/response/enterprises/${encodeURIComponent(code ?? '')}`, {
    enabled: code !== null,
    refreshMs: REFRESH_MS,
  });
}
