/** GET /api/v1/health: whether the platform and its store answer (503 when the store does not). */
import type { AppContext, App } from './app.js';
import { HealthSchema } from './health.schemas.js';

export function registerHealthRoutes(app: App, ctx: AppContext): void {
  const { health } = ctx.services;
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
      const report = await health.report({ version: ctx.version, startedAt: ctx.startedAt });
      return reply
        .status(report.store.reachable ? 200 : 503)
        .send({ ...report, now: report.now.toISOString() });
    },
  );
}
