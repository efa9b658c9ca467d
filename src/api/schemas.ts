/**
 * Request and response schemas of the HTTP API, defined once with TypeBox: Fastify validates with
 * them, the OpenAPI document is generated from them, and the web imports the inferred types.
 */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { READING_INTERVALS, SITE_KINDS, USER_ROLES } from '../store/types.js';
import type { UserRole } from '../store/types.js';

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

/** Typed through `Unsafe`: TypeBox infers `never` for a union over a mapped array. */
export const UserRoleSchema = Type.Unsafe<UserRole>(
  Type.Union(
    USER_ROLES.map((r) => Type.Literal(r)),
    {
      description:
        'admin (bureau administrator), supervisor (bureau staff), district (one district), enterprise (one enterprise), operator (devices and data flags)',
    },
  ),
);

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: UserRoleSchema,
  districtCode: Type.Union([Type.String(), Type.Null()], { description: 'Bound district (role district)' }),
  enterpriseSiteId: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Bound enterprise site id (role enterprise)',
  }),
  enabled: Type.Boolean(),
  demo: Type.Boolean({ description: 'A demo account: refused when the platform runs with serve' }),
  createdAt: Type.String({ description: 'ISO 8601 UTC' }),
});
export type UserDto = Static<typeof UserSchema>;

/** A login password in a request body (the rules on length are checked by the service). */
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 256 });
/** A login name in a request body. */
export const UsernameSchema = Type.String({ minLength: 1, maxLength: 64 });

/** The response of a 204: no body. */
export const NoContentSchema = Type.Null({ description: 'Done; no body' });

/** The shared error envelope, by reference. */
export const ErrorRefSchema = Type.Unsafe({ $ref: 'Error#' });
