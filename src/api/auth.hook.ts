/**
 * Authorisation in one place. Every route declares `config: { access }` ('public', 'user' or a
 * list of roles); a route without one stops the app from starting, naming the route. One
 * `onRequest` hook resolves the bearer token into `request.principal` and answers 401 (no or bad
 * token on a non-public route) or 403 (logged in, wrong role) before any handler or body parsing.
 * Row-level scope (district, enterprise) is the services': a route passes the principal to the
 * service, which scopes its query (`ScopeService`) and answers NotFoundError for a row outside it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/audit.service.js';
import type { Access, Principal } from '../auth/access.js';
import { accessProblem, decideAccess } from '../auth/access.js';
import type { AuthService } from '../auth/auth.service.js';
import type { ScopedCaller, ScopeService } from '../auth/scope.js';
import { UnauthorizedError } from '../auth/auth.service.js';
import { ForbiddenError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route (see src/api/auth.hook.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    /** The logged-in caller, or null for an anonymous one. */
    principal: Principal | null;
  }
}

/** The OpenAPI security scheme name of bearer tokens. */
export const BEARER_SCHEME = 'bearerAuth';

function describeAccess(access: Access): string {
  if (access === 'public') return 'public (no login)';
  if (access === 'user') return 'any logged-in user, scoped to what the user may see';
  return `roles: ${access.join(', ')}`;
}

function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

/**
 * Installs the access check. Call before any route is registered (and before the OpenAPI plugin,
 * so that the security requirement it adds to each route's schema reaches the document).
 */
export function installAccessControl(app: FastifyInstance, auth: Pick<AuthService, 'authenticate'>): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access: unknown = route.config?.access;
    const problem = accessProblem(access);
    if (problem !== null) {
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new Error(
        `route ${methods} ${route.url} ${problem}: add config: { access: 'public' | 'user' | [roles] } (see src/auth/access.ts)`,
      );
    }
    const declared = access as Access;
    const schema = route.schema as { hide?: boolean; description?: string; security?: unknown } | undefined;
    if (schema !== undefined && schema.hide !== true) {
      const line = `Access: ${describeAccess(declared)}.`;
      if (!(schema.description ?? '').includes(line)) {
        schema.description = schema.description ? `${schema.description}\n\n${line}` : line;
      }
      if (declared !== 'public') schema.security = [{ [BEARER_SCHEME]: [] }];
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // Only the not-found handler has no declaration: every route was checked at start-up.
      if (request.is404) return;
      throw new Error('route without an access declaration');
    }
    const token = bearerToken(request.headers.authorization);
    const principal = token === null || token === '' ? null : await auth.authenticate(token);
    request.principal = principal;
    switch (decideAccess(access, principal)) {
      case 'allow':
        return;
      case 'unauthorized':
        void reply.header('www-authenticate', 'Bearer');
        throw new UnauthorizedError(
          token === null
            ? 'log in first: send Authorization: Bearer <token> from POST /api/v1/auth/login'
            : 'the token is invalid or has expired; log in again',
        );
      case 'forbidden':
        throw new ForbiddenError(`this needs one of the roles ${(access as readonly string[]).join(', ')}`);
      default:
        throw new Error('unknown access decision');
    }
  });
}

/** The caller of a route declared other than 'public' (the hook has already refused anonymous ones). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new UnauthorizedError('log in first');
  return request.principal;
}

/** The audit actor of a principal. */
export function actorOf(p: Principal): AuditActor {
  return { username: p.username, role: p.role };
}

/** The logged-in caller as scoped services take them: actor, scope and address. */
export async function scopedCallerOf(request: FastifyRequest, scope: ScopeService): Promise<ScopedCaller> {
  const principal = principalOf(request);
  return { actor: actorOf(principal), scope: await scope.of(principal), address: request.ip };
}
