import { Type } from 'typebox';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { AuditAction } from '../audit/audit.service.js';
import type { AuditRecord } from '../store/audit.repository.js';
import type { App, AppContext } from './app.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './schemas.js';

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ description: 'Position in the chain: 1, 2, 3, … without gaps' }),
  at: Type.String({ description: 'ISO 8601 UTC' }),
  actor: Type.Union([Type.String(), Type.Null()], { description: 'Username; null for anonymous or system' }),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  address: Type.Union([Type.String(), Type.Null()]),
  prevHash: Type.String(),
  hash: Type.String({ description: 'SHA-256 hex of prevHash followed by the canonical JSON of the entry' }),
});

function auditDto(r: AuditRecord) {
  return { ...r, at: r.at.toISOString() };
}

/** The audit trail, for admins: entries newest first, and a check of the hash chain. */
export function registerAuditRoutes(app: App, ctx: AppContext): void {
  const { store, audit } = ctx;

  app.get(
    '/api/v1/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Audit trail, newest first, filtered',
        querystring: Type.Object(
          {
            action: Type.Optional(
              Type.Unsafe<AuditAction>(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
            ),
            actor: Type.Optional(Type.String({ maxLength: 64, description: 'Username' })),
            targetType: Type.Optional(Type.String({ maxLength: 64 })),
            targetId: Type.Optional(Type.String({ maxLength: 128 })),
            from: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive, ISO 8601' })),
            to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive, ISO 8601' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(AuditEntrySchema), 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await store.audit.query({
        ...q,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
      });
      return { ...page, items: page.items.map(auditDto) };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Walk the audit hash chain; names the first broken entry',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer({ description: 'Entries that checked out' }),
            brokenSeq: Type.Optional(Type.Integer()),
            reason: Type.Optional(Type.String()),
            headHash: Type.Optional(Type.String()),
          }),
          401: ErrorRef,
          403: ErrorRef,
        },
      },
    },
    async () => {
      const v = await audit.verify();
      return v.ok
        ? { ok: true, entries: v.entries, headHash: v.head.hash }
        : { ok: false, entries: v.entries, brokenSeq: v.brokenSeq, reason: v.reason };
    },
  );
}
