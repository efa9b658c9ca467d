/** Shapes of monitoring readings, as received and with corrections applied. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, PageSchema, literalUnion } from './common.schemas.js';

/**
 * Reading intervals, as the API names them (the same list as `READING_INTERVALS` of the store:
 * `src/api/schemas.test.ts` holds them equal).
 */
export const READING_INTERVALS = ['rt', 'min', 'hour', 'day'] as const;
export type ReadingInterval = (typeof READING_INTERVALS)[number];

export const IntervalSchema = literalUnion(
  READING_INTERVALS,
  'rt (HJ 212 2011), min (2051), hour (2061), day (2031)',
);

/** A parameter's name in both languages, from the parameter registry. */
export const ParameterNameSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const ReadingSchema = Type.Object({
  id: Type.Integer(),
  siteCode: Type.String(),
  parameter: Type.String({ description: 'HJ 212-2017 parameter code' }),
  parameterName: Type.Optional(ParameterNameSchema),
  unit: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'Unit of the value as stored (registry; ambient stations may differ), null when unknown',
    }),
  ),
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
  receivedAt: InstantSchema,
  corrected: Type.Optional(
    Type.Object({
      correctionId: Type.Union([Type.Integer(), Type.Null()]),
      invalid: Type.Boolean(),
      originalValue: Type.Union([Type.Number(), Type.Null()]),
      originalFlag: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type ReadingDto = Static<typeof ReadingSchema>;

export const ReadingPageSchema = PageSchema(ReadingSchema);

export const ReadingQuerySchema = Type.Object(
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
);
export type ReadingQuery = Static<typeof ReadingQuerySchema>;
