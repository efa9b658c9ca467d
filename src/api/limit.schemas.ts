/**
 * Request and response shapes of the emission-limit API — an outlet's limits, the bureau's
 * additions, the built-in presets — with the types inferred from them, shared by the routes and
 * the web. Imports nothing but TypeBox, so that the web can import it.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ParameterNameSchema } from './reading.schemas.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'China-local day YYYY-MM-DD' });
const NullableDay = Type.Union([Day, Type.Null()]);

const LimitAveragingSchema = Type.Union([Type.Literal('hour'), Type.Literal('day')], {
  description: 'hour: valid hourly means (flue gas); day: valid daily means (wastewater)',
});

/** One limit row of an outlet, as stored. */
export const LimitSchema = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  parameter: Type.String({ description: 'HJ 212-2017 code' }),
  parameterName: Type.Optional(ParameterNameSchema),
  value: Type.Number({ description: 'Upper limit' }),
  lowerValue: Type.Union([Type.Number(), Type.Null()], { description: 'Lower limit of a range (pH)' }),
  unit: Type.String(),
  averaging: LimitAveragingSchema,
  referenceO2Pct: Type.Union([Type.Number(), Type.Null()]),
  standard: Type.String(),
  clause: Type.String(),
  validFrom: NullableDay,
  validTo: NullableDay,
  source: Type.String({ description: 'preset:<id> or bureau' }),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601 UTC' }),
});
export type LimitDto = Static<typeof LimitSchema>;

/** `GET /limits` query. */
export const LimitQuerySchema = Type.Object({
  site: Type.String({ minLength: 1, maxLength: 64, description: 'Outlet code' }),
});

/** `GET /limits?site=`: an outlet's rows in force today and every row ever entered. */
export const OutletLimitsSchema = Type.Object({
  site: Type.Object({ id: Type.Integer(), code: Type.String(), emissionStandard: Type.String() }),
  preset: Type.Union([Type.String(), Type.Null()], { description: 'The preset its attributes select' }),
  inForce: Type.Array(LimitSchema),
  history: Type.Array(LimitSchema),
});
export type OutletLimitsDto = Static<typeof OutletLimitsSchema>;

/** A limit row as the bureau enters it. */
const LimitInputSchema = Type.Object(
  {
    parameter: Type.String({ pattern: '^[a-z][0-9]{5}$', description: 'HJ 212-2017 code, e.g. a21026' }),
    value: Type.Number({ minimum: 0, maximum: 1e9 }),
    lowerValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
    unit: Type.String({ minLength: 1, maxLength: 16 }),
    averaging: LimitAveragingSchema,
    referenceO2Pct: Type.Optional(Type.Number({ minimum: 0, maximum: 20.9 })),
    standard: Type.String({ minLength: 1, maxLength: 100 }),
    clause: Type.Optional(Type.String({ maxLength: 200 })),
    validFrom: Type.Optional(Day),
    validTo: Type.Optional(Day),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type LimitInput = Static<typeof LimitInputSchema>;

/** `POST /limits`: rows by hand, or a preset — one of the two. */
export const LimitAddBodySchema = Type.Object(
  {
    site: Type.String({ minLength: 1, maxLength: 64, description: 'Outlet code' }),
    preset: Type.Optional(Type.String({ maxLength: 100, description: 'Preset id, or "auto"' })),
    limits: Type.Optional(Type.Array(LimitInputSchema, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type LimitAddBody = Static<typeof LimitAddBodySchema>;

export const LimitAddedSchema = Type.Object({ added: Type.Array(LimitSchema) });

/** A row a preset proposes, before it is stored for an outlet: a stored row's fields of the limit itself. */
const PresetRowSchema = Type.Pick(LimitSchema, [
  'parameter',
  'value',
  'lowerValue',
  'unit',
  'averaging',
  'referenceO2Pct',
  'standard',
  'clause',
  'validFrom',
  'validTo',
  'note',
]);

/** `GET /limit-presets`: the built-in presets, their rows in force today and what each assumes. */
export const LimitPresetListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      standard: Type.String(),
      name: Type.Object({ zh: Type.String(), en: Type.String() }),
      medium: Type.Union([Type.Literal('gas'), Type.Literal('water')]),
      assumptions: Type.Array(Type.String()),
      rows: Type.Array(PresetRowSchema),
    }),
  ),
});
export type LimitPresetListDto = Static<typeof LimitPresetListSchema>;
