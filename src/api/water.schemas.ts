/**
 * Request and response schemas of the surface-water API (issue 5) — sections, summaries, lab
 * results, black-odorous water bodies — and of the water calculators (`/api/v1/calc/water`,
 * `/api/v1/calc/black-odorous`), with their static types. The web imports the types from here.
 *
 * Imports only `typebox` and `standards/`, so that the web can import this file.
 */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import type { BlackOdorGrade } from '../standards/black-odorous-2015.js';
import { BLACK_ODOR_GRADE_ZH, BLACK_ODOR_INDICATORS } from '../standards/black-odorous-2015.js';
import { CHINA_PERIOD_KINDS } from '../standards/china-time.js';
import type { ItemKey, LimitedClass, WaterBodyType } from '../standards/gb3838-2002.js';
import {
  GB3838_ITEMS,
  ITEM_KEYS,
  LAB_VALUE_BOUNDS,
  LIMITED_CLASSES,
  WATER_CLASSES,
} from '../standards/gb3838-2002.js';

/** A union of string literals, typed (TypeBox infers `never` for a union over a mapped array). */
function literals<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );
}

/** An object with one property per key, each of schema `value`, typed as a record over the keys. */
function recordOf<K extends string, V extends TSchema>(keys: readonly K[], value: V, description: string) {
  return Type.Unsafe<Record<K, Static<V>>>(
    Type.Object(Object.fromEntries(keys.map((k) => [k, value])), { description }),
  );
}

/** As `recordOf`, every key optional. */
function partialRecordOf<K extends string, V extends TSchema>(
  keys: readonly K[],
  value: V,
  description: string,
) {
  return Type.Unsafe<Partial<Record<K, Static<V>>>>(
    Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Optional(value)])), { description }),
  );
}

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const WATER_BODY_TYPES: readonly WaterBodyType[] = ['river', 'lake'];
const BLACK_ODOR_GRADES = Object.keys(BLACK_ODOR_GRADE_ZH) as BlackOdorGrade[];
const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const WaterClassSchema = literals(WATER_CLASSES, 'GB 3838-2002 class (劣V: worse than V)');
const TargetClassSchema = literals(LIMITED_CLASSES, 'Target class I–V');
const ItemKeySchema = literals(ITEM_KEYS, 'GB 3838-2002 item key');
const WaterBodyTypeSchema = literals(WATER_BODY_TYPES, 'river or lake');
const PeriodKindSchema = literals(CHINA_PERIOD_KINDS, 'day, month, quarter or year (China-local)');
const BlackOdorGradeSchema = literals(BLACK_ODOR_GRADES, 'none, light or heavy');
const NullableClass = nullable(WaterClassSchema);
const NullableNumber = nullable(Type.Number());
const NullableGrade = nullable(BlackOdorGradeSchema);
const Instant = (description = 'ISO 8601 UTC') => Type.String({ description });

const WaterStatusSchema = Type.Object(
  { zh: Type.String(), en: Type.String(), color: Type.String() },
  { description: 'Status and colour of the 2011 evaluation method' },
);
const NullableStatus = nullable(WaterStatusSchema);

const MainPollutantSchema = Type.Object({
  item: ItemKeySchema,
  class: WaterClassSchema,
  multiple: Type.Union([Type.Number(), Type.Null()], { description: 'Exceedance multiple over class III' }),
});

const WaterPeriodSchema = Type.Object({
  kind: PeriodKindSchema,
  label: Type.String({ description: '2026-03-15, 2026-03, 2026-Q1 or 2026 (China-local)' }),
  from: Instant('ISO 8601 UTC, inclusive'),
  to: Instant('ISO 8601 UTC, exclusive'),
});

const WaterSectionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  waterType: WaterBodyTypeSchema,
  waterBody: Type.String(),
  basin: Type.String(),
  targetClass: TargetClassSchema,
  automatic: Type.Boolean(),
});

const SectionAssessmentSchema = Type.Object({
  section: WaterSectionSchema,
  class: NullableClass,
  status: NullableStatus,
  meetsTarget: nullable(Type.Boolean()),
  mainPollutants: Type.Array(MainPollutantSchema),
  cwqi: NullableNumber,
  cwqiItems: Type.Integer({ description: 'Evaluation items in the CWQI sum; compare equal counts only' }),
  days: Type.Integer({ description: 'Days with data in the period' }),
  latestDay: nullable(Type.String()),
});

const ItemPeriodValueSchema = Type.Object({
  item: ItemKeySchema,
  value: Type.Number({ description: 'Period mean of the daily values, GB 3838-2002 unit' }),
  unit: Type.String(),
  days: Type.Integer(),
  class: NullableClass,
  used: Type.Boolean({ description: 'Sets the section class (the 21 items of the 2011 method)' }),
});

/** GET /water/sections/:code. */
export const SectionDetailSchema = Type.Evaluate(
  Type.Intersect([
    SectionAssessmentSchema,
    Type.Object({
      period: WaterPeriodSchema,
      items: Type.Array(ItemPeriodValueSchema),
      rejected: Type.Array(Type.Object({ item: ItemKeySchema, reason: Type.String() })),
    }),
  ]),
);

/** Figures of the city or a district. */
const AreaSummarySchema = Type.Object({
  sections: Type.Integer(),
  assessed: Type.Integer(),
  classCounts: recordOf(WATER_CLASSES, Type.Integer(), 'Assessed sections per class'),
  shareGoodIToIII: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 at class I–III' }),
  shareWorseThanV: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 at 劣V' }),
  targetsMet: Type.Integer(),
  complianceRate: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 meeting targets' }),
  cwqi: Type.Union([Type.Number(), Type.Null()], { description: 'Mean section CWQI' }),
});

const DistrictSummarySchema = Type.Evaluate(
  Type.Intersect([
    AreaSummarySchema,
    Type.Object({
      districtCode: Type.String(),
      name: Type.String(),
      cwqiRank: nullable(Type.Integer()),
    }),
  ]),
);

const WaterBodyStatusSchema = Type.Object({
  name: Type.String(),
  sections: Type.Integer(),
  method: literals(['share', 'mean'] as const, 'share (≥ 5 sections) or mean (item means, single factor)'),
  shareGoodIToIII: NullableNumber,
  shareWorseThanV: NullableNumber,
  class: NullableClass,
  status: NullableStatus,
  sectionCodes: Type.Array(Type.String()),
});

const CwqiRankEntrySchema = Type.Object({
  rank: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  cwqi: Type.Number(),
  cwqiItems: Type.Integer(),
  class: NullableClass,
});

/** A from/to window of instants. */
const WaterWindowSchema = Type.Object({
  from: Instant('ISO 8601 UTC, inclusive'),
  to: Instant('ISO 8601 UTC, exclusive'),
});

/** One black-odorous sample, in the units of the 2015 guide. */
const BlackOdorousSampleSchema = Type.Object({
  sampledAt: Instant(),
  sd: Type.Number({ description: 'Transparency, cm' }),
  do: Type.Number({ description: 'mg/L' }),
  orp: Type.Number({ description: 'mV' }),
  nh3n: Type.Number({ description: 'mg/L' }),
  depth: NullableNumber,
});

const BlackOdorousPointSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  seq: Type.Integer(),
  longitude: NullableNumber,
  latitude: NullableNumber,
  samples: Type.Integer(),
  grade: NullableGrade,
  gradeZh: nullable(Type.String()),
  heavyShare: nullable(
    recordOf(
      BLACK_ODOR_INDICATORS,
      Type.Number(),
      'Share (0–1) of samples in which each indicator was heavy',
    ),
  ),
  latest: nullable(BlackOdorousSampleSchema),
});

const BlackOdorousBodySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  location: Type.String(),
  lengthM: NullableNumber,
  demo: Type.Boolean(),
  grade: NullableGrade,
  gradeZh: nullable(Type.String()),
  heavyPointShare: NullableNumber,
  heavyStretches: Type.Array(Type.Object({ fromPoint: Type.String(), toPoint: Type.String() })),
  points: Type.Array(BlackOdorousPointSchema),
});

/** GET /water/sections. */
export const SectionListSchema = Type.Object({
  period: WaterPeriodSchema,
  items: Type.Array(SectionAssessmentSchema),
});

/** GET /water/sections/:code/history. */
export const SectionHistorySchema = Type.Object({
  section: WaterSectionSchema,
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      class: NullableClass,
      meetsTarget: nullable(Type.Boolean()),
      cwqi: NullableNumber,
      mainPollutants: Type.Array(MainPollutantSchema),
      days: Type.Integer(),
    }),
  ),
});

/** One day's value of an item in a section's series. */
const SeriesValueSchema = Type.Object({
  date: Type.String({ description: 'China-local day' }),
  value: Type.Number(),
  origin: literals(['lab', 'device-day', 'hourly-mean'] as const, 'lab, device-day or hourly-mean'),
});

/** GET /water/sections/:code/series: daily item values keyed by GB 3838-2002 item. */
export const SectionSeriesSchema = Type.Object({
  section: Type.String(),
  from: Instant('ISO 8601 UTC, inclusive'),
  to: Instant('ISO 8601 UTC, exclusive'),
  items: partialRecordOf(
    ITEM_KEYS,
    Type.Object({ unit: Type.String(), values: Type.Array(SeriesValueSchema) }),
    'Daily values by GB 3838-2002 item',
  ),
});

/** GET /water/summary. */
export const WaterSummarySchema = Type.Object({
  period: WaterPeriodSchema,
  city: AreaSummarySchema,
  districts: Type.Array(DistrictSummarySchema),
  ranking: Type.Array(CwqiRankEntrySchema),
  rivers: Type.Array(WaterBodyStatusSchema),
  basins: Type.Array(WaterBodyStatusSchema),
});

/** GET /water/black-odorous. */
export const BlackOdorousListSchema = Type.Object({
  window: WaterWindowSchema,
  items: Type.Array(BlackOdorousBodySchema),
});

/** A sample as listed with its water body: the point, its grade and who entered it. */
const BlackOdorousListedSampleSchema = Type.Evaluate(
  Type.Intersect([
    BlackOdorousSampleSchema,
    Type.Object({ point: Type.String(), grade: BlackOdorGradeSchema, enteredBy: Type.String() }),
  ]),
);

/** GET /water/black-odorous/:code. */
export const BlackOdorousDetailSchema = Type.Evaluate(
  Type.Intersect([
    BlackOdorousBodySchema,
    Type.Object({ window: WaterWindowSchema, samples: Type.Array(BlackOdorousListedSampleSchema) }),
  ]),
);

/** POST /water/lab-results: what was stored. */
export const LabResultSchema = Type.Object({
  section: Type.String(),
  sampledOn: Type.String(),
  source: Type.String({ description: 'lab:<username>' }),
  stored: Type.Array(
    Type.Object({
      item: ItemKeySchema,
      code: Type.String({ description: 'HJ 212 code' }),
      value: Type.Number(),
    }),
  ),
});

/** POST /water/black-odorous/:code/samples: the sample stored, with its grade. */
export const EnteredSampleSchema = Type.Evaluate(
  Type.Intersect([
    BlackOdorousSampleSchema,
    Type.Object({
      body: Type.String(),
      point: Type.String(),
      grade: BlackOdorGradeSchema,
      gradeZh: Type.String(),
    }),
  ]),
);

export type WaterPeriodDto = Static<typeof WaterPeriodSchema>;
export type WaterSectionDto = Static<typeof WaterSectionSchema>;
export type SectionAssessmentDto = Static<typeof SectionAssessmentSchema>;
export type SectionDetailDto = Static<typeof SectionDetailSchema>;
export type SectionListDto = Static<typeof SectionListSchema>;
export type SectionHistoryDto = Static<typeof SectionHistorySchema>;
export type SectionSeriesDto = Static<typeof SectionSeriesSchema>;
export type WaterSummaryDto = Static<typeof WaterSummarySchema>;
export type BlackOdorousBodyDto = Static<typeof BlackOdorousBodySchema>;
export type BlackOdorousListDto = Static<typeof BlackOdorousListSchema>;
export type BlackOdorousDetailDto = Static<typeof BlackOdorousDetailSchema>;
export type LabResultDto = Static<typeof LabResultSchema>;
export type EnteredSampleDto = Static<typeof EnteredSampleSchema>;

// Requests.

/** `?period=&at=`: a China-local period; the current one of the kind when `at` is absent. */
export const PeriodQuerySchema = Type.Object({
  period: Type.Optional(PeriodKindSchema),
  at: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Which one: 2026-03-15, 2026-03, 2026-Q1, 2026; default current',
    }),
  ),
});
export type PeriodQuery = Static<typeof PeriodQuerySchema>;

/** `:code` of a section or a black-odorous water body. */
export const CodeParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

export const SectionHistoryQuerySchema = Type.Object({
  months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Default 12' })),
});

/**
 * Bounds of a calculator input: a magnitude far beyond any measured value, so every answer is
 * finite (docs/security.md §6); the physical range (pH 0–14, no negative concentration) is the
 * calculator's to check, with its own error code.
 */
const CALC_MAGNITUDE_MAX = 1e10;
const calcBounds = { minimum: -CALC_MAGNITUDE_MAX, maximum: CALC_MAGNITUDE_MAX } as const;

export const SectionSeriesQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ pattern: DAY_PATTERN, description: 'Default: 30 days ago' })),
  to: Type.Optional(Type.String({ pattern: DAY_PATTERN, description: 'Inclusive; default today' })),
  item: Type.Optional(literals(ITEM_KEYS, 'Only this item')),
});

/** Item values of a lab result, in each item's GB 3838-2002 unit, bounded by `LAB_VALUE_BOUNDS`. */
const LabValuesSchema = Type.Unsafe<Partial<Record<ItemKey, number>>>(
  Type.Object(
    Object.fromEntries(
      ITEM_KEYS.map((k) => [
        k,
        Type.Optional(
          Type.Number({
            minimum: LAB_VALUE_BOUNDS[k][0],
            maximum: LAB_VALUE_BOUNDS[k][1],
            description: `${GB3838_ITEMS[k].nameZh} ${GB3838_ITEMS[k].nameEn}, ${GB3838_ITEMS[k].unit}`,
          }),
        ),
      ]),
    ),
    { minProperties: 1, description: 'Values by GB 3838-2002 item key, in the standard’s units' },
  ),
);

/** POST /water/lab-results. */
export const LabBodySchema = Type.Object(
  {
    section: Type.String({ minLength: 1, maxLength: 64, description: 'Section code' }),
    sampledOn: Type.String({ pattern: DAY_PATTERN, description: 'China-local sampling day' }),
    values: LabValuesSchema,
    lab: Type.Optional(Type.String({ maxLength: 100, description: 'Laboratory, kept in the audit trail' })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type LabBody = Static<typeof LabBodySchema>;

const BlackOdorousDaysSchema = Type.Integer({
  minimum: 1,
  maximum: 366,
  description: 'Window ending now; default 30',
});

export const BlackOdorousListQuerySchema = Type.Object({
  days: Type.Optional(BlackOdorousDaysSchema),
  district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
});

export const BlackOdorousDetailQuerySchema = Type.Object({ days: Type.Optional(BlackOdorousDaysSchema) });

/** POST /water/black-odorous/:code/samples. */
export const SampleBodySchema = Type.Object(
  {
    point: Type.String({ minLength: 1, maxLength: 64, description: 'Sampling point code' }),
    sampledAt: Type.String({ maxLength: 40, description: 'ISO 8601; without an offset, China local time' }),
    sd: Type.Number({ minimum: 0, maximum: 1000, description: 'Transparency, cm' }),
    do: Type.Number({ minimum: 0, maximum: 30, description: 'Dissolved oxygen, mg/L' }),
    orp: Type.Number({ minimum: -1000, maximum: 1000, description: 'Oxidation-reduction potential, mV' }),
    nh3n: Type.Number({ minimum: 0, maximum: 1000, description: 'Ammonia nitrogen, mg/L' }),
    depth: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Water depth, cm' }),
    ),
  },
  { additionalProperties: false },
);
export type SampleBody = Static<typeof SampleBodySchema>;

// The calculators.

/** Names `GET /calc/water` accepts: the body type, the target and the GB 3838-2002 item keys. */
export const CALC_WATER_QUERY_KEYS: readonly string[] = ['type', 'target', ...ITEM_KEYS];
/** Names `GET /calc/black-odorous` accepts. */
export const CALC_BLACK_ODOROUS_QUERY_KEYS: readonly string[] = [...BLACK_ODOR_INDICATORS, 'depth'];

/** GET /calc/water: the body type, an optional target and item values in GB 3838-2002 units. */
export const CalcWaterQuerySchema = Type.Unsafe<
  { type: WaterBodyType; target?: LimitedClass } & Partial<Record<ItemKey, number>>
>(
  Type.Object({
    type: WaterBodyTypeSchema,
    target: Type.Optional(TargetClassSchema),
    ...Object.fromEntries(
      ITEM_KEYS.map((k) => [
        k,
        Type.Optional(Type.Number({ ...calcBounds, description: GB3838_ITEMS[k].unit })),
      ]),
    ),
  }),
);

export const CalcWaterResultSchema = Type.Object({
  class: WaterClassSchema,
  items: partialRecordOf(
    ITEM_KEYS,
    Type.Object({ value: Type.Number(), class: NullableClass, used: Type.Boolean() }),
    'Each item given: its value, its class, and whether it sets the section class',
  ),
  mainPollutants: Type.Array(MainPollutantSchema),
  cwqi: Type.Number(),
  meetsTarget: Type.Optional(Type.Boolean()),
  status: WaterStatusSchema,
});
export type CalcWaterResultDto = Static<typeof CalcWaterResultSchema>;

/** GET /calc/black-odorous: one sample in the units of the 2015 guide. */
export const CalcBlackOdorousQuerySchema = Type.Object({
  sd: Type.Number({ ...calcBounds, description: 'Transparency, cm' }),
  do: Type.Number({ ...calcBounds, description: 'Dissolved oxygen, mg/L' }),
  orp: Type.Number({ ...calcBounds, description: 'Oxidation-reduction potential, mV' }),
  nh3n: Type.Number({ ...calcBounds, description: 'Ammonia nitrogen, mg/L' }),
  depth: Type.Optional(
    Type.Number({ ...calcBounds, description: 'Water depth, cm (changes the SD thresholds below 25 cm)' }),
  ),
});

export const CalcBlackOdorousResultSchema = Type.Object({
  grade: BlackOdorGradeSchema,
  gradeZh: Type.String(),
  items: recordOf(
    BLACK_ODOR_INDICATORS,
    Type.Object({ value: Type.Number(), grade: BlackOdorGradeSchema }),
    'Each indicator: its value and grade',
  ),
  sdThresholdsCm: Type.Object({
    heavyBelow: Type.Number(),
    lightMax: Type.Number(),
    shallow: Type.Boolean(),
  }),
});
export type CalcBlackOdorousResultDto = Static<typeof CalcBlackOdorousResultSchema>;
