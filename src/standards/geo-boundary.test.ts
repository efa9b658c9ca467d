import { describe, expect, it } from 'vitest';
import type { BoundaryShape } from './geo-boundary.js';
import { distanceToShapeKm, nearestBoundary, pointInRing, pointInShape } from './geo-boundary.js';

const square = (x0: number, y0: number, size: number): number[][] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

const WITH_HOLE: BoundaryShape = {
  type: 'Polygon',
  coordinates: [square(120, 30, 1), square(120.4, 30.4, 0.2)],
};
const TWO_ISLANDS: BoundaryShape = {
  type: 'MultiPolygon',
  coordinates: [[square(118, 30, 0.5)], [square(119, 30, 0.5), square(119.1, 30.1, 0.1)]],
};

describe('point in polygon by ray casting', () => {
  it('tells inside from outside of a ring, concave too', () => {
    const l = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    expect(pointInRing(0.5, 0.5, l)).toBe(true);
    expect(pointInRing(1.5, 1.5, l)).toBe(false);
    expect(pointInRing(0.5, 1.5, l)).toBe(true);
    expect(pointInRing(3, 0.5, l)).toBe(false);
  });

  it('excludes holes of a polygon', () => {
    expect(pointInShape(120.1, 30.1, WITH_HOLE)).toBe(true);
    expect(pointInShape(120.5, 30.5, WITH_HOLE)).toBe(false);
    expect(pointInShape(121.5, 30.5, WITH_HOLE)).toBe(false);
  });

  it('accepts any part of a multipolygon, minus the holes of that part', () => {
    expect(pointInShape(118.2, 30.2, TWO_ISLANDS)).toBe(true);
    expect(pointInShape(119.4, 30.4, TWO_ISLANDS)).toBe(true);
    expect(pointInShape(119.15, 30.15, TWO_ISLANDS)).toBe(false);
    expect(pointInShape(118.75, 30.2, TWO_ISLANDS)).toBe(false);
  });
});

describe('distance to a boundary and the nearest district', () => {
  it('is 0 inside and the distance to the nearest edge outside (km)', () => {
    expect(distanceToShapeKm(120.5, 30.1, WITH_HOLE)).toBe(0);
    // 0.1° of latitude south of the edge ≈ 11.1 km.
    expect(distanceToShapeKm(120.5, 29.9, WITH_HOLE)).toBeCloseTo(11.12, 1);
    // Inside the hole: 0.1° from the hole's edge in longitude at 30.5° N ≈ 9.58 km.
    expect(distanceToShapeKm(120.5, 30.5, WITH_HOLE)).toBeCloseTo(9.58, 1);
  });

  it('names the containing boundary, else the nearest one', () => {
    const districts = [
      { code: 'A', geometry: WITH_HOLE },
      { code: 'B', geometry: TWO_ISLANDS },
    ];
    expect(nearestBoundary(120.2, 30.2, districts)).toEqual({ boundary: districts[0], distanceKm: 0 });
    expect(nearestBoundary(119.85, 30.2, districts)?.boundary.code).toBe('A');
    expect(nearestBoundary(118.7, 30.2, districts)?.boundary.code).toBe('B');
    expect(nearestBoundary(118.7, 30.2, [])).toBeNull();
  });
});
