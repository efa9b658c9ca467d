import { Type } from 'typebox';
import { AccountError } from '../auth/account.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { userDto } from './auth.routes.js';
import { ApiError, notFound } from './errors.js';
import {
  ErrorRefSchema as ErrorRef,
  NoContentSchema,
  PasswordSchema,
  UserRoleSchema,
  UserSchema,
  UsernameSchema,
} from './schemas.js';

/** An account body is a handful of short fields. */
const USER_BODY_LIMIT_BYTES = 8 * 1024;

const UsernameParams = Type.Object({ username: UsernameSchema });
const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'Division code, for role district' });
const EnterpriseCode = Type.String({
  maxLength: 64,
  description: 'Enterprise site code, for role enterprise',
});

/** Maps the account service's refusals onto the error envelope. */
async function accountCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AccountError) throw new ApiError(err.kind, err.message);
    throw err;
  }
}

/** Account administration: admins create, change, disable and reset accounts. */
export function registerUserRoutes(app: App, ctx: AppContext): void {
  const { accounts, store } = ctx;

  app.get(
    '/api/v1/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'All accounts',
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }), 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => ({ items: (await store.users.list()).map(userDto) }),
  );

  app.get(
    '/api/v1/users/:username',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'One account',
        params: UsernameParams,
        response: { 200: UserSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const user = await store.users.getByUsername(request.params.username);
      if (!user) throw notFound(`user ${request.params.username}`);
      return userDto(user);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ['admin'] },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Create an account (audited)',
        body: Type.Object(
          {
            username: UsernameSchema,
            password: PasswordSchema,
            role: UserRoleSchema,
            district: Type.Optional(DistrictCode),
            enterprise: Type.Optional(EnterpriseCode),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      const user = await accountCall(() => accounts.create(actor, request.body, request.ip));
      return reply.status(201).send(userDto(user));
    },
  );

  app.patch(
    '/api/v1/users/:username',
    {
      config: { access: ['admin'] },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Change an account: role, district or enterprise, enabled (audited)',
        params: UsernameParams,
        body: Type.Object(
          {
            role: Type.Optional(UserRoleSchema),
            district: Type.Optional(Type.Union([DistrictCode, Type.Null()])),
            enterprise: Type.Optional(Type.Union([EnterpriseCode, Type.Null()])),
            enabled: Type.Optional(
              Type.Boolean({ description: 'false disables the account and ends its sessions' }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: UserSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      const user = await accountCall(() =>
        accounts.update(actor, request.params.username, request.body, request.ip),
      );
      return userDto(user);
    },
  );

  app.put(
    '/api/v1/users/:username/password',
    {
      config: { access: ['admin'] },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: "Reset an account's password (its sessions end; audited)",
        params: UsernameParams,
        body: Type.Object({ password: PasswordSchema }, { additionalProperties: false }),
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      await accountCall(() =>
        accounts.resetPassword(actor, request.params.username, request.body.password, request.ip),
      );
      return reply.status(204).send(null);
    },
  );
}
