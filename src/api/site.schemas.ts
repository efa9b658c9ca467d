/** Shapes of the city's districts and monitored places. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { OFFSET_MAX, PageSchema, literalUnion } from './common.schemas.js';

/**
 * The kinds of monitored place, as the API names them (the same list as `SITE_KINDS` of the
 * store: `src/api/schemas.test.ts` holds them equal).
 */
export const SITE_KINDS = ['air_station', 'water_section', 'enterprise', 'outlet', 'micro_sensor'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SiteKindSchema = literalUnion(SITE_KINDS, 'Kind of monitored place');

export const DistrictSchema = Type.Object({
  code: Type.String({ description: 'GB/T 2260 division code' }),
  name: Type.String(),
  nameEn: Type.String(),
});
export type DistrictDto = Static<typeof DistrictSchema>;

export const DistrictListSchema = Type.Object({ items: Type.Array(DistrictSchema) });

export const SiteSchema = Type.Object({
  id: Type.Integer(),
  kind: SiteKindSchema,
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  attributes: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'What the city file gave for the kind: network (air stations); waterType, targetClass, waterBody, basin (sections); industry, performanceGrade (enterprises); medium, emissionStandard, parameters (outlets)',
  }),
  demo: Type.Boolean({ description: 'True for demo data' }),
});
export type SiteDto = Static<typeof SiteSchema>;

export const SitePageSchema = PageSchema(SiteSchema);

export const SiteListQuerySchema = Type.Object(
  {
    kind: Type.Optional(SiteKindSchema),
    district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Division code' })),
    parent: Type.Optional(Type.String({ maxLength: 64, description: 'Code of the parent site' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: OFFSET_MAX })),
  },
  { additionalProperties: false },
);
export type SiteListQuery = Static<typeof SiteListQuerySchema>;

export const SiteCodeParamsSchema = Type.Object({ code: Type.String({ maxLength: 64 }) });
