/** One site's readings, as received or with data corrections applied. */
import type { EffectiveReading, StoredReading } from '../monitor/reading.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { READING_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { badRequest } from './errors.js';
import { parameterNameOf, parameterUnitOf } from './parameter.dto.js';
import type { ReadingDto } from './reading.schemas.js';
import { ReadingPageSchema, ReadingQuerySchema } from './reading.schemas.js';

function readingDto(r: StoredReading | EffectiveReading, siteCode: string): ReadingDto {
  const base = {
    id: r.id,
    siteCode,
    parameter: r.parameter,
    parameterName: parameterNameOf(r.parameter),
    unit: parameterUnitOf(r.parameter),
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

/** An optional ISO 8601 instant of the query string. */
function parseInstant(text: string | undefined, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw badRequest(`${field}: "${text}" is not an ISO 8601 time`, [
      { field: `querystring.${field}`, problem: 'not an ISO 8601 time' },
    ]);
  return d;
}

export function registerReadingRoutes(app: App, ctx: AppContext): void {
  const { readings } = ctx.services;
  app.get(
    '/api/v1/readings',
    {
      config: { access: READING_ROLES },
      schema: {
        tags: ['readings'],
        summary: 'Readings of one site (by site code or device MN), oldest first, in pages',
        querystring: ReadingQuerySchema,
        response: { 200: ReadingPageSchema, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      if ((q.site === undefined) === (q.mn === undefined)) {
        throw badRequest('give exactly one of site or mn', [
          { field: 'querystring.site', problem: 'site or mn is required' },
        ]);
      }
      const source = q.site !== undefined ? { site: q.site } : { mn: q.mn ?? '' };
      const { siteCode, page } = await readings.query(principalOf(request), source, {
        parameter: q.param,
        interval: q.interval,
        from: parseInstant(q.from, 'from'),
        to: parseInstant(q.to, 'to'),
        corrected: q.corrected,
        limit: q.limit,
        cursor: q.cursor,
      });
      return {
        ...page,
        items: page.items.map((r: StoredReading | EffectiveReading) => readingDto(r, siteCode)),
      };
    },
  );
}
