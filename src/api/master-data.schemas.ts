/**
 * Shapes of the bureau's master-data edits: districts and sites (air stations, water sections,
 * enterprises, outlets) created, edited, retired and reinstated through the admin pages. The
 * service checks what a schema cannot (a district that exists, a kind's attributes) and names the
 * field; nothing here is ever deleted.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, literalUnion } from './common.schemas.js';
import type { UserRole } from './user.schemas.js';

/** Who edits master data: the bureau's administrators. */
export const MASTER_DATA_ROLES: readonly UserRole[] = ['admin'];

/** The kinds of site the admin pages edit. */
export const MASTER_SITE_KINDS = ['air_station', 'water_section', 'enterprise', 'outlet'] as const;
export type MasterSiteKindDto = (typeof MASTER_SITE_KINDS)[number];
export const MasterSiteKindSchema = literalUnion(MASTER_SITE_KINDS, 'Kind of site');

const Name = Type.String({ minLength: 1, maxLength: 128 });
const NameEn = Type.String({ maxLength: 128 });
const DivisionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 division code' });
const SiteCode = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Site code (letters, digits, . - _)',
});
const Longitude = Type.Union([Type.Null(), Type.Number({ minimum: -180, maximum: 180 })], {
  description: 'Degrees east',
});
const Latitude = Type.Union([Type.Null(), Type.Number({ minimum: -90, maximum: 90 })], {
  description: 'Degrees north',
});

export const MasterDistrictSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()], { description: 'Code of the parent division' }),
  retiredAt: Type.Union([InstantSchema, Type.Null()]),
});
export type MasterDistrictDto = Static<typeof MasterDistrictSchema>;

export const MasterDistrictListSchema = Type.Object({ items: Type.Array(MasterDistrictSchema) });
export type MasterDistrictListDto = Static<typeof MasterDistrictListSchema>;

export const DistrictCreateBodySchema = Type.Object(
  {
    code: DivisionCode,
    name: Name,
    nameEn: Type.Optional(NameEn),
    parent: Type.Optional(Type.Union([Type.Null(), DivisionCode])),
  },
  { additionalProperties: false },
);
export type DistrictCreateBody = Static<typeof DistrictCreateBodySchema>;

export const DistrictPatchBodySchema = Type.Object(
  {
    name: Type.Optional(Name),
    nameEn: Type.Optional(NameEn),
    parent: Type.Optional(Type.Union([Type.Null(), DivisionCode])),
  },
  { additionalProperties: false },
);
export type DistrictPatchBody = Static<typeof DistrictPatchBodySchema>;

export const DistrictCodeParamsSchema = Type.Object({ code: Type.String({ maxLength: 16 }) });

/** Attributes by kind; which are required depends on the kind (the service names a missing one). */
export const SiteAttributesBodySchema = Type.Object(
  {
    network: Type.Optional(
      literalUnion(['national', 'provincial', 'city'], 'Network level (stations, sections)'),
    ),
    cityAqi: Type.Optional(Type.Boolean({ description: "Air stations: counted in the city's AQI" })),
    waterType: Type.Optional(literalUnion(['river', 'lake'], 'Sections: river or lake')),
    targetClass: Type.Optional(literalUnion(['I', 'II', 'III', 'IV', 'V'], 'Sections: GB 3838 target class')),
    waterBody: Type.Optional(Type.String({ maxLength: 128 })),
    basin: Type.Optional(Type.String({ maxLength: 128 })),
    automatic: Type.Optional(
      Type.Boolean({ description: 'Sections: automatic station (else manual sampling)' }),
    ),
    industry: Type.Optional(Type.String({ maxLength: 128 })),
    industryCode: Type.Optional(Type.String({ maxLength: 8, description: 'GB/T 4754 industry code' })),
    performanceGrade: Type.Optional(literalUnion(['A', 'B', 'B-', 'C', 'D', 'none'], 'Performance grade')),
    creditCode: Type.Optional(Type.String({ maxLength: 18, description: 'Unified social credit code' })),
    address: Type.Optional(Type.String({ maxLength: 256 })),
    permit: Type.Optional(Type.String({ maxLength: 64, description: 'Pollutant discharge permit number' })),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 16 })),
    medium: Type.Optional(literalUnion(['gas', 'water'], 'Outlets: flue gas or wastewater')),
    emissionStandard: Type.Optional(Type.String({ maxLength: 64 })),
    referenceO2Pct: Type.Optional(Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 21 })])),
    parameters: Type.Optional(
      Type.Array(Type.String({ maxLength: 16 }), { maxItems: 64, description: 'HJ 212-2017 codes' }),
    ),
  },
  { additionalProperties: false },
);
export type SiteAttributesBody = Static<typeof SiteAttributesBodySchema>;

export const SiteCreateBodySchema = Type.Object(
  {
    kind: MasterSiteKindSchema,
    code: SiteCode,
    name: Name,
    district: DivisionCode,
    longitude: Type.Optional(Longitude),
    latitude: Type.Optional(Latitude),
    enterprise: Type.Optional(
      Type.String({ maxLength: 64, description: "Outlets: their enterprise's code" }),
    ),
    attributes: Type.Optional(SiteAttributesBodySchema),
  },
  { additionalProperties: false },
);
export type SiteCreateBody = Static<typeof SiteCreateBodySchema>;

export const SitePatchBodySchema = Type.Object(
  {
    name: Type.Optional(Name),
    district: Type.Optional(DivisionCode),
    longitude: Type.Optional(Longitude),
    latitude: Type.Optional(Latitude),
    enterprise: Type.Optional(Type.String({ maxLength: 64 })),
    attributes: Type.Optional(SiteAttributesBodySchema),
  },
  { additionalProperties: false },
);
export type SitePatchBody = Static<typeof SitePatchBodySchema>;

export const MasterSiteParamsSchema = Type.Object({ code: Type.String({ maxLength: 64 }) });

export const MasterSiteSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()], { description: "Outlets: their enterprise's code" }),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  demo: Type.Boolean(),
  retiredAt: Type.Union([InstantSchema, Type.Null()]),
});
export type MasterSiteDto = Static<typeof MasterSiteSchema>;

export const MasterSiteListSchema = Type.Object({ items: Type.Array(MasterSiteSchema) });
export type MasterSiteListDto = Static<typeof MasterSiteListSchema>;

export const MasterSiteQuerySchema = Type.Object(
  {
    kind: Type.Optional(MasterSiteKindSchema),
    q: Type.Optional(Type.String({ maxLength: 64, description: 'Part of the code or name' })),
    includeRetired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MasterSiteQuery = Static<typeof MasterSiteQuerySchema>;
