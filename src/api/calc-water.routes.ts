/**
 * Calculators of the surface-water standards over HTTP, with the names of `qingshan calc water` and
 * `qingshan calc black-odorous`: GB 3838-2002 class by the 2011 evaluation method, main pollutants,
 * CWQI and target attainment; black-odorous grade of one sample (2015 guide).
 */
import { GB3838_ITEMS, ITEM_KEYS } from '../standards/gb3838-2002.js';
import { calcBlackOdorous, calcWater, type ItemKey } from '../standards/water.js';
import type { App, AppContext } from './app.js';
import { badRequest } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import {
  CALC_BLACK_ODOROUS_QUERY_KEYS,
  CALC_WATER_QUERY_KEYS,
  CalcBlackOdorousQuerySchema,
  CalcBlackOdorousResultSchema,
  CalcWaterQuerySchema,
  CalcWaterResultSchema,
} from './water.schemas.js';

/** Refuses query names the calculator does not know (a typo would otherwise be ignored). */
function rejectUnknown(query: object, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw badRequest(
      `querystring.${unknown[0] ?? ''}: unknown parameter; expected ${known.join(', ')}`,
      unknown.map((k) => ({ field: `querystring.${k}`, problem: 'unknown parameter' })),
    );
  }
}

/**
 * Bad item values reach the client as the calculators' `WaterInputError`s (400, the item and its
 * stable code in `details`).
 */
export function registerCalcWaterRoutes(app: App, _ctx: AppContext): void {
  app.get(
    '/api/v1/calc/water',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'GB 3838-2002 class of a section or lake point (2011 method), main pollutants, CWQI, target',
        description: `Item values in GB 3838-2002 units: ${ITEM_KEYS.map((k) => `${k} (${GB3838_ITEMS[k].nameEn}, ${GB3838_ITEMS[k].unit})`).join('; ')}.`,
        querystring: CalcWaterQuerySchema,
        response: { 200: CalcWaterResultSchema, 400: ErrorRef },
      },
    },
    (request) => {
      const q = request.query;
      rejectUnknown(q, CALC_WATER_QUERY_KEYS);
      const values: Partial<Record<ItemKey, number>> = {};
      for (const k of ITEM_KEYS) {
        const v = q[k];
        if (v !== undefined) values[k] = v;
      }
      return calcWater({ type: q.type, ...(q.target === undefined ? {} : { target: q.target }), values });
    },
  );

  app.get(
    '/api/v1/calc/black-odorous',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'Black-odorous grade of one sample (城市黑臭水体整治工作指南, 2015)',
        querystring: CalcBlackOdorousQuerySchema,
        response: { 200: CalcBlackOdorousResultSchema, 400: ErrorRef },
      },
    },
    (request) => {
      const q = request.query;
      rejectUnknown(q, CALC_BLACK_ODOROUS_QUERY_KEYS);
      return calcBlackOdorous({
        sd: q.sd,
        do: q.do,
        orp: q.orp,
        nh3n: q.nh3n,
        ...(q.depth === undefined ? {} : { depth: q.depth }),
      });
    },
  );
}
