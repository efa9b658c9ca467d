/**
 * Alarms: lists filtered by kind, condition, handling, rule, severity, district, enterprise, site
 * and China dates (scoped to what the caller may see) and their CSV/XLSX export; one alarm with its
 * history and evidence; acknowledging, handling (data quality confirmed, dismissed), the enterprise's
 * explanation and its decision, and 立案 (a case from the alarm) — audited by the alarm service.
 */
import type { FastifyRequest } from 'fastify';
import type { AlarmQuery } from '../alarms/alarm.service.js';
import type { Principal } from '../auth/access.js';
import { attachmentDisposition } from '../reports/table-export.js';
import { chinaDayStart, DAY_MS } from '../standards/china-time.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MAX_EVIDENCE_BYTES } from '../cases/evidence.js';
import { acceptRawEvidence, sendEvidence } from './evidence-http.js';
import { DomainError } from '../errors.js';
import { alarmAttachmentDto, alarmDto, alarmEventDto } from './alarm.dto.js';
import type { AlarmListQuery } from './alarm.schemas.js';
import {
  AlarmAcknowledgeBodySchema,
  AlarmAttachmentParamsSchema,
  AlarmAttachmentSchema,
  AlarmAttachmentUploadQuerySchema,
  AlarmCaseOpenedSchema,
  AlarmCasePreviewSchema,
  AlarmCloseBodySchema,
  AlarmDetailSchema,
  AlarmExplainBodySchema,
  AlarmExplanationDecisionBodySchema,
  AlarmExportQuerySchema,
  AlarmHandleBodySchema,
  AlarmListQuerySchema,
  AlarmParamsSchema,
  AlarmSchema,
  ALARM_RULE_KIND,
} from './alarm.schemas.js';
import type { App, AppContext } from './app.js';
import { principalOf, scopedCallerOf } from './auth.hook.js';
import { caseDto } from './case.dto.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './common.schemas.js';
import { parseChinaDate, parseInstant } from './window.js';

/** Who may acknowledge and handle alarms (a district officer only in the own district). */
const ALARM_HANDLER_ROLES: readonly Principal['role'][] = ['admin', 'supervisor', 'district', 'operator'];
/** Who may open a case from an alarm (立案) and decide an enterprise's explanation: bureau and district. */
const ALARM_CASE_ROLES: readonly Principal['role'][] = ['admin', 'supervisor', 'district'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `from`: a China date from its start, or an instant. */
function fromOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  return DATE.test(text) ? chinaDayStart(parseChinaDate(text, 'from')) : parseInstant(text, 'from');
}

/** `to`: a China date to its end (the next day's start, exclusive), or an instant. */
function toOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  return DATE.test(text)
    ? new Date(chinaDayStart(parseChinaDate(text, 'to')).getTime() + DAY_MS)
    : parseInstant(text, 'to');
}

/** The service's query of the list's filters. */
function alarmQueryOf(q: Omit<AlarmListQuery, 'limit' | 'cursor'>): AlarmQuery {
  const kind = q.kind;
  return {
    state: q.state,
    active: q.active,
    condition: q.condition,
    handling: q.handling,
    rule: q.rule,
    rules:
      kind === undefined
        ? undefined
        : Object.entries(ALARM_RULE_KIND)
            .filter(([, k]) => k === kind)
            .map(([rule]) => rule),
    severity: q.severity,
    districtCode: q.district,
    enterpriseCode: q.enterprise,
    siteCode: q.site,
    from: fromOf(q.from),
    to: toOf(q.to),
    sort: q.sort ?? 'priority',
  };
}

export function registerAlarmRoutes(app: App, ctx: AppContext): void {
  const { alarms, cases, scope } = ctx.services;

  app.get(
    '/api/v1/alarms',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          'Alarms filtered and paged, unhandled critical first then newest first (sort=time: newest first); only sites the caller may see',
        querystring: AlarmListQuerySchema,
        response: { 200: PageSchema(AlarmSchema), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await alarms.list(await scope.of(principalOf(request)), {
        ...alarmQueryOf(filters),
        limit,
        cursor,
      });
      return { ...page, items: page.items.map(alarmDto) };
    },
  );

  app.get(
    '/api/v1/alarms/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          'The filtered alarm list as CSV (UTF-8 with BOM) or XLSX, in Chinese or English (at most 50,000 rows; audited as export)',
        querystring: AlarmExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      const { format, lang, ...filters } = request.query;
      const file = await alarms.exportFile(
        await scopedCallerOf(request, scope),
        alarmQueryOf(filters),
        format ?? 'csv',
        lang ?? 'zh',
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/alarms/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: 'One alarm with its evidence and its whole history (opened, updated, acknowledged, closed)',
        params: AlarmParamsSchema,
        response: { 200: AlarmDetailSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const found = await alarms.visible(await scope.of(principalOf(request)), request.params.id);
      const files = await alarms.evidenceOf(found.alarm.id);
      return {
        alarm: alarmDto(found),
        events: found.alarm.events.map(alarmEventDto),
        attachments: files.map(alarmAttachmentDto),
      };
    },
  );

  app.post(
    '/api/v1/alarms/:id/acknowledge',
    {
      config: { access: ALARM_HANDLER_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary: 'Acknowledge an open alarm, with an optional comment (audited)',
        params: AlarmParamsSchema,
        body: AlarmAcknowledgeBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const comment = request.body.comment?.trim() || null;
      return alarmDto(await alarms.acknowledge(caller, request.params.id, comment));
    },
  );

  app.post(
    '/api/v1/alarms/:id/close',
    {
      config: { access: ALARM_HANDLER_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary: 'Dismiss an unhandled or acknowledged alarm with a reason (the old "close"; audited)',
        params: AlarmParamsSchema,
        body: AlarmCloseBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      return alarmDto(await alarms.close(caller, request.params.id, request.body.reason));
    },
  );

  app.post(
    '/api/v1/alarms/:id/handle',
    {
      config: { access: ALARM_HANDLER_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary: 'Handle an alarm: data-quality issue confirmed, or dismissed with a reason (audited)',
        params: AlarmParamsSchema,
        body: AlarmHandleBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const { disposition, reason } = request.body;
      return alarmDto(
        await alarms.handle(caller, request.params.id, { disposition, reason: reason ?? null }),
      );
    },
  );

  app.post(
    '/api/v1/alarms/:id/explanation',
    {
      config: { access: ['enterprise'] },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['alarms'],
        summary:
          "The enterprise explains one of its own alarms; waits for the supervisor's decision (audited)",
        params: AlarmParamsSchema,
        body: AlarmExplainBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      return alarmDto(await alarms.explain(caller, request.params.id, request.body.text));
    },
  );

  app.post(
    '/api/v1/alarms/:id/explanation/decision',
    {
      config: { access: ALARM_CASE_ROLES },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['alarms'],
        summary:
          "Accept the enterprise's explanation (handled, explained) or reject it with a comment (stays unhandled; audited)",
        params: AlarmParamsSchema,
        body: AlarmExplanationDecisionBodySchema,
        response: {
          200: AlarmSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const { accept, comment } = request.body;
      return alarmDto(
        await alarms.decideExplanation(caller, request.params.id, { accept, comment: comment ?? null }),
      );
    },
  );

  app.get(
    '/api/v1/alarms/:id/case-preview',
    {
      config: { access: ALARM_CASE_ROLES },
      schema: {
        tags: ['alarms'],
        summary: 'What 立案 from the alarm would open: subject, category and the derived responsible unit',
        params: AlarmParamsSchema,
        response: { 200: AlarmCasePreviewSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => alarms.casePreview(await scopedCallerOf(request, scope), request.params.id),
  );

  app.post(
    '/api/v1/alarms/:id/case',
    {
      config: { access: ALARM_CASE_ROLES },
      schema: {
        tags: ['alarms'],
        summary:
          '立案: open a case from the alarm (subject, category, responsible unit derived; the alarm linked as evidence) and handle the alarm as case_opened (audited)',
        params: AlarmParamsSchema,
        response: {
          201: AlarmCaseOpenedSchema,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const caller = await scopedCallerOf(request, scope);
      const { change, caseId } = await alarms.openCase(caller, request.params.id);
      const detail = await cases.detail(await caseCallerOf(request), caseId);
      return reply
        .status(201)
        .send({ alarm: alarmDto(change), case: caseDto(detail.record, ctx.services.clock.now()) });
    },
  );

  app.get(
    '/api/v1/alarms/:id/attachments/:attachmentId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary: "Download an evidence file of the enterprise's explanation (checked against its SHA-256)",
        params: AlarmAttachmentParamsSchema,
        produces: ['application/octet-stream'],
        response: { 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const { meta, bytes } = await alarms.evidenceFile(
        await scope.of(principalOf(request)),
        id,
        attachmentId,
      );
      return sendEvidence(reply, meta, bytes);
    },
  );

  // The upload parses its body as raw bytes; the parser and its 10 MiB limit stay inside this plugin.
  void app.register((child, _opts, done) => {
    const scoped = child.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawEvidence(child);
    scoped.post(
      '/api/v1/alarms/:id/attachments',
      {
        config: { access: ['enterprise'] },
        bodyLimit: MAX_EVIDENCE_BYTES,
        schema: {
          tags: ['alarms'],
          summary:
            'The enterprise adds an evidence file to its explanation of its own alarm, as the raw body (application/octet-stream; JPEG, PNG, PDF, DOCX, XLSX; ≤ 10 MiB; judged by its bytes; audited)',
          params: AlarmParamsSchema,
          querystring: AlarmAttachmentUploadQuerySchema,
          response: {
            201: AlarmAttachmentSchema,
            400: ErrorRef,
            401: ErrorRef,
            403: ErrorRef,
            404: ErrorRef,
            409: ErrorRef,
            413: ErrorRef,
            415: ErrorRef,
          },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new DomainError(
            'unsupported-media-type',
            'send the file as the body with Content-Type: application/octet-stream',
          );
        }
        const stored = await alarms.addEvidence(await scopedCallerOf(request, scope), request.params.id, {
          bytes: request.body,
          filename: request.query.filename,
          declaredType: request.query.type,
        });
        return reply.status(201).send(alarmAttachmentDto(stored));
      },
    );
    done();
  });

  /** The caller as the case service takes them. */
  async function caseCallerOf(request: FastifyRequest) {
    const p = principalOf(request);
    return {
      username: p.username,
      role: p.role,
      districtCode: p.districtCode,
      enterpriseSiteId: p.enterpriseSiteId,
      scope: await scope.of(p),
      address: request.ip,
    };
  }
}
