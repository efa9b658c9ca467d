/**
 * Shapes of the heavy-pollution response API (docs/response.md §8): alerts and transitions,
 * obligations and their evidence, figures, grades, own lists, rule tables, templates and forecasts.
 * Imports only typebox and src/standards/, so the web can import it.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ALERT_LEVELS } from '../standards/heavy-pollution-alert.js';
import { MEASURE_KINDS, PERFORMANCE_GRADES } from '../standards/performance-grading-2020.js';
import { InstantSchema, literalUnion } from './common.schemas.js';

export const AlertLevelSchema = literalUnion(
  ALERT_LEVELS,
  'Alert level (temporary controls and blue are options)',
);
export const GradeSchema = literalUnion(PERFORMANCE_GRADES, 'Performance grade (2020 guide)');
export const MeasureKindSchema = literalUnion(MEASURE_KINDS, 'Kind of measure');
export const ALERT_STATE_VALUES = ['active', 'lifted'] as const;
export const AlertStateSchema = literalUnion(ALERT_STATE_VALUES, 'Alert state');
export const OBLIGATION_STATUS_VALUES = ['pending', 'compliant', 'non_compliant', 'no_data'] as const;
export const ObligationStatusSchema = literalUnion(OBLIGATION_STATUS_VALUES, 'Obligation status');
export const TRANSITION_VALUES = ['upgraded', 'downgraded', 'lifted'] as const;

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (China-local)' });
const Text = (max: number) => Type.String({ maxLength: max });
const Kg = Type.Number();
const Loads = Type.Object({ so2: Kg, nox: Kg, pm: Kg, vocs: Kg });
const PartialLoads = Type.Object({
  so2: Type.Optional(Kg),
  nox: Type.Optional(Kg),
  pm: Type.Optional(Kg),
  vocs: Type.Optional(Kg),
});
const Pct = Type.Number({ minimum: 0, maximum: 100 });
export const CutPctSchema = Type.Object({ so2: Pct, nox: Pct, pm: Pct, vocs: Pct });

export const AlertCreateSchema = Type.Object(
  {
    level: AlertLevelSchema,
    region: Type.String({ pattern: '^\\d{6}$', description: 'City or district code, e.g. 330500' }),
    startsAt: Type.String({
      format: 'date-time',
      description: 'May lie in the past: its hours are judged at once',
    }),
    endsAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    basis: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type AlertCreate = Static<typeof AlertCreateSchema>;

export const AlertTransitionSchema = Type.Object(
  {
    to: literalUnion(TRANSITION_VALUES, 'upgraded, downgraded or lifted'),
    level: Type.Optional(AlertLevelSchema),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type AlertTransitionBody = Static<typeof AlertTransitionSchema>;

export const AlertIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 }) });
export const AlertListQuerySchema = Type.Object({
  state: Type.Optional(AlertStateSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const AlertEventSchema = Type.Object({
  kind: Type.String(),
  level: AlertLevelSchema,
  at: InstantSchema,
  actor: Type.String(),
  note: Type.String(),
});

export const AlertSchema = Type.Object({
  id: Type.Integer(),
  level: AlertLevelSchema,
  state: AlertStateSchema,
  region: Type.String(),
  regionName: Type.String(),
  startsAt: InstantSchema,
  endsAt: Type.Union([InstantSchema, Type.Null()]),
  liftedAt: Type.Union([InstantSchema, Type.Null()]),
  basis: Type.String(),
  rulesVersion: Type.String(),
  judgedTo: Type.Union([InstantSchema, Type.Null()]),
  createdBy: Type.String(),
  demo: Type.Boolean(),
  history: Type.Array(AlertEventSchema),
});
export type AlertDto = Static<typeof AlertSchema>;
export const AlertListSchema = Type.Object({ items: Type.Array(AlertSchema) });
export const AlertCreatedSchema = Type.Object({
  id: Type.Integer(),
  level: AlertLevelSchema,
  state: AlertStateSchema,
});

export const MeasureSchema = Type.Object({
  level: AlertLevelSchema,
  kind: MeasureKindSchema,
  cutPct: CutPctSchema,
  text: Type.String(),
  from: literalUnion(['template', 'plan', 'protected', 'none'] as const, 'Where the measure came from'),
});
export type MeasureDto = Static<typeof MeasureSchema>;

export const HourEvidenceSchema = Type.Object({
  hour: InstantSchema,
  level: Type.String(),
  verdict: literalUnion(['compliant', 'non_compliant', 'no_data'] as const, 'Verdict of the hour'),
  reasons: Type.Array(Type.String()),
  actualKg: PartialLoads,
  baselineKg: PartialLoads,
  allowedKg: PartialLoads,
  flowM3h: Type.Union([Type.Number(), Type.Null()]),
  baselineFlowM3h: Type.Union([Type.Number(), Type.Null()]),
  allowedFlowM3h: Type.Union([Type.Number(), Type.Null()]),
});

export const EnterpriseRefSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
});

export const ObligationSchema = Type.Object({
  id: Type.Integer(),
  alertId: Type.Integer(),
  enterprise: EnterpriseRefSchema,
  grade: GradeSchema,
  industry: Type.String(),
  protectedBasis: Type.Union([Type.String(), Type.Null()]),
  measures: MeasureSchema,
  baselineKgPerDay: Loads,
  expectedCut: Loads,
  achievedCutKg: PartialLoads,
  status: ObligationStatusSchema,
  alarmId: Type.Union([Type.Integer(), Type.Null()]),
  evidence: Type.Array(HourEvidenceSchema),
});
export type ObligationDto = Static<typeof ObligationSchema>;
export const ObligationListSchema = Type.Object({ items: Type.Array(ObligationSchema) });

const PollutantSchema = literalUnion(['so2', 'nox', 'pm', 'vocs'] as const, 'Pollutant');
export const AlertFiguresSchema = Type.Object({
  alertId: Type.Integer(),
  level: AlertLevelSchema,
  cityCut: Type.Object({
    baselineKg: Loads,
    expectedCutKg: Loads,
    expectedPct: Type.Object({
      so2: Type.Union([Type.Number(), Type.Null()]),
      nox: Type.Union([Type.Number(), Type.Null()]),
      pm: Type.Union([Type.Number(), Type.Null()]),
      vocs: Type.Union([Type.Number(), Type.Null()]),
    }),
    targetPct: Type.Union([Type.Number(), Type.Null()]),
    shortOf: Type.Array(PollutantSchema),
  }),
  byPollutant: Type.Array(Type.Object({ pollutant: PollutantSchema, expectedKg: Kg, achievedKg: Kg })),
  byDistrict: Type.Array(
    Type.Object({
      districtCode: Type.String(),
      expectedKg: Kg,
      achievedKg: Kg,
      listed: Type.Integer(),
      compliant: Type.Integer(),
    }),
  ),
  statusCounts: Type.Object({
    pending: Type.Integer(),
    compliant: Type.Integer(),
    non_compliant: Type.Integer(),
    no_data: Type.Integer(),
  }),
  complianceRate: Type.Union([Type.Number(), Type.Null()]),
  nonCompliant: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      districtCode: Type.String(),
      grade: Type.String(),
    }),
  ),
});
export type AlertFiguresDto = Static<typeof AlertFiguresSchema>;

export const YearQuerySchema = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const YearFiguresSchema = Type.Object({
  year: Type.Integer(),
  alertsByLevel: Type.Array(Type.Object({ level: AlertLevelSchema, count: Type.Integer() })),
  districts: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      daysOver150: Type.Integer(),
      ozoneSeason: Type.Integer(),
      particulateSeason: Type.Integer(),
      target: Type.Integer(),
    }),
  ),
  seasons: Type.Object({ ozone: Type.String(), particulate: Type.String() }),
});

export const GradeSchemaRow = Type.Object({
  enterprise: EnterpriseRefSchema,
  grade: GradeSchema,
  industry: Type.String(),
  gradedOn: Type.String(),
  reviewDue: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.String(),
  protectedBasis: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  recordedAt: InstantSchema,
  recordedBy: Type.String(),
});
export type GradeDto = Static<typeof GradeSchemaRow>;
export const GradeListSchema = Type.Object({ items: Type.Array(GradeSchemaRow) });
export const GradeInputSchema = Type.Object(
  {
    grade: GradeSchema,
    industry: Type.String({ minLength: 1, maxLength: 200 }),
    gradedOn: Day,
    reviewDue: Type.Optional(Type.Union([Day, Type.Null()])),
    evidence: Type.String({ maxLength: 2000 }),
    protectedBasis: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const CsvBodySchema = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 2_000_000 }) },
  { additionalProperties: false },
);
export const CountSchema = Type.Object({ count: Type.Integer() });
export const EnterpriseCodeParamsSchema = Type.Object({ code: Code });
export const PlanSchema = Type.Object({
  grade: Type.Union([GradeSchemaRow, Type.Null()]),
  measures: Type.Array(MeasureSchema),
});
export const PlanRowParamsSchema = Type.Object({ code: Code, level: AlertLevelSchema });
export const PlanRowInputSchema = Type.Object(
  { kind: MeasureKindSchema, cutPct: CutPctSchema, text: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);

export const EnterpriseResponseSchema = Type.Object({
  plan: PlanSchema,
  activeAlerts: Type.Array(AlertSchema),
  obligations: Type.Array(ObligationSchema),
});

const Condition = Type.Object({
  aqiAbove: Type.Number({ minimum: 0, maximum: 500 }),
  minHours: Type.Integer({ minimum: 24, maximum: 240 }),
});
const Tag = literalUnion(['text', 'data', 'secondary', 'unverified'] as const, 'Evidence tag');
export const AlertRulesSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    validFrom: Day,
    triggers: Type.Array(
      Type.Object({
        level: AlertLevelSchema,
        enabled: Type.Boolean(),
        branches: Type.Array(Type.Array(Condition, { maxItems: 4 }), { maxItems: 4 }),
        tag: Tag,
        source: Type.String({ maxLength: 500 }),
      }),
      { maxItems: 5 },
    ),
    lifting: Type.Object({
      belowLevel: AlertLevelSchema,
      minHours: Type.Integer({ minimum: 0, maximum: 240 }),
      tag: Tag,
      source: Type.String({ maxLength: 500 }),
    }),
    cutTargetsPct: Type.Array(Type.Object({ level: AlertLevelSchema, pct: Pct }), { maxItems: 5 }),
    cutTargetsTag: Tag,
    cutTargetsSource: Type.String({ maxLength: 500 }),
    dailyAqiBasis: literalUnion(['calendar-day', 'rolling-24h'] as const, 'Basis of the daily AQI'),
  },
  { additionalProperties: false },
);
export const RulesPutSchema = Type.Object(
  { rules: AlertRulesSchema, note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
export const TemplateSchema = Type.Object({
  industry: Type.String({ minLength: 1, maxLength: 200 }),
  grade: GradeSchema,
  level: AlertLevelSchema,
  kind: MeasureKindSchema,
  cutPct: CutPctSchema,
  text: Type.String({ maxLength: 500 }),
});
export const TemplatesSchema = Type.Object({
  version: Type.String({ minLength: 1, maxLength: 64 }),
  validFrom: Day,
  items: Type.Array(TemplateSchema, { maxItems: 5000 }),
});
export const TemplatesPutSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    validFrom: Day,
    items: Type.Array(TemplateSchema, { maxItems: 5000 }),
    note: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const ForecastInputSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        region: Type.String({ pattern: '^\\d{6}$' }),
        date: Day,
        aqi: Type.Integer({ minimum: 0, maximum: 500 }),
        primaryPollutant: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
      }),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export const BuiltinForecastSchema = Type.Object(
  {
    region: Type.String({ pattern: '^\\d{6}$' }),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
  },
  { additionalProperties: false },
);
export const ProposalQuerySchema = Type.Object({ region: Type.String({ pattern: '^\\d{6}$' }) });
export const ProposalSchema = Type.Object({
  region: Type.String(),
  forecast: Type.Array(Type.Object({ date: Type.String(), aqi: Type.Integer(), source: Type.String() })),
  proposal: Type.Object({
    level: Type.Union([AlertLevelSchema, Type.Null()]),
    branch: Type.Array(Type.Object({ aqiAbove: Type.Number(), minHours: Type.Number() })),
    rulesVersion: Type.String(),
    tag: Type.Union([Tag, Type.Null()]),
  }),
  lifting: Type.Object({ allowed: Type.Boolean(), hoursBelow: Type.Integer(), rule: Type.String() }),
});
