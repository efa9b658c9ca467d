/**
 * Request and response shapes of the pollution-source API — an outlet's compliance per day and
 * month, the enterprise list, file (一企一档), ranking and export — with the types inferred from them, shared by the routes and the web. Imports nothing but
 * TypeBox, so that the web can import it.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

export const OutletParamsSchema = Type.Object({
  code: Type.String({ maxLength: 64, description: 'Outlet site code' }),
});

/** `GET /sites/:code/compliance` query. */
export const ComplianceQuerySchema = Type.Object({
  month: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM (default this month)' }),
  ),
});

const RatesSchema = {
  transmissionRate: Type.Number({ description: '传输率 received / expected hourly values' }),
  validityRate: Type.Union([Type.Number(), Type.Null()], { description: '有效率 valid / received' }),
  effectiveTransmissionRate: Type.Number({ description: '有效传输率 = 有效率 × 传输率' }),
};

const DaySummarySchema = Type.Object({
  date: Type.String({ description: 'China-local day' }),
  hoursReceived: Type.Integer(),
  hoursValid: Type.Integer({ description: 'Hours with a valid hourly value of every limited parameter' }),
  hoursExceeding: Type.Integer({ description: 'Hours above an hourly limit' }),
  exceedingHoursByParameter: Type.Record(Type.String(), Type.Integer(), { description: 'By HJ 212 code' }),
  dailyExceedances: Type.Array(Type.String(), { description: 'Parameters above a daily limit' }),
  loadsKg: Type.Record(Type.String(), Type.Number(), { description: 'Pollutant loads by HJ 212 code, kg' }),
  ...RatesSchema,
});

/** An outlet's compliance summary for a month. */
export const ComplianceSchema = Type.Object({
  site: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  month: Type.String(),
  limits: Type.Array(
    Type.Object({
      parameter: Type.String(),
      value: Type.Number(),
      lowerValue: Type.Union([Type.Number(), Type.Null()]),
      unit: Type.String(),
      averaging: Type.String(),
      standard: Type.String(),
    }),
  ),
  judged: Type.Boolean({
    description:
      'False when no limit is in force: compliance cannot be judged and the exceedance figures mean nothing',
  }),
  days: Type.Array(DaySummarySchema),
  total: Type.Object({
    hoursReceived: Type.Integer(),
    hoursValid: Type.Integer(),
    hoursExceeding: Type.Integer(),
    exceedingHoursByParameter: Type.Record(Type.String(), Type.Integer(), { description: 'By HJ 212 code' }),
    daysWithDailyExceedance: Type.Integer(),
    loadsKg: Type.Record(Type.String(), Type.Number()),
    ...RatesSchema,
  }),
});
export type ComplianceDto = Static<typeof ComplianceSchema>;

const MonthQuery = Type.Optional(
  Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'China-local month YYYY-MM (default this month)' }),
);

/** `GET /enterprises` and `GET /enterprises/:code` query. */
export const EnterpriseQuerySchema = Type.Object({ month: MonthQuery }, { additionalProperties: false });

export const EnterpriseParamsSchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'Enterprise site code' }),
});

/** The month verdict of an enterprise: `not-judged` when none of its outlets has a limit in force. */
export const ComplianceVerdictSchema = Type.Union([
  Type.Literal('compliant'),
  Type.Literal('exceeding'),
  Type.Literal('not-judged'),
]);
export type ComplianceVerdictDto = Static<typeof ComplianceVerdictSchema>;

/** One enterprise of the list, with its month figures. */
export const EnterpriseSummarySchema = Type.Object({
  id: Type.Integer({ description: 'Site id (the case list filters by `enterpriseSiteId`)' }),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()], { description: 'Industry name (GB/T 4754)' }),
  industryCode: Type.Union([Type.String(), Type.Null()], { description: 'GB/T 4754 code' }),
  creditCode: Type.Union([Type.String(), Type.Null()], { description: '统一社会信用代码' }),
  address: Type.Union([Type.String(), Type.Null()]),
  performanceGrade: Type.Union([Type.String(), Type.Null()], { description: '绩效分级 A, B, B-, C, D' }),
  permitNumber: Type.Union([Type.String(), Type.Null()], {
    description: '排污许可证编号, null when not recorded',
  }),
  permittedLoads: Type.Union(
    [Type.Array(Type.Object({ parameter: Type.String(), tonnesPerYear: Type.Number() })), Type.Null()],
    { description: 'Permitted annual loads, t/a, by HJ 212 code; null when not recorded' },
  ),
  outlets: Type.Integer(),
  outletsWithoutLimits: Type.Integer({ description: 'Outlets with no limit in force (not judged)' }),
  devices: Type.Integer(),
  devicesOnline: Type.Integer(),
  hoursExceeding: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Hours above an hourly limit this month over judged outlets; null when none is judged',
  }),
  daysWithDailyExceedance: Type.Union([Type.Integer(), Type.Null()]),
  openAlarms: Type.Integer({ description: 'Alarms of the enterprise and its outlets not closed' }),
  overdueCases: Type.Integer({ description: 'Cases it is responsible for past their deadline now' }),
  verdict: ComplianceVerdictSchema,
});
export type EnterpriseSummaryDto = Static<typeof EnterpriseSummarySchema>;

export const EnterpriseListSchema = Type.Object({
  month: Type.String(),
  items: Type.Array(EnterpriseSummarySchema),
});
export type EnterpriseListDto = Static<typeof EnterpriseListSchema>;

/** A limit in force, with the parameter's name and unit for display. */
export const FileLimitSchema = Type.Object({
  parameter: Type.String(),
  parameterName: Type.Object({ zh: Type.String(), en: Type.String() }),
  value: Type.Number(),
  lowerValue: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String(),
  averaging: Type.String(),
  referenceO2Pct: Type.Union([Type.Number(), Type.Null()]),
  standard: Type.String(),
  clause: Type.String(),
});
export type FileLimitDto = Static<typeof FileLimitSchema>;

export const FileDeviceSchema = Type.Object({
  mn: Type.String(),
  protocol: Type.String(),
  enabled: Type.Boolean(),
  online: Type.Boolean(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
});
export type FileDeviceDto = Static<typeof FileDeviceSchema>;

/** The enterprise file (一企一档). */
export const EnterpriseFileSchema = Type.Object({
  month: Type.String(),
  enterprise: EnterpriseSummarySchema,
  outlets: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      medium: Type.Union([Type.String(), Type.Null()], { description: 'gas or water' }),
      emissionStandard: Type.Union([Type.String(), Type.Null()]),
      judged: Type.Boolean({ description: 'False: no limit in force, compliance cannot be judged' }),
      limits: Type.Array(FileLimitSchema),
      devices: Type.Array(FileDeviceSchema),
      hoursReceived: Type.Integer(),
      hoursValid: Type.Integer(),
      hoursExceeding: Type.Union([Type.Integer(), Type.Null()], { description: 'null when not judged' }),
      transmissionRate: Type.Number(),
      effectiveTransmissionRate: Type.Number(),
    }),
  ),
});
export type EnterpriseFileDto = Static<typeof EnterpriseFileSchema>;

/** `GET /enterprises/ranking` query. */
export const EnterpriseRankingQuerySchema = Type.Object(
  {
    by: Type.Optional(
      Type.Union([Type.Literal('hoursExceeding'), Type.Literal('openAlarms'), Type.Literal('overdueCases')], {
        description: 'Figure ranked, largest first (default hoursExceeding)',
      }),
    ),
    month: MonthQuery,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Places (default 10)' })),
  },
  { additionalProperties: false },
);
export type EnterpriseRankingQuery = Static<typeof EnterpriseRankingQuerySchema>;

export const EnterpriseRankingSchema = Type.Object({
  month: Type.String(),
  by: Type.String(),
  items: Type.Array(
    Type.Object({ rank: Type.Integer(), value: Type.Integer(), enterprise: EnterpriseSummarySchema }),
  ),
});
export type EnterpriseRankingDto = Static<typeof EnterpriseRankingSchema>;

/** `GET /enterprises/export` and `GET /devices/export` query: the file format and the user's language. */
export const ListExportQuerySchema = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'default csv' }),
    ),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'default zh' })),
    month: MonthQuery,
  },
  { additionalProperties: false },
);
export type ListExportQuery = Static<typeof ListExportQuerySchema>;
