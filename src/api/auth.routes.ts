/** Login, logout, the current session and the caller's own password. */
import type { Login } from '../auth/auth.service.js';
import { TooManyAttemptsError } from '../auth/auth.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import type { LoginDto } from './auth.schemas.js';
import { LoginBodySchema, LoginSchema, PasswordChangeBodySchema, SessionSchema } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema as NoContent } from './common.schemas.js';
import { userDto } from './user.routes.js';

/** Bodies here are a username and a password or two: a few hundred bytes at most. */
const AUTH_BODY_LIMIT_BYTES = 4 * 1024;

function loginDto(l: Login): LoginDto {
  return { token: l.token, expiresAt: l.expiresAt.toISOString(), user: userDto(l.user) };
}

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const { auth } = ctx.services;

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      schema: {
        tags: ['auth'],
        summary: 'Log in: a bearer token with its expiry',
        body: LoginBodySchema,
        response: { 200: LoginSchema, 401: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      try {
        return loginDto(await auth.login(username, password, request.ip));
      } catch (err) {
        // The error itself is the family's to answer; a rate-limited client also hears when to retry.
        if (err instanceof TooManyAttemptsError && err.retryAfterSeconds !== undefined) {
          void reply.header('retry-after', String(err.retryAfterSeconds));
        }
        throw err;
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
        response: { 200: SessionSchema, 401: ErrorRef },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { user: userDto(await auth.me(p)), expiresAt: p.expiresAt.toISOString() };
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
        body: PasswordChangeBodySchema,
        response: { 204: NoContent, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await auth.changePassword(principalOf(request), currentPassword, newPassword, request.ip);
      return reply.status(204).send(null);
    },
  );
}
