/** Sites, districts and devices: the existing catalogue endpoints every feature reads. */
import type { DeviceDto, DistrictDto, Page, SiteDto, SiteKind } from './types';
import { useApiQuery } from './use-api-query';

/** GET /sites?kind=… (the whole list: a city has at most a few hundred of each kind). */
export function useSitesQuery(kind: SiteKind, options: { parent?: string; enabled?: boolean } = {}) {
  return useApiQuery<Page<SiteDto>>('/sites', {
    query: { kind, parent: options.parent, limit: 1000 },
    enabled: options.enabled,
  });
}

/** GET /districts. */
export function useDistrictsQuery() {
  return useApiQuery<{ items: DistrictDto[] }>('/districts');
}

/** GET /devices with online state, polled each minute (online = heard within 10 minutes). */
export function useDevicesQuery(
  options: { site?: string; enabled?: boolean; offset?: number; limit?: number } = {},
) {
  return useApiQuery<Page<DeviceDto> & { total: number }>('/devices', {
    query: { site: options.site, limit: options.limit ?? 1000, offset: options.offset },
    refreshMs: 60_000,
    enabled: options.enabled,
  });
}

/** A site attribute as text (attributes are free-form JSON on the server). */
export function attributeText(site: SiteDto, key: string): string {
  const v = site.attributes[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '—';
}

/** Names of districts by code, for labels. */
export function districtNames(
  districts: readonly DistrictDto[] | undefined,
  english: boolean,
): Map<string, string> {
  return new Map((districts ?? []).map((d) => [d.code, english ? d.nameEn : d.name]));
}
