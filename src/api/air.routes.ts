import { Type } from 'typebox';
import type { Static } from 'typebox';
import { AirQueryError, AirService, parsePeriod, type RankingPeriod } from '../monitor/air.service.js';
import { chinaDate, chinaDayStart, parseTimeAsChina } from '../standards/china-time.js';
import { AirRepository } from '../store/air.repository.js';
import type { App, AppContext } from './app.js';
import { ApiError, badRequest } from './errors.js';
import { ErrorRefSchema } from './schemas.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Longest hourly series (31 days) and daily series (366 days) one request may ask for. */
const MAX_HOURLY_DAYS = 31;
const MAX_DAILY_DAYS = 366;

const ScopeSchema = Type.Union([Type.Literal('station'), Type.Literal('district'), Type.Literal('city')], {
  description: 'station (code = site code), district (code = district code) or city',
});
/** An object described in prose (the service's types), serialised as it is. */
const Loose = Type.Unsafe<object>({ type: 'object', additionalProperties: true });
const LatestSchema = Type.Object({
  now: Type.String(),
  hourLabelRule: Type.String(),
  averagingRule: Type.String(),
  stations: Type.Array(Loose),
  districts: Type.Array(Loose),
  city: Loose,
});
const SeriesSchema = Type.Object({
  scope: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  hourLabelRule: Type.String(),
  averagingRule: Type.String(),
  rules: Type.Array(Type.String()),
  points: Type.Array(Loose),
});
const EvaluationSchema = Type.Object({
  period: Type.String(),
  from: Type.String(),
  to: Type.String(),
  standards: Loose,
  averagingRule: Type.String(),
  note: Type.Optional(Type.String()),
  units: Type.Array(Loose),
});
const RankingSchema = Type.Object({
  scope: Type.String(),
  by: Type.String(),
  period: Type.String(),
  order: Type.String(),
  standards: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      rank: Type.Union([Type.Integer(), Type.Null()]),
      code: Type.String(),
      name: Type.String(),
      value: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

/**
 * The responses' static types, shared with the dashboard. Latest, series and evaluation carry
 * `Loose` parts (typed as `object`): their precise shapes are the service's types.
 */
export type AirLatestDto = Static<typeof LatestSchema>;
export type AirSeriesDto = Static<typeof SeriesSchema>;
export type AirEvaluationDto = Static<typeof EvaluationSchema>;
export type AirRankingDto = Static<typeof RankingSchema>;

function asApiError(e: unknown): unknown {
  if (e instanceof AirQueryError) return new ApiError(e.kind, e.message);
  return e;
}

function instant(text: string, field: string): Date {
  try {
    return parseTimeAsChina(text);
  } catch (e) {
    throw badRequest(`${field}: ${e instanceof Error ? e.message : String(e)}`, [
      { field: `querystring.${field}`, problem: 'not an ISO 8601 time' },
    ]);
  }
}

function date(text: string, field: string): string {
  try {
    chinaDayStart(text);
    return text;
  } catch {
    throw badRequest(`${field}: "${text}" is not a date such as 2026-03-15`, [
      { field: `querystring.${field}`, problem: 'not a date YYYY-MM-DD' },
    ]);
  }
}

/** Ambient air quality, published to everyone (HJ 633 AQI, HJ 663 evaluation). */
export function registerAirRoutes(app: App, deps: AppContext): void {
  const service = new AirService({
    air: new AirRepository(deps.store.db),
    districts: deps.store.districts,
    clock: deps.clock,
  });

  app.get(
    '/api/v1/air/latest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'Real-time AQI of every air station, every district and the city (newest complete hour)',
        description:
          'District and city concentrations are the means of their stations, then the AQI. hourStart is the start of the hour (UTC); label the CNEMC hour-ending label.',
        response: { 200: LatestSchema },
      },
    },
    () => service.latest(),
  );

  app.get(
    '/api/v1/air/series',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'Hourly or daily AQI series of a station, a district or the city',
        description: `hourly: from/to are instants (hour starts in [from, to); no offset = China time; default the last 24 h; at most ${MAX_HOURLY_DAYS} days). daily: from/to are China-local dates, inclusive (default the last 30 days; at most ${MAX_DAILY_DAYS}).`,
        querystring: Type.Object(
          {
            scope: ScopeSchema,
            code: Type.Optional(Type.String({ maxLength: 64 })),
            kind: Type.Union([Type.Literal('hourly'), Type.Literal('daily')]),
            from: Type.Optional(Type.String({ maxLength: 40 })),
            to: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SeriesSchema, 400: ErrorRefSchema, 404: ErrorRefSchema },
      },
    },
    async (request) => {
      const q = request.query;
      try {
        const unit = await service.unit(q.scope, q.code);
        const now = deps.clock.now();
        if (q.kind === 'hourly') {
          const to =
            q.to === undefined
              ? new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS)
              : instant(q.to, 'to');
          const from = q.from === undefined ? new Date(to.getTime() - 24 * HOUR_MS) : instant(q.from, 'from');
          if (!(from < to) || to.getTime() - from.getTime() > MAX_HOURLY_DAYS * DAY_MS) {
            throw badRequest(`from must be before to, at most ${MAX_HOURLY_DAYS} days apart`);
          }
          return await service.hourlySeries(unit, from, to);
        }
        const to = q.to === undefined ? chinaDate(new Date(now.getTime() - DAY_MS)) : date(q.to, 'to');
        const from =
          q.from === undefined
            ? chinaDate(new Date(chinaDayStart(to).getTime() - 29 * DAY_MS))
            : date(q.from, 'from');
        const days = (chinaDayStart(to).getTime() - chinaDayStart(from).getTime()) / DAY_MS + 1;
        if (days < 1 || days > MAX_DAILY_DAYS) {
          throw badRequest(`from must not be after to, at most ${MAX_DAILY_DAYS} days apart`);
        }
        return await service.dailySeries(unit, from, to);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.get(
    '/api/v1/air/evaluation',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary:
          'Monthly or annual evaluation (GB 3095 validity and limits, HJ 663 statistics, comprehensive index, good-day ratio)',
        description:
          'scope=city (default) evaluates the city; scope=district or station evaluates every district or station, or the one named by code.',
        querystring: Type.Object(
          {
            period: Type.Union([Type.Literal('month'), Type.Literal('year')]),
            value: Type.String({ maxLength: 7, description: '2026-03 (month) or 2026 (year)' }),
            scope: Type.Optional(ScopeSchema),
            code: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: EvaluationSchema, 400: ErrorRefSchema, 404: ErrorRefSchema },
      },
    },
    async (request) => {
      const q = request.query;
      try {
        return await service.evaluate(parsePeriod(q.period, q.value), q.scope ?? 'city', q.code);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.get(
    '/api/v1/air/rankings',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'Stations or districts ranked by AQI, PM2.5 or comprehensive index (rank 1 = cleanest)',
        description:
          'period=latest (default; by aqi or pm25 of the newest hour), day (value YYYY-MM-DD; daily AQI or PM2.5), month or year (value 2026-03 / 2026; by pm25 = period mean or ci = comprehensive index).',
        querystring: Type.Object(
          {
            scope: Type.Optional(Type.Union([Type.Literal('station'), Type.Literal('district')])),
            by: Type.Optional(Type.Union([Type.Literal('aqi'), Type.Literal('pm25'), Type.Literal('ci')])),
            period: Type.Optional(
              Type.Union([
                Type.Literal('latest'),
                Type.Literal('day'),
                Type.Literal('month'),
                Type.Literal('year'),
              ]),
            ),
            value: Type.Optional(Type.String({ maxLength: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RankingSchema, 400: ErrorRefSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const periodKind = q.period ?? 'latest';
      try {
        let period: RankingPeriod;
        if (periodKind === 'latest') period = { kind: 'latest' };
        else if (q.value === undefined) throw badRequest(`period=${periodKind} needs value`);
        else if (periodKind === 'day') period = { kind: 'day', date: date(q.value, 'value') };
        else period = parsePeriod(periodKind, q.value);
        return await service.rankings(q.scope ?? 'district', q.by ?? 'aqi', period);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );
}
