/**
 * The city as the map and the titles need it: its name and code, where it lies, its districts and
 * their boundaries (GeoJSON). Public: the public page draws the same map.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

const LonLat = Type.Tuple([Type.Number(), Type.Number()], { description: '[longitude, latitude], degrees' });

export const CityDistrictSchema = Type.Object({
  code: Type.String({ description: 'GB/T 2260 division code' }),
  name: Type.String(),
  nameEn: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()], { description: 'Code of the parent division, if any' }),
});

const BoundaryFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({
    code: Type.String({ description: 'District code' }),
    name: Type.String({ description: 'District name' }),
  }),
  geometry: Type.Object(
    {
      type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
      coordinates: Type.Array(Type.Unknown(), { description: 'GeoJSON coordinates (RFC 7946 §3.1)' }),
    },
    { additionalProperties: false },
  ),
});

export const CitySchema = Type.Object({
  name: Type.String({ description: 'City name (Chinese); empty when the city has none on record' }),
  nameEn: Type.String(),
  code: Type.Union([Type.String(), Type.Null()], { description: 'GB/T 2260 code of the city' }),
  center: Type.Union([LonLat, Type.Null()]),
  bounds: Type.Union([Type.Tuple([LonLat, LonLat]), Type.Null()], {
    description: '[[minLon, minLat], [maxLon, maxLat]] of the boundaries',
  }),
  districts: Type.Array(CityDistrictSchema),
  boundaries: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(BoundaryFeatureSchema),
  }),
});
export type CityDto = Static<typeof CitySchema>;
export type CityDistrictDto = Static<typeof CityDistrictSchema>;
