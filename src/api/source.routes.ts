/**
 * Pollution sources: an outlet's compliance per China-local day and for the month — hours valid
 * and exceeding, loads, transmission and validity rates — and the enterprises: the list with the
 * month's figures, its export, the city ranking and the enterprise file (一企一档) (the source
 * service).
 */
import type { EnterpriseSummary, OutletLimit } from '../monitor/source.service.js';
import { permitNumberOf, permittedLoadsOf } from '../monitor/source.service.js';
import { attachmentDisposition } from '../reports/table-export.js';
import type { App, AppContext } from './app.js';
import { principalOf, scopedCallerOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { parameterNameOf } from './parameter.dto.js';
import type { EnterpriseSummaryDto, FileLimitDto } from './source.schemas.js';
import {
  ComplianceQuerySchema,
  ComplianceSchema,
  EnterpriseFileSchema,
  EnterpriseListSchema,
  EnterpriseParamsSchema,
  EnterpriseQuerySchema,
  EnterpriseRankingQuerySchema,
  EnterpriseRankingSchema,
  ListExportQuerySchema,
  OutletParamsSchema,
} from './source.schemas.js';

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function summaryDto(s: EnterpriseSummary): EnterpriseSummaryDto {
  const e = s.enterprise;
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    districtCode: e.districtCode,
    industry: text(e.attributes.industry),
    industryCode: text(e.attributes.industryCode),
    creditCode: text(e.attributes.creditCode),
    address: text(e.attributes.address),
    performanceGrade: text(e.attributes.performanceGrade),
    permitNumber: permitNumberOf(e),
    permittedLoads: permittedLoadsOf(e),
    outlets: s.outlets,
    outletsWithoutLimits: s.outletsWithoutLimits,
    devices: s.devices,
    devicesOnline: s.devicesOnline,
    hoursExceeding: s.hoursExceeding,
    daysWithDailyExceedance: s.daysWithDailyExceedance,
    openAlarms: s.openAlarms,
    overdueCases: s.overdueCases,
    verdict: s.verdict,
  };
}

function limitDto(l: OutletLimit): FileLimitDto {
  return {
    parameter: l.parameter,
    parameterName: parameterNameOf(l.parameter),
    value: l.value,
    lowerValue: l.lowerValue,
    unit: l.unit,
    averaging: l.averaging,
    referenceO2Pct: l.referenceO2Pct,
    standard: l.standard,
    clause: l.clause,
  };
}

export function registerSourceRoutes(app: App, ctx: AppContext): void {
  const { sources, scope } = ctx.services;

  app.get(
    '/api/v1/sites/:code/compliance',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          "An outlet's compliance per China-local day and for the month: hours valid and exceeding, loads, transmission and validity rates",
        params: OutletParamsSchema,
        querystring: ComplianceQuerySchema,
        response: { 200: ComplianceSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const report = await sources.compliance(
        await scope.of(principalOf(request)),
        request.params.code,
        request.query.month,
      );
      return {
        ...report,
        limits: report.limits.map((l) => ({
          parameter: l.parameter,
          value: l.value,
          lowerValue: l.lowerValue,
          unit: l.unit,
          averaging: l.averaging,
          standard: l.standard,
        })),
      };
    },
  );

  app.get(
    '/api/v1/enterprises',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sites'],
        summary:
          'Enterprises the caller may see with the month: exceedance hours, open alarms, overdue cases, verdict (not-judged without limits)',
        querystring: EnterpriseQuerySchema,
        response: { 200: EnterpriseListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const list = await sources.enterprises(await scope.of(principalOf(request)), request.query.month);
      return { month: list.month, items: list.items.map(summaryDto) };
    },
  );

  app.get(
    '/api/v1/enterprises/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sites'],
        summary: 'The enterprise list with the month figures as CSV or XLSX, in the language asked for',
        querystring: ListExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const file = await sources.exportEnterprises(
        await scopedCallerOf(request, scope),
        q.format ?? 'csv',
        q.lang ?? 'zh',
        q.month,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/enterprises/ranking',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sites'],
        summary:
          'Enterprises ranked by exceedance hours, open alarms or overdue cases this month (largest first; zeros and not-judged left out)',
        querystring: EnterpriseRankingQuerySchema,
        response: { 200: EnterpriseRankingSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await sources.ranking(
        await scope.of(principalOf(request)),
        q.by ?? 'hoursExceeding',
        q.month,
        q.limit ?? 10,
      );
      return {
        month: r.month,
        by: r.by,
        items: r.items.map((e) => ({ rank: e.rank, value: e.value, enterprise: summaryDto(e.summary) })),
      };
    },
  );

  app.get(
    '/api/v1/enterprises/:code',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sites'],
        summary:
          'The enterprise file (一企一档): identity, permit, outlets with devices and limits in force, month compliance',
        params: EnterpriseParamsSchema,
        querystring: EnterpriseQuerySchema,
        response: { 200: EnterpriseFileSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const file = await sources.enterpriseFile(
        await scope.of(principalOf(request)),
        request.params.code,
        request.query.month,
      );
      return {
        month: file.month,
        enterprise: summaryDto(file.summary),
        outlets: file.outlets.map((o) => ({
          code: o.site.code,
          name: o.site.name,
          medium: text(o.site.attributes.medium),
          emissionStandard: text(o.site.attributes.emissionStandard),
          judged: o.judged,
          limits: o.limits.map(limitDto),
          devices: o.devices.map((d) => ({
            mn: d.mn,
            protocol: d.protocol,
            enabled: d.enabled,
            online: d.online,
            lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
          })),
          hoursReceived: o.total.hoursReceived,
          hoursValid: o.total.hoursValid,
          hoursExceeding: o.judged ? o.total.hoursExceeding : null,
          transmissionRate: o.total.transmissionRate,
          effectiveTransmissionRate: o.total.effectiveTransmissionRate,
        })),
      };
    },
  );
}
