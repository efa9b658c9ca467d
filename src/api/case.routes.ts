/**
 * The closed-loop case API (issue 9): list, detail with events, create, transitions, deadline
 * extensions, evidence upload and download, figures, and the CSV export. Every answer is scoped by
 * the case service: a case outside the caller's scope is answered 404, as if absent.
 *
 * Evidence is uploaded as the raw request body (`Content-Type: application/octet-stream`) with
 * `?filename=&type=`, not multipart: no multipart parser is installed, and one file per request
 * keeps the size limit exact. The 10 MiB body limit applies to that route only.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { CaseState } from '../cases/case-machine.js';
import { CASE_STATES } from '../cases/case-machine.js';
import type { CaseCaller, CaseQuery } from '../cases/case.service.js';
import { MAX_CASE_EXPORT_ROWS } from '../cases/case.service.js';
import { parseDeadline } from '../cases/deadline.js';
import { MAX_EVIDENCE_BYTES } from '../cases/evidence.js';
import { acceptRawEvidence, sendEvidence } from './evidence-http.js';
import { attachmentDisposition } from '../reports/table-export.js';
import { BadInputError, DomainError } from '../errors.js';
import { chinaDayStart, DAY_MS } from '../standards/china-time.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { attachmentDto, caseDetailDto, caseDto } from './case.dto.js';
import type { CaseFilterQuery } from './case.schemas.js';
import {
  AttachmentSchema,
  AttachmentUploadQuerySchema,
  CaseAttachmentParamsSchema,
  CaseDetailSchema,
  CaseExportQuerySchema,
  CaseFiguresQuerySchema,
  CaseFiguresResponseSchema,
  CaseFilterQuerySchema,
  CaseListQuerySchema,
  CasePageSchema,
  CaseParamsSchema,
  CaseSchema,
  CreateCaseBodySchema,
  DerivedResponsibleQuerySchema,
  DerivedResponsibleSchema,
  ExtensionDecisionBodySchema,
  ExtensionRequestBodySchema,
  TransitionBodySchema,
} from './case.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

/** Case bodies are a few fields and a comment. */
const CASE_BODY_LIMIT_BYTES = 64 * 1024;

/** Roles that take part in cases (operators read them). */
const CASE_ACTOR_ROLES = ['admin', 'supervisor', 'district', 'enterprise'] as const;

/** The states of `?state=a&state=b` or `?state=a,b`; 400 naming the field for an unknown one. */
function statesOf(values: readonly string[] | undefined): CaseState[] | undefined {
  if (values === undefined) return undefined;
  const states = values.flatMap((v) => v.split(','));
  const unknown = states.find((v) => !(CASE_STATES as readonly string[]).includes(v));
  if (unknown !== undefined) {
    throw new BadInputError(`state: unknown state "${unknown}"; one of ${CASE_STATES.join(', ')}`, [
      { field: 'querystring.state', problem: 'unknown state' },
    ]);
  }
  return states as CaseState[];
}

/** China-local dates `from` and `to`, both inclusive, as the instants [createdFrom, createdTo). */
function dateRange(
  from: string | undefined,
  to: string | undefined,
): { createdFrom?: Date; createdTo?: Date } {
  try {
    return {
      ...(from !== undefined ? { createdFrom: chinaDayStart(from) } : {}),
      ...(to !== undefined ? { createdTo: new Date(chinaDayStart(to).getTime() + DAY_MS) } : {}),
    };
  } catch (err) {
    throw new BadInputError((err as Error).message);
  }
}

/** The service's query of the list filters. */
function caseQuery(q: CaseFilterQuery & { sort?: CaseQuery['sort'] }): CaseQuery {
  return {
    states: statesOf(q.state),
    source: q.source,
    category: q.category,
    districtCode: q.districtCode,
    alarmId: q.alarmId,
    responsibleSiteId: q.responsibleSiteId,
    responsibleType: q.responsibleType,
    responsibleCode: q.responsibleCode,
    enterpriseSiteId: q.enterpriseSiteId,
    sort: q.sort,
    overdue: q.overdue,
    ...dateRange(q.from, q.to),
  };
}

export function registerCaseRoutes(app: App, ctx: AppContext): void {
  const { cases, scope, clock } = ctx.services;

  /** The logged-in caller as the case service knows them: who, which sites they see, from where. */
  async function callerOf(request: FastifyRequest): Promise<CaseCaller> {
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

  app.get(
    '/api/v1/cases',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary:
          'Cases newest first, filtered, in pages (scoped: a district its own, an enterprise its assigned cases)',
        querystring: CaseListQuerySchema,
        response: { 200: CasePageSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await cases.list(await callerOf(request), {
        ...caseQuery(request.query),
        limit,
        cursor,
      });
      const now = clock.now();
      return { ...page, items: page.items.map((c) => caseDto(c, now)) };
    },
  );

  app.get(
    '/api/v1/cases.csv',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: `The filtered case list as CSV (UTF-8, at most ${MAX_CASE_EXPORT_ROWS} rows; audited as export)`,
        querystring: CaseFilterQuerySchema,
        produces: ['text/csv'],
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      const { csv } = await cases.exportCsv(await callerOf(request), caseQuery(request.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cases.csv"')
        .send(csv);
    },
  );

  app.get(
    '/api/v1/cases/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: `The filtered case list as CSV or XLSX in your language (zh or en; at most ${MAX_CASE_EXPORT_ROWS} rows; audited as export)`,
        querystring: CaseExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      const { format = 'csv', lang = 'zh' } = request.query;
      const file = await cases.export(await callerOf(request), caseQuery(request.query), format, lang);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/cases/derived-responsible',
    {
      config: { access: ['admin', 'supervisor', 'district'] },
      schema: {
        tags: ['cases'],
        summary:
          "The unit that answers for a problem at a site (its enterprise, an outlet's enterprise, otherwise its district) or in a district — for the forms to show before confirming",
        querystring: DerivedResponsibleQuerySchema,
        response: {
          200: DerivedResponsibleSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
        },
      },
    },
    async (request) => ({ responsible: await cases.deriveResponsible(request.query) }),
  );

  app.get(
    '/api/v1/cases/figures',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary:
          'Open, overdue and closed counts, on-time rectification, closure and reopen rates, mean and p90 days to close — by district, category, source or month (scoped)',
        description:
          'Cases created between from and to (China-local dates, both inclusive). on-time rate = self-checked by the deadline ÷ due; closure rate = closed ÷ (total − dismissed); days to close = creation to first closure (p90 nearest rank); reopen rate = reopened ÷ ever closed.',
        querystring: CaseFiguresQuerySchema,
        response: { 200: CaseFiguresResponseSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const { by, from, to } = request.query;
      const range = dateRange(from, to);
      const figures = await cases.figures(await callerOf(request), by, range.createdFrom, range.createdTo, {
        from,
        to,
      });
      return { by, from: from ?? null, to: to ?? null, ...figures };
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'A case with every event (who, when, comment, evidence) and what you may do next',
        params: CaseParamsSchema,
        response: { 200: CaseDetailSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const detail = await cases.detail(await callerOf(request), request.params.id);
      return caseDetailDto(detail, clock.now());
    },
  );

  app.post(
    '/api/v1/cases',
    {
      config: { access: ['admin', 'supervisor', 'district'] },
      bodyLimit: CASE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary:
          'Open a case (state discovered). With source alarm and alarmId, subject, description and category default to the alarm’s',
        body: CreateCaseBodySchema,
        response: { 201: CaseSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const deadline = b.deadline === undefined ? undefined : parseDeadline(b.deadline);
      const created = await cases.create(await callerOf(request), { ...b, deadline });
      return reply.status(201).send(caseDto(created, clock.now()));
    },
  );

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      config: { access: CASE_ACTOR_ROLES },
      bodyLimit: CASE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary:
          'Move a case to its next state (audited). An illegal move answers 409 with the allowed next states in details',
        description:
          'Bureau (admin, supervisor): verify, dismiss (reason), assign (responsible, deadline), start acceptance, pass (publicised) or fail (back to rectifying, comment), close, reopen a closed case on look-back (comment, deadline). Responsible unit (district officer of that district, user of that enterprise; the bureau for a department): start rectifying, self-check (comment).',
        params: CaseParamsSchema,
        body: TransitionBodySchema,
        response: {
          200: CaseSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const b = request.body;
      const deadline = b.deadline === undefined ? undefined : parseDeadline(b.deadline);
      const next = await cases.transition(await callerOf(request), request.params.id, { ...b, deadline });
      return caseDto(next, clock.now());
    },
  );

  app.post(
    '/api/v1/cases/:id/extensions',
    {
      config: { access: CASE_ACTOR_ROLES },
      bodyLimit: CASE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary:
          'Ask for a later deadline (the responsible unit, while assigned or rectifying; one at a time; audited)',
        params: CaseParamsSchema,
        body: ExtensionRequestBodySchema,
        response: {
          201: CaseSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const next = await cases.requestExtension(await callerOf(request), request.params.id, {
        ...b,
        deadline: parseDeadline(b.deadline),
      });
      return reply.status(201).send(caseDto(next, clock.now()));
    },
  );

  app.post(
    '/api/v1/cases/:id/extensions/decision',
    {
      config: { access: ['admin', 'supervisor'] },
      bodyLimit: CASE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary:
          'Approve (optionally with another deadline) or reject the pending extension request (audited)',
        params: CaseParamsSchema,
        body: ExtensionDecisionBodySchema,
        response: {
          200: CaseSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) => {
      const b = request.body;
      const deadline = b.deadline === undefined ? undefined : parseDeadline(b.deadline);
      const next = await cases.decideExtension(await callerOf(request), request.params.id, {
        ...b,
        deadline,
      });
      return caseDto(next, clock.now());
    },
  );

  app.get(
    '/api/v1/cases/:id/attachments/:attachmentId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Download evidence (checked against its SHA-256, sent in the ETag and Repr-Digest headers)',
        params: CaseAttachmentParamsSchema,
        produces: ['application/octet-stream'],
        response: { 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const { meta, bytes } = await cases.attachment(await callerOf(request), id, attachmentId);
      return sendEvidence(reply, meta, bytes);
    },
  );

  // The upload route parses its body as raw bytes; the parser and its 10 MiB limit stay inside this
  // plugin, so no other route accepts octet-stream bodies.
  void app.register((child, _opts, done) => {
    const scoped = child.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawEvidence(child);
    scoped.post(
      '/api/v1/cases/:id/attachments',
      {
        config: { access: CASE_ACTOR_ROLES },
        bodyLimit: MAX_EVIDENCE_BYTES,
        schema: {
          tags: ['cases'],
          summary:
            'Upload one evidence file as the raw body (Content-Type: application/octet-stream; JPEG, PNG, PDF, DOCX, XLSX; ≤ 10 MiB; judged by its bytes; audited); then name its id in attachmentIds of your next transition or extension request',
          params: CaseParamsSchema,
          querystring: AttachmentUploadQuerySchema,
          response: {
            201: AttachmentSchema,
            400: ErrorRef,
            401: ErrorRef,
            403: ErrorRef,
            404: ErrorRef,
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
        const stored = await cases.addAttachment(await callerOf(request), request.params.id, {
          bytes: request.body,
          filename: request.query.filename,
          declaredType: request.query.type,
        });
        return reply.status(201).send(attachmentDto(stored, null));
      },
    );
    done();
  });
}
