/**
 * Request and response shapes of the pollution-source API — an outlet's compliance per day and
 * month — with the types inferred from them, shared by the routes and the web. Imports nothing but
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
