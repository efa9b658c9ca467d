import { Type } from 'typebox';
import type { EffectiveReading } from '../store/reading.repository.js';
import type { StoredReading } from '../store/types.js';
import type { App, AppContext } from './app.js';
import { badRequest, notFound } from './errors.js';
import { IntervalSchema, PageSchema } from './schemas.js';

const ErrorRef = Type.Unsafe({ $ref: 'Error#' });

export const ReadingSchema = Type.Object({
  id: Type.Integer(),
  siteCode: Type.String(),
  parameter: Type.String({ description: 'HJ 212-2017 parameter code' }),
  interval: IntervalSchema,
  periodStart: Type.String({ description: 'Start of the period, ISO 8601 UTC' }),
  value: Type.Union([Type.Number(), Type.Null()]),
  valueText: Type.Union([Type.String(), Type.Null()], {
    description: 'The value exactly as the device sent it',
  }),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
  cumulative: Type.Union([Type.Number(), Type.Null()]),
  flag: Type.Union([Type.String(), Type.Null()], {
    description: 'HJ 212 data flag (N, F, M, S, D, C, T, B…)',
  }),
  source: Type.String(),
  receivedAt: Type.String(),
  corrected: Type.Optional(
    Type.Object({
      correctionId: Type.Union([Type.Integer(), Type.Null()]),
      invalid: Type.Boolean(),
      originalValue: Type.Union([Type.Number(), Type.Null()]),
      originalFlag: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

function readingDto(r: StoredReading | EffectiveReading, siteCode: string) {
  const base = {
    id: r.id,
    siteCode,
    parameter: r.parameter,
    interval: r.interval,
    periodStart: r.periodStart.toISOString(),
    value: r.value,
    valueText: r.valueText,
    min: r.min,
    max: r.max,
    cumulative: r.cumulative,
    flag: r.flag,
    source: r.source,
    receivedAt: r.receivedAt.toISOString(),
  };
  if (!('correctionId' in r)) return base;
  return {
    ...base,
    corrected: {
      correctionId: r.correctionId,
      invalid: r.invalid,
      originalValue: r.originalValue,
      originalFlag: r.originalFlag,
    },
  };
}

function parseInstant(text: string | undefined, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw badRequest(`${field}: "${text}" is not an ISO 8601 time`, [
      { field: `querystring.${field}`, problem: 'not an ISO 8601 time' },
    ]);
  return d;
}

export function registerReadingRoutes(app: App, deps: AppContext): void {
  const { store } = deps;
  app.get(
    '/api/v1/readings',
    {
      config: { access: ['admin', 'supervisor', 'operator'] },
      schema: {
        tags: ['readings'],
        summary: 'Readings of one site (by site code or device MN), oldest first, in pages',
        querystring: Type.Object(
          {
            site: Type.Optional(Type.String({ maxLength: 64, description: 'Site code' })),
            mn: Type.Optional(Type.String({ maxLength: 64, description: 'Device MN (instead of site)' })),
            param: Type.Optional(Type.String({ maxLength: 32, description: 'HJ 212-2017 parameter code' })),
            interval: Type.Optional(IntervalSchema),
            from: Type.Optional(Type.String({ description: 'Inclusive start of periodStart, ISO 8601' })),
            to: Type.Optional(Type.String({ description: 'Exclusive end of periodStart, ISO 8601' })),
            corrected: Type.Optional(
              Type.Boolean({ description: 'Apply data corrections (数据审核); default false' }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(ReadingSchema), 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      if ((q.site === undefined) === (q.mn === undefined)) {
        throw badRequest('give exactly one of site or mn', [
          { field: 'querystring.site', problem: 'site or mn is required' },
        ]);
      }
      let siteId: number;
      let siteCode: string;
      if (q.site !== undefined) {
        const site = await store.sites.getByCode(q.site);
        if (!site) throw notFound(`site ${q.site}`);
        siteId = site.id;
        siteCode = site.code;
      } else {
        const device = await store.devices.getByMn(q.mn ?? '');
        if (!device) throw notFound(`device ${q.mn}`);
        siteId = device.siteId;
        siteCode = device.siteCode;
      }
      const filter = {
        siteId,
        parameter: q.param,
        interval: q.interval,
        from: parseInstant(q.from, 'from'),
        to: parseInstant(q.to, 'to'),
        limit: q.limit,
        cursor: q.cursor,
      };
      const page =
        q.corrected === true
          ? await store.readings.queryEffective(filter)
          : await store.readings.query(filter);
      return { ...page, items: page.items.map((r) => readingDto(r, siteCode)) };
    },
  );
}
