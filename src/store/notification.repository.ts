/**
 * Notifications (issue 9): a notice to an audience rather than to one account, so that an account
 * created later still sees its unit's notices. Audiences are "bureau", "district:<code>" and
 * "enterprise:<site id>" (src/cases/case.service.ts decides who is told what).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { Database, NotificationTable } from './schema.js';

export interface NewNotification {
  audiences: readonly string[];
  caseId: number | null;
  kind: string;
  messageZh: string;
  messageEn: string;
  at: Date;
}

export interface NotificationRecord {
  id: number;
  audience: string;
  caseId: number | null;
  kind: string;
  messageZh: string;
  messageEn: string;
  createdAt: Date;
}

export interface NotificationFilter {
  audiences: readonly string[];
  /** Only notices created at or after (inclusive). */
  since?: Date | undefined;
  caseId?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function toNotification(r: Selectable<NotificationTable>): NotificationRecord {
  return {
    id: r.id,
    audience: r.audience,
    caseId: r.case_id,
    kind: r.kind,
    messageZh: r.message_zh,
    messageEn: r.message_en,
    createdAt: new Date(Number(r.created_at)),
  };
}

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One row per distinct audience; in the caller's transaction when `trx` is given. */
  async add(n: NewNotification, trx?: Transaction<Database>): Promise<void> {
    const audiences = [...new Set(n.audiences)];
    if (audiences.length === 0) return;
    await (trx ?? this.db)
      .insertInto('notifications')
      .values(
        audiences.map((audience) => ({
          audience,
          case_id: n.caseId,
          kind: n.kind,
          message_zh: n.messageZh,
          message_en: n.messageEn,
          created_at: n.at.getTime(),
        })),
      )
      .execute();
  }

  /** Notices to any of the audiences, newest first, in pages. */
  async list(f: NotificationFilter): Promise<Page<NotificationRecord>> {
    const limit = pageSize(f.limit);
    if (f.audiences.length === 0) return { items: [], total: 0, nextCursor: null };
    let q = this.db.selectFrom('notifications').where('audience', 'in', [...f.audiences]);
    if (f.since !== undefined) q = q.where('created_at', '>=', f.since.getTime());
    if (f.caseId !== undefined) q = q.where('case_id', '=', f.caseId);
    if (f.cursor !== undefined) {
      const [id] = decodeCursor(f.cursor, 1).map(Number) as [number];
      q = q.where('id', '<', id);
    }
    const rows = await q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toNotification);
    const last = items[items.length - 1];
    return {
      items,
      total: null,
      nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
    };
  }
}
