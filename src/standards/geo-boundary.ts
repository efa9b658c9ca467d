/**
 * Points against district boundaries (GeoJSON Polygon and MultiPolygon, RFC 7946 §3.1.6–3.1.7,
 * `[lon, lat]` degrees): whether a site lies inside, and which boundary is nearest when it does not
 * (docs/city-package.md §4). Ray casting on every ring: a point is inside a polygon when it is inside
 * the outer ring and in none of its holes. Distances are on a local equirectangular projection
 * around the point — ample for "which district is nearest" at city scale, not for surveying.
 *
 * Pure: no I/O.
 */

/** A GeoJSON Polygon or MultiPolygon geometry, `[lon, lat]` positions. */
export type BoundaryShape =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Mean Earth radius (km) for the local projection. */
const EARTH_RADIUS_KM = 6371.0088;

function polygonsOf(shape: BoundaryShape): number[][][][] {
  return shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
}

/** Ray casting: whether the point is inside a closed or open ring (points on an edge may go either way). */
export function pointInRing(lon: number, lat: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the point lies inside the shape: inside an outer ring and in none of that polygon's holes. */
export function pointInShape(lon: number, lat: number, shape: BoundaryShape): boolean {
  return polygonsOf(shape).some(
    ([outer, ...holes]) =>
      outer !== undefined && pointInRing(lon, lat, outer) && !holes.some((h) => pointInRing(lon, lat, h)),
  );
}

/** Distance (km) from the point to the segment a–b on the local projection around the point. */
function segmentDistanceKm(lon: number, lat: number, a: readonly number[], b: readonly number[]): number {
  const kx = Math.cos((lat * Math.PI) / 180) * ((Math.PI / 180) * EARTH_RADIUS_KM);
  const ky = (Math.PI / 180) * EARTH_RADIUS_KM;
  const ax = ((a[0] ?? 0) - lon) * kx;
  const ay = ((a[1] ?? 0) - lat) * ky;
  const bx = ((b[0] ?? 0) - lon) * kx;
  const by = ((b[1] ?? 0) - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Distance (km) from the point to the shape: 0 inside, else to the nearest edge of any ring. */
export function distanceToShapeKm(lon: number, lat: number, shape: BoundaryShape): number {
  if (pointInShape(lon, lat, shape)) return 0;
  let best = Infinity;
  for (const polygon of polygonsOf(shape)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i += 1) {
        const a = ring[i - 1];
        const b = ring[i];
        if (a !== undefined && b !== undefined) best = Math.min(best, segmentDistanceKm(lon, lat, a, b));
      }
    }
  }
  return best;
}

/** The boundary nearest to the point (0 km when inside one), or null when there are none. */
export function nearestBoundary<T extends { geometry: BoundaryShape }>(
  lon: number,
  lat: number,
  boundaries: readonly T[],
): { boundary: T; distanceKm: number } | null {
  let best: { boundary: T; distanceKm: number } | null = null;
  for (const boundary of boundaries) {
    const distanceKm = distanceToShapeKm(lon, lat, boundary.geometry);
    if (best === null || distanceKm < best.distanceKm) best = { boundary, distanceKm };
    if (distanceKm === 0) break;
  }
  return best;
}
