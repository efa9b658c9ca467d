import type { RankingPeriod } from '../monitor/air-assessment.js';
import { parsePeriod } from '../monitor/air-assessment.js';
import { BadInputError } from '../errors.js';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import {
  AirComparabilityQuerySchema,
  AirComparabilitySchema,
  AirEvaluationQuerySchema,
  AirEvaluationSchema,
  AirLatestSchema,
  AirRankingSchema,
  AirRankingsQuerySchema,
  AirSeriesQuerySchema,
  AirSeriesSchema,
} from './air.schemas.js';
import type { App, AppContext } from './app.js';
import { ErrorRefSchema } from './common.schemas.js';
import { parseChinaDate, parseWindow } from './window.js';

/** Longest hourly series (31 days) and daily series (366 days) one request may ask for. */
const MAX_HOURLY_DAYS = 31;
const MAX_DAILY_DAYS = 366;
/** Most months one comparability request may ask for. */
const MAX_COMPARABILITY_MONTHS = 36;

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));

/** `period` and `value` of a ranking: the newest hour, a China-local date, a month or a year. */
function rankingPeriod(kind: 'latest' | 'day' | 'month' | 'year', value: string | undefined): RankingPeriod {
  if (kind === 'latest') return { kind };
  if (value === undefined) throw new BadInputError(`period=${kind} needs value`);
  if (kind === 'day') return { kind, date: parseChinaDate(value, 'value') };
  return parsePeriod(kind, value);
}

/** Ambient air quality, published to everyone (HJ 633 AQI, HJ 663 evaluation). */
export function registerAirRoutes(app: App, ctx: AppContext): void {
  const { air } = ctx.services;

  app.get(
    '/api/v1/air/latest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'Real-time AQI of every air station, every district and the city (newest complete hour)',
        description:
          'District and city concentrations are the means of their stations, then the AQI. hourStart is the start of the hour (UTC); label the CNEMC hour-ending label.',
        response: { 200: AirLatestSchema },
      },
    },
    () => air.latest(),
  );

  app.get(
    '/api/v1/air/series',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'Hourly or daily AQI series of a station, a district or the city',
        description: `hourly: from/to are instants (hour starts in [from, to); no offset = China time; default the last 24 h; at most ${MAX_HOURLY_DAYS} days). daily: from/to are China-local dates, inclusive (default the last 30 days; at most ${MAX_DAILY_DAYS}).`,
        querystring: AirSeriesQuerySchema,
        response: { 200: AirSeriesSchema, 400: ErrorRefSchema, 404: ErrorRefSchema },
      },
    },
    (request) => {
      const q = request.query;
      const window =
        q.kind === 'hourly'
          ? parseWindow(q, {
              now: air.seriesEnd('hourly'),
              defaultSpanMs: 24 * HOUR_MS,
              maxSpanMs: MAX_HOURLY_DAYS * DAY_MS,
            })
          : parseWindow(q, {
              now: air.seriesEnd('daily'),
              defaultSpanMs: 30 * DAY_MS,
              maxSpanMs: MAX_DAILY_DAYS * DAY_MS,
              unit: 'date',
            });
      return air.series(q.scope, q.code, q.kind, window);
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
        querystring: AirEvaluationQuerySchema,
        response: { 200: AirEvaluationSchema, 400: ErrorRefSchema, 404: ErrorRefSchema },
      },
    },
    (request) => {
      const q = request.query;
      return air.evaluate(parsePeriod(q.period, q.value), q.scope ?? 'city', q.code);
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
        querystring: AirRankingsQuerySchema,
        response: { 200: AirRankingSchema, 400: ErrorRefSchema },
      },
    },
    (request) => {
      const q = request.query;
      return air.rankings(q.scope ?? 'district', q.by ?? 'aqi', rankingPeriod(q.period ?? 'latest', q.value));
    },
  );

  app.get(
    '/api/v1/air/comparability',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary:
          'Good-day ratio and pollution days per month: official (the HJ 633 version in force) beside the same days re-judged under the other version',
        description: `HJ 633-2026 changed the PM breakpoints on 2026-03-01: figures before and after are not comparable. Each month gives official, rejudged and comparable (every day under HJ 633-2026). At most ${MAX_COMPARABILITY_MONTHS} months.`,
        querystring: AirComparabilityQuerySchema,
        response: { 200: AirComparabilitySchema, 400: ErrorRefSchema, 404: ErrorRefSchema },
      },
    },
    (request) => {
      const q = request.query;
      if (monthIndex(q.to) - monthIndex(q.from) >= MAX_COMPARABILITY_MONTHS) {
        throw new BadInputError(`to: at most ${MAX_COMPARABILITY_MONTHS} months from ${q.from}`);
      }
      return air.comparability(q.from, q.to, q.scope ?? 'city', q.code);
    },
  );
}
