/**
 * Schemas and DTOs of the bureau settings (`/api/v1/settings/…`, docs/settings.md): alarm
 * thresholds with their overrides per industry and site, and the rules that open cases by
 * themselves. Shared by the routes and, through the inferred types, the web.
 *
 * The request schemas check shapes and types; the settings service checks names and ranges (an
 * unknown threshold, a value out of range, an unknown rule) and answers 400 naming the field.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

const Instant = Type.String({ description: 'ISO 8601 UTC' });
const ParameterCode = Type.String({ pattern: '^[a-z][0-9]{5}$', description: 'HJ 212-2017 parameter code' });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

/** An instrument's plausible range: below `min` or at/above `max` is out of range. */
export const InstrumentRangeSchema = Type.Object(
  { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
  { additionalProperties: false },
);

/** Every alarm threshold with its value (`AlarmThresholdValues` of src/alarms/thresholds.ts). */
export const ThresholdValuesSchema = Type.Object({
  constantMinPointsMinute: Type.Integer({ description: 'Constant value: equal minute values in a row' }),
  constantMinPointsHour: Type.Integer({ description: 'Constant value: equal hourly values in a row' }),
  constantTolerance: Type.Number({ description: 'Constant value: largest difference still "equal"' }),
  runningGasFlowMinM3s: Type.Number({ description: 'Running: flue-gas flow above this, m³/s' }),
  runningWaterFlowMinLs: Type.Number({ description: 'Running: wastewater flow above this, L/s' }),
  runningFlueTempMinC: Type.Number({ description: 'Running: flue-gas temperature above this, °C' }),
  zeroValueMax: Type.Number({ description: 'Zero/negative: values at or below this while running' }),
  zeroMinPoints: Type.Integer({ description: 'Zero/negative: points in a row' }),
  instrumentRanges: Type.Record(ParameterCode, InstrumentRangeSchema, {
    description: 'Out of range: plausible range per parameter',
  }),
  stepMinRelativeChange: Type.Number({
    description: 'Sudden step: |change| / |previous| at least (0.5 = 50 %)',
  }),
  stepMinBase: Type.Number({ description: 'Sudden step: previous values below this are not judged' }),
  stepFlowExplainsRelativeChange: Type.Number({
    description: 'Sudden step: a flow change in the same direction of this share explains it',
  }),
  missingMinConsecutivePoints: Type.Integer({ description: 'Missing data: missing slots in a row' }),
  transmissionRateMin: Type.Number({ description: 'Low transmission: received / expected below this' }),
  offlineAfterMinutes: Type.Integer({ description: 'Offline: minutes without a packet before a warning' }),
  offlineCriticalAfterMinutes: Type.Integer({ description: 'Offline: minutes before critical' }),
  flagAbuseFlags: Type.Immutable(
    Type.Array(Type.String(), { description: 'Flag abuse: the data flags counted' }),
  ),
  flagAbuseMaxShare: Type.Number({ description: 'Flag abuse: share of marked points above which a finding' }),
  flagAbuseLongEpisodeMinutes: Type.Integer({ description: 'Flag abuse: a marked episode longer is long' }),
  flagAbuseMinLongEpisodes: Type.Integer({ description: 'Flag abuse: long episodes that make a finding' }),
  aqiWarningAbove: Type.Number({ description: 'AQI: above this a warning' }),
  aqiCriticalAbove: Type.Number({ description: 'AQI: above this critical' }),
  spikeMinNeighbours: Type.Integer({ description: 'Neighbour spike: neighbours with a value needed' }),
  spikeRatio: Type.Number({ description: "Neighbour spike: value above the neighbours' median × this" }),
  spikeMinDifference: Type.Record(ParameterCode, Type.Number(), {
    description: 'Neighbour spike: and above the median by more than this, per parameter (µg/m³)',
  }),
});
export type ThresholdValuesDto = Static<typeof ThresholdValuesSchema>;

/** The name of a threshold. */
export const ThresholdKeySchema = Type.KeyOf(ThresholdValuesSchema);
export type ThresholdKeyDto = Static<typeof ThresholdKeySchema>;

/**
 * Some thresholds: an override. Record-valued thresholds merge key by key over the ones below
 * (defaults, then the industry's, then the site's). Unknown names are refused by the service.
 */
export const ThresholdOverrideValuesSchema = Type.Partial(ThresholdValuesSchema);
export type ThresholdOverrideValuesDto = Static<typeof ThresholdOverrideValuesSchema>;

export const ThresholdScopeSchema = Type.Union([Type.Literal('industry'), Type.Literal('site')], {
  description:
    'industry: a GB/T 4754 class code (4 digits, the enterprise attribute industryCode); site: a site code',
});
export type ThresholdScopeDto = Static<typeof ThresholdScopeSchema>;

export const ThresholdKindSchema = Type.Union(
  [
    Type.Literal('integer'),
    Type.Literal('number'),
    Type.Literal('flags'),
    Type.Literal('ranges'),
    Type.Literal('amounts'),
  ],
  { description: 'integer/number: one value; flags: data flags; ranges/amounts: per parameter code' },
);

/** A rule id of src/alarms/rules, e.g. exceedance. */
const RuleIdSchema = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'Alarm rule id' });

/** One changeable threshold: what it is and the range a value must lie in. */
export const ThresholdParameterSchema = Type.Object({
  key: ThresholdKeySchema,
  rule: RuleIdSchema,
  kind: ThresholdKindSchema,
  unit: Type.String(),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
  label: Label,
  source: Type.String({ description: 'Where the default comes from' }),
});
export type ThresholdParameterDto = Static<typeof ThresholdParameterSchema>;

/** The overrides of one industry or site. */
export const ThresholdOverrideSchema = Type.Object({
  scope: ThresholdScopeSchema,
  key: Type.String({ description: 'Industry code or site code' }),
  name: Type.Union([Type.String(), Type.Null()], { description: "The site's name; null for an industry" }),
  values: ThresholdOverrideValuesSchema,
  updatedBy: Type.String(),
  updatedAt: Instant,
});
export type ThresholdOverrideDto = Static<typeof ThresholdOverrideSchema>;

export const ThresholdOriginSchema = Type.Object({
  origin: Type.Union([Type.Literal('default'), Type.Literal('industry'), Type.Literal('site')]),
  source: Type.String(),
});

/** The thresholds in force for a site, an industry, or by default, each with where it came from. */
export const EffectiveThresholdsSchema = Type.Object({
  site: Type.Union([Type.String(), Type.Null()]),
  industry: Type.Union([Type.String(), Type.Null()], { description: 'The industry whose overrides apply' }),
  values: ThresholdValuesSchema,
  origins: Type.Record(ThresholdKeySchema, ThresholdOriginSchema),
});
export type EffectiveThresholdsDto = Static<typeof EffectiveThresholdsSchema>;

/** `GET /api/v1/settings/alarm-thresholds`. */
export const AlarmThresholdSettingsSchema = Type.Object({
  parameters: Type.Array(ThresholdParameterSchema),
  defaults: ThresholdValuesSchema,
  overrides: Type.Array(ThresholdOverrideSchema),
  effective: EffectiveThresholdsSchema,
});
export type AlarmThresholdSettingsDto = Static<typeof AlarmThresholdSettingsSchema>;

export const AlarmThresholdsQuerySchema = Type.Object({
  site: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Effective values for this site' }),
  ),
  industry: Type.Optional(
    Type.String({ minLength: 1, maxLength: 16, description: 'Effective values for this industry' }),
  ),
});

/** `PUT /api/v1/settings/alarm-thresholds`: every override at once (the ones not listed are removed). */
export const ReplaceThresholdOverridesBodySchema = Type.Object(
  {
    overrides: Type.Array(
      Type.Object(
        {
          scope: ThresholdScopeSchema,
          key: Type.String({ minLength: 1, maxLength: 64 }),
          values: ThresholdOverrideValuesSchema,
        },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export type ReplaceThresholdOverridesBody = Static<typeof ReplaceThresholdOverridesBodySchema>;

export const ThresholdOverrideParamsSchema = Type.Object({
  scope: ThresholdScopeSchema,
  key: Type.String({ minLength: 1, maxLength: 64, description: 'Industry code or site code' }),
});

/** `PUT /api/v1/settings/alarm-thresholds/{scope}/{key}`. */
export const SetThresholdOverrideBodySchema = Type.Object(
  { values: ThresholdOverrideValuesSchema },
  { additionalProperties: false },
);
export type SetThresholdOverrideBody = Static<typeof SetThresholdOverrideBodySchema>;

export const AutoCaseSeveritySchema = Type.Union(
  [Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')],
  { description: 'Lowest alarm severity that opens a case' },
);

/** One rule whose alarms open cases by themselves. */
export const AutoCaseRuleSchema = Type.Object(
  { rule: RuleIdSchema, minSeverity: AutoCaseSeveritySchema },
  { additionalProperties: false },
);
export type AutoCaseRuleDto = Static<typeof AutoCaseRuleSchema>;

/** `GET /api/v1/settings/auto-case-rules`. */
export const AutoCaseRuleSettingsSchema = Type.Object({
  rules: Type.Array(AutoCaseRuleSchema),
  isDefault: Type.Boolean({ description: 'Nobody has set the list: the built-in default is in force' }),
  defaults: Type.Array(AutoCaseRuleSchema),
  knownRules: Type.Array(RuleIdSchema, { description: 'The alarm rules a list may name' }),
  history: Type.Array(
    Type.Object({ rules: Type.Array(AutoCaseRuleSchema), changedBy: Type.String(), changedAt: Instant }),
    { description: 'Versions of the list, newest first (at most 20)' },
  ),
});
export type AutoCaseRuleSettingsDto = Static<typeof AutoCaseRuleSettingsSchema>;

/** `PUT /api/v1/settings/auto-case-rules`. */
export const ReplaceAutoCaseRulesBodySchema = Type.Object(
  { rules: Type.Array(AutoCaseRuleSchema, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type ReplaceAutoCaseRulesBody = Static<typeof ReplaceAutoCaseRulesBodySchema>;

/** Per rule: do its warnings resolve themselves when their condition clears. */
const AutoResolveRulesSchema = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  Type.Boolean(),
);

/** `GET /api/v1/settings/alarm-auto-resolve`. */
export const AutoResolveSettingsSchema = Type.Object({
  rules: AutoResolveRulesSchema,
  defaults: AutoResolveRulesSchema,
  isDefault: Type.Boolean({ description: 'Nobody has set it: the defaults are in force' }),
  fixed: Type.Array(RuleIdSchema, { description: 'Rules that always wait for a person' }),
  history: Type.Array(
    Type.Object({ rules: AutoResolveRulesSchema, changedBy: Type.String(), changedAt: Instant }),
    { description: 'Versions, newest first (at most 20): the rules the bureau set' },
  ),
});
export type AutoResolveSettingsDto = Static<typeof AutoResolveSettingsSchema>;

/** `PUT /api/v1/settings/alarm-auto-resolve`: rules not named keep their default. */
export const ReplaceAutoResolveBodySchema = Type.Object(
  { rules: AutoResolveRulesSchema },
  { additionalProperties: false },
);
export type ReplaceAutoResolveBody = Static<typeof ReplaceAutoResolveBodySchema>;
