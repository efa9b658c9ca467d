/**
 * District boundaries as the map takes them: a GeoJSON FeatureCollection (RFC 7946) whose features
 * are Polygons or MultiPolygons carrying the district code in `properties.code` and its name in
 * `properties.name`, and the extent they cover. Pure: the caller reads the file or the store.
 */

/** [longitude, latitude] in degrees. */
export type LonLat = [number, number];

/** One district's boundary. */
export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}

export interface Boundaries {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The district code of a feature: `properties.code`, else `properties.adcode`, else the feature `id`. */
function codeOf(feature: Record<string, unknown>, props: Record<string, unknown>): string | null {
  for (const v of [props.code, props.adcode, feature.id]) {
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  }
  return null;
}

/**
 * The features of a parsed GeoJSON document that are polygons of a known district, normalised to
 * `properties: { code, name }` (the name from the district list when the file has none). Features
 * of other geometries or of unknown districts are left out.
 */
export function boundariesOf(
  geojson: unknown,
  districts: readonly { code: string; name: string }[],
): Boundaries {
  const names = new Map(districts.map((d) => [d.code, d.name]));
  const features: BoundaryFeature[] = [];
  const list = isRecord(geojson) && Array.isArray(geojson.features) ? (geojson.features as unknown[]) : [];
  for (const f of list) {
    if (!isRecord(f) || !isRecord(f.geometry)) continue;
    const props = isRecord(f.properties) ? f.properties : {};
    const code = codeOf(f, props);
    const { type, coordinates } = f.geometry;
    if (code === null || !names.has(code) || !Array.isArray(coordinates)) continue;
    if (type !== 'Polygon' && type !== 'MultiPolygon') continue;
    const name = names.get(code) ?? (typeof props.name === 'string' ? props.name : code);
    features.push({
      type: 'Feature',
      properties: { code, name },
      geometry: { type, coordinates: coordinates as unknown[] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Calls `visit` with every position of nested coordinate arrays. */
function eachPosition(coords: unknown, visit: (lon: number, lat: number) => void): void {
  if (!Array.isArray(coords)) return;
  const [lon, lat] = coords as unknown[];
  if (typeof lon === 'number' && typeof lat === 'number') {
    visit(lon, lat);
    return;
  }
  for (const c of coords) eachPosition(c, visit);
}

/** [[minLon, minLat], [maxLon, maxLat]] of the boundaries, or null when they have no position. */
export function boundsOf(boundaries: Boundaries): [LonLat, LonLat] | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const f of boundaries.features) {
    eachPosition(f.geometry.coordinates, (lon, lat) => {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    });
  }
  return Number.isFinite(minLon)
    ? [
        [minLon, minLat],
        [maxLon, maxLat],
      ]
    : null;
}

/**
 * The code of the prefecture-level city the districts belong to (GB/T 2260: a county-level code's
 * first four digits and "00"), or null when they do not share one.
 */
export function prefectureCodeOf(districtCodes: readonly string[]): string | null {
  const prefixes = new Set(districtCodes.map((c) => (/^\d{6}$/.test(c) ? c.slice(0, 4) : c)));
  if (prefixes.size !== 1) return null;
  const [prefix] = [...prefixes];
  return prefix !== undefined && /^\d{4}$/.test(prefix) ? `${prefix}00` : null;
}
