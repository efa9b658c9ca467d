/**
 * Cases and their append-only events (issue 9). The repository stores what the case service
 * decided: it never judges a transition, but it does guarantee that events of one case are numbered
 * 1, 2, 3… without gaps, so that two writers who read the same last event cannot both append.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { BadInputError, ConflictError } from '../errors.js';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { CaseEventTable, CaseTable, Database } from './schema.js';

/** The fields a case is created with and that never change. */
export interface NewCaseRow {
  source: string;
  alarmId: number | null;
  externalRef: string | null;
  subjectType: string;
  subjectSiteId: number | null;
  subjectName: string;
  districtCode: string;
  category: string;
  title: string;
  description: string;
  createdAt: Date;
  createdBy: string;
  demo: boolean;
  /** Where the problem is, as described (cases opened by hand). */
  location?: string | null | undefined;
  /** Who reported it: a complainant, or the superior office that assigned it. */
  reporter?: string | null | undefined;
}

/** The cached fold of a case's events, written with every event. */
export interface CaseCache {
  state: string;
  lastSeq: number;
  responsibleType: string | null;
  responsibleCode: string | null;
  responsibleName: string | null;
  responsibleSiteId: number | null;
  deadline: Date | null;
  escalation: string;
  assignedAt: Date | null;
  rectifiedAt: Date | null;
  rectifiedOnTime: boolean | null;
  firstClosedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  updatedAt: Date;
}

export interface CaseRecord extends NewCaseRow, CaseCache {
  id: number;
  location: string | null;
  reporter: string | null;
}

export interface NewCaseEvent {
  seq: number;
  kind: string;
  fromState: string | null;
  toState: string | null;
  actor: string;
  actorRole: string;
  at: Date;
  comment: string;
  data: Record<string, unknown>;
}

export interface CaseEventRecord extends NewCaseEvent {
  id: number;
  caseId: number;
}

/** Row-level scope of a case query, from the caller's role (src/cases/case-scope.ts). */
export interface CaseRowScope {
  districtCode?: string | undefined;
  /** Only cases whose responsible unit is one of these enterprise sites… */
  responsibleSiteIds?: readonly number[] | undefined;
  /** …and only once they have been assigned. */
  assignedOnly?: boolean | undefined;
}

export interface CaseFilter {
  scope?: CaseRowScope | undefined;
  states?: readonly string[] | undefined;
  source?: string | undefined;
  category?: string | undefined;
  districtCode?: string | undefined;
  alarmId?: number | undefined;
  responsibleSiteId?: number | undefined;
  /** Responsible unit kind: district, enterprise or department. */
  responsibleType?: string | undefined;
  /** Responsible unit code: the district code or the enterprise's site code. */
  responsibleCode?: string | undefined;
  /**
   * Cases about an enterprise: whose subject is one of `subjectSiteIds` (the enterprise and its
   * outlets) or whose responsible unit is the enterprise `siteId`.
   */
  enterprise?: { siteId: number; subjectSiteIds: readonly number[] } | undefined;
  /** Only cases overdue at this instant: in one of `overdueStates` with a deadline before it. */
  overdueAt?: Date | undefined;
  overdueStates?: readonly string[] | undefined;
  /** Created at or after (inclusive). */
  createdFrom?: Date | undefined;
  /** Created before (exclusive). */
  createdTo?: Date | undefined;
  /** Newest first by creation time (default) or by the time of the latest event. */
  sort?: CaseSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The orders of a case list, each newest first (ties broken by id). */
export const CASE_SORTS = ['created', 'updated'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

const SORT_COLUMN = { created: 'created_at', updated: 'updated_at' } as const;

/** Another writer appended to the case first; read it again and retry (409). */
export class CaseWriteConflictError extends ConflictError {
  constructor(caseId: number) {
    super(`case ${caseId} was changed by someone else meanwhile; reload it and try again`);
  }
}

/** Attachment ids that are not the caller's unlinked uploads to this case (400, ids in details). */
export class AttachmentLinkError extends BadInputError {
  constructor(readonly attachmentIds: readonly number[]) {
    super(
      `attachments ${attachmentIds.join(', ')}: only your own uploads to this case that no event carries yet can be attached`,
      { attachmentIds },
    );
  }
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function toCase(r: Selectable<CaseTable>): CaseRecord {
  return {
    id: r.id,
    source: r.source,
    alarmId: r.alarm_id,
    externalRef: r.external_ref,
    subjectType: r.subject_type,
    subjectSiteId: r.subject_site_id,
    subjectName: r.subject_name,
    districtCode: r.district_code,
    category: r.category,
    title: r.title,
    description: r.description,
    createdAt: new Date(Number(r.created_at)),
    createdBy: r.created_by,
    demo: r.demo === 1,
    location: r.location,
    reporter: r.reporter,
    state: r.state,
    lastSeq: Number(r.last_seq),
    responsibleType: r.responsible_type,
    responsibleCode: r.responsible_code,
    responsibleName: r.responsible_name,
    responsibleSiteId: r.responsible_site_id,
    deadline: date(r.deadline),
    escalation: r.escalation,
    assignedAt: date(r.assigned_at),
    rectifiedAt: date(r.rectified_at),
    rectifiedOnTime: r.rectified_on_time === null ? null : r.rectified_on_time === 1,
    firstClosedAt: date(r.first_closed_at),
    closedAt: date(r.closed_at),
    reopenCount: Number(r.reopen_count),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

function cacheColumns(c: CaseCache) {
  return {
    state: c.state,
    last_seq: c.lastSeq,
    responsible_type: c.responsibleType,
    responsible_code: c.responsibleCode,
    responsible_name: c.responsibleName,
    responsible_site_id: c.responsibleSiteId,
    deadline: ms(c.deadline),
    escalation: c.escalation,
    assigned_at: ms(c.assignedAt),
    rectified_at: ms(c.rectifiedAt),
    rectified_on_time: c.rectifiedOnTime === null ? null : c.rectifiedOnTime ? 1 : 0,
    first_closed_at: ms(c.firstClosedAt),
    closed_at: ms(c.closedAt),
    reopen_count: c.reopenCount,
    updated_at: c.updatedAt.getTime(),
  };
}

function toEvent(r: Selectable<CaseEventTable>): CaseEventRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    seq: Number(r.seq),
    kind: r.kind,
    fromState: r.from_state,
    toState: r.to_state,
    actor: r.actor,
    actorRole: r.actor_role,
    at: new Date(Number(r.at)),
    comment: r.comment,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

/** The largest number of cases one query returns without paging (exports, figures, escalation). */
const MAX_CASES_PER_QUERY = 100_000;

export class CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Creates a case with its first event; `cache` is the fold of that one event. Pass `trx` to write
   * inside a transaction the caller holds (with its audit entry, say); otherwise in one of its own.
   */
  async create(
    row: NewCaseRow,
    first: NewCaseEvent,
    cache: CaseCache,
    trx?: Transaction<Database>,
  ): Promise<CaseRecord> {
    if (first.seq !== 1 || cache.lastSeq !== 1) throw new RangeError('the first event of a case has seq 1');
    if (trx !== undefined) return this.createIn(trx, row, first, cache);
    return this.db.transaction().execute((t) => this.createIn(t, row, first, cache));
  }

  private async createIn(
    trx: Transaction<Database>,
    row: NewCaseRow,
    first: NewCaseEvent,
    cache: CaseCache,
  ): Promise<CaseRecord> {
    const inserted = await trx
      .insertInto('cases')
      .values({
        source: row.source,
        alarm_id: row.alarmId,
        external_ref: row.externalRef,
        subject_type: row.subjectType,
        subject_site_id: row.subjectSiteId,
        subject_name: row.subjectName,
        district_code: row.districtCode,
        category: row.category,
        title: row.title,
        description: row.description,
        created_at: row.createdAt.getTime(),
        created_by: row.createdBy,
        demo: row.demo ? 1 : 0,
        location: row.location ?? null,
        reporter: row.reporter ?? null,
        ...cacheColumns(cache),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.insertEvent(trx, inserted.id, first);
    return toCase(inserted);
  }

  /**
   * Appends the next event of a case and rewrites its cached fold, in one transaction (the
   * caller's `trx` when given). Throws `CaseWriteConflictError` when the case's last event is no
   * longer `event.seq - 1`, and `AttachmentLinkError` when an attachment cannot be linked (nothing
   * is written then: in a caller's transaction, the caller must let it roll back).
   */
  async append(
    caseId: number,
    event: NewCaseEvent,
    cache: CaseCache,
    link?: { attachmentIds: readonly number[]; uploadedBy: string },
    trx?: Transaction<Database>,
  ): Promise<CaseEventRecord> {
    if (cache.lastSeq !== event.seq) throw new RangeError('the cache must be the fold up to this event');
    try {
      if (trx !== undefined) return await this.appendIn(trx, caseId, event, cache, link);
      return await this.db.transaction().execute((t) => this.appendIn(t, caseId, event, cache, link));
    } catch (err) {
      if (err instanceof CaseWriteConflictError || err instanceof AttachmentLinkError) throw err;
      // A unique violation on (case_id, seq): another writer got there between our read and write.
      if (err instanceof Error && /unique|duplicate key/i.test(err.message)) {
        throw new CaseWriteConflictError(caseId);
      }
      throw err;
    }
  }

  private async appendIn(
    trx: Transaction<Database>,
    caseId: number,
    event: NewCaseEvent,
    cache: CaseCache,
    link: { attachmentIds: readonly number[]; uploadedBy: string } | undefined,
  ): Promise<CaseEventRecord> {
    // Update before insert: the row lock serialises writers of one case on PostgreSQL.
    const updated = await trx
      .updateTable('cases')
      .set(cacheColumns(cache))
      .where('id', '=', caseId)
      .where('last_seq', '=', event.seq - 1)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new CaseWriteConflictError(caseId);
    const stored = await this.insertEvent(trx, caseId, event);
    const ids = [...new Set(link?.attachmentIds ?? [])];
    if (link !== undefined && ids.length > 0) {
      const linked = await trx
        .updateTable('case_attachments')
        .set({ event_id: stored.id })
        .where('case_id', '=', caseId)
        .where('id', 'in', ids)
        .where('event_id', 'is', null)
        .where('uploaded_by', '=', link.uploadedBy)
        .executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== ids.length) throw new AttachmentLinkError(ids);
    }
    return stored;
  }

  private async insertEvent(
    trx: Transaction<Database>,
    caseId: number,
    e: NewCaseEvent,
  ): Promise<CaseEventRecord> {
    const row = await trx
      .insertInto('case_events')
      .values({
        case_id: caseId,
        seq: e.seq,
        kind: e.kind,
        from_state: e.fromState,
        to_state: e.toState,
        actor: e.actor,
        actor_role: e.actorRole,
        at: e.at.getTime(),
        comment: e.comment,
        data: JSON.stringify(e.data),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent(row);
  }

  async getById(id: number): Promise<CaseRecord | null> {
    const r = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toCase(r) : null;
  }

  /** A case's events, oldest first. */
  async events(caseId: number): Promise<CaseEventRecord[]> {
    const rows = await this.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  /** The newest case opened from an alarm that is neither closed nor dismissed, if any. */
  async findOpenByAlarm(alarmId: number): Promise<CaseRecord | null> {
    const r = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('alarm_id', '=', alarmId)
      .where('state', 'not in', ['closed', 'dismissed'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return r ? toCase(r) : null;
  }

  /** Cases newest first (by creation or latest event), filtered and scoped, in pages (with the total). */
  async list(filter: CaseFilter): Promise<Page<CaseRecord>> {
    const limit = pageSize(filter.limit);
    const column = SORT_COLUMN[filter.sort ?? 'created'];
    let q = this.filtered(filter);
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (filter.cursor !== undefined) {
      const [at, id] = decodeCursor(filter.cursor, 2).map(Number) as [number, number];
      q = q.where((eb) => eb.or([eb(column, '<', at), eb.and([eb(column, '=', at), eb('id', '<', id)])]));
    }
    const rows = await q
      .selectAll()
      .orderBy(column, 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toCase);
    const last = items[items.length - 1];
    const lastAt = (c: CaseRecord): number =>
      (filter.sort === 'updated' ? c.updatedAt : c.createdAt).getTime();
    return {
      items,
      total: Number(totalRow.n),
      nextCursor: rows.length > limit && last ? encodeCursor([lastAt(last), last.id]) : null,
    };
  }

  /** Every match, newest first (as `list`), up to `MAX_CASES_PER_QUERY` (exports and figures). */
  async all(filter: Omit<CaseFilter, 'limit' | 'cursor'>): Promise<CaseRecord[]> {
    const rows = await this.filtered(filter)
      .selectAll()
      .orderBy(SORT_COLUMN[filter.sort ?? 'created'], 'desc')
      .orderBy('id', 'desc')
      .limit(MAX_CASES_PER_QUERY)
      .execute();
    return rows.map(toCase);
  }

  private filtered(f: CaseFilter) {
    let q = this.db.selectFrom('cases');
    const s = f.scope;
    if (s?.districtCode !== undefined) q = q.where('district_code', '=', s.districtCode);
    if (s?.responsibleSiteIds !== undefined) {
      const ids = [...s.responsibleSiteIds];
      q = ids.length === 0 ? q.where((eb) => eb.lit(false)) : q.where('responsible_site_id', 'in', ids);
    }
    if (s?.assignedOnly === true) q = q.where('assigned_at', 'is not', null);
    if (f.states !== undefined) {
      const states = [...f.states];
      q = states.length === 0 ? q.where((eb) => eb.lit(false)) : q.where('state', 'in', states);
    }
    if (f.source !== undefined) q = q.where('source', '=', f.source);
    if (f.category !== undefined) q = q.where('category', '=', f.category);
    if (f.districtCode !== undefined) q = q.where('district_code', '=', f.districtCode);
    if (f.alarmId !== undefined) q = q.where('alarm_id', '=', f.alarmId);
    if (f.responsibleSiteId !== undefined) q = q.where('responsible_site_id', '=', f.responsibleSiteId);
    if (f.responsibleType !== undefined) q = q.where('responsible_type', '=', f.responsibleType);
    if (f.responsibleCode !== undefined) q = q.where('responsible_code', '=', f.responsibleCode);
    const e = f.enterprise;
    if (e !== undefined) {
      const subjects = [...e.subjectSiteIds];
      q = q.where((eb) =>
        eb.or([
          eb('responsible_site_id', '=', e.siteId),
          ...(subjects.length > 0 ? [eb('subject_site_id', 'in', subjects)] : []),
        ]),
      );
    }
    if (f.overdueAt !== undefined) {
      q = q
        .where('deadline', '<', f.overdueAt.getTime())
        .where('state', 'in', [...(f.overdueStates ?? ['assigned', 'rectifying'])]);
    }
    if (f.createdFrom !== undefined) q = q.where('created_at', '>=', f.createdFrom.getTime());
    if (f.createdTo !== undefined) q = q.where('created_at', '<', f.createdTo.getTime());
    return q;
  }
}
