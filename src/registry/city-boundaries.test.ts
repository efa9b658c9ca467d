import { describe, expect, it } from 'vitest';
import { boundariesOf, boundsOf, prefectureCodeOf } from './city-boundaries.js';

const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];

describe('city boundaries', () => {
  const districts = [
    { code: '110101', name: '东城区' },
    { code: '110102', name: '西城区' },
  ];

  it('keeps polygons of known districts, by properties.code, adcode or id, named from the list', () => {
    const b = boundariesOf(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: '110101',
            properties: {},
            geometry: { type: 'Polygon', coordinates: square(1, 2) },
          },
          {
            type: 'Feature',
            properties: { adcode: 110102, name: 'X' },
            geometry: { type: 'MultiPolygon', coordinates: [square(5, 6)] },
          },
          {
            type: 'Feature',
            properties: { code: '999999' },
            geometry: { type: 'Polygon', coordinates: square(0, 0) },
          },
          {
            type: 'Feature',
            properties: { code: '110101' },
            geometry: { type: 'Point', coordinates: [1, 1] },
          },
        ],
      },
      districts,
    );
    expect(b.features.map((f) => f.properties)).toEqual([
      { code: '110101', name: '东城区' },
      { code: '110102', name: '西城区' },
    ]);
    expect(boundsOf(b)).toEqual([
      [1, 2],
      [6, 7],
    ]);
  });

  it('gives no boundaries and no extent for a document that is not a FeatureCollection', () => {
    const b = boundariesOf(null, districts);
    expect(b.features).toEqual([]);
    expect(boundsOf(b)).toBeNull();
  });

  it('derives the city code from the districts’ common prefix (GB/T 2260)', () => {
    expect(prefectureCodeOf(['110101', '110102'])).toBe('110100');
    expect(prefectureCodeOf(['110101', '120101'])).toBeNull();
    expect(prefectureCodeOf([])).toBeNull();
  });
});
