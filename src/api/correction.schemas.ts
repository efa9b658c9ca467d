/** Shapes of data review (数据审核): corrections of readings, which never change the reading. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ID_MAX, InstantSchema } from './common.schemas.js';
import { IntervalSchema } from './reading.schemas.js';

export const CorrectionSchema = Type.Object({
  id: Type.Integer(),
  readingId: Type.Integer(),
  value: Type.Union([Type.Number(), Type.Null()], {
    description: 'Corrected value; null when marked invalid',
  }),
  flag: Type.Union([Type.String(), Type.Null()], { description: 'Corrected HJ 212 data flag' }),
  invalid: Type.Boolean(),
  reason: Type.String(),
  correctedBy: Type.String({ description: 'Username' }),
  correctedAt: InstantSchema,
});
export type CorrectionDto = Static<typeof CorrectionSchema>;

/** A reading exactly as received, beside its corrections. */
export const OriginalReadingSchema = Type.Object({
  id: Type.Integer(),
  siteCode: Type.String(),
  parameter: Type.String(),
  interval: IntervalSchema,
  periodStart: InstantSchema,
  value: Type.Union([Type.Number(), Type.Null()], { description: 'As received; never changed' }),
  valueText: Type.Union([Type.String(), Type.Null()]),
  flag: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  receivedAt: InstantSchema,
});

export const CorrectionListSchema = Type.Object({
  reading: OriginalReadingSchema,
  items: Type.Array(CorrectionSchema),
});
export type CorrectionListDto = Static<typeof CorrectionListSchema>;

export const ReadingParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Reading id' }),
});

export const CorrectionBodySchema = Type.Object(
  {
    value: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'The corrected value' })),
    flag: Type.Optional(
      Type.String({ pattern: '^[A-Za-z]{1,2}$', description: 'The corrected HJ 212 data flag' }),
    ),
    invalid: Type.Optional(Type.Boolean({ description: 'true marks the reading invalid' })),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (kept for ever)' }),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Static<typeof CorrectionBodySchema>;
