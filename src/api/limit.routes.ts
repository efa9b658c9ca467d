/**
 * Emission limits of outlets: the rows in force and their record (`GET /api/v1/limits?site=`), the
 * bureau's additions — hand-entered rows or a preset applied (`POST /api/v1/limits`, audited as
 * `limit.changed` by the limit service) — and the built-in presets (`GET /api/v1/limit-presets`).
 */
import type { OutletLimit } from '../alarms/limit.service.js';
import { BUREAU_ROLES } from './auth.schemas.js';
import type { App, AppContext } from './app.js';
import { principalOf, scopedCallerOf } from './auth.hook.js';
import { badRequest } from './errors.js';
import type { LimitDto } from './limit.schemas.js';
import {
  LimitAddBodySchema,
  LimitAddedSchema,
  LimitPresetListSchema,
  LimitQuerySchema,
  OutletLimitsSchema,
} from './limit.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { parameterNameOf } from './parameter.dto.js';

function limitDto(l: OutletLimit): LimitDto {
  return { ...l, parameterName: parameterNameOf(l.parameter), createdAt: l.createdAt.toISOString() };
}

export function registerLimitRoutes(app: App, ctx: AppContext): void {
  const { limits, scope } = ctx.services;

  app.get(
    '/api/v1/limits',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: "An outlet's emission limits: the rows in force today and every row ever entered",
        querystring: LimitQuerySchema,
        response: { 200: OutletLimitsSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const found = await limits.ofOutlet(await scope.of(principalOf(request)), request.query.site);
      return { ...found, inForce: found.inForce.map(limitDto), history: found.history.map(limitDto) };
    },
  );

  app.post(
    '/api/v1/limits',
    {
      config: { access: BUREAU_ROLES },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['alarms'],
        summary:
          'Add limit rows to an outlet, by hand or from a preset ("auto": the one its attributes select); the newest row in force wins (audited)',
        body: LimitAddBodySchema,
        response: {
          201: LimitAddedSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const { site, preset, limits: rows } = request.body;
      const caller = await scopedCallerOf(request, scope);
      let added: OutletLimit[];
      if (preset !== undefined && rows === undefined) added = await limits.applyPreset(caller, site, preset);
      else if (rows !== undefined && preset === undefined) added = await limits.addRows(caller, site, rows);
      else throw badRequest('give either preset or limits, not both and not neither');
      return reply.status(201).send({ added: added.map(limitDto) });
    },
  );

  app.get(
    '/api/v1/limit-presets',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'The built-in limit presets, their rows in force today and what each assumes',
        response: { 200: LimitPresetListSchema, 401: ErrorRef },
      },
    },
    () => ({ items: limits.presets() }),
  );
}
