/**
 * Request and response schemas of the indicator routes (`/api/v1/indicators*`) and their static
 * types, which the dashboard imports (docs/indicators.md).
 */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: 'calendar year, e.g. 2026' });
const IndicatorScopeSchema = Type.Union([Type.Literal('city'), Type.Literal('district')]);
const KeySchema = Type.String({ minLength: 1, maxLength: 64, description: 'indicator key, e.g. air.pm25' });

export const IndicatorStatusSchema = Type.Union(
  [
    Type.Literal('on-track'),
    Type.Literal('at-risk'),
    Type.Literal('off-track'),
    Type.Literal('no-data'),
    Type.Literal('no-target'),
  ],
  { description: 'against the annual target (docs/indicators.md §2)' },
);
export type IndicatorStatusDto = Static<typeof IndicatorStatusSchema>;

const GroupSchema = Type.Union([
  Type.Literal('air'),
  Type.Literal('water'),
  Type.Literal('sources'),
  Type.Literal('enforcement'),
  Type.Literal('carbon'),
  Type.Literal('waste'),
]);

const SourceSchema = Type.Union([
  Type.Object({ kind: Type.Literal('computed'), by: Type.String({ description: 'the owning computation' }) }),
  Type.Object({
    kind: Type.Literal('statistics'),
    enteredBy: Nullable(Type.String()),
    enteredAt: Nullable(Type.String({ format: 'date-time' })),
    note: Nullable(Type.String()),
  }),
]);

const RemainingMeanSchema = Type.Object({
  validDays: Type.Integer({ minimum: 0 }),
  sum: Type.Number(),
  remainingDays: Type.Integer({ minimum: 0 }),
  maxMeanRemaining: Nullable(Type.Number({ description: 'µg/m³ the remaining days may average at most' })),
  reachable: Type.Boolean(),
});

const GoodDaysNeededSchema = Type.Object({
  goodDays: Type.Integer({ minimum: 0 }),
  validDays: Type.Integer({ minimum: 0 }),
  remainingDays: Type.Integer({ minimum: 0 }),
  needed: Type.Integer({ minimum: 0, description: 'good days still needed' }),
  reachable: Type.Boolean(),
});

const ComparableSchema = Type.Object({
  standard: Type.String(),
  goodDays: Type.Integer({ minimum: 0 }),
  validDays: Type.Integer({ minimum: 0 }),
  ratioPercent: Nullable(Type.Number()),
});

export const IndicatorItemSchema = Type.Object({
  key: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  unit: Type.String(),
  direction: Type.Union([Type.Literal('lower'), Type.Literal('higher')]),
  group: GroupSchema,
  definition: Type.String(),
  value: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
  status: IndicatorStatusSchema,
  asOf: Nullable(Type.String({ description: 'the date or month the value runs to' })),
  source: SourceSchema,
  remainingMean: Type.Optional(RemainingMeanSchema),
  goodDaysNeeded: Type.Optional(GoodDaysNeededSchema),
  comparable: Type.Optional(ComparableSchema),
});
export type IndicatorItemDto = Static<typeof IndicatorItemSchema>;

export const IndicatorBoardSchema = Type.Object({
  year: Type.Integer(),
  scope: IndicatorScopeSchema,
  code: Type.String(),
  name: Type.String(),
  asOf: Type.String(),
  elapsed: Type.Number({ minimum: 0, maximum: 1, description: 'fraction of the year gone' }),
  items: Type.Array(IndicatorItemSchema),
});
export type IndicatorBoardDto = Static<typeof IndicatorBoardSchema>;

export const IndicatorBoardQuerySchema = Type.Object(
  {
    year: Year,
    scope: Type.Optional(IndicatorScopeSchema),
    code: Type.Optional(Type.String({ maxLength: 64, description: 'district code (scope=district)' })),
    key: Type.Optional(KeySchema),
  },
  { additionalProperties: false },
);

export const IndicatorRankingQuerySchema = Type.Object(
  { key: KeySchema, year: Year },
  { additionalProperties: false },
);

export const IndicatorRankingSchema = Type.Object({
  key: Type.String(),
  year: Type.Integer(),
  direction: Type.Union([Type.Literal('lower'), Type.Literal('higher')]),
  order: Type.String(),
  items: Type.Array(
    Type.Object({
      rank: Nullable(Type.Integer({ minimum: 1 })),
      code: Type.String(),
      name: Type.String(),
      value: Nullable(Type.Number()),
      target: Nullable(Type.Number()),
      status: IndicatorStatusSchema,
    }),
  ),
});
export type IndicatorRankingDto = Static<typeof IndicatorRankingSchema>;

export const IndicatorEntryBodySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('target'), Type.Literal('value')], {
      description: 'target: the annual target; value: an entered statistic',
    }),
    key: KeySchema,
    year: Year,
    scope: IndicatorScopeSchema,
    code: Type.Optional(Type.String({ maxLength: 64 })),
    value: Type.Number({ minimum: -1e12, maximum: 1e12 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const IndicatorEntrySchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('target'), Type.Literal('value')]),
  key: Type.String(),
  year: Type.Integer(),
  scope: IndicatorScopeSchema,
  code: Type.String(),
  value: Type.Number(),
  note: Nullable(Type.String()),
  enteredBy: Type.String(),
  enteredAt: Type.String({ format: 'date-time' }),
});
export type IndicatorEntryDto = Static<typeof IndicatorEntrySchema>;

export const IndicatorHistoryQuerySchema = Type.Object(
  { key: KeySchema, year: Year },
  { additionalProperties: false },
);

export const IndicatorHistorySchema = Type.Object({ items: Type.Array(IndicatorEntrySchema) });
