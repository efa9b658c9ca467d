/**
 * Reports (docs/reports.md): generate and store a report, list the stored ones the caller may see,
 * download one, and the schedule of the daily bulletin and the monthly report.
 *
 * - `POST /api/v1/reports` `{kind, period, format, enterprise?}` → the stored report
 * - `GET /api/v1/reports[?kind=]`, `GET /api/v1/reports/{id}/file`
 * - `GET|PUT /api/v1/reports/schedule`
 */
import type { FastifyRequest } from 'fastify';
import type { ReportCaller, ReportRecord } from '../reports/report.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { BUREAU_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { sendEvidence } from './evidence-http.js';
import {
  NewReportBodySchema,
  ReportIdParamsSchema,
  ReportListQuerySchema,
  ReportListSchema,
  ReportRecordSchema,
  ReportScheduleBodySchema,
  ReportScheduleSchema,
} from './report.schemas.js';
import type { ReportRecordDto } from './report.schemas.js';

const TAG = 'reports';

function recordDto(r: ReportRecord): ReportRecordDto {
  const { storage: _storage, ...rest } = r;
  return { ...rest, createdAt: r.createdAt.toISOString() };
}

export function registerReportRoutes(app: App, ctx: AppContext): void {
  const { reports, scope } = ctx.services;
  const callerOf = async (request: FastifyRequest): Promise<ReportCaller> => {
    const principal = principalOf(request);
    return {
      actor: actorOf(principal),
      role: principal.role,
      scope: await scope.of(principal),
      address: request.ip,
    };
  };

  app.post(
    '/api/v1/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: [TAG],
        summary:
          'Generate and store a report (PDF, XLSX or HTML) with its SHA-256; an enterprise account only its own enterprise-monthly',
        body: NewReportBodySchema,
        response: {
          201: ReportRecordSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          503: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const { format, ...req } = request.body;
      const record = await reports.generate(await callerOf(request), req, format);
      return reply.code(201).send(recordDto(record));
    },
  );

  app.get(
    '/api/v1/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: [TAG],
        summary: 'Stored reports the caller may see, newest first',
        querystring: ReportListQuerySchema,
        response: { 200: ReportListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await reports.list(await callerOf(request), {
        kind: q.kind,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { items: items.map(recordDto) };
    },
  );

  app.get(
    '/api/v1/reports/:id/file',
    {
      config: { access: 'user' },
      schema: {
        tags: [TAG],
        summary: 'Download a stored report (its SHA-256 as ETag and Repr-Digest)',
        params: ReportIdParamsSchema,
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const { record, bytes } = await reports.file(await callerOf(request), request.params.id);
      return sendEvidence(reply, record, bytes);
    },
  );

  app.get(
    '/api/v1/reports/schedule',
    {
      config: { access: [...BUREAU_ROLES, 'operator'] },
      schema: {
        tags: [TAG],
        summary: 'When the daily bulletin and the monthly report are made, and in which format',
        response: { 200: ReportScheduleSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => {
      const s = await reports.schedule();
      return { ...s, changedAt: s.changedAt?.toISOString() ?? null, pdfAvailable: reports.pdfAvailable() };
    },
  );

  app.put(
    '/api/v1/reports/schedule',
    {
      config: { access: ['admin'] },
      schema: {
        tags: [TAG],
        summary: 'Set the schedule of the daily bulletin and the monthly report (audited)',
        body: ReportScheduleBodySchema,
        response: { 200: ReportScheduleSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      await reports.setSchedule(actorOf(principalOf(request)), request.body, request.ip);
      const s = await reports.schedule();
      return { ...s, changedAt: s.changedAt?.toISOString() ?? null, pdfAvailable: reports.pdfAvailable() };
    },
  );
}
