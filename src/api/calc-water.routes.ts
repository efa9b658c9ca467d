/**
 * Calculators of the surface-water standards over HTTP, with the names of `qingshan calc water` and
 * `qingshan calc black-odorous`: GB 3838-2002 class by the 2011 evaluation method, main pollutants,
 * CWQI and target attainment; black-odorous grade of one sample (2015 guide).
 */
import { Type } from 'typebox';
import { GB3838_ITEMS, ITEM_KEYS, WATER_CLASSES, WaterInputError } from '../standards/gb3838-2002.js';
import { calcBlackOdorous, calcWater, type ItemKey } from '../standards/water.js';
import type { App, AppContext } from './app.js';
import { badRequest } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './schemas.js';

const WATER_QUERY_KEYS: readonly string[] = ['type', 'target', ...ITEM_KEYS];
const BLACK_ODOROUS_KEYS: readonly string[] = ['sd', 'do', 'orp', 'nh3n', 'depth'];

const StatusSchema = Type.Object({ zh: Type.String(), en: Type.String(), color: Type.String() });

function inputError(e: unknown, where: string): unknown {
  if (!(e instanceof WaterInputError)) return e;
  return badRequest(`${where}.${e.item}: ${e.message}`, [
    { field: `${where}.${e.item}`, problem: e.message, code: e.code },
  ]);
}

function rejectUnknown(query: object, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw badRequest(
      `querystring.${unknown[0] ?? ''}: unknown parameter; expected ${known.join(', ')}`,
      unknown.map((k) => ({ field: `querystring.${k}`, problem: 'unknown parameter' })),
    );
  }
}

export function registerCalcWaterRoutes(app: App, _ctx: AppContext): void {
  app.get(
    '/api/v1/calc/water',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'GB 3838-2002 class of a section or lake point (2011 method), main pollutants, CWQI, target',
        description: `Item values in GB 3838-2002 units: ${ITEM_KEYS.map((k) => `${k} (${GB3838_ITEMS[k].nameEn}, ${GB3838_ITEMS[k].unit})`).join('; ')}.`,
        querystring: Type.Object({
          type: Type.Union([Type.Literal('river'), Type.Literal('lake')]),
          target: Type.Optional(
            Type.Union(
              WATER_CLASSES.filter((c) => c !== '劣V').map((c) => Type.Literal(c)),
              { description: 'Target class I–V' },
            ),
          ),
          ...Object.fromEntries(
            ITEM_KEYS.map((k) => [k, Type.Optional(Type.Number({ description: GB3838_ITEMS[k].unit }))]),
          ),
        }),
        response: {
          200: Type.Object({
            class: Type.String(),
            items: Type.Record(
              Type.String(),
              Type.Object({
                value: Type.Number(),
                class: Type.Union([Type.String(), Type.Null()]),
                used: Type.Boolean(),
              }),
            ),
            mainPollutants: Type.Array(
              Type.Object({
                item: Type.String(),
                class: Type.String(),
                multiple: Type.Union([Type.Number(), Type.Null()]),
              }),
            ),
            cwqi: Type.Number(),
            meetsTarget: Type.Optional(Type.Boolean()),
            status: StatusSchema,
          }),
          400: ErrorRef,
        },
      },
    },
    (request, reply) => {
      const q = request.query as Record<string, unknown>;
      rejectUnknown(q, WATER_QUERY_KEYS);
      const values: Partial<Record<ItemKey, number>> = {};
      for (const k of ITEM_KEYS) {
        const v = q[k];
        if (typeof v === 'number') values[k] = v;
      }
      try {
        return reply.send(
          calcWater({
            type: request.query.type,
            ...(request.query.target === undefined ? {} : { target: request.query.target }),
            values,
          }),
        );
      } catch (e) {
        throw inputError(e, 'querystring');
      }
    },
  );

  app.get(
    '/api/v1/calc/black-odorous',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'Black-odorous grade of one sample (城市黑臭水体整治工作指南, 2015)',
        querystring: Type.Object({
          sd: Type.Number({ description: 'Transparency, cm' }),
          do: Type.Number({ description: 'Dissolved oxygen, mg/L' }),
          orp: Type.Number({ description: 'Oxidation-reduction potential, mV' }),
          nh3n: Type.Number({ description: 'Ammonia nitrogen, mg/L' }),
          depth: Type.Optional(
            Type.Number({ description: 'Water depth, cm (changes the SD thresholds below 25 cm)' }),
          ),
        }),
        response: {
          200: Type.Object({
            grade: Type.String({ description: 'none, light or heavy' }),
            gradeZh: Type.String(),
            items: Type.Record(Type.String(), Type.Object({ value: Type.Number(), grade: Type.String() })),
            sdThresholdsCm: Type.Object({
              heavyBelow: Type.Number(),
              lightMax: Type.Number(),
              shallow: Type.Boolean(),
            }),
          }),
          400: ErrorRef,
        },
      },
    },
    (request, reply) => {
      rejectUnknown(request.query, BLACK_ODOROUS_KEYS);
      const q = request.query;
      try {
        return reply.send(
          calcBlackOdorous({
            sd: q.sd,
            do: q.do,
            orp: q.orp,
            nh3n: q.nh3n,
            ...(q.depth === undefined ? {} : { depth: q.depth }),
          }),
        );
      } catch (e) {
        throw inputError(e, 'querystring');
      }
    },
  );
}
