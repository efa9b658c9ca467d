/**
 * Alarms: lists filtered by state, rule, severity, district, site and time (scoped to what the
 * caller may see), one alarm with its history and evidence, and acknowledging and closing with a
 * comment (audited by the alarm service).
 */
import type { Principal } from '../auth/access.js';
import { alarmDto, alarmEventDto } from './alarm.dto.js';
import {
  AlarmAcknowledgeBodySchema,
  AlarmCloseBodySchema,
  AlarmDetailSchema,
  AlarmListQuerySchema,
  AlarmParamsSchema,
  AlarmSchema,
} from './alarm.schemas.js';
import type { App, AppContext } from './app.js';
import { principalOf, scopedCallerOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './common.schemas.js';

/** Who may acknowledge and close alarms (a district officer only in the own district). */
const ALARM_HANDLER_ROLES: readonly Principal['role'][] = ['admin', 'supervisor', 'district', 'operator'];

export function registerAlarmRoutes(app: App, ctx: AppContext): void {
  const { alarms, scope } = ctx.services;

  app.get(
    '/api/v1/alarms',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'Alarms newest first, filtered and paged; only sites the caller may see',
        querystring: AlarmListQuerySchema,
        response: { 200: PageSchema(AlarmSchema), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await alarms.list(await scope.of(principalOf(request)), {
        state: q.state,
        active: q.active,
        rule: q.rule,
        severity: q.severity,
        districtCode: q.district,
        siteCode: q.site,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        limit: q.limit,
        cursor: q.cursor,
      });
      return { ...page, items: page.items.map(alarmDto) };
    },
  );

  app.get(
    '/api/v1/alarms/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'One alarm with its evidence and its whole history (opened, updated, acknowledged, closed)',
        params: AlarmParamsSchema,
        response: { 200: AlarmDetailSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const found = await alarms.visible(await scope.of(principalOf(request)), request.params.id);
      return { alarm: alarmDto(found), events: found.alarm.events.map(alarmEventDto) };
    },
  );

  app.post(
    '/api/v1/alarms/:id/acknowledge',
    {
      config: { access: ALARM_HANDLER_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary: 'Acknowledge an open alarm, with an optional comment (audited)',
        params: AlarmParamsSchema,
        body: AlarmAcknowledgeBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const comment = request.body.comment?.trim() || null;
      return alarmDto(await alarms.acknowledge(caller, request.params.id, comment));
    },
  );

  app.post(
    '/api/v1/alarms/:id/close',
    {
      config: { access: ALARM_HANDLER_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary: 'Close an open or acknowledged alarm with a reason (audited)',
        params: AlarmParamsSchema,
        body: AlarmCloseBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      return alarmDto(await alarms.close(caller, request.params.id, request.body.reason));
    },
  );
}
