import type { AppContext, App } from './app.js';
import { HealthSchema } from './schemas.js';

export function registerHealthRoutes(app: App, deps: AppContext): void {
  app.get(
    '/api/v1/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the platform and its store answer',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const now = deps.clock.now();
      let reachable = true;
      let error: string | undefined;
      try {
        await deps.store.ping();
      } catch (err) {
        reachable = false;
        error = err instanceof Error ? err.message : 'store did not answer';
      }
      const body = {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        uptimeSeconds: Math.max(0, Math.round((now.getTime() - deps.startedAt.getTime()) / 1000)),
        store: { dialect: deps.store.dialect, reachable, ...(error !== undefined ? { error } : {}) },
        now: now.toISOString(),
      };
      return reply.status(reachable ? 200 : 503).send(body);
    },
  );
}
