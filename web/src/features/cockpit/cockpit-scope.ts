/**
 * Which district the cockpit shows: the one picked on the map or the ranking (`?district=` in the
 * address, so it can be bookmarked and shared), else a district officer's own district, else the
 * whole city (null). Every tile reads it, so the figures agree with each other and with the lists
 * they link to.
 */
import { useAuth } from '../../auth/AuthContext';
import { navigate, useLocation } from '../../app/router';

export interface CockpitScope {
  /** District code, or null for the whole city. */
  district: string | null;
  /** Whether the user may leave the district (false for a district officer). */
  canClear: boolean;
  /** Shows one district (or, with null, the whole city). */
  select: (code: string | null) => void;
}

export function useCockpitScope(): CockpitScope {
  const { auth } = useAuth();
  const { path, search } = useLocation();
  const own = auth.status === 'user' && auth.user.role === 'district' ? auth.user.districtCode : null;
  const picked = search.get('district');
  const district = own ?? (picked !== null && /^\d{6}$/.test(picked) ? picked : null);
  return {
    district,
    canClear: own === null,
    select: (code) => {
      if (own !== null) return;
      const next = new URLSearchParams(search);
      if (code === null || code === picked) next.delete('district');
      else next.set('district', code);
      const qs = next.toString();
      navigate(`${path}${qs === '' ? '' : `?${qs}`}`, { replace: true });
    },
  };
}

/** A list path with its filters (undefined and null left out): the link behind a cockpit figure. */
export function listHref(
  path: string,
  filter: Record<string, string | number | boolean | null | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null) q.set(k, String(v));
  const qs = q.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/** A tile's title with the place it shows (the district picked, or the city), when known. */
export function placeTitle(title: string, place: string | null): string {
  return place === null ? title : `${place} · ${title}`;
}
