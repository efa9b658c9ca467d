/**
 * Shapes of accounts: the roles, an account as the API shows it (never with its password hash)
 * and the bodies of account administration.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, literalUnion } from './common.schemas.js';

/**
 * The roles of an account, as the API names them (the same list as `USER_ROLES` of the store:
 * `src/api/schemas.test.ts` holds them equal).
 */
export const USER_ROLES = ['admin', 'supervisor', 'district', 'enterprise', 'operator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const UserRoleSchema = literalUnion(
  USER_ROLES,
  'admin (bureau administrator), supervisor (bureau staff), district (one district), enterprise (one enterprise), operator (devices and data flags)',
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
  createdAt: InstantSchema,
});
export type UserDto = Static<typeof UserSchema>;

/** A login password in a request body (the rules on length are checked by the service). */
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 256 });
/** A login name in a request body. */
export const UsernameSchema = Type.String({ minLength: 1, maxLength: 64 });

export const UserListSchema = Type.Object({ items: Type.Array(UserSchema) });
export type UserListDto = Static<typeof UserListSchema>;

export const UsernameParamsSchema = Type.Object({ username: UsernameSchema });

const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'Division code, for role district' });
const EnterpriseCode = Type.String({
  maxLength: 64,
  description: 'Enterprise site code, for role enterprise',
});

export const NewUserBodySchema = Type.Object(
  {
    username: UsernameSchema,
    password: PasswordSchema,
    role: UserRoleSchema,
    district: Type.Optional(DistrictCode),
    enterprise: Type.Optional(EnterpriseCode),
  },
  { additionalProperties: false },
);
export type NewUserBody = Static<typeof NewUserBodySchema>;

export const UserPatchBodySchema = Type.Object(
  {
    role: Type.Optional(UserRoleSchema),
    district: Type.Optional(Type.Union([DistrictCode, Type.Null()])),
    enterprise: Type.Optional(Type.Union([EnterpriseCode, Type.Null()])),
    enabled: Type.Optional(Type.Boolean({ description: 'false disables the account and ends its sessions' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatchBody = Static<typeof UserPatchBodySchema>;

export const PasswordResetBodySchema = Type.Object(
  { password: PasswordSchema },
  { additionalProperties: false },
);
export type PasswordResetBody = Static<typeof PasswordResetBodySchema>;
