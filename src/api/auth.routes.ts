import { Type } from 'typebox';
import type { User } from '../store/types.js';
import { checkPassword } from '../store/user.repository.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ApiError } from './errors.js';
import { NoContentSchema as NoContent, PasswordSchema, UserSchema, UsernameSchema } from './schemas.js';

const ErrorRef = Type.Unsafe({ $ref: 'Error#' });

/** Bodies here are a username and a password or two: a few hundred bytes at most. */
const AUTH_BODY_LIMIT_BYTES = 4 * 1024;

/** The API shape of an account (never with its password hash). */
export function userDto(u: User) {
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

function tooManyAttempts(retryAfterSeconds: number): ApiError {
  return new ApiError('too-many-requests', `too many failed logins; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

/** Login, logout, the current session and the caller's own password. */
export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const { auth, store } = ctx;

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Log in: a bearer token with its expiry',
        body: Type.Object(
          { username: UsernameSchema, password: PasswordSchema },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            token: Type.String({ description: 'Send as Authorization: Bearer <token>' }),
            expiresAt: Type.String({ description: 'ISO 8601 UTC' }),
            user: UserSchema,
          }),
          401: ErrorRef,
          429: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const outcome = await auth.login(username, password, request.ip);
      if (outcome.ok) {
        return {
          token: outcome.token,
          expiresAt: outcome.expiresAt.toISOString(),
          user: userDto(outcome.user),
        };
      }
      switch (outcome.reason) {
        case 'bad_credentials':
          throw new ApiError('unauthorized', 'wrong username or password');
        case 'demo_account':
          throw new ApiError(
            'unauthorized',
            'demo accounts work only under `qingshan demo`; create a real account with `qingshan user add`',
          );
        case 'rate_limited':
          void reply.header('retry-after', String(outcome.retryAfterSeconds));
          throw tooManyAttempts(outcome.retryAfterSeconds);
        default:
          throw new ApiError('internal', 'unknown login outcome');
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'user' },
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'End this session (its token stops working)',
        response: { 204: NoContent, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      await auth.logout(principalOf(request), request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in account and when its token expires',
        response: {
          200: Type.Object({ user: UserSchema, expiresAt: Type.String({ description: 'ISO 8601 UTC' }) }),
          401: ErrorRef,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const user = await store.users.getById(p.userId);
      if (!user) throw new ApiError('unauthorized', 'the account no longer exists');
      return { user: userDto(user), expiresAt: p.expiresAt.toISOString() };
    },
  );

  app.put(
    '/api/v1/auth/password',
    {
      config: { access: 'user' },
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (your other sessions end)',
        body: Type.Object(
          { currentPassword: PasswordSchema, newPassword: PasswordSchema },
          { additionalProperties: false },
        ),
        response: { 204: NoContent, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      checkPassword(newPassword);
      const outcome = await auth.changePassword(
        principalOf(request),
        currentPassword,
        newPassword,
        request.ip,
      );
      switch (outcome) {
        case 'changed':
          return reply.status(204).send(null);
        case 'bad_credentials':
          throw new ApiError('forbidden', 'the current password is wrong');
        case 'rate_limited':
          throw new ApiError('too-many-requests', 'too many failed attempts; try again later');
        default:
          throw new ApiError('internal', 'unknown outcome');
      }
    },
  );
}
