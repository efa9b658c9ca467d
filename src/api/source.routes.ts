/**
 * Pollution sources: an outlet's compliance per China-local day and for the month — hours valid
 * and exceeding, loads, transmission and validity rates (the source service).
 */
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { ComplianceQuerySchema, ComplianceSchema, OutletParamsSchema } from './source.schemas.js';

export function registerSourceRoutes(app: App, ctx: AppContext): void {
  const { sources, scope } = ctx.services;

  app.get(
    '/api/v1/sites/:code/compliance',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          "An outlet's compliance per China-local day and for the month: hours valid and exceeding, loads, transmission and validity rates",
        params: OutletParamsSchema,
        querystring: ComplianceQuerySchema,
        response: { 200: ComplianceSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const report = await sources.compliance(
        await scope.of(principalOf(request)),
        request.params.code,
        request.query.month,
      );
      return {
        ...report,
        limits: report.limits.map((l) => ({
          parameter: l.parameter,
          value: l.value,
          lowerValue: l.lowerValue,
          unit: l.unit,
          averaging: l.averaging,
          standard: l.standard,
        })),
      };
    },
  );
}
