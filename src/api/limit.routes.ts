/**
 * Emission limits of outlets: the rows in force and their record (`GET /api/v1/limits?site=`), the
 * bureau's additions — hand-entered rows or a preset applied (`POST /api/v1/limits`, audited as
 * `limit.changed`) — and the built-in presets (`GET /api/v1/limit-presets`).
 */
import { Type } from 'typebox';
import { LIMIT_PRESETS, presetById, presetForOutlet, presetLimitsFor } from '../alarms/limit-presets.js';
import { BUREAU_ROLES } from '../auth/access.js';
import { scopeOf, siteInScope } from '../auth/scope.js';
import { chinaDate } from '../standards/china-time.js';
import type { NewOutletLimit, OutletLimit } from '../store/limit.repository.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { badRequest, notFound } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'China-local day YYYY-MM-DD' });
const NullableDay = Type.Union([Day, Type.Null()]);
const Averaging = Type.Union([Type.Literal('hour'), Type.Literal('day')], {
  description: 'hour: valid hourly means (flue gas); day: valid daily means (wastewater)',
});

export const LimitSchema = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  parameter: Type.String({ description: 'HJ 212-2017 code' }),
  value: Type.Number({ description: 'Upper limit' }),
  lowerValue: Type.Union([Type.Number(), Type.Null()], { description: 'Lower limit of a range (pH)' }),
  unit: Type.String(),
  averaging: Averaging,
  referenceO2Pct: Type.Union([Type.Number(), Type.Null()]),
  standard: Type.String(),
  clause: Type.String(),
  validFrom: NullableDay,
  validTo: NullableDay,
  source: Type.String({ description: 'preset:<id> or bureau' }),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601 UTC' }),
});

const LimitInput = Type.Object(
  {
    parameter: Type.String({ pattern: '^[a-z][0-9]{5}$', description: 'HJ 212-2017 code, e.g. a21026' }),
    value: Type.Number({ minimum: 0, maximum: 1e9 }),
    lowerValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
    unit: Type.String({ minLength: 1, maxLength: 16 }),
    averaging: Averaging,
    referenceO2Pct: Type.Optional(Type.Number({ minimum: 0, maximum: 20.9 })),
    standard: Type.String({ minLength: 1, maxLength: 100 }),
    clause: Type.Optional(Type.String({ maxLength: 200 })),
    validFrom: Type.Optional(Day),
    validTo: Type.Optional(Day),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const PresetRowSchema = Type.Object({
  parameter: Type.String(),
  value: Type.Number(),
  lowerValue: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String(),
  averaging: Averaging,
  referenceO2Pct: Type.Union([Type.Number(), Type.Null()]),
  standard: Type.String(),
  clause: Type.String(),
  validFrom: NullableDay,
  validTo: NullableDay,
  note: Type.Union([Type.String(), Type.Null()]),
});

function limitDto(l: OutletLimit) {
  return { ...l, createdAt: l.createdAt.toISOString() };
}

export function registerLimitRoutes(app: App, ctx: AppContext): void {
  const { store, audit, clock } = ctx;

  async function visibleOutlet(request: Parameters<typeof principalOf>[0], code: string) {
    const site = await store.sites.getByCode(code);
    if (site === null || !siteInScope(await scopeOf(principalOf(request), store), site)) {
      throw notFound(`site ${code}`);
    }
    if (site.kind !== 'outlet') throw badRequest(`site ${code} is a ${site.kind}; limits belong to outlets`);
    return site;
  }

  app.get(
    '/api/v1/limits',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: "An outlet's emission limits: the rows in force today and every row ever entered",
        querystring: Type.Object({
          site: Type.String({ minLength: 1, maxLength: 64, description: 'Outlet code' }),
        }),
        response: {
          200: Type.Object({
            site: Type.Object({ id: Type.Integer(), code: Type.String(), emissionStandard: Type.String() }),
            preset: Type.Union([Type.String(), Type.Null()], {
              description: 'The preset its attributes select',
            }),
            inForce: Type.Array(LimitSchema),
            history: Type.Array(LimitSchema),
          }),
          400: ErrorRef,
          401: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const site = await visibleOutlet(request, request.query.site);
      const [inForce, history] = await Promise.all([
        store.limits.inForce([site.id], chinaDate(clock.now())),
        store.limits.listForSite(site.id),
      ]);
      const standard = site.attributes.emissionStandard;
      return {
        site: {
          id: site.id,
          code: site.code,
          emissionStandard: typeof standard === 'string' ? standard : '',
        },
        preset: presetForOutlet(site.attributes)?.id ?? null,
        inForce: inForce.map(limitDto),
        history: history.map(limitDto),
      };
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
        body: Type.Object(
          {
            site: Type.String({ minLength: 1, maxLength: 64, description: 'Outlet code' }),
            preset: Type.Optional(Type.String({ maxLength: 100, description: 'Preset id, or "auto"' })),
            limits: Type.Optional(Type.Array(LimitInput, { minItems: 1, maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ added: Type.Array(LimitSchema) }),
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const site = await visibleOutlet(request, body.site);
      if ((body.preset === undefined) === (body.limits === undefined)) {
        throw badRequest('give either preset or limits, not both and not neither');
      }
      let rows: NewOutletLimit[];
      if (body.preset !== undefined) {
        const preset = body.preset === 'auto' ? presetForOutlet(site.attributes) : presetById(body.preset);
        if (preset === null || preset === undefined) {
          throw badRequest(
            body.preset === 'auto'
              ? `no built-in preset covers ${site.code}'s standard; enter its limits by hand`
              : `unknown preset "${body.preset}"; see GET /api/v1/limit-presets`,
          );
        }
        rows = presetLimitsFor(preset, site.id, chinaDate(clock.now()), principal.username);
      } else {
        rows = (body.limits ?? []).map((l) => ({
          siteId: site.id,
          parameter: l.parameter,
          value: l.value,
          lowerValue: l.lowerValue ?? null,
          unit: l.unit,
          averaging: l.averaging,
          referenceO2Pct: l.referenceO2Pct ?? null,
          standard: l.standard,
          clause: l.clause ?? '',
          validFrom: l.validFrom ?? null,
          validTo: l.validTo ?? null,
          source: 'bureau',
          note: l.note ?? null,
          createdBy: principal.username,
        }));
      }
      const added = await store.limits.add(rows);
      await audit.record({
        action: 'limit.changed',
        actor: actorOf(principal),
        target: { type: 'site', id: site.code },
        details: {
          ...(body.preset !== undefined ? { preset: body.preset } : {}),
          added: added.map((l) => ({
            id: l.id,
            parameter: l.parameter,
            value: l.value,
            lowerValue: l.lowerValue,
            unit: l.unit,
            averaging: l.averaging,
            standard: l.standard,
            validFrom: l.validFrom,
            validTo: l.validTo,
          })),
        },
        address: request.ip,
      });
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
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                standard: Type.String(),
                name: Type.Object({ zh: Type.String(), en: Type.String() }),
                medium: Type.String(),
                assumptions: Type.Array(Type.String()),
                rows: Type.Array(PresetRowSchema),
              }),
            ),
          }),
          401: ErrorRef,
        },
      },
    },
    () => {
      const day = chinaDate(clock.now());
      return {
        items: LIMIT_PRESETS.map((p) => ({
          id: p.id,
          standard: p.standard,
          name: p.name,
          medium: p.medium,
          assumptions: p.assumptions,
          rows: p.rows(day),
        })),
      };
    },
  );
}
