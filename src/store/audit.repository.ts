import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { AuditLogTable, Database } from './schema.js';

/** The hash the first entry chains to: 64 hex zeros (the head's value after migration 0002). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** An audit entry before it is placed in the chain. */
export interface AuditDraft {
  at: Date;
  /** Username of who did it; null for the system or an anonymous caller. */
  actor: string | null;
  actorRole: string | null;
  /** What was done, e.g. "auth.login", "reading.corrected". */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Facts of the action (never a password or token). */
  details: Record<string, unknown>;
  /** Client address, where there is one. */
  address: string | null;
}

/** An entry placed in the chain: its position and the hash of the one before. */
export interface LinkedAuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
}

/** An entry as stored. */
export interface AuditRecord extends LinkedAuditEntry {
  hash: string;
}

/** The newest position and hash of the chain. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function toRecord(r: Selectable<AuditLogTable>): AuditRecord {
  return {
    seq: Number(r.seq),
    at: new Date(Number(r.at)),
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
    address: r.address,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The audit log: append-only rows chained by hash. The chain is linear even with several writing
 * processes: `append` first bumps the one-row head (which takes its row lock on PostgreSQL, the
 * write lock on SQLite), then reads the previous hash, so a second writer waits until the first
 * commits and then chains to it. The hashing itself is the caller's (`src/audit/`).
 */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends an entry; `hashOf` seals it once its seq and previous hash are known. Pass `trx` to
   * append inside a transaction the caller holds (the entry then commits with the caller's rows).
   */
  async append(
    draft: AuditDraft,
    hashOf: (entry: LinkedAuditEntry) => string,
    trx?: Transaction<Database>,
  ): Promise<AuditRecord> {
    if (trx !== undefined) return this.appendIn(trx, draft, hashOf);
    return this.db.transaction().execute((t) => this.appendIn(t, draft, hashOf));
  }

  private async appendIn(
    trx: Transaction<Database>,
    draft: AuditDraft,
    hashOf: (entry: LinkedAuditEntry) => string,
  ): Promise<AuditRecord> {
    // Write before reading: the update is what serialises concurrent writers.
    await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    const head = await trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const linked: LinkedAuditEntry = { ...draft, seq: Number(head.seq), prevHash: head.hash };
    const hash = hashOf(linked);
    await trx
      .insertInto('audit_log')
      .values({
        seq: linked.seq,
        at: draft.at.getTime(),
        actor: draft.actor,
        actor_role: draft.actorRole,
        action: draft.action,
        target_type: draft.targetType,
        target_id: draft.targetId,
        details: JSON.stringify(draft.details),
        address: draft.address,
        prev_hash: linked.prevHash,
        hash,
      })
      .execute();
    await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    return { ...linked, hash };
  }

  async head(): Promise<ChainHead> {
    const r = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(r.seq), hash: r.hash };
  }

  /** Entries after `afterSeq`, oldest first, at most `limit` (for walking the chain). */
  async scan(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Entries newest first, filtered, in pages. */
  async query(filter: AuditFilter): Promise<Page<AuditRecord>> {
    let q = this.db.selectFrom('audit_log');
    if (filter.action !== undefined) q = q.where('action', '=', filter.action);
    if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
    if (filter.targetType !== undefined) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId !== undefined) q = q.where('target_id', '=', filter.targetId);
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from.getTime());
    if (filter.to !== undefined) q = q.where('at', '<', filter.to.getTime());
    if (filter.cursor !== undefined) {
      const [seq] = decodeCursor(filter.cursor, 1).map(Number) as [number];
      q = q.where('seq', '<', seq);
    }
    const limit = pageSize(filter.limit);
    const rows = await q
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toRecord);
    const last = items[items.length - 1];
    return {
      items,
      total: null,
      nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null,
    };
  }
}
