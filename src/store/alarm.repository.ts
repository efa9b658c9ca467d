/**
 * Alarms and their append-only event history. Every change writes the alarm row and its event in
 * one transaction; "one alarm with an active condition per (site, parameter, rule)" is enforced by
 * a unique key that is set while the condition is active (migration 0008). An alarm's condition
 * (active / cleared) and its handling (unhandled / acknowledged / handled, with a disposition) are
 * separate (docs/standards/alarms.md §1); the old `state` column mirrors the handling. Decisions (when to open, update, close) belong to
 * `src/alarms/alarm.service.ts`; this class only stores them. Write methods take an optional
 * transaction, so that the service commits a change together with its audit entry.
 */
import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { ConflictError } from '../errors.js';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { AlarmEventTable, AlarmTable, Database } from './schema.js';

export const ALARM_STATES = ['open', 'acknowledged', 'closed'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const ALARM_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/**
 * What an event records. `closed` and `auto-closed` are kept in the history of alarms from before
 * migration 0008; since then a condition ends with `cleared` and a person's decision is `handled`
 * (or the platform's `auto-resolved` for a warning whose rule allows it).
 */
export const ALARM_EVENT_KINDS = [
  'opened',
  'updated',
  'acknowledged',
  'closed',
  'auto-closed',
  'cleared',
  'handled',
  'auto-resolved',
  'explanation-submitted',
  'explanation-rejected',
  'evidence-added',
] as const;
export type AlarmEventKind = (typeof ALARM_EVENT_KINDS)[number];

/** Is the condition still there: `active` while findings keep coming, `cleared` once it ended. */
export const ALARM_CONDITIONS = ['active', 'cleared'] as const;
export type AlarmCondition = (typeof ALARM_CONDITIONS)[number];

/** Has a person dealt with it. */
export const ALARM_HANDLINGS = ['unhandled', 'acknowledged', 'handled'] as const;
export type AlarmHandling = (typeof ALARM_HANDLINGS)[number];

/** How a handled alarm was dealt with. */
export const ALARM_DISPOSITIONS = [
  'explained',
  'data_quality_confirmed',
  'case_opened',
  'dismissed',
  'auto_resolved',
] as const;
export type AlarmDisposition = (typeof ALARM_DISPOSITIONS)[number];

/** The old lifecycle state that mirrors a handling (kept for readers of the old shape). */
export function stateOfHandling(h: AlarmHandling): AlarmState {
  switch (h) {
    case 'unhandled':
      return 'open';
    case 'acknowledged':
      return 'acknowledged';
    case 'handled':
      return 'closed';
    default: {
      const impossible: never = h;
      throw new Error(`unknown handling ${String(impossible)}`);
    }
  }
}

/** An explanation an enterprise submitted that waits for the supervisor's decision. */
export interface AlarmExplanation {
  text: string;
  by: string;
  at: Date;
}

/** One value cited as evidence (a `FindingValue` with its instant as a Date). */
export interface AlarmEvidenceValue {
  at: Date;
  value: number | null;
  flag?: string | null;
  siteId?: number;
  note?: string;
}

/** An alarm as stored. */
export interface Alarm {
  id: number;
  siteId: number;
  parameter: string;
  rule: string;
  severity: AlarmSeverity;
  /** The old lifecycle state, equal to {@link stateOfHandling} of `handling`. */
  state: AlarmState;
  condition: AlarmCondition;
  /** Data time the condition ended; null while active. */
  clearedAt: Date | null;
  handling: AlarmHandling;
  disposition: AlarmDisposition | null;
  /** The case opened from the alarm (disposition `case_opened`). */
  dispositionCaseId: number | null;
  /** The reason of a dismissal, the comment of another disposition. */
  dispositionReason: string | null;
  handledAt: Date | null;
  /** Username; null when the platform resolved it. */
  handledBy: string | null;
  /** The enterprise's explanation waiting for a decision. */
  explanation: AlarmExplanation | null;
  openedAt: Date;
  /** Time of the last change of any kind. */
  updatedAt: Date;
  /** When the condition was last seen (stamp of the last finding). */
  lastSeenAt: Date;
  /** The period the latest evidence covers: `from` inclusive, `to` exclusive (data time). */
  window: { from: Date; to: Date };
  /** Findings merged into this alarm (1 when opened). */
  count: number;
  limit: number | null;
  message: { zh: string; en: string };
  /** The latest finding's values. */
  evidence: AlarmEvidenceValue[];
  /** Data time from which the condition has no longer been seen; null while it is present. */
  clearedSince: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** Mirror of `handledAt` (the old shape). */
  closedAt: Date | null;
  closedBy: string | null;
  closeReason: string | null;
}

/** One entry of an alarm's history. */
export interface AlarmEvent {
  id: number;
  alarmId: number;
  siteId: number;
  at: Date;
  kind: AlarmEventKind;
  /** Severity after the event. */
  severity: AlarmSeverity;
  /** Username, or null for the platform itself. */
  actor: string | null;
  comment: string | null;
  details: Record<string, unknown>;
}

/** An alarm with its history, oldest event first. */
export interface AlarmWithHistory extends Alarm {
  events: AlarmEvent[];
}

/** What a finding puts into an alarm row. */
export interface AlarmContent {
  severity: AlarmSeverity;
  lastSeenAt: Date;
  window: { from: Date; to: Date };
  limit: number | null;
  message: { zh: string; en: string };
  evidence: AlarmEvidenceValue[];
}

export interface NewAlarm extends AlarmContent {
  siteId: number;
  parameter: string;
  rule: string;
  openedAt: Date;
}

/** How a list is ordered: unhandled critical alarms first then newest first, or newest first. */
export const ALARM_SORTS = ['priority', 'time'] as const;
export type AlarmSort = (typeof ALARM_SORTS)[number];

export interface AlarmFilter {
  state?: AlarmState | undefined;
  /** Open or acknowledged (not handled). */
  active?: boolean | undefined;
  condition?: AlarmCondition | undefined;
  handling?: AlarmHandling | undefined;
  rule?: string | undefined;
  /** Any of these rules (a kind tab). */
  rules?: readonly string[] | undefined;
  /** Default `time`. */
  sort?: AlarmSort | undefined;
  severity?: AlarmSeverity | undefined;
  districtCode?: string | undefined;
  siteId?: number | undefined;
  /** Row-level scope: only these sites. */
  siteIds?: readonly number[] | undefined;
  /** Alarms seen at or after this instant. */
  from?: Date | undefined;
  /** Alarms opened before this instant. */
  to?: Date | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** An event with the alarm it belongs to, as pushed to dashboards. */
export interface AlarmEventWithAlarm extends AlarmEvent {
  alarm: Alarm;
}

interface StoredEvidence {
  at: number;
  value: number | null;
  flag?: string | null;
  siteId?: number;
  note?: string;
}

function encodeEvidence(values: readonly AlarmEvidenceValue[]): string {
  return JSON.stringify(values.map((v): StoredEvidence => ({ ...v, at: v.at.getTime() })));
}

function decodeEvidence(text: string): AlarmEvidenceValue[] {
  return (JSON.parse(text) as StoredEvidence[]).map((v) => ({ ...v, at: new Date(v.at) }));
}

const ms = (d: number | null): Date | null => (d === null ? null : new Date(d));

function toAlarm(r: Selectable<AlarmTable>): Alarm {
  return {
    id: r.id,
    siteId: r.site_id,
    parameter: r.parameter,
    rule: r.rule,
    severity: r.severity as AlarmSeverity,
    state: r.state as AlarmState,
    condition: r.condition as AlarmCondition,
    clearedAt: ms(r.cleared_at),
    handling: r.handling as AlarmHandling,
    disposition: r.disposition as AlarmDisposition | null,
    dispositionCaseId: r.disposition_case_id === null ? null : Number(r.disposition_case_id),
    dispositionReason: r.disposition_reason,
    handledAt: ms(r.handled_at),
    handledBy: r.handled_by,
    explanation:
      r.explanation_text === null || r.explanation_by === null || r.explanation_at === null
        ? null
        : { text: r.explanation_text, by: r.explanation_by, at: new Date(r.explanation_at) },
    openedAt: new Date(r.opened_at),
    updatedAt: new Date(r.updated_at),
    lastSeenAt: new Date(r.last_seen_at),
    window: { from: new Date(r.window_from), to: new Date(r.window_to) },
    count: r.count,
    limit: r.limit_value,
    message: { zh: r.message_zh, en: r.message_en },
    evidence: decodeEvidence(r.evidence),
    clearedSince: ms(r.cleared_since),
    acknowledgedAt: ms(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    closedAt: ms(r.closed_at),
    closedBy: r.closed_by,
    closeReason: r.close_reason,
  };
}

function toEvent(r: Selectable<AlarmEventTable>): AlarmEvent {
  return {
    id: r.id,
    alarmId: r.alarm_id,
    siteId: r.site_id,
    at: new Date(r.at),
    kind: r.kind as AlarmEventKind,
    severity: r.severity as AlarmSeverity,
    actor: r.actor,
    comment: r.comment,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

/** The unique key of an alarm that is not closed. */
export function openKeyOf(siteId: number, parameter: string, rule: string): string {
  return `${siteId}|${parameter}|${rule}`;
}

function contentColumns(c: AlarmContent) {
  return {
    severity: c.severity,
    last_seen_at: c.lastSeenAt.getTime(),
    window_from: c.window.from.getTime(),
    window_to: c.window.to.getTime(),
    limit_value: c.limit,
    message_zh: c.message.zh,
    message_en: c.message.en,
    evidence: encodeEvidence(c.evidence),
  };
}

/** A change of handling: to acknowledged, handled (with its disposition), or back to unhandled. */
export type AlarmHandlingChange =
  | { to: 'unhandled' }
  | { to: 'acknowledged'; at: Date; by: string }
  | {
      to: 'handled';
      at: Date;
      /** Null for the platform (auto-resolved). */
      by: string | null;
      disposition: AlarmDisposition;
      reason: string | null;
      caseId?: number | null;
    };

function handlingColumns(h: AlarmHandlingChange) {
  switch (h.to) {
    case 'unhandled':
      return {
        handling: h.to,
        state: stateOfHandling(h.to),
        disposition: null,
        disposition_case_id: null,
        disposition_reason: null,
        handled_at: null,
        handled_by: null,
        closed_at: null,
        closed_by: null,
        close_reason: null,
      };
    case 'acknowledged':
      return {
        handling: h.to,
        state: stateOfHandling(h.to),
        acknowledged_at: h.at.getTime(),
        acknowledged_by: h.by,
      };
    case 'handled':
      return {
        handling: h.to,
        state: stateOfHandling(h.to),
        disposition: h.disposition,
        disposition_case_id: h.caseId ?? null,
        disposition_reason: h.reason,
        handled_at: h.at.getTime(),
        handled_by: h.by,
        closed_at: h.at.getTime(),
        closed_by: h.by,
        close_reason: h.reason,
      };
    default: {
      const impossible: never = h;
      throw new Error(`unknown handling change ${JSON.stringify(impossible)}`);
    }
  }
}

/** What an event row records. */
export interface EventDraft {
  at: Date;
  kind: AlarmEventKind;
  actor?: string | null;
  comment?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Thrown when an alarm is missing or not in a state that allows the change: a conflict (409) whose
 * details name the state it is in (null when it does not exist).
 */
export class AlarmStateError extends ConflictError {
  constructor(
    readonly alarmId: number,
    readonly state: AlarmState | null,
    message: string,
    now: { handling: AlarmHandling; condition: AlarmCondition } | null = null,
  ) {
    super(message, { state, ...(now ?? {}) });
  }
}

export class AlarmRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in the caller's transaction, or in a new one. */
  private inTransaction<T>(
    trx: Transaction<Database> | undefined,
    work: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T> {
    return trx !== undefined ? work(trx) : this.db.transaction().execute(work);
  }

  private async appendEvent(
    trx: Transaction<Database>,
    alarm: Selectable<AlarmTable>,
    e: EventDraft,
  ): Promise<AlarmEvent> {
    const row = await trx
      .insertInto('alarm_events')
      .values({
        alarm_id: alarm.id,
        site_id: alarm.site_id,
        at: e.at.getTime(),
        kind: e.kind,
        severity: alarm.severity,
        actor: e.actor ?? null,
        comment: e.comment ?? null,
        details: JSON.stringify(e.details ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent(row);
  }

  /**
   * Opens an alarm with its `opened` event; throws when the key already has one not closed. Pass
   * `trx` to commit it with the caller's own rows.
   */
  async open(
    a: NewAlarm,
    details: Record<string, unknown> = {},
    trx?: Transaction<Database>,
  ): Promise<{ alarm: Alarm; event: AlarmEvent }> {
    return this.inTransaction(trx, async (trx) => {
      const row = await trx
        .insertInto('alarms')
        .values({
          site_id: a.siteId,
          parameter: a.parameter,
          rule: a.rule,
          state: 'open',
          open_key: openKeyOf(a.siteId, a.parameter, a.rule),
          opened_at: a.openedAt.getTime(),
          updated_at: a.openedAt.getTime(),
          count: 1,
          cleared_since: null,
          acknowledged_at: null,
          acknowledged_by: null,
          closed_at: null,
          closed_by: null,
          close_reason: null,
          condition: 'active',
          handling: 'unhandled',
          ...contentColumns(a),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const event = await this.appendEvent(trx, row, { at: a.openedAt, kind: 'opened', details });
      return { alarm: toAlarm(row), event };
    });
  }

  /**
   * Changes an alarm whose handling is one of `guard.handling` (and condition one of
   * `guard.condition`, when given), and appends `event` when given (a change without an event is a
   * silent refresh, e.g. the last-seen time of a continuing condition). Throws `AlarmStateError`
   * when the alarm is missing or in another state. Pass `trx` to commit the change with the
   * caller's own rows.
   *
   * `cleared` ends the condition (and frees the key for the next episode); `handling` sets the
   * handling (and the mirrored old `state`, `acknowledged_*` and `closed_*` columns); `explanation`
   * sets or (null) removes the enterprise's pending explanation.
   */
  async change(
    id: number,
    guard: { handling?: readonly AlarmHandling[]; condition?: readonly AlarmCondition[] },
    patch: {
      content?: AlarmContent;
      count?: number;
      clearedSince?: Date | null;
      cleared?: { at: Date };
      handling?: AlarmHandlingChange;
      explanation?: AlarmExplanation | null;
      updatedAt: Date;
    },
    event?: EventDraft,
    trx?: Transaction<Database>,
  ): Promise<{ alarm: Alarm; event: AlarmEvent | null }> {
    return this.inTransaction(trx, async (trx) => {
      let q = trx
        .updateTable('alarms')
        .set({
          ...(patch.content ? contentColumns(patch.content) : {}),
          ...(patch.count !== undefined ? { count: patch.count } : {}),
          ...(patch.clearedSince !== undefined
            ? { cleared_since: patch.clearedSince === null ? null : patch.clearedSince.getTime() }
            : {}),
          ...(patch.cleared
            ? { condition: 'cleared', cleared_at: patch.cleared.at.getTime(), open_key: null }
            : {}),
          ...(patch.handling ? handlingColumns(patch.handling) : {}),
          ...(patch.explanation !== undefined
            ? {
                explanation_text: patch.explanation?.text ?? null,
                explanation_by: patch.explanation?.by ?? null,
                explanation_at: patch.explanation?.at.getTime() ?? null,
              }
            : {}),
          updated_at: patch.updatedAt.getTime(),
        })
        .where('id', '=', id);
      if (guard.handling !== undefined) q = q.where('handling', 'in', [...guard.handling]);
      if (guard.condition !== undefined) q = q.where('condition', 'in', [...guard.condition]);
      const row = await q.returningAll().executeTakeFirst();
      if (row === undefined) {
        const current = await trx
          .selectFrom('alarms')
          .select(['state', 'handling', 'condition'])
          .where('id', '=', id)
          .executeTakeFirst();
        const wanted = [
          ...(guard.handling ? [guard.handling.join(' or ')] : []),
          ...(guard.condition ? [`condition ${guard.condition.join(' or ')}`] : []),
        ].join(', ');
        throw new AlarmStateError(
          id,
          (current?.state as AlarmState | undefined) ?? null,
          current === undefined
            ? `alarm ${id} does not exist`
            : `alarm ${id} is ${current.handling} (condition ${current.condition}); this needs ${wanted}`,
          current === undefined
            ? null
            : { handling: current.handling as AlarmHandling, condition: current.condition as AlarmCondition },
        );
      }
      const appended = event ? await this.appendEvent(trx, row, event) : null;
      return { alarm: toAlarm(row), event: appended };
    });
  }

  async getById(id: number): Promise<AlarmWithHistory | null> {
    const row = await this.db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    const events = await this.db
      .selectFrom('alarm_events')
      .selectAll()
      .where('alarm_id', '=', id)
      .orderBy('id')
      .execute();
    return { ...toAlarm(row), events: events.map(toEvent) };
  }

  /** The alarm of a key whose condition is active, if any. */
  async findOpen(siteId: number, parameter: string, rule: string): Promise<Alarm | null> {
    const row = await this.db
      .selectFrom('alarms')
      .selectAll()
      .where('open_key', '=', openKeyOf(siteId, parameter, rule))
      .executeTakeFirst();
    return row ? toAlarm(row) : null;
  }

  /** The alarms of some sites whose condition is active. */
  async listOpenForSites(siteIds: readonly number[]): Promise<Alarm[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('alarms')
      .selectAll()
      .where('site_id', 'in', [...siteIds])
      .where('condition', '=', 'active')
      .execute();
    return rows.map(toAlarm);
  }

  /** The latest evidence end of any alarm of a key (closed ones too): findings up to it are known. */
  async lastWindowTo(siteId: number, parameter: string, rule: string): Promise<Date | null> {
    const r = await this.db
      .selectFrom('alarms')
      .select((eb) => eb.fn.max('window_to').as('m'))
      .where('site_id', '=', siteId)
      .where('parameter', '=', parameter)
      .where('rule', '=', rule)
      .executeTakeFirst();
    const m = r?.m;
    return m === null || m === undefined ? null : new Date(Number(m));
  }

  /**
   * Per key (`site|parameter|rule`) of some sites, the latest evidence end of any of its alarms:
   * findings ending no later are already known (one grouped query for a whole evaluation).
   */
  async lastWindowTos(siteIds: readonly number[]): Promise<Map<string, number>> {
    if (siteIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('alarms')
      .select(['site_id', 'parameter', 'rule', (eb) => eb.fn.max('window_to').as('m')])
      .where('site_id', 'in', [...siteIds])
      .groupBy(['site_id', 'parameter', 'rule'])
      .execute();
    return new Map(rows.map((r) => [openKeyOf(r.site_id, r.parameter, r.rule), Number(r.m)]));
  }

  /** Alarms with an active condition not seen since at or before `clearedBy`. */
  async listCleared(clearedBy: Date): Promise<Alarm[]> {
    const rows = await this.db
      .selectFrom('alarms')
      .selectAll()
      .where('condition', '=', 'active')
      .where('cleared_since', 'is not', null)
      .where('cleared_since', '<=', clearedBy.getTime())
      .orderBy('id')
      .execute();
    return rows.map(toAlarm);
  }

  private filtered(f: AlarmFilter) {
    let q = this.db.selectFrom('alarms as a').innerJoin('sites as s', 's.id', 'a.site_id');
    if (f.state !== undefined) q = q.where('a.state', '=', f.state);
    if (f.active === true) q = q.where('a.handling', '!=', 'handled');
    if (f.active === false) q = q.where('a.handling', '=', 'handled');
    if (f.condition !== undefined) q = q.where('a.condition', '=', f.condition);
    if (f.handling !== undefined) q = q.where('a.handling', '=', f.handling);
    if (f.rule !== undefined) q = q.where('a.rule', '=', f.rule);
    if (f.rules !== undefined) q = q.where('a.rule', 'in', f.rules.length ? [...f.rules] : ['']);
    if (f.severity !== undefined) q = q.where('a.severity', '=', f.severity);
    if (f.districtCode !== undefined) q = q.where('s.district_code', '=', f.districtCode);
    if (f.siteId !== undefined) q = q.where('a.site_id', '=', f.siteId);
    if (f.siteIds !== undefined) q = q.where('a.site_id', 'in', f.siteIds.length ? [...f.siteIds] : [-1]);
    if (f.from !== undefined) q = q.where('a.last_seen_at', '>=', f.from.getTime());
    if (f.to !== undefined) q = q.where('a.opened_at', '<', f.to.getTime());
    return q;
  }

  /**
   * Alarms in pages, with the total count of matches: by `sort` `time` newest opened first, by
   * `priority` unhandled critical alarms first and each group newest first (ties by id).
   */
  async list(f: AlarmFilter): Promise<Page<Alarm>> {
    const limit = pageSize(f.limit);
    const byPriority = (f.sort ?? 'time') === 'priority';
    const prio = byPriority
      ? sql<number>`(case when a.handling = 'unhandled' and a.severity = 'critical' then 1 else 0 end)`
      : sql<number>`0`;
    let q = this.filtered(f);
    const countQuery = q.select((eb) => eb.fn.countAll<number>().as('n'));
    if (f.cursor !== undefined) {
      const [p, t, id] = decodeCursor(f.cursor, 3).map(Number) as [number, number, number];
      q = q.where((eb) =>
        eb.or([
          eb(prio, '<', p),
          eb.and([eb(prio, '=', p), eb('a.opened_at', '<', t)]),
          eb.and([eb(prio, '=', p), eb('a.opened_at', '=', t), eb('a.id', '<', id)]),
        ]),
      );
    }
    let ordered = q.selectAll('a').select(prio.as('prio'));
    if (byPriority) ordered = ordered.orderBy(prio, 'desc');
    const [rows, count] = await Promise.all([
      ordered
        .orderBy('a.opened_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit + 1)
        .execute(),
      countQuery.executeTakeFirstOrThrow(),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toAlarm),
      total: Number(count.n),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([Number(last.prio), Number(last.opened_at), last.id])
          : null,
    };
  }

  /** Counts of alarms by state and severity (for summaries and the demo report). */
  async countBy(): Promise<{ state: AlarmState; severity: AlarmSeverity; rule: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('alarms')
      .select(['state', 'severity', 'rule', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['state', 'severity', 'rule'])
      .execute();
    return rows.map((r) => ({
      state: r.state as AlarmState,
      severity: r.severity as AlarmSeverity,
      rule: r.rule,
      n: Number(r.n),
    }));
  }

  /** The newest event id (0 when none): where a live stream starts. */
  async lastEventId(): Promise<number> {
    const r = await this.db
      .selectFrom('alarm_events')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m);
  }

  /** Events after an id, oldest first, with their alarms as they are now; `siteIds` scopes them. */
  async eventsAfter(
    afterId: number,
    limit: number,
    siteIds?: readonly number[],
  ): Promise<AlarmEventWithAlarm[]> {
    let q = this.db.selectFrom('alarm_events').selectAll().where('id', '>', afterId);
    if (siteIds !== undefined) q = q.where('site_id', 'in', siteIds.length ? [...siteIds] : [-1]);
    const events = (await q.orderBy('id').limit(limit).execute()).map(toEvent);
    if (events.length === 0) return [];
    const ids = [...new Set(events.map((e) => e.alarmId))];
    const alarms = await this.db.selectFrom('alarms').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(alarms.map((a) => [a.id, toAlarm(a)]));
    return events.flatMap((e) => {
      const alarm = byId.get(e.alarmId);
      return alarm ? [{ ...e, alarm }] : [];
    });
  }
}
