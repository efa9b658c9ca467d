/**
 * Targets and indicators (docs/indicators.md): the board of the city or a district, district
 * rankings, and the targets and entered statistics behind them. Government roles read; bureau roles
 * (admin, supervisor) enter, audited by the indicator service.
 *
 * - `GET /api/v1/indicators?year=&scope=city|district&code=&key=`
 * - `GET /api/v1/indicators/rankings?key=&year=`
 * - `GET|POST /api/v1/indicators/entries`
 */
import type { IndicatorBoard, IndicatorEntry } from '../indicators/indicator.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { BUREAU_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import {
  IndicatorBoardQuerySchema,
  IndicatorBoardSchema,
  IndicatorEntryBodySchema,
  IndicatorEntrySchema,
  IndicatorHistoryQuerySchema,
  IndicatorHistorySchema,
  IndicatorRankingQuerySchema,
  IndicatorRankingSchema,
} from './indicator.schemas.js';
import type { IndicatorBoardDto, IndicatorEntryDto } from './indicator.schemas.js';

const TAG = 'indicators';
/** Who reads the board: the bureau, operators and district officers (not enterprises, not the public). */
export const INDICATOR_READ_ROLES = ['admin', 'supervisor', 'operator', 'district'] as const;

function boardDto(b: IndicatorBoard): IndicatorBoardDto {
  return {
    ...b,
    items: b.items.map((i) => ({
      ...i,
      source:
        i.source.kind === 'computed'
          ? i.source
          : { ...i.source, enteredAt: i.source.enteredAt?.toISOString() ?? null },
    })),
  };
}

function entryDto(e: IndicatorEntry): IndicatorEntryDto {
  return { ...e, enteredAt: e.enteredAt.toISOString() };
}

export function registerIndicatorRoutes(app: App, ctx: AppContext): void {
  const { indicators } = ctx.services;

  app.get(
    '/api/v1/indicators',
    {
      config: { access: INDICATOR_READ_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'The indicator board: each indicator’s year-to-date value, annual target, status, source, and for air the remaining-days arithmetic and the comparable good-day ratio',
        querystring: IndicatorBoardQuerySchema,
        response: { 200: IndicatorBoardSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      return boardDto(await indicators.board(q.year, q.scope ?? 'city', q.code, q.key));
    },
  );

  app.get(
    '/api/v1/indicators/rankings',
    {
      config: { access: INDICATOR_READ_ROLES },
      schema: {
        tags: [TAG],
        summary: 'Districts ranked by one indicator of a year, best first',
        querystring: IndicatorRankingQuerySchema,
        response: { 200: IndicatorRankingSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    (request) => indicators.rankings(request.query.key, request.query.year),
  );

  app.get(
    '/api/v1/indicators/entries',
    {
      config: { access: INDICATOR_READ_ROLES },
      schema: {
        tags: [TAG],
        summary: 'Every target and entered statistic of an indicator and year, oldest first (who, when)',
        querystring: IndicatorHistoryQuerySchema,
        response: { 200: IndicatorHistorySchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => ({
      items: (await indicators.history(request.query.key, request.query.year)).map(entryDto),
    }),
  );

  app.post(
    '/api/v1/indicators/entries',
    {
      config: { access: BUREAU_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Set an annual target, or enter a statistic of an indicator that is not computed (audited; the newest entry is in force)',
        body: IndicatorEntryBodySchema,
        response: {
          201: IndicatorEntrySchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const entry = await indicators.enter(actorOf(principalOf(request)), request.body, request.ip);
      return reply.code(201).send(entryDto(entry));
    },
  );
}
