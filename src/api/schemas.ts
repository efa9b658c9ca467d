/**
 * Request and response schemas of the HTTP API, defined once with TypeBox: Fastify validates with
 * them, the OpenAPI document is generated from them, and the web imports the inferred types.
 */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { READING_INTERVALS, SITE_KINDS } from '../store/types.js';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. bad-request, not-found' }),
      message: Type.String({ description: 'What went wrong, naming the field where one is wrong' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'The error envelope' },
);

export const SiteKindSchema = Type.Union(
  SITE_KINDS.map((k) => Type.Literal(k)),
  { description: 'Kind of monitored place' },
);

export const IntervalSchema = Type.Union(
  READING_INTERVALS.map((k) => Type.Literal(k)),
  { description: 'rt (HJ 212 2011), min (2051), hour (2061), day (2031)' },
);

export const DistrictSchema = Type.Object({
  code: Type.String({ description: 'GB/T 2260 division code' }),
  name: Type.String(),
  nameEn: Type.String(),
});
export type DistrictDto = Static<typeof DistrictSchema>;

export const SiteSchema = Type.Object({
  id: Type.Integer(),
  kind: SiteKindSchema,
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  demo: Type.Boolean({ description: 'True for demo data' }),
});
export type SiteDto = Static<typeof SiteSchema>;

/** A page of items with the total and the cursor of the next page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Union([Type.Integer(), Type.Null()]),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page',
    }),
  });
}

export const PageQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Page size (default 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  store: Type.Object({
    dialect: Type.String(),
    reachable: Type.Boolean(),
    error: Type.Optional(Type.String()),
  }),
  now: Type.String({ description: 'Server time, ISO 8601 UTC' }),
});
export type HealthDto = Static<typeof HealthSchema>;
