/**
 * Request and response schemas of the report routes (`/api/v1/reports*`) and their static types,
 * which the dashboard imports (docs/reports.md).
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

export const ReportKindSchema = Type.Union(
  [
    Type.Literal('air-daily'),
    Type.Literal('environment-monthly'),
    Type.Literal('enterprise-monthly'),
    Type.Literal('indicators-annual'),
  ],
  {
    description:
      'air-daily (period YYYY-MM-DD), environment-monthly and enterprise-monthly (YYYY-MM), indicators-annual (YYYY)',
  },
);
export type ReportKindDto = Static<typeof ReportKindSchema>;

export const ReportFormatSchema = Type.Union([
  Type.Literal('pdf'),
  Type.Literal('xlsx'),
  Type.Literal('html'),
]);
export type ReportFormatDto = Static<typeof ReportFormatSchema>;

export const NewReportBodySchema = Type.Object(
  {
    kind: ReportKindSchema,
    period: Type.String({
      minLength: 4,
      maxLength: 10,
      description: '2026-03-14, 2026-03 or 2026 as the kind needs',
    }),
    format: ReportFormatSchema,
    enterprise: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'enterprise-monthly: the enterprise code (an enterprise account: its own, the default)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReportRecordSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  period: Type.String(),
  format: Type.String(),
  enterpriseCode: Type.Union([Type.String(), Type.Null()]),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ description: 'SHA-256 of the file, hex' }),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ReportRecordDto = Static<typeof ReportRecordSchema>;

export const ReportListQuerySchema = Type.Object(
  {
    kind: Type.Optional(ReportKindSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export const ReportListSchema = Type.Object({ items: Type.Array(ReportRecordSchema) });
export type ReportListDto = Static<typeof ReportListSchema>;

export const ReportIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

const SchedulePart = Type.Object(
  {
    enabled: Type.Boolean(),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: 'China-local hour from which it is made' }),
    format: ReportFormatSchema,
  },
  { additionalProperties: false },
);

export const ReportScheduleBodySchema = Type.Object(
  { daily: SchedulePart, monthly: SchedulePart },
  { additionalProperties: false },
);

export const ReportScheduleSchema = Type.Object({
  daily: SchedulePart,
  monthly: SchedulePart,
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  pdfAvailable: Type.Boolean({ description: 'whether the Noto Sans CJK font for PDF reports is installed' }),
});
export type ReportScheduleDto = Static<typeof ReportScheduleSchema>;
