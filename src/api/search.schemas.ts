/**
 * Shapes of the global search (`GET /search?q=`): enterprises, outlets, stations, sections,
 * devices (MN) and case numbers the caller may see. Imports nothing but TypeBox.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Text in a name, code, credit code, MN or case number',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Most hits (default 20)' })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const SearchHitSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('enterprise'),
    Type.Literal('outlet'),
    Type.Literal('air_station'),
    Type.Literal('water_section'),
    Type.Literal('micro_sensor'),
    Type.Literal('device'),
    Type.Literal('case'),
  ]),
  code: Type.String({ description: 'Site code, MN, or case number' }),
  name: Type.String(),
  enterpriseCode: Type.Union([Type.String(), Type.Null()], {
    description: 'The enterprise of an outlet or device, for a link to its file',
  }),
  siteCode: Type.Union([Type.String(), Type.Null()]),
  siteKind: Type.Union([Type.String(), Type.Null()], { description: 'Kind of that site (a device hit)' }),
  districtCode: Type.Union([Type.String(), Type.Null()]),
});
export type SearchHitDto = Static<typeof SearchHitSchema>;

export const SearchResultSchema = Type.Object({ items: Type.Array(SearchHitSchema) });
export type SearchResultDto = Static<typeof SearchResultSchema>;
