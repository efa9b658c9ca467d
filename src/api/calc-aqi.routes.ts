import { Type } from 'typebox';
import { AqiCalcError, runAqiCalc } from '../monitor/air-calc.js';
import type { App, AppContext } from './app.js';
import { badRequest } from './errors.js';
import { ErrorRefSchema } from './schemas.js';

const Concentration = (description: string) => Type.Optional(Type.Number({ minimum: 0, description }));

/** The answer of the AQI calculator (same shape as `qingshan calc aqi --json`). */
export const AqiCalcSchema = Type.Object({
  standard: Type.String({ description: 'HJ 633 version used, e.g. "HJ 633-2026"' }),
  kind: Type.String(),
  at: Type.Union([Type.String(), Type.Null()], { description: 'Instant that chose the version (UTC)' }),
  aqi: Type.Union([Type.Integer(), Type.Null()], { description: 'null = NA' }),
  level: Type.Union([Type.Integer(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()], { description: '类别, e.g. 轻度污染' }),
  categoryEn: Type.Union([Type.String(), Type.Null()]),
  color: Type.Union([Type.String(), Type.Null()], { description: '#RRGGBB' }),
  primary: Type.Array(Type.String(), { description: 'Primary pollutants (AQI > 50)' }),
  iaqi: Type.Record(Type.String(), Type.Integer()),
  exceeding: Type.Optional(Type.Array(Type.String(), { description: 'HJ 633-2012 only: IAQI > 100' })),
  missing: Type.Array(Type.String()),
  unused: Type.Array(Type.String()),
  beyondTable: Type.Array(Type.String(), {
    description:
      'Pollutants above the top breakpoint of their column, reported as IAQI 500 (empty when none)',
  }),
  notes: Type.Array(Type.String()),
});

export function registerCalcAqiRoutes(app: App, deps: AppContext): void {
  app.get(
    '/api/v1/calc/aqi',
    {
      config: { access: 'public' },
      schema: {
        tags: ['air'],
        summary: 'AQI calculator (HJ 633-2012 / HJ 633-2026): the query names of `qingshan calc aqi`',
        description:
          'Concentrations in µg/m³, CO in mg/m³; a missing pollutant is left out. Realtime: 1-h values (PM on the 24-h columns, as CNEMC publishes). ' +
          'Daily: 24-h means, o3_8h = daily max 8-h, and under 2012 o3 = daily max 1-h. Version: `standard`, else chosen by `at` (China time without an offset), else now. ' +
          'Above the table (by default): a concentration above the top breakpoint of its column gets IAQI 500 — AQI 500, 严重污染, that pollutant primary — and is listed in `beyondTable`, as CNEMC publishes (SO2 1-h and O3 8-h above 800 keep HJ 633 notes 2 and 3). ' +
          '`strict=true` refuses such a value instead: 400 with a message naming the pollutant, the value and the top breakpoint.',
        querystring: Type.Object(
          {
            kind: Type.Union([Type.Literal('realtime'), Type.Literal('daily')]),
            standard: Type.Optional(Type.Union([Type.Literal('2012'), Type.Literal('2026')])),
            at: Type.Optional(
              Type.String({ maxLength: 40, description: 'Start of the averaging period, ISO 8601' }),
            ),
            so2: Concentration('SO2 µg/m³'),
            no2: Concentration('NO2 µg/m³'),
            co: Concentration('CO mg/m³'),
            o3: Concentration('O3 1-h µg/m³'),
            o3_8h: Concentration('O3 8-h µg/m³'),
            pm10: Concentration('PM10 µg/m³'),
            pm25: Concentration('PM2.5 µg/m³'),
            strict: Type.Optional(
              Type.Boolean({
                description:
                  'true: answer 400 for a concentration above the top breakpoint of its column (default false: IAQI 500, listed in beyondTable)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: AqiCalcSchema, 400: ErrorRefSchema },
      },
    },
    (request) => {
      const { strict, ...query } = request.query;
      try {
        return runAqiCalc(query, deps.clock.now(), { strict: strict === true });
      } catch (e) {
        if (e instanceof AqiCalcError) {
          throw badRequest(e.message, [{ field: `querystring.${e.field}`, problem: e.message }]);
        }
        throw e;
      }
    },
  );
}
