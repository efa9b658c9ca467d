import { AqiCalcQuerySchema, AqiCalcSchema } from './air.schemas.js';
import type { App, AppContext } from './app.js';
import { ErrorRefSchema } from './common.schemas.js';

/** The AQI calculator of `qingshan calc aqi`, over HTTP (public). */
export function registerCalcAqiRoutes(app: App, ctx: AppContext): void {
  const { air } = ctx.services;
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
        querystring: AqiCalcQuerySchema,
        response: { 200: AqiCalcSchema, 400: ErrorRefSchema },
      },
    },
    (request) => {
      const { strict, ...query } = request.query;
      return air.calcAqi(query, { strict: strict === true, where: 'querystring' });
    },
  );
}
