/**
 * Hazardous waste from /waste: parties, manifests (list, detail), enterprise waste files, city
 * figures and flows, zero-waste indicators. Manifest views poll every 30 s and reload after each
 * action of their own.
 */
import type {
  IndicatorListDto,
  ManifestDto,
  ManifestListDto,
  WasteFiguresDto,
  WasteFileDto,
  WasteManifestStateDto,
  WastePartyListDto,
} from '@server/api/waste.schemas.js';
import { useApiQuery } from '../../api/use-api-query';

const WASTE_REFRESH_MS = 30_000;

export type ManifestList = ManifestListDto;
export type WasteParties = WastePartyListDto;
export type WasteIndicators = IndicatorListDto;

/** GET /waste/manifests (scoped by the server), newest first. */
export function useManifestsQuery(filter: {
  state?: WasteManifestStateDto | undefined;
  site?: string | undefined;
  offset?: number;
}) {
  return useApiQuery<ManifestList>('/waste/manifests', {
    query: { state: filter.state, site: filter.site, limit: 50, offset: filter.offset ?? 0 },
    refreshMs: WASTE_REFRESH_MS,
  });
}

/** GET /waste/manifests/{id}: the manifest, its timeline, the caller's moves. */
export function useManifestQuery(id: string) {
  return useApiQuery<ManifestDto>(`/waste/manifests/${encodeURIComponent(id)}`, {
    refreshMs: WASTE_REFRESH_MS,
  });
}

/** GET /waste/enterprises/{code}/file. */
export function useWasteFileQuery(code: string, year: number) {
  return useApiQuery<WasteFileDto>(`/waste/enterprises/${encodeURIComponent(code)}/file`, {
    query: { year },
  });
}

/** GET /waste/figures (bureau, operators, districts). */
export function useWasteFiguresQuery(year: number, enabled: boolean) {
  return useApiQuery<WasteFiguresDto>('/waste/figures', { query: { year }, enabled });
}

/** GET /waste/parties. */
export function useWastePartiesQuery() {
  return useApiQuery<WasteParties>('/waste/parties');
}

/** GET /waste/indicators (bureau, operators, districts). */
export function useWasteIndicatorsQuery(year: number, enabled: boolean) {
  return useApiQuery<WasteIndicators>('/waste/indicators', { query: { year }, enabled });
}
