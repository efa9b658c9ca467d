/**
 * Alarms: lists filtered by state, rule, severity, district, site and time (scoped to what the
 * caller may see), one alarm with its history and evidence, acknowledging and closing with a
 * comment (audited), and an outlet's compliance summary per day and month.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { AlarmService } from '../alarms/alarm.service.js';
import { outletCompliance, monthRange } from '../alarms/compliance.js';
import type { Principal } from '../auth/access.js';
import { scopeOf, siteIdsOf, siteInScope } from '../auth/scope.js';
import { chinaDate } from '../standards/china-time.js';
import type { Alarm } from '../store/alarm.repository.js';
import { AlarmStateError } from '../store/alarm.repository.js';
import type { Site } from '../store/types.js';
import type { UserRole } from '../store/types.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { ApiError, badRequest, notFound } from './errors.js';
import {
  AlarmEventSchema,
  AlarmRuleSchema,
  AlarmSchema,
  AlarmSeveritySchema,
  AlarmStateSchema,
  alarmDto,
  alarmEventDto,
} from './alarm.schemas.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './common.schemas.js';

/** Who may acknowledge and close alarms (a district officer only in the own district). */
export const ALARM_HANDLER_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'district', 'operator'];

const AlarmParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Alarm id' }) });

const ListQuery = Type.Object({
  state: Type.Optional(AlarmStateSchema),
  active: Type.Optional(Type.Boolean({ description: 'true: open or acknowledged; false: closed' })),
  rule: Type.Optional(AlarmRuleSchema),
  severity: Type.Optional(AlarmSeveritySchema),
  district: Type.Optional(Type.String({ maxLength: 12, description: 'District code' })),
  site: Type.Optional(Type.String({ maxLength: 64, description: 'Site code' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Seen at or after (ISO 8601)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Opened before (ISO 8601)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Page size (default 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

const CommentBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
const CloseBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why it is closed (kept for ever)' }) },
  { additionalProperties: false },
);

const RatesSchema = {
  transmissionRate: Type.Number({ description: '传输率 received / expected hourly values' }),
  validityRate: Type.Union([Type.Number(), Type.Null()], { description: '有效率 valid / received' }),
  effectiveTransmissionRate: Type.Number({ description: '有效传输率 = 有效率 × 传输率' }),
};
const DaySummarySchema = Type.Object({
  date: Type.String({ description: 'China-local day' }),
  hoursReceived: Type.Integer(),
  hoursValid: Type.Integer({ description: 'Hours with a valid hourly value of every limited parameter' }),
  hoursExceeding: Type.Integer({ description: 'Hours above an hourly limit' }),
  exceedingHoursByParameter: Type.Record(Type.String(), Type.Integer()),
  dailyExceedances: Type.Array(Type.String(), { description: 'Parameters above a daily limit' }),
  loadsKg: Type.Record(Type.String(), Type.Number(), { description: 'Pollutant loads, kg' }),
  ...RatesSchema,
});
export const ComplianceSchema = Type.Object({
  site: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  month: Type.String(),
  limits: Type.Array(
    Type.Object({
      parameter: Type.String(),
      value: Type.Number(),
      lowerValue: Type.Union([Type.Number(), Type.Null()]),
      unit: Type.String(),
      averaging: Type.String(),
      standard: Type.String(),
    }),
  ),
  days: Type.Array(DaySummarySchema),
  total: Type.Object({
    hoursReceived: Type.Integer(),
    hoursValid: Type.Integer(),
    hoursExceeding: Type.Integer(),
    exceedingHoursByParameter: Type.Record(Type.String(), Type.Integer()),
    daysWithDailyExceedance: Type.Integer(),
    loadsKg: Type.Record(Type.String(), Type.Number()),
    ...RatesSchema,
  }),
});
/** An outlet's compliance summary as the API sends it (the web imports this type). */
export type ComplianceDto = Static<typeof ComplianceSchema>;

export function registerAlarmRoutes(app: App, ctx: AppContext): void {
  const { store, audit, clock } = ctx;
  const service = new AlarmService(store.alarms, clock);

  async function sitesOf(alarms: readonly Alarm[]): Promise<Map<number, Site>> {
    const ids = [...new Set(alarms.map((a) => a.siteId))];
    if (ids.length === 0) return new Map();
    const page = await store.sites.list({ ids, limit: 1000 });
    return new Map(page.items.map((s) => [s.id, s]));
  }

  /** The alarm and its site when the caller may see them; 404 otherwise (as if absent). */
  async function visibleAlarm(principal: Principal, id: number) {
    const alarm = await store.alarms.getById(id);
    const site = alarm === null ? null : await store.sites.getById(alarm.siteId);
    if (alarm === null || site === null || !siteInScope(await scopeOf(principal, store), site)) {
      throw notFound(`alarm ${id}`);
    }
    return { alarm, site };
  }

  function conflict(err: unknown): never {
    if (err instanceof AlarmStateError) throw new ApiError('conflict', err.message, { state: err.state });
    throw err;
  }

  app.get(
    '/api/v1/alarms',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'Alarms newest first, filtered and paged; only sites the caller may see',
        querystring: ListQuery,
        response: { 200: PageSchema(AlarmSchema), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const scope = await scopeOf(principalOf(request), store);
      let siteId: number | undefined;
      if (q.site !== undefined) {
        const site = await store.sites.getByCode(q.site);
        if (site === null || !siteInScope(scope, site)) return { items: [], total: 0, nextCursor: null };
        siteId = site.id;
      }
      const page = await store.alarms.list({
        state: q.state,
        active: q.active,
        rule: q.rule,
        severity: q.severity,
        districtCode: q.district,
        siteId,
        siteIds: await siteIdsOf(scope, store),
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        limit: q.limit,
        cursor: q.cursor,
      });
      const sites = await sitesOf(page.items);
      return { ...page, items: page.items.map((a) => alarmDto(a, sites.get(a.siteId))) };
    },
  );

  app.get(
    '/api/v1/alarms/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'One alarm with its evidence and its whole history (opened, updated, acknowledged, closed)',
        params: AlarmParams,
        response: {
          200: Type.Object({ alarm: AlarmSchema, events: Type.Array(AlarmEventSchema) }),
          401: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const { alarm, site } = await visibleAlarm(principalOf(request), request.params.id);
      return { alarm: alarmDto(alarm, site), events: alarm.events.map(alarmEventDto) };
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
        params: AlarmParams,
        body: CommentBody,
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
      const principal = principalOf(request);
      const { site } = await visibleAlarm(principal, request.params.id);
      const comment = request.body.comment?.trim() || null;
      const change = await service
        .acknowledge(request.params.id, principal.username, comment)
        .catch(conflict);
      await audit.record({
        action: 'alarm.acknowledged',
        actor: actorOf(principal),
        target: { type: 'alarm', id: change.alarm.id },
        details: { siteCode: site.code, parameter: change.alarm.parameter, rule: change.alarm.rule, comment },
        address: request.ip,
      });
      return alarmDto(change.alarm, site);
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
        params: AlarmParams,
        body: CloseBody,
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
      const principal = principalOf(request);
      const { site } = await visibleAlarm(principal, request.params.id);
      const reason = request.body.reason.trim();
      if (reason === '') throw badRequest('reason must not be blank');
      const change = await service.close(request.params.id, principal.username, reason).catch(conflict);
      await audit.record({
        action: 'alarm.closed',
        actor: actorOf(principal),
        target: { type: 'alarm', id: change.alarm.id },
        details: { siteCode: site.code, parameter: change.alarm.parameter, rule: change.alarm.rule, reason },
        address: request.ip,
      });
      return alarmDto(change.alarm, site);
    },
  );

  app.get(
    '/api/v1/sites/:code/compliance',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          "An outlet's compliance per China-local day and for the month: hours valid and exceeding, loads, transmission and validity rates",
        params: Type.Object({ code: Type.String({ maxLength: 64, description: 'Outlet site code' }) }),
        querystring: Type.Object({
          month: Type.Optional(
            Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM (default this month)' }),
          ),
        }),
        response: { 200: ComplianceSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const site = await store.sites.getByCode(request.params.code);
      if (site === null || !siteInScope(await scopeOf(principalOf(request), store), site)) {
        throw notFound(`site ${request.params.code}`);
      }
      if (site.kind !== 'outlet') throw badRequest(`site ${site.code} is a ${site.kind}, not an outlet`);
      const now = clock.now();
      const month = request.query.month ?? chinaDate(now).slice(0, 7);
      const range = monthRange(month);
      const [readings, limits] = await Promise.all([
        store.alarmWindows.readings({
          siteIds: [site.id],
          intervals: ['hour'],
          from: range.from,
          to: range.to,
        }),
        store.limits.inForce([site.id], chinaDate(range.to < now ? new Date(range.to.getTime() - 1) : now)),
      ]);
      const attrs = site.attributes;
      const summary = outletCompliance({
        month,
        medium: attrs.medium === 'water' ? 'water' : 'gas',
        referenceO2Pct: typeof attrs.referenceO2Pct === 'number' ? attrs.referenceO2Pct : null,
        readings,
        limits,
        now,
      });
      return {
        site: { id: site.id, code: site.code, name: site.name },
        limits: limits.map((l) => ({
          parameter: l.parameter,
          value: l.value,
          lowerValue: l.lowerValue,
          unit: l.unit,
          averaging: l.averaging,
          standard: l.standard,
        })),
        ...summary,
      };
    },
  );
}
