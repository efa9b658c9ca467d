/**
 * Request and response schemas of the air routes (`/api/v1/air/*`, `/api/v1/calc/aqi`) and their
 * static types, which the dashboard imports. Responses are typed field by field, as
 * src/monitor/air-assessment.ts and src/monitor/air-calc.ts build them.
 */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { POLLUTANT_KEYS, type PollutantKey } from '../standards/aqi.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** The AQI pollutant keys (HJ 633): `o3` 1-h, `o3_8h` 8-h sliding mean. */
const PollutantKeySchema = Type.Unsafe<PollutantKey>(
  Type.Union(
    POLLUTANT_KEYS.map((k) => Type.Literal(k)),
    { description: 'so2, no2, co, o3 (1-h), o3_8h, pm10, pm25' },
  ),
);

/** The six pollutants HJ 663 evaluates. */
const Hj663PollutantSchema = Type.Union([
  Type.Literal('so2'),
  Type.Literal('no2'),
  Type.Literal('co'),
  Type.Literal('o3'),
  Type.Literal('pm10'),
  Type.Literal('pm25'),
]);

const Hj633NameSchema = Type.Union([Type.Literal('HJ 633-2012'), Type.Literal('HJ 633-2026')], {
  description: 'HJ 633 version used',
});
const AqiKindSchema = Type.Union([Type.Literal('realtime'), Type.Literal('daily')]);
const Gb3095VersionSchema = Type.Union(
  [Type.Literal('2012'), Type.Literal('2026-transition'), Type.Literal('2026-final')],
  { description: 'GB 3095 limit set' },
);

/** Individual AQIs of the pollutants used. */
const IaqiSchema = Type.Object({
  so2: Type.Optional(Type.Integer()),
  no2: Type.Optional(Type.Integer()),
  co: Type.Optional(Type.Integer()),
  o3: Type.Optional(Type.Integer()),
  o3_8h: Type.Optional(Type.Integer()),
  pm10: Type.Optional(Type.Integer()),
  pm25: Type.Optional(Type.Integer()),
});

const AqiNumbers = {
  aqi: Nullable(Type.Integer({ description: 'null = NA' })),
  level: Nullable(Type.Integer({ minimum: 1, maximum: 6 })),
  category: Nullable(Type.String({ description: '类别, e.g. 轻度污染' })),
  categoryEn: Nullable(Type.String()),
  color: Nullable(Type.String({ description: '#RRGGBB' })),
  primary: Type.Array(PollutantKeySchema, { description: 'Primary pollutants (AQI > 50)' }),
  iaqi: IaqiSchema,
  exceeding: Type.Optional(Type.Array(PollutantKeySchema, { description: 'HJ 633-2012 only: IAQI > 100' })),
  missing: Type.Array(PollutantKeySchema),
};

const BeyondTableSchema = Type.Array(PollutantKeySchema, {
  description: 'Pollutants above the top breakpoint of their column, reported as IAQI 500 (empty when none)',
});

/** An AQI result as the air outputs show it. */
const AqiViewSchema = Type.Object({
  standard: Hj633NameSchema,
  kind: AqiKindSchema,
  ...AqiNumbers,
  missingDataRule: Type.Union([Type.Literal('na-unless-above-100'), Type.Literal('from-available')]),
  beyondTable: BeyondTableSchema,
  notes: Type.Array(Type.String(), { description: 'Table notes and choices applied' }),
});

/** Hourly concentrations of a place (µg/m³, CO mg/m³); a pollutant without a valid value is left out. */
const ConcentrationsSchema = Type.Object({
  so2: Type.Optional(Type.Number()),
  no2: Type.Optional(Type.Number()),
  co: Type.Optional(Type.Number()),
  o3: Type.Optional(Type.Number()),
  pm10: Type.Optional(Type.Number()),
  pm25: Type.Optional(Type.Number()),
});

/** Daily values of a place: 24-h means, daily max 8-h O3 and daily max 1-h O3; null = not valid. */
const DayValuesSchema = Type.Object({
  so2: Nullable(Type.Number()),
  no2: Nullable(Type.Number()),
  co: Nullable(Type.Number()),
  pm10: Nullable(Type.Number()),
  pm25: Nullable(Type.Number()),
  o3_8h: Nullable(Type.Number()),
  o3_1h: Nullable(Type.Number()),
});

const AirScopeSchema = Type.Union([Type.Literal('station'), Type.Literal('district'), Type.Literal('city')], {
  description: 'station (code = site code), district (code = district code) or city',
});
const RankingScopeSchema = Type.Union([Type.Literal('station'), Type.Literal('district')]);
const RankingMetricSchema = Type.Union([Type.Literal('aqi'), Type.Literal('pm25'), Type.Literal('ci')]);

/** One place's real-time AQI. */
const RealtimeEntrySchema = Type.Object({
  scope: AirScopeSchema,
  code: Type.String(),
  name: Type.String(),
  districtCode: Nullable(Type.String({ description: 'A station’s district' })),
  stationCount: Type.Integer({ description: 'Stations with a value at that hour (1 for a station)' }),
  stationCodes: Type.Array(Type.String(), {
    description:
      'Codes of the stations the value is computed from: the city uses its national stations (attributes.network = national) when it has any, else every station',
  }),
  hourStart: Nullable(Type.String({ description: 'Start of the hour, ISO 8601 UTC; null without data' })),
  label: Nullable(Type.String({ description: 'CNEMC hour-ending label, China time' })),
  ageHours: Nullable(Type.Integer({ description: 'Hours between the end of that hour and now' })),
  concentrations: ConcentrationsSchema,
  result: Nullable(AqiViewSchema),
});

/** GET /air/latest. */
export const AirLatestSchema = Type.Object({
  now: Type.String({ description: 'Server time, ISO 8601 UTC' }),
  hourLabelRule: Type.String(),
  averagingRule: Type.String(),
  stations: Type.Array(RealtimeEntrySchema),
  districts: Type.Array(RealtimeEntrySchema),
  city: RealtimeEntrySchema,
});

/** One hour or one day of a series. */
const SeriesPointSchema = Type.Object({
  at: Type.String({ description: 'Hourly: start of the hour (ISO 8601 UTC); daily: the China-local date' }),
  label: Type.String({ description: 'Hourly: the CNEMC hour-ending label; daily: the date' }),
  stationCount: Type.Integer(),
  concentrations: Type.Union([DayValuesSchema, ConcentrationsSchema], {
    description: 'Hourly: the hour’s concentrations; daily: the daily values (o3_8h, o3_1h)',
  }),
  result: Nullable(AqiViewSchema),
});

/** GET /air/series. */
export const AirSeriesSchema = Type.Object({
  scope: AirScopeSchema,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('hourly'), Type.Literal('daily')]),
  hourLabelRule: Type.String(),
  averagingRule: Type.String(),
  rules: Type.Array(Type.String(), { description: 'HJ 663 rule set(s) behind the daily values' }),
  points: Type.Array(SeriesPointSchema),
});

/** One HJ 663 statistic compared with its GB 3095 limit. */
const EvaluatedStatisticSchema = Type.Object({
  statistic: Type.Union([Type.Literal('annual-mean'), Type.Literal('percentile')]),
  p: Type.Optional(Type.Number({ description: 'Percentile (0–100)' })),
  value: Nullable(Type.Number()),
  compareWith: Type.Union([Type.Literal('annual'), Type.Literal('24h'), Type.Literal('max8h')]),
  limit: Type.Number(),
  compliant: Nullable(Type.Boolean({ description: 'null when the data are not valid for the period' })),
  exceedanceMultiple: Nullable(Type.Number()),
});

/** One pollutant of a period evaluation. */
const PollutantEvaluationSchema = Type.Object({
  pollutant: Hj663PollutantSchema,
  dailyStatistic: Type.Union([Type.Literal('24h-mean'), Type.Literal('max8h')]),
  rule: Type.String(),
  limitsVersion: Gb3095VersionSchema,
  limitsRule: Type.String(),
  validity: Type.Object({
    valid: Type.Boolean(),
    validDays: Type.Integer(),
    minDays: Type.Integer(),
    shortMonths: Type.Array(Type.Integer({ minimum: 1, maximum: 12 })),
    rule: Type.String(),
  }),
  statistics: Type.Array(EvaluatedStatisticSchema),
  compliant: Nullable(Type.Boolean()),
  daily: Type.Object({
    validDays: Type.Integer(),
    compliantDays: Type.Integer(),
    ratePercent: Nullable(Type.Number()),
    exceedingDays: Type.Integer(),
  }),
});

const PollutantNumbersSchema = Type.Object({
  so2: Type.Number(),
  no2: Type.Number(),
  co: Type.Number(),
  o3: Type.Number(),
  pm10: Type.Number(),
  pm25: Type.Number(),
});

/** The comprehensive air quality index of a period. */
const ComprehensiveIndexSchema = Type.Object({
  value: Type.Number(),
  single: PollutantNumbersSchema,
  limits: PollutantNumbersSchema,
  limitsVersion: Gb3095VersionSchema,
  rule: Type.String(),
});

/** The evaluation of one station, district or the city. */
const UnitEvaluationSchema = Type.Object({
  scope: AirScopeSchema,
  code: Type.String(),
  name: Type.String(),
  stationCount: Type.Integer(),
  pollutants: Type.Array(PollutantEvaluationSchema),
  comprehensiveIndex: Nullable(ComprehensiveIndexSchema),
  comprehensiveIndexNote: Type.Optional(Type.String({ description: 'Why the index is missing' })),
  goodDays: Type.Object({
    goodDays: Type.Integer(),
    validDays: Type.Integer(),
    ratioPercent: Nullable(Type.Number()),
  }),
  daysByLevel: Type.Array(Type.Integer(), { description: 'Days by AQI level 1–6 (index 0 = level 1)' }),
  compliant: Nullable(Type.Boolean()),
});

/** GET /air/evaluation. */
export const AirEvaluationSchema = Type.Object({
  period: Type.String(),
  from: Type.String({ description: 'First China-local date' }),
  to: Type.String({ description: 'Last China-local date' }),
  standards: Type.Object({
    aqi: Type.Array(Type.String()),
    hj663: Type.Array(Type.String()),
    gb3095: Gb3095VersionSchema,
    limitsRule: Type.String(),
  }),
  averagingRule: Type.String(),
  note: Type.Optional(Type.String()),
  units: Type.Array(UnitEvaluationSchema),
});

/** GET /air/rankings. */
export const AirRankingSchema = Type.Object({
  scope: RankingScopeSchema,
  by: RankingMetricSchema,
  period: Type.String(),
  order: Type.String(),
  standards: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      rank: Nullable(Type.Integer()),
      code: Type.String(),
      name: Type.String(),
      value: Nullable(Type.Number()),
    }),
  ),
});

/** The answer of the AQI calculator (same shape as `qingshan calc aqi --json`). */
export const AqiCalcSchema = Type.Object({
  standard: Hj633NameSchema,
  kind: AqiKindSchema,
  at: Nullable(Type.String({ description: 'Instant that chose the version (UTC)' })),
  ...AqiNumbers,
  unused: Type.Array(PollutantKeySchema),
  beyondTable: BeyondTableSchema,
  notes: Type.Array(Type.String()),
});

export const AirSeriesQuerySchema = Type.Object(
  {
    scope: AirScopeSchema,
    code: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Union([Type.Literal('hourly'), Type.Literal('daily')]),
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const AirEvaluationQuerySchema = Type.Object(
  {
    period: Type.Union([Type.Literal('month'), Type.Literal('year')]),
    value: Type.String({ maxLength: 7, description: '2026-03 (month) or 2026 (year)' }),
    scope: Type.Optional(AirScopeSchema),
    code: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const AirRankingsQuerySchema = Type.Object(
  {
    scope: Type.Optional(RankingScopeSchema),
    by: Type.Optional(RankingMetricSchema),
    period: Type.Optional(
      Type.Union([Type.Literal('latest'), Type.Literal('day'), Type.Literal('month'), Type.Literal('year')]),
    ),
    value: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

/** Far above any measured concentration; keeps the arithmetic finite (docs/security.md §6). */
const CONCENTRATION_MAX = 1_000_000;
const Concentration = (description: string) =>
  Type.Optional(Type.Number({ minimum: 0, maximum: CONCENTRATION_MAX, description }));

export const AqiCalcQuerySchema = Type.Object(
  {
    kind: AqiKindSchema,
    standard: Type.Optional(Type.Union([Type.Literal('2012'), Type.Literal('2026')])),
    at: Type.Optional(Type.String({ maxLength: 40, description: 'Start of the averaging period, ISO 8601' })),
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
);

/** The response types, as the dashboard reads them. */
export type AqiViewDto = Static<typeof AqiViewSchema>;
export type AirRealtimeEntryDto = Static<typeof RealtimeEntrySchema>;
export type AirLatestDto = Static<typeof AirLatestSchema>;
export type AirSeriesDto = Static<typeof AirSeriesSchema>;
export type AirEvaluationDto = Static<typeof AirEvaluationSchema>;
export type AirRankingDto = Static<typeof AirRankingSchema>;
export type AqiCalcDto = Static<typeof AqiCalcSchema>;

const MonthPattern = '^[0-9]{4}-[0-9]{2}$';

export const AirComparabilityQuerySchema = Type.Object(
  {
    from: Type.String({ pattern: MonthPattern, description: 'first month, YYYY-MM' }),
    to: Type.String({ pattern: MonthPattern, description: 'last month, YYYY-MM (at most 36 months)' }),
    scope: Type.Optional(AirScopeSchema),
    code: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** Day counts of a month under one HJ 633 version. */
export const DayCountsSchema = Type.Object({
  standard: Type.String({ description: 'HJ 633 version the days were judged by' }),
  goodDays: Type.Integer({ minimum: 0 }),
  validDays: Type.Integer({ minimum: 0 }),
  ratioPercent: Nullable(Type.Number({ description: 'good-day ratio, % (1 decimal)' })),
  daysAbove150: Type.Integer({ minimum: 0, description: 'days with daily AQI > 150' }),
  daysAbove200: Type.Integer({ minimum: 0, description: 'days with daily AQI > 200' }),
  daysByLevel: Type.Array(Type.Integer({ minimum: 0 }), { description: 'days by AQI level 1–6' }),
});

export const AirComparabilitySchema = Type.Object({
  scope: AirScopeSchema,
  code: Type.String(),
  name: Type.String(),
  from: Type.String(),
  to: Type.String(),
  comparableStandard: Type.String(),
  switchDate: Type.String(),
  averagingRule: Type.String(),
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      days: Type.Integer({ minimum: 0 }),
      official: DayCountsSchema,
      rejudged: DayCountsSchema,
      comparable: DayCountsSchema,
    }),
  ),
});
export type AirComparabilityDto = Static<typeof AirComparabilitySchema>;
export type DayCountsDto = Static<typeof DayCountsSchema>;
