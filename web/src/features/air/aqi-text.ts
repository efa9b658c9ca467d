import type { TFunction } from 'i18next';
import type { AqiViewDto } from '../../api/types';

/** The category of an AQI result in the current language. */
export function categoryOf(result: AqiViewDto | null | undefined, english: boolean): string {
  if (result === null || result === undefined) return '—';
  return (english ? result.categoryEn : result.category) ?? '—';
}

/** Primary pollutants as names, or "none" (AQI ≤ 50 has none). */
export function primaryOf(result: AqiViewDto | null | undefined, t: TFunction): string {
  if (result === null || result === undefined || result.primary.length === 0) return t('cockpit.none');
  return result.primary.map((p) => t(`pollutant.${p}`)).join('、');
}
