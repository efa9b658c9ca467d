/**
 * The closed-loop case API (issue 9): list, detail with events, create, transitions, deadline
 * extensions, evidence upload and download, figures, and the CSV export. Every answer is scoped:
 * a case outside the caller's scope is answered 404, as if absent.
 *
 * Evidence is uploaded as the raw request body (`Content-Type: application/octet-stream`) with
 * `?filename=&type=`, not multipart: no multipart parser is installed, and one file per request
 * keeps the size limit exact. The 10 MiB body limit applies to that route only.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Principal } from '../auth/access.js';
import { scopeOf } from '../auth/scope.js';
import { casesCsv } from '../cases/case-csv.js';
import { caseInScope, caseScopeOf } from '../cases/case-scope.js';
import { caseServiceOf } from '../cases/case-service-of.js';
import { CaseError } from '../cases/case.service.js';
import type { CaseActor } from '../cases/case-machine.js';
import { DEADLINE_STATES } from '../cases/case-machine.js';
import { DAY_MS } from '../cases/escalation.js';
import { MAX_EVIDENCE_BYTES } from '../cases/evidence.js';
import { chinaDayStart, parseTimeAsChina } from '../standards/china-time.js';
import { EvidenceCorruptError } from '../store/attachment.repository.js';
import type { CaseFilter, CaseRecord, CaseRowScope } from '../store/case.repository.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import {
  AttachmentSchema,
  CaseCategorySchema,
  CaseDetailSchema,
  CaseSchema,
  CaseSourceSchema,
  CaseStateSchema,
  CreateCaseBodySchema,
  ExtensionDecisionBodySchema,
  ExtensionRequestBodySchema,
  FigureDimensionSchema,
  FiguresSchema,
  TransitionBodySchema,
  attachmentDto,
  caseDetailDto,
  caseDto,
} from './case.schemas.js';
import { ApiError, badRequest } from './errors.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './schemas.js';

/** Case bodies are a few fields and a comment. */
const CASE_BODY_LIMIT_BYTES = 64 * 1024;
/** Rows in one CSV export at most. */
const MAX_EXPORT_ROWS = 50_000;

/** Roles that take part in cases (operators read them). */
const CASE_ACTOR_ROLES = ['admin', 'supervisor', 'district', 'enterprise'] as const;

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

const CaseParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Case id' }) });

const ListFilterSchema = {
  state: Type.Optional(Type.Array(CaseStateSchema, { description: 'One or more (?state=a&state=b)' })),
  source: Type.Optional(CaseSourceSchema),
  category: Type.Optional(CaseCategorySchema),
  districtCode: Type.Optional(Type.String({ maxLength: 12 })),
  alarmId: Type.Optional(Type.Integer({ minimum: 1 })),
  responsibleSiteId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Responsible enterprise site id' }),
  ),
  overdue: Type.Optional(
    Type.Boolean({ description: 'true: only assigned or rectifying past the deadline' }),
  ),
  from: Type.Optional(
    Type.String({ pattern: DATE, description: 'Created on or after this China-local date' }),
  ),
  to: Type.Optional(
    Type.String({ pattern: DATE, description: 'Created on or before this China-local date' }),
  ),
};

/** The service's refusals and the evidence store's failures as API errors. */
function apiError(err: unknown): unknown {
  if (err instanceof CaseError) return new ApiError(err.code, err.message, err.details);
  if (err instanceof EvidenceCorruptError) return new ApiError('internal', err.message);
  return err;
}

async function run<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw apiError(err);
  }
}

/** A deadline: `YYYY-MM-DD` is due by the end of that China-local day; anything else is an ISO time. */
export function parseDeadline(text: string, field = 'deadline'): Date {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(chinaDayStart(text).getTime() + DAY_MS);
    return parseTimeAsChina(text);
  } catch (err) {
    throw badRequest(`${field}: ${(err as Error).message}`);
  }
}

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
    throw badRequest((err as Error).message);
  }
}

const actorOfPrincipal = (p: Principal): CaseActor => ({
  username: p.username,
  role: p.role,
  districtCode: p.districtCode,
  enterpriseSiteId: p.enterpriseSiteId,
});

export function registerCaseRoutes(app: App, ctx: AppContext): void {
  const { store, clock, audit } = ctx;
  const cases = caseServiceOf(store, clock, audit);

  async function scopeFor(p: Principal): Promise<CaseRowScope | null> {
    return caseScopeOf(await scopeOf(p, store));
  }

  /** The case when the caller may see it; 404 otherwise. */
  async function visibleCase(p: Principal, id: number): Promise<CaseRecord> {
    const c = await cases.get(id);
    if (c === null || !caseInScope(await scopeFor(p), c))
      throw new ApiError('not-found', `case ${id} not found`);
    return c;
  }

  function listFilter(
    scope: CaseRowScope,
    q: { [K in keyof typeof ListFilterSchema]?: unknown },
  ): CaseFilter {
    const f = q as {
      state?: string[];
      source?: string;
      category?: string;
      districtCode?: string;
      alarmId?: number;
      responsibleSiteId?: number;
      overdue?: boolean;
      from?: string;
      to?: string;
    };
    return {
      scope,
      states: f.state,
      source: f.source,
      category: f.category,
      districtCode: f.districtCode,
      alarmId: f.alarmId,
      responsibleSiteId: f.responsibleSiteId,
      ...(f.overdue === true ? { overdueAt: clock.now(), overdueStates: DEADLINE_STATES } : {}),
      ...dateRange(f.from, f.to),
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
        querystring: Type.Object(
          {
            ...ListFilterSchema,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(CaseSchema), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const scope = await scopeFor(principalOf(request));
      if (scope === null) return { items: [], total: 0, nextCursor: null };
      const page = await run(
        cases.list({
          ...listFilter(scope, request.query),
          limit: request.query.limit,
          cursor: request.query.cursor,
        }),
      );
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
        summary: `The filtered case list as CSV (UTF-8, at most ${MAX_EXPORT_ROWS} rows; audited as export)`,
        querystring: Type.Object(ListFilterSchema, { additionalProperties: false }),
        produces: ['text/csv'],
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const scope = await scopeFor(principal);
      const rows = scope === null ? [] : await run(cases.all(listFilter(scope, request.query)));
      const shown = rows.slice(0, MAX_EXPORT_ROWS);
      await audit.record({
        action: 'export',
        actor: actorOf(principal),
        target: { type: 'cases', id: 'csv' },
        details: { what: 'cases.csv', rows: shown.length, filter: request.query },
        address: request.ip,
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cases.csv"')
        .send(casesCsv(shown, clock.now()));
    },
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
        querystring: Type.Object(
          {
            by: FigureDimensionSchema,
            from: Type.Optional(Type.String({ pattern: DATE })),
            to: Type.Optional(Type.String({ pattern: DATE })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            by: FigureDimensionSchema,
            from: Type.Union([Type.String(), Type.Null()]),
            to: Type.Union([Type.String(), Type.Null()]),
            groups: Type.Array(FiguresSchema),
            total: FiguresSchema,
          }),
          400: ErrorRef,
          401: ErrorRef,
        },
      },
    },
    async (request) => {
      const { by, from, to } = request.query;
      const scope = (await scopeFor(principalOf(request))) ?? { responsibleSiteIds: [] };
      const range = dateRange(from, to);
      const figures = await run(cases.figures(scope, by, range.createdFrom, range.createdTo));
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
        params: CaseParams,
        response: { 200: CaseDetailSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await visibleCase(principal, request.params.id);
      const detail = await run(cases.detail(actorOfPrincipal(principal), request.params.id));
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
      const created = await run(
        cases.create(actorOfPrincipal(principalOf(request)), {
          ...b,
          deadline: b.deadline === undefined ? undefined : parseDeadline(b.deadline),
        }),
      );
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
        params: CaseParams,
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
      const principal = principalOf(request);
      const { id } = request.params;
      await visibleCase(principal, id);
      const b = request.body;
      const next = await run(
        cases.transition(actorOfPrincipal(principal), id, {
          ...b,
          deadline: b.deadline === undefined ? undefined : parseDeadline(b.deadline),
        }),
      );
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
          'Ask for a later deadline (the responsible unit, while assigned or rectifying; one at a time)',
        params: CaseParams,
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
      const principal = principalOf(request);
      const { id } = request.params;
      await visibleCase(principal, id);
      const b = request.body;
      const next = await run(
        cases.requestExtension(actorOfPrincipal(principal), id, {
          ...b,
          deadline: parseDeadline(b.deadline),
        }),
      );
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
        summary: 'Approve (optionally with another deadline) or reject the pending extension request',
        params: CaseParams,
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
      const principal = principalOf(request);
      const { id } = request.params;
      await visibleCase(principal, id);
      const b = request.body;
      const next = await run(
        cases.decideExtension(actorOfPrincipal(principal), id, {
          ...b,
          deadline: b.deadline === undefined ? undefined : parseDeadline(b.deadline),
        }),
      );
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
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), attachmentId: Type.Integer({ minimum: 1 }) }),
        produces: ['application/octet-stream'],
        response: { 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      await visibleCase(principalOf(request), id);
      const { meta, bytes } = await run(cases.attachment(id, attachmentId));
      return reply
        .header('content-type', meta.mediaType)
        .header('content-length', bytes.length)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${meta.sha256}"`)
        .header('repr-digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`)
        .header('cache-control', 'private, max-age=0')
        .send(bytes);
    },
  );

  // The upload route parses its body as raw bytes; the parser and its 10 MiB limit stay inside this
  // plugin, so no other route accepts octet-stream bodies.
  void app.register((child, _opts, done) => {
    const scoped = child.withTypeProvider<TypeBoxTypeProvider>();
    scoped.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES },
      (_request, body, next) => next(null, body),
    );
    scoped.post(
      '/api/v1/cases/:id/attachments',
      {
        config: { access: CASE_ACTOR_ROLES },
        bodyLimit: MAX_EVIDENCE_BYTES,
        schema: {
          tags: ['cases'],
          summary:
            'Upload one evidence file as the raw body (Content-Type: application/octet-stream; JPEG, PNG, PDF, DOCX, XLSX; ≤ 10 MiB; judged by its bytes); then name its id in attachmentIds of your next transition or extension request',
          params: CaseParams,
          querystring: Type.Object(
            {
              filename: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. site-photo.jpg' }),
              type: Type.Optional(
                Type.String({ maxLength: 100, description: 'Declared media type; must match the bytes' }),
              ),
            },
            { additionalProperties: false },
          ),
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
        const principal = principalOf(request);
        const { id } = request.params;
        await visibleCase(principal, id);
        if (!Buffer.isBuffer(request.body)) {
          throw new ApiError(
            'unsupported-media-type',
            'send the file as the body with Content-Type: application/octet-stream',
          );
        }
        const stored = await run(
          cases.addAttachment(actorOfPrincipal(principal), id, {
            bytes: request.body,
            filename: request.query.filename,
            declaredType: request.query.type,
          }),
        );
        return reply.status(201).send(attachmentDto(stored, null));
      },
    );
    done();
  });
}
