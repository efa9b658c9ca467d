/** The city the platform serves: GET /city (name, extent, districts and their boundaries). */
import type { CityDto } from './types';
import { useApiQuery } from './use-api-query';

/** GET /city, public; the boundaries rarely change, so no polling. */
export function useCityQuery() {
  return useApiQuery<CityDto>('/city');
}

/** The city's name in the language shown, or null when the city has none on record. */
export function cityName(city: CityDto | undefined, english: boolean): string | null {
  if (city === undefined) return null;
  const name = english ? city.nameEn || city.name : city.name || city.nameEn;
  return name === '' ? null : name;
}
