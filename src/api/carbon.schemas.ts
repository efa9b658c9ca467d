/**
 * Request and response schemas of the carbon API (issue 13, docs/carbon.md §10): energy accounts,
 * the factor library, carbon-efficiency grades, energy budgets, the two-high screen, dual-control
 * indicators, the public carbon-code page and the carbon calculator, with their static types.
 *
 * Imports only `typebox` and `standards/`, so that the web can import this file.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ENERGY_CARRIERS } from '../standards/energy-carriers.js';

const Decimal = (description: string) =>
  Type.Union(
    [Type.String({ maxLength: 32, pattern: '^\\s*\\d+(\\.\\d+)?\\s*$' }), Type.Number({ minimum: 0 })],
    {
      description,
    },
  );
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'China month, YYYY-MM' });
const Period = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
  description: 'YYYY-MM, YYYY-Qn or YYYY',
});
const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: 'Calendar year (China)' });
const Code = Type.String({ minLength: 1, maxLength: 64, description: 'Enterprise site code' });
const Num = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });
const Grade = Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()], {
  description: 'DB33/T 1347-2023 grade 1 (best) – 5; null without value added or sector average',
});
const Level = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Null()], {
  description: 'Absolute carbon level of L',
});

/** Carrier quantities, each optional. */
const Quantities = Type.Object(
  Object.fromEntries(ENERGY_CARRIERS.map((c) => [c, Type.Optional(Decimal(c))])),
  { additionalProperties: false, description: 'Quantity by carrier in the units of docs/carbon.md §2' },
);

export const CarbonCalcQuerySchema = Type.Object(
  {
    ...Object.fromEntries(
      ENERGY_CARRIERS.map((c) => [c, Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 }))]),
    ),
    value_added: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12, description: '10⁴ CNY' })),
    sector_intensity: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1e6, description: 't CO2 per 10⁴ CNY' }),
    ),
    year: Type.Optional(Year),
    factor: Type.Optional(
      Type.Array(Type.String({ maxLength: 64, pattern: '^[a-z_.]+=\\d+(\\.\\d+)?$' }), {
        maxItems: 24,
        description:
          'Overrides `key=value`, e.g. grid=0.5703, natural_gas=21.62 (tCO2 per unit), tce.electricity=0.1229',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CarbonCalcQuery = Static<typeof CarbonCalcQuerySchema>;

export const UsedFactorSchema = Type.Object({
  id: Type.Integer({ description: 'Factor-library row id; 0 for a value the caller gave' }),
  key: Type.String(),
  family: Type.String(),
  region: Type.String(),
  value: Type.String(),
  unit: Type.String(),
  sourceDoc: Type.String(),
  clause: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  tag: Type.String({ description: 'Evidence tag: text, data, secondary, unverified, choice, given' }),
  stale: Type.Boolean({ description: 'The row’s validity ended before the period (newest published taken)' }),
});
export type UsedFactorDto = Static<typeof UsedFactorSchema>;

export const CarbonCalcSchema = Type.Object({
  year: Type.Integer(),
  co2: Type.Object({
    total: Type.Number({ description: 't, GB/T 32150-2015' }),
    scope1: Type.Number(),
    scope2: Type.Number(),
    net: Type.Number({ description: 'After subtracting CO2 avoided by own renewable power' }),
    byCarrier: Type.Record(Type.String(), Type.Number()),
  }),
  tce: Type.Number({ description: 'GB/T 2589-2020 comprehensive energy consumption' }),
  energyIntensity: Num('tce per 10⁴ CNY value added'),
  intensity: Num('L, t CO2 per 10⁴ CNY value added'),
  level: Level,
  k: Num('K = L / L_sector'),
  grade: Grade,
  factors: Type.Array(UsedFactorSchema),
});
export type CarbonCalcDto = Static<typeof CarbonCalcSchema>;

export const FactorSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  family: Type.String(),
  region: Type.String(),
  value: Type.String(),
  unit: Type.String(),
  sourceDoc: Type.String(),
  clause: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  tag: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type FactorDto = Static<typeof FactorSchema>;

export const NewFactorSchema = Type.Object(
  {
    key: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z_.]+$' }),
    family: Type.String({ minLength: 1, maxLength: 64 }),
    region: Type.String({ minLength: 1, maxLength: 32 }),
    value: Type.String({ maxLength: 32, pattern: '^\\d+(\\.\\d+)?$' }),
    unit: Type.String({ minLength: 1, maxLength: 32 }),
    sourceDoc: Type.String({ minLength: 1, maxLength: 500 }),
    clause: Type.String({ minLength: 1, maxLength: 200 }),
    validFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    validTo: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]),
    tag: Type.Union(['text', 'data', 'secondary', 'unverified', 'choice'].map((t) => Type.Literal(t))),
  },
  { additionalProperties: false },
);
export type NewFactorBody = Static<typeof NewFactorSchema>;

export const FactorListSchema = Type.Object({ items: Type.Array(FactorSchema) });

export const AccountBodySchema = Type.Object(
  {
    enterprise: Code,
    month: Month,
    quantities: Quantities,
    valueAdded: Type.Optional(Type.Union([Decimal('Value added, 10⁴ CNY'), Type.Null()])),
    outputValue: Type.Optional(Type.Union([Decimal('Industrial output, 10⁴ CNY'), Type.Null()])),
    sector: Type.Optional(Type.String({ pattern: '^\\d{2,4}$', description: 'GB/T 4754 code' })),
    reason: Type.Optional(
      Type.String({ maxLength: 500, description: 'Required when the month has an account' }),
    ),
  },
  { additionalProperties: false },
);
export type AccountBody = Static<typeof AccountBodySchema>;

export const AccountSchema = Type.Object({
  enterprise: Type.String(),
  month: Type.String(),
  version: Type.Integer(),
  quantities: Type.Record(Type.String(), Type.String()),
  valueAdded: Type.Union([Type.String(), Type.Null()]),
  outputValue: Type.Union([Type.String(), Type.Null()]),
  sector: Type.String(),
  source: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  co2: Type.Number({ description: 't' }),
  scope1: Type.Number(),
  scope2: Type.Number(),
  netCo2: Type.Number(),
  tce: Type.Number(),
  factorIds: Type.Array(Type.Integer(), { description: 'Factor-library rows used' }),
});
export type AccountDto = Static<typeof AccountSchema>;

export const AccountWriteSchema = Type.Object({
  outcome: Type.Union([Type.Literal('stored'), Type.Literal('replaced'), Type.Literal('unchanged')]),
  account: AccountSchema,
});

export const AccountListSchema = Type.Object({ items: Type.Array(AccountSchema) });

export const AccountQuerySchema = Type.Object(
  { enterprise: Code, from: Month, to: Month },
  { additionalProperties: false },
);
export const AccountVersionParamsSchema = Type.Object({ code: Code, month: Month });

export const AccountImportBodySchema = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 2_000_000,
      description:
        'CSV with a header: enterprise, month, then any carriers, value_added, output_value, sector, reason. A month that has an account gets a new version with the columns given merged over it.',
    }),
  },
  { additionalProperties: false },
);
export const AccountImportReportSchema = Type.Object({
  rows: Type.Integer(),
  stored: Type.Integer(),
  replaced: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});
export type AccountImportReportDto = Static<typeof AccountImportReportSchema>;

export const GradeSchema = Type.Object({
  siteId: Type.Integer({ description: 'Enterprise site id (a case subject)' }),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  division: Type.String({ description: 'GB/T 4754 division the sector average is taken over' }),
  period: Type.String(),
  intensity: Num('L, t per 10⁴ CNY'),
  level: Level,
  sectorIntensity: Num('Division average L'),
  k: Num('K'),
  grade: Grade,
});
export type GradeDto = Static<typeof GradeSchema>;

export const GradeQuerySchema = Type.Object(
  { period: Type.Optional(Period) },
  { additionalProperties: false },
);
export const GradeListSchema = Type.Object({ period: Type.String(), items: Type.Array(GradeSchema) });
export type GradeListDto = Static<typeof GradeListSchema>;

export const BudgetSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  year: Type.Integer(),
  budgetTce: Type.Number(),
  availableTce: Type.Number({ description: 'Budget plus transfers in, minus transfers out' }),
  usedTce: Type.Number(),
  monthsReported: Type.Integer(),
  usedPct: Num('Per cent of the available budget'),
  projectedTce: Num('Year-end projection'),
  projectedOverrun: Type.Boolean(),
  alert: Type.Union([Type.Literal('pct80'), Type.Literal('pct90'), Type.Literal('pct100'), Type.Null()]),
  months: Type.Array(Type.Object({ month: Type.String(), cumulativeTce: Type.Number() })),
  basis: Type.Record(Type.String(), Type.Unknown()),
});
export type BudgetDto = Static<typeof BudgetSchema>;

export const YearQuerySchema = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export const BudgetListSchema = Type.Object({ year: Type.Integer(), items: Type.Array(BudgetSchema) });
export type BudgetListDto = Static<typeof BudgetListSchema>;

export const IssueBudgetsBodySchema = Type.Object({ year: Year }, { additionalProperties: false });
export const IssueBudgetsSchema = Type.Object({
  issued: Type.Array(Type.String()),
  skipped: Type.Array(Type.Object({ enterprise: Type.String(), reason: Type.String() })),
});

export const TransferBodySchema = Type.Object(
  {
    year: Year,
    from: Code,
    to: Code,
    amountTce: Decimal('tce'),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const TwoHighSchema = Type.Object({
  year: Type.Integer(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      districtCode: Type.String(),
      industryCode: Type.String(),
      annualTce: Type.Number({ description: 'Annualised from the months reported' }),
      sectorFlag: Type.Boolean({ description: 'In a two-high sector' }),
      sizeFlag: Type.Boolean({ description: 'At or above the tce threshold' }),
    }),
  ),
});

export const IndicatorSchema = Type.Object({
  key: Type.String(),
  value: Num('In unit'),
  unit: Type.String(),
  asOf: Type.Union([Type.String(), Type.Null()], { description: 'Last month with data' }),
  target: Num('Annual target'),
});
export type IndicatorDto = Static<typeof IndicatorSchema>;

export const IndicatorQuerySchema = Type.Object(
  {
    year: Type.Optional(Year),
    scope: Type.Optional(Type.Union([Type.Literal('city'), Type.Literal('district')])),
    code: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
);
export const IndicatorListSchema = Type.Object({ items: Type.Array(IndicatorSchema) });

export const OverviewSchema = Type.Object({
  year: Type.Integer(),
  period: Type.String({ description: 'Quarter of the grades' }),
  city: Type.Array(IndicatorSchema),
  districts: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), indicators: Type.Array(IndicatorSchema) }),
  ),
  grades: Type.Array(GradeSchema),
});
export type OverviewDto = Static<typeof OverviewSchema>;

export const EnterpriseCarbonFileSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  industryCode: Type.String(),
  year: Type.Integer(),
  history: Type.Array(GradeSchema, { description: 'Quarterly grades (trend)' }),
  accounts: Type.Array(AccountSchema, { description: 'Months of the year' }),
  budget: Type.Union([BudgetSchema, Type.Null()]),
});
export type EnterpriseCarbonFileDto = Static<typeof EnterpriseCarbonFileSchema>;

export const EnterpriseParamsSchema = Type.Object({ code: Code });

export const PublicCarbonCodeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  period: Type.Union([Type.String(), Type.Null()]),
  grade: Grade,
  level: Level,
  intensity: Num('L, t per 10⁴ CNY'),
  k: Num('K'),
  trend: Type.Array(Type.Object({ period: Type.String(), grade: Grade, intensity: Num('L') })),
  pageUrl: Type.String({ description: 'Path of the public page the QR code links to' }),
});
export type PublicCarbonCodeDto = Static<typeof PublicCarbonCodeSchema>;

const Dec = Type.String({ maxLength: 32, pattern: '^-?\\d+(\\.\\d+)?$' });
export const CarbonSettingsSchema = Type.Object(
  {
    factorChoice: Type.Object(
      {
        families: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
        regions: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 }),
        overrides: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
    coverage: Type.Object(
      {
        energyIntensiveSectors: Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 }),
        minTce: Dec,
        minElectricityMwh: Dec,
        otherMinIntensity: Dec,
      },
      { additionalProperties: false },
    ),
    budgetTiers: Type.Array(
      Type.Object(
        { upToIntensity: Type.Union([Dec, Type.Null()]), cutPct: Dec },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    gradeAdjustPct: Type.Record(Type.String({ maxLength: 8 }), Dec),
    alertPcts: Type.Array(Dec, { minItems: 3, maxItems: 3 }),
    twoHigh: Type.Object(
      { sectors: Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 }), minTce: Dec },
      { additionalProperties: false },
    ),
    targets: Type.Array(
      Type.Object(
        {
          year: Year,
          scope: Type.Union([Type.Literal('city'), Type.Literal('district')]),
          code: Type.String({ maxLength: 12 }),
          key: Type.String({ maxLength: 32 }),
          value: Dec,
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false, description: 'docs/carbon.md §6' },
);
export type CarbonSettingsDto = Static<typeof CarbonSettingsSchema>;
