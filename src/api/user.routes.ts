/** Account administration: admins create, change, disable and reset accounts (audited by the service). */
import type { User } from '../auth/account.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { ACCOUNT_ADMIN_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './common.schemas.js';
import type { UserDto } from './user.schemas.js';
import {
  NewUserBodySchema,
  PasswordResetBodySchema,
  UserListSchema,
  UserPatchBodySchema,
  UserSchema,
  UsernameParamsSchema,
} from './user.schemas.js';

/** An account body is a handful of short fields. */
const USER_BODY_LIMIT_BYTES = 8 * 1024;

/** The API shape of an account (never with its password hash). */
export function userDto(u: User): UserDto {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    districtCode: u.districtCode,
    enterpriseSiteId: u.enterpriseSiteId,
    enabled: u.enabled,
    demo: u.demo,
    createdAt: u.createdAt.toISOString(),
  };
}

export function registerUserRoutes(app: App, ctx: AppContext): void {
  const { accounts } = ctx.services;

  app.get(
    '/api/v1/users',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'All accounts',
        response: { 200: UserListSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => ({ items: (await accounts.list()).map(userDto) }),
  );

  app.get(
    '/api/v1/users/:username',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'One account',
        params: UsernameParamsSchema,
        response: { 200: UserSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => userDto(await accounts.get(request.params.username)),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Create an account (audited)',
        body: NewUserBodySchema,
        response: { 201: UserSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = await accounts.create(actorOf(principalOf(request)), request.body, request.ip);
      return reply.status(201).send(userDto(user));
    },
  );

  app.patch(
    '/api/v1/users/:username',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Change an account: role, district or enterprise, enabled (audited)',
        params: UsernameParamsSchema,
        body: UserPatchBodySchema,
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
      return userDto(await accounts.update(actor, request.params.username, request.body, request.ip));
    },
  );

  app.put(
    '/api/v1/users/:username/password',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      bodyLimit: USER_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: "Reset an account's password (its sessions end; audited)",
        params: UsernameParamsSchema,
        body: PasswordResetBodySchema,
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      await accounts.resetPassword(actor, request.params.username, request.body.password, request.ip);
      return reply.status(204).send(null);
    },
  );
}
