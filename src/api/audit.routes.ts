/** The audit trail, for admins: entries newest first, and a check of the hash chain. */
import type { AuditRecord } from '../audit/audit.service.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { App, AppContext } from './app.js';
import type { AuditEntryDto } from './audit.schemas.js';
import { AuditPageSchema, ChainCheckSchema, auditQuerySchema } from './audit.schemas.js';
import { ACCOUNT_ADMIN_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

const AuditQuerySchema = auditQuerySchema(AUDIT_ACTIONS);

function auditDto(r: AuditRecord): AuditEntryDto {
  return { ...r, at: r.at.toISOString() };
}

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  const { audit } = ctx.services;

  app.get(
    '/api/v1/audit',
    {
      config: { access: ACCOUNT_ADMIN_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'Audit trail, newest first, filtered',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await audit.query({
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
      config: { access: ACCOUNT_ADMIN_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'Walk the audit hash chain; names the first broken entry',
        response: { 200: ChainCheckSchema, 401: ErrorRef, 403: ErrorRef },
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
