/**
 * Case events and their fold. The events are the record; the current state (and deadline,
 * responsible unit, escalation, the dates the figures need) is nothing but `foldCase(events)`. The
 * store caches the fold in the case row, and the tests check the cache against the fold.
 */
import type { CaseCache, CaseEventRecord, NewCaseEvent } from '../store/case.repository.js';
import type { CaseState, EscalationLevel, ResponsibleUnit } from './case-machine.js';
import {
  CASE_STATES,
  DEADLINE_STATES,
  ESCALATION_LEVELS,
  RESPONSIBLE_TYPES,
  transitionRule,
} from './case-machine.js';

/** The facts of an event, by kind. */
export type CaseEventBody =
  | { kind: 'created'; responsible: ResponsibleUnit | null; deadline: Date | null }
  | {
      kind: 'transition';
      from: CaseState;
      to: CaseState;
      reason?: string | undefined;
      responsible?: ResponsibleUnit | undefined;
      deadline?: Date | undefined;
    }
  | { kind: 'extension_requested'; deadline: Date; reason: string }
  | { kind: 'extension_approved'; requestSeq: number; deadline: Date }
  | { kind: 'extension_rejected'; requestSeq: number }
  | { kind: 'escalated'; level: Exclude<EscalationLevel, 'none'>; daysOverdue: number };

type CaseEventKind = CaseEventBody['kind'];

/** One event: who, when, with what comment, and its facts. */
export interface CaseEvent {
  seq: number;
  at: Date;
  actor: string;
  actorRole: string;
  comment: string;
  body: CaseEventBody;
}

export interface PendingExtension {
  seq: number;
  deadline: Date;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
}

/** A case's current state, as folded from its events. */
export interface CaseSnapshot {
  state: CaseState;
  lastSeq: number;
  responsible: ResponsibleUnit | null;
  deadline: Date | null;
  escalation: EscalationLevel;
  /** First assignment (交办). */
  assignedAt: Date | null;
  /** Latest self-check of the current round of rectification. */
  rectifiedAt: Date | null;
  /** Whether that self-check came by the deadline then in force. */
  rectifiedOnTime: boolean | null;
  firstClosedAt: Date | null;
  /** Latest closure, null while the case is not closed. */
  closedAt: Date | null;
  reopenCount: number;
  pendingExtension: PendingExtension | null;
  updatedAt: Date;
}

/** An event log that cannot be folded (a gap, a transition from the wrong state…). */
export class CaseFoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFoldError';
  }
}

/** Applies one event to a snapshot (null before the first event). */
export function applyEvent(s: CaseSnapshot | null, e: CaseEvent): CaseSnapshot {
  const b = e.body;
  if (s === null) {
    if (b.kind !== 'created' || e.seq !== 1)
      throw new CaseFoldError('the first event must be "created" with seq 1');
    return {
      state: 'discovered',
      lastSeq: 1,
      responsible: b.responsible,
      deadline: b.deadline,
      escalation: 'none',
      assignedAt: null,
      rectifiedAt: null,
      rectifiedOnTime: null,
      firstClosedAt: null,
      closedAt: null,
      reopenCount: 0,
      pendingExtension: null,
      updatedAt: e.at,
    };
  }
  if (e.seq !== s.lastSeq + 1) throw new CaseFoldError(`event ${e.seq} follows event ${s.lastSeq}`);
  const next: CaseSnapshot = { ...s, lastSeq: e.seq, updatedAt: e.at };
  switch (b.kind) {
    case 'created':
      throw new CaseFoldError(`event ${e.seq}: a case is created only once`);
    case 'transition': {
      if (b.from !== s.state || transitionRule(b.from, b.to) === undefined) {
        throw new CaseFoldError(`event ${e.seq}: no transition ${b.from} → ${b.to} from state ${s.state}`);
      }
      next.state = b.to;
      if (b.responsible !== undefined) next.responsible = b.responsible;
      if (b.deadline !== undefined) next.deadline = b.deadline;
      if (!DEADLINE_STATES.includes(b.to)) next.pendingExtension = null;
      if (b.to === 'assigned') next.assignedAt ??= e.at;
      if (b.to === 'self_checked') {
        next.rectifiedAt = e.at;
        next.rectifiedOnTime = s.deadline === null ? null : e.at.getTime() <= s.deadline.getTime();
      }
      if (b.to === 'rectifying' && (b.from === 'under_acceptance' || b.from === 'closed')) {
        // The rectification did not hold: the round starts again.
        next.rectifiedAt = null;
        next.rectifiedOnTime = null;
      }
      if (b.from === 'closed') {
        next.reopenCount = s.reopenCount + 1;
        next.closedAt = null;
        next.escalation = 'none';
      }
      if (b.to === 'closed') {
        next.closedAt = e.at;
        next.firstClosedAt ??= e.at;
      }
      return next;
    }
    case 'extension_requested':
      if (!DEADLINE_STATES.includes(s.state)) {
        throw new CaseFoldError(`event ${e.seq}: no extension can be asked in state ${s.state}`);
      }
      next.pendingExtension = {
        seq: e.seq,
        deadline: b.deadline,
        reason: b.reason,
        requestedBy: e.actor,
        requestedAt: e.at,
      };
      return next;
    case 'extension_approved':
    case 'extension_rejected':
      if (s.pendingExtension?.seq !== b.requestSeq) {
        throw new CaseFoldError(`event ${e.seq}: no pending extension request ${b.requestSeq}`);
      }
      next.pendingExtension = null;
      if (b.kind === 'extension_approved') {
        next.deadline = b.deadline;
        // A new deadline starts the ladder again.
        next.escalation = 'none';
      }
      return next;
    case 'escalated':
      next.escalation = b.level;
      return next;
    default:
      throw new CaseFoldError(`unknown event ${JSON.stringify(b)}`);
  }
}

/** The current state of a case from all its events, oldest first. */
export function foldCase(events: readonly CaseEvent[]): CaseSnapshot {
  let s: CaseSnapshot | null = null;
  for (const e of events) s = applyEvent(s, e);
  if (s === null) throw new CaseFoldError('a case has at least its "created" event');
  return s;
}

/** The columns the store caches for a snapshot. */
export function cacheOf(s: CaseSnapshot): CaseCache {
  const r = s.responsible;
  return {
    state: s.state,
    lastSeq: s.lastSeq,
    responsibleType: r?.type ?? null,
    responsibleCode: r === null ? null : r.type === 'department' ? r.name : r.code,
    responsibleName: r?.name ?? null,
    responsibleSiteId: r?.type === 'enterprise' ? r.siteId : null,
    deadline: s.deadline,
    escalation: s.escalation,
    assignedAt: s.assignedAt,
    rectifiedAt: s.rectifiedAt,
    rectifiedOnTime: s.rectifiedOnTime,
    firstClosedAt: s.firstClosedAt,
    closedAt: s.closedAt,
    reopenCount: s.reopenCount,
    updatedAt: s.updatedAt,
  };
}

/** The responsible unit of cached columns. */
export function responsibleOfCache(
  c: Pick<CaseCache, 'responsibleType' | 'responsibleCode' | 'responsibleName' | 'responsibleSiteId'>,
): ResponsibleUnit | null {
  switch (c.responsibleType) {
    case null:
      return null;
    case 'district':
      return { type: 'district', code: c.responsibleCode ?? '', name: c.responsibleName ?? '' };
    case 'enterprise':
      return {
        type: 'enterprise',
        siteId: c.responsibleSiteId ?? 0,
        code: c.responsibleCode ?? '',
        name: c.responsibleName ?? '',
      };
    case 'department':
      return { type: 'department', name: c.responsibleName ?? c.responsibleCode ?? '' };
    default:
      throw new Error(`unknown responsible type ${c.responsibleType}`);
  }
}

const iso = (d: Date | undefined | null): string | undefined =>
  d === undefined || d === null ? undefined : d.toISOString();

/** An event as the store keeps it. */
export function toStoredEvent(e: CaseEvent): NewCaseEvent {
  const b = e.body;
  const base = {
    seq: e.seq,
    kind: b.kind,
    actor: e.actor,
    actorRole: e.actorRole,
    at: e.at,
    comment: e.comment,
  };
  switch (b.kind) {
    case 'created':
      return {
        ...base,
        fromState: null,
        toState: 'discovered',
        data: { responsible: b.responsible, deadline: iso(b.deadline) ?? null },
      };
    case 'transition':
      return {
        ...base,
        fromState: b.from,
        toState: b.to,
        data: { reason: b.reason, responsible: b.responsible, deadline: iso(b.deadline) },
      };
    case 'extension_requested':
      return {
        ...base,
        fromState: null,
        toState: null,
        data: { deadline: iso(b.deadline), reason: b.reason },
      };
    case 'extension_approved':
      return {
        ...base,
        fromState: null,
        toState: null,
        data: { requestSeq: b.requestSeq, deadline: iso(b.deadline) },
      };
    case 'extension_rejected':
      return { ...base, fromState: null, toState: null, data: { requestSeq: b.requestSeq } };
    case 'escalated':
      return {
        ...base,
        fromState: null,
        toState: null,
        data: { level: b.level, daysOverdue: b.daysOverdue },
      };
    default:
      throw new Error(`unknown event ${JSON.stringify(b)}`);
  }
}

function oneOf<T extends string>(values: readonly T[], v: unknown, what: string): T {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new CaseFoldError(`${what}: unexpected ${JSON.stringify(v)}`);
}

function dateOf(v: unknown, what: string): Date {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new CaseFoldError(`${what}: not a time`);
  return new Date(v);
}

function responsibleOf(v: unknown): ResponsibleUnit | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') throw new CaseFoldError('responsible: not an object');
  const r = v as Record<string, unknown>;
  const type = oneOf(RESPONSIBLE_TYPES, r.type, 'responsible.type');
  switch (type) {
    case 'district':
      return { type, code: String(r.code), name: String(r.name) };
    case 'enterprise':
      return { type, siteId: Number(r.siteId), code: String(r.code), name: String(r.name) };
    case 'department':
      return { type, name: String(r.name) };
    default:
      throw new CaseFoldError(`responsible: unknown type ${String(type)}`);
  }
}

/** An event as the store returns it, parsed back into its kind's facts. */
export function fromStoredEvent(r: CaseEventRecord): CaseEvent {
  const d = r.data;
  const base = { seq: r.seq, at: r.at, actor: r.actor, actorRole: r.actorRole, comment: r.comment };
  const kind = r.kind as CaseEventKind;
  switch (kind) {
    case 'created':
      return {
        ...base,
        body: {
          kind,
          responsible: responsibleOf(d.responsible),
          deadline: d.deadline === null || d.deadline === undefined ? null : dateOf(d.deadline, 'deadline'),
        },
      };
    case 'transition':
      return {
        ...base,
        body: {
          kind,
          from: oneOf(CASE_STATES, r.fromState, 'from'),
          to: oneOf(CASE_STATES, r.toState, 'to'),
          reason: typeof d.reason === 'string' ? d.reason : undefined,
          responsible: d.responsible === undefined ? undefined : (responsibleOf(d.responsible) ?? undefined),
          deadline: d.deadline === undefined ? undefined : dateOf(d.deadline, 'deadline'),
        },
      };
    case 'extension_requested':
      return { ...base, body: { kind, deadline: dateOf(d.deadline, 'deadline'), reason: String(d.reason) } };
    case 'extension_approved':
      return {
        ...base,
        body: { kind, requestSeq: Number(d.requestSeq), deadline: dateOf(d.deadline, 'deadline') },
      };
    case 'extension_rejected':
      return { ...base, body: { kind, requestSeq: Number(d.requestSeq) } };
    case 'escalated': {
      const level = oneOf(ESCALATION_LEVELS, d.level, 'level');
      if (level === 'none') throw new CaseFoldError('escalated: level none');
      return { ...base, body: { kind, level, daysOverdue: Number(d.daysOverdue) } };
    }
    default:
      throw new CaseFoldError(`unknown event kind ${String(kind)}`);
  }
}
