/**
 * The closed-loop case service (issue 9): opens cases (by hand, from alarms), moves them through
 * the loop by the table in case-machine.ts, handles deadline extensions, escalates overdue cases,
 * keeps evidence, tells the parties, and computes the figures. Every change is an appended event;
 * the case row's state is the fold of its events (case-fold.ts). Every change is audited in the
 * same transaction as its event and its notices: as the person who made it, or as `SYSTEM_ACTOR`
 * for the cases alarms open and the escalation steps the platform takes.
 */
import type { Transaction } from 'kysely';
import type { AuditAction, AuditActor, AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import type { Scope } from '../auth/scope.js';
import { siteInScope } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import type { AttachmentRecord } from '../store/attachment.repository.js';
import type { ExportFile, ExportFormat, ExportLang } from '../reports/table-export.js';
import { exportTable } from '../reports/table-export.js';
import { chinaDate } from '../standards/china-time.js';
import type { CaseFilter, CaseRecord, CaseSort } from '../store/case.repository.js';
import { CaseWriteConflictError } from '../store/case.repository.js';
import type { NotificationRecord } from '../store/notification.repository.js';
import type { Page } from '../store/page.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { AlarmLookup, AlarmSummary } from './alarm-lookup.js';
import { categoryOfRule } from './alarm-lookup.js';
import { casesCsv } from './case-csv.js';
import type {
  CaseActor,
  CaseCategory,
  CaseSource,
  CaseState,
  CaseSubjectType,
  EscalationLevel,
  ResponsibleUnit,
} from './case-machine.js';
import {
  DEADLINE_STATES,
  SYSTEM_CASE_ACTOR,
  allowedNextStates,
  mayDecideExtension,
  mayRequestExtension,
  nextStates,
  partiesOf,
  transitionRule,
} from './case-machine.js';
import type { CaseEvent, CaseEventBody, CaseSnapshot } from './case-fold.js';
import {
  applyEvent,
  cacheOf,
  foldCase,
  fromStoredEvent,
  responsibleOfCache,
  toStoredEvent,
} from './case-fold.js';
import { caseExportTable } from './case-export.js';
import type { CaseFigures, FigureDimension, FigureRange } from './case-figures.js';
import { caseFigures } from './case-figures.js';
import { audiencesOf, caseInScope, caseScopeOf } from './case-scope.js';
import {
  checkEvidence,
  checkEvidenceQuota,
  EVIDENCE_QUOTAS,
  EVIDENCE_UPLOADER_WINDOW_MS,
} from './evidence.js';
import type { EscalationLadder } from './escalation.js';
import { DEFAULT_ESCALATION_LADDER_DAYS, daysOverdue, levelDue, stepsBetween } from './escalation.js';
import { deadlineText } from './deadline.js';

export type { AttachmentRecord } from '../store/attachment.repository.js';
export type { CaseRecord } from '../store/case.repository.js';
export type { NotificationRecord } from '../store/notification.repository.js';
export type { Page } from '../store/page.js';

/** Rows in one CSV export at most. */
export const MAX_CASE_EXPORT_ROWS = 50_000;

/** States in which a case takes no more evidence (docs/security.md §9). */
const EVIDENCE_CLOSED_STATES: readonly CaseState[] = ['closed', 'dismissed'];

/** Why the service refused a person's request, with the status it answers with. */
export class CaseError extends DomainError {
  constructor(
    code: 'bad-request' | 'forbidden' | 'not-found' | 'conflict',
    message: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }
}

/**
 * A person acting on cases: who (the case actor), which sites they may see (a case outside that
 * scope is answered as absent, 404), and the client's address for the audit trail.
 */
export interface CaseCaller extends CaseActor {
  scope: Scope;
  address?: string | null | undefined;
}

/** Whoever changes a case: a person (with their address) or the platform (`SYSTEM_CASE_ACTOR`). */
type CaseChanger = CaseActor & { address?: string | null | undefined };

/** A responsible unit as a request names it. */
export type ResponsibleInput =
  | { type: 'district'; code: string }
  | { type: 'enterprise'; siteId: number }
  | { type: 'department'; name: string };

export interface NewCaseInput {
  source: CaseSource;
  alarmId?: number | undefined;
  /** A hotline ticket or a superior's document number. */
  externalRef?: string | undefined;
  /** Where the problem is, as described. */
  location?: string | undefined;
  /** Who reported it: a complainant, or the superior office that assigned it. */
  reporter?: string | undefined;
  subject?:
    | {
        type: CaseSubjectType;
        siteId?: number | undefined;
        districtCode?: string | undefined;
        name?: string | undefined;
      }
    | undefined;
  category?: CaseCategory | undefined;
  title?: string | undefined;
  description?: string | undefined;
  responsible?: ResponsibleInput | undefined;
  deadline?: Date | undefined;
  comment?: string | undefined;
  demo?: boolean | undefined;
}

export interface TransitionInput {
  to: CaseState;
  comment?: string | undefined;
  reason?: string | undefined;
  deadline?: Date | undefined;
  responsible?: ResponsibleInput | undefined;
  attachmentIds?: readonly number[] | undefined;
}

export interface ExtensionRequestInput {
  deadline: Date;
  reason: string;
  attachmentIds?: readonly number[] | undefined;
}

export interface ExtensionDecisionInput {
  approve: boolean;
  comment?: string | undefined;
  /** The deadline granted, when it differs from the one asked for. */
  deadline?: Date | undefined;
}

/** What a case list asks for, within the caller's scope. */
export interface CaseQuery {
  states?: readonly CaseState[] | undefined;
  source?: CaseSource | undefined;
  category?: CaseCategory | undefined;
  districtCode?: string | undefined;
  alarmId?: number | undefined;
  /** Responsible enterprise site id. */
  responsibleSiteId?: number | undefined;
  /** Responsible unit kind. */
  responsibleType?: ResponsibleUnit['type'] | undefined;
  /** Responsible unit: a district code or an enterprise's site code. */
  responsibleCode?: string | undefined;
  /** Cases about an enterprise (its own site or one of its outlets) or assigned to it. */
  enterpriseSiteId?: number | undefined;
  /** Newest first by creation (default) or by latest change. */
  sort?: CaseSort | undefined;
  /** Only cases assigned or rectifying past the deadline now. */
  overdue?: boolean | undefined;
  /** Created at or after (inclusive). */
  createdFrom?: Date | undefined;
  /** Created before (exclusive). */
  createdTo?: Date | undefined;
}

/** Which notices to read. */
export interface NoticeQuery {
  /** Only notices at or after (inclusive). */
  since?: Date | undefined;
  caseId?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A case with its events and what the caller may do next. */
export interface CaseDetail {
  record: CaseRecord;
  snapshot: CaseSnapshot;
  events: (CaseEvent & { attachments: AttachmentRecord[] })[];
  /** Uploaded to the case but not yet carried by an event. */
  unlinkedAttachments: AttachmentRecord[];
  allowedTransitions: CaseState[];
  /**
   * The unit that answers for the case: the one set on it, or derived from its subject (a site's
   * enterprise, an outlet's enterprise, otherwise the district); null when none can be derived.
   */
  suggestedResponsible: ResponsibleUnit | null;
  mayRequestExtension: boolean;
  mayDecideExtension: boolean;
}

export interface CaseServiceDeps {
  store: Pick<Store, 'db' | 'cases' | 'attachments' | 'notifications' | 'sites' | 'districts'>;
  clock: Clock;
  /** Each change is recorded here, in the transaction of its event. */
  audit: Pick<AuditService, 'record'>;
  /** Reads the alarm a case is opened from (alarm-lookup.ts). */
  alarms: AlarmLookup;
  ladder?: EscalationLadder | undefined;
}

const TITLE_MAX = 60;

function describeDeadline(d: Date): string {
  return deadlineText(d);
}

/** Trimmed text, or null when there is none. */
function blankToNull(text: string | undefined): string | null {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
}

/** Notice audiences of a responsible unit: the unit, and for an enterprise its district too (属地). */
function responsibleAudiences(r: ResponsibleUnit | null, districtCode: string): string[] {
  if (r === null) return [];
  switch (r.type) {
    case 'district':
      return [`district:${r.code}`];
    case 'enterprise':
      return [`enterprise:${r.siteId}`, `district:${districtCode}`];
    case 'department':
      return ['bureau'];
    default:
      throw new Error(`unknown responsible unit ${JSON.stringify(r)}`);
  }
}

/** The audit actor of whoever changed a case: the account, or the platform's `SYSTEM_ACTOR`. */
function auditActorOf(by: CaseActor): AuditActor {
  return by.role === 'system' ? SYSTEM_ACTOR : { username: by.username, role: by.role };
}

export class CaseService {
  private readonly ladder: EscalationLadder;
  constructor(private readonly deps: CaseServiceDeps) {
    this.ladder = deps.ladder ?? DEFAULT_ESCALATION_LADDER_DAYS;
  }

  /**
   * The same service (same store, audit, alarms and ladder) judging time by another clock: for a
   * loader that writes a dated history (the demo cases). Audit entries keep the audit's own clock.
   */
  withClock(clock: Clock): CaseService {
    return new CaseService({ ...this.deps, clock });
  }

  private get store() {
    return this.deps.store;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /** Runs `work` in one transaction: the case rows, their notices and their audit entries. */
  private commit<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.store.db.transaction().execute(work);
  }

  /** Opens a case; its first event is "created" in state `discovered`. */
  async create(caller: CaseCaller, input: NewCaseInput): Promise<CaseRecord> {
    if (caller.role === 'enterprise' || caller.role === 'operator') {
      throw new CaseError('forbidden', 'cases are opened by the bureau and district officers');
    }
    let alarm: AlarmSummary | null = null;
    if (input.source === 'alarm') {
      if (input.alarmId === undefined)
        throw new CaseError('bad-request', 'alarmId: required when source is alarm');
      alarm = await this.deps.alarms.getById(input.alarmId);
      if (alarm === null) throw new CaseError('bad-request', `alarmId: alarm ${input.alarmId} not found`);
      const alarmSite = alarm.siteId === null ? null : await this.store.sites.getById(alarm.siteId);
      if (alarmSite !== null && !siteInScope(caller.scope, alarmSite)) {
        throw new CaseError('forbidden', `alarmId: alarm ${input.alarmId} is outside your scope`);
      }
    } else if (input.alarmId !== undefined) {
      throw new CaseError('bad-request', 'alarmId: only with source alarm');
    }
    return this.open(caller, input, alarm);
  }

  private async open(by: CaseChanger, input: NewCaseInput, alarm: AlarmSummary | null): Promise<CaseRecord> {
    const subjectInput =
      input.subject ??
      (alarm !== null && alarm.siteId !== null ? { type: 'site' as const, siteId: alarm.siteId } : undefined);
    if (subjectInput === undefined) throw new CaseError('bad-request', 'subject: required');
    const subject = await this.resolveSubject(subjectInput);
    if (by.role === 'district' && subject.districtCode !== by.districtCode) {
      throw new CaseError('forbidden', 'a district officer opens cases in their own district only');
    }
    const description = (input.description ?? alarm?.message ?? '').trim();
    if (description === '') throw new CaseError('bad-request', 'description: required');
    const category = input.category ?? (alarm !== null ? categoryOfRule(alarm.rule) : undefined);
    if (category === undefined) throw new CaseError('bad-request', 'category: required');
    const now = this.now();
    if (input.deadline !== undefined && input.deadline.getTime() <= now.getTime()) {
      throw new CaseError('bad-request', 'deadline: must be in the future');
    }
    let responsible: ResponsibleUnit | null = null;
    if (input.responsible !== undefined) responsible = await this.resolveResponsible(input.responsible, by);
    else if (input.source === 'alarm' && subject.site !== null)
      responsible = await this.defaultResponsible(subject.site);

    const first: CaseEvent = {
      seq: 1,
      at: now,
      actor: by.username,
      actorRole: by.role,
      comment: input.comment ?? '',
      body: { kind: 'created', responsible, deadline: input.deadline ?? null },
    };
    const snapshot = applyEvent(null, first);
    return this.commit(async (trx) => {
      const record = await this.store.cases.create(
        {
          source: input.source,
          alarmId: input.alarmId ?? null,
          externalRef: input.externalRef ?? null,
          subjectType: subject.type,
          subjectSiteId: subject.site?.id ?? null,
          subjectName: subject.name,
          districtCode: subject.districtCode,
          category,
          title: (input.title ?? description).trim().slice(0, TITLE_MAX),
          description,
          createdAt: now,
          createdBy: by.username,
          demo: input.demo === true,
          location: blankToNull(input.location),
          reporter: blankToNull(input.reporter),
        },
        toStoredEvent(first),
        cacheOf(snapshot),
        trx,
      );
      await this.record(
        by,
        'case.transition',
        record,
        {
          from: null,
          to: 'discovered',
          source: record.source,
          alarmId: record.alarmId ?? undefined,
          responsible: responsible ?? undefined,
          deadline: input.deadline?.toISOString(),
          comment: first.comment,
        },
        trx,
      );
      if (!(by.role === 'admin' || by.role === 'supervisor')) {
        await this.notify(
          record,
          ['bureau'],
          'case.opened',
          `新问题线索：${record.title}`,
          `New case ${record.id}: ${record.title}`,
          trx,
        );
      }
      return record;
    });
  }

  /**
   * Opens a case for an alarm whose rule is configured to do so — for the alarm engine to call. A
   * second call for the same alarm while its case is open returns that case. Audited as a
   * transition to `discovered` by `SYSTEM_ACTOR`.
   */
  async openFromAlarm(
    alarm: AlarmSummary,
    options: { deadline?: Date; demo?: boolean } = {},
  ): Promise<CaseRecord> {
    const open = await this.store.cases.findOpenByAlarm(alarm.id);
    if (open !== null) return open;
    if (alarm.siteId === null)
      throw new CaseError('bad-request', `alarm ${alarm.id} has no site to open a case on`);
    return this.open(
      SYSTEM_CASE_ACTOR,
      {
        source: 'alarm',
        alarmId: alarm.id,
        deadline: options.deadline,
        comment: `opened from alarm ${alarm.id} (${alarm.rule}, ${alarm.severity})`,
        demo: options.demo,
      },
      alarm,
    ).catch(async (err: unknown) => {
      // Another process opened it between our look and our write.
      const again = await this.store.cases.findOpenByAlarm(alarm.id);
      if (again !== null) return again;
      throw err;
    });
  }

  /** Moves a case to another state, as the caller, by the rules of the loop. */
  async transition(caller: CaseCaller, caseId: number, input: TransitionInput): Promise<CaseRecord> {
    const { record, snapshot } = await this.load(caseId, caller);
    const from = snapshot.state;
    const rule = transitionRule(from, input.to);
    const mine = allowedNextStates(from, caller, snapshot.responsible);
    if (rule === undefined) {
      throw new CaseError('conflict', `case ${caseId} is ${from}; it cannot move to ${input.to}`, {
        state: from,
        to: input.to,
        allowed: nextStates(from),
        allowedForYou: mine,
      });
    }
    if (!partiesOf(caller, snapshot.responsible).includes(rule.by)) {
      throw new CaseError(
        'forbidden',
        `${rule.action} is for the ${rule.by === 'bureau' ? 'bureau' : 'responsible unit'} of case ${caseId}`,
        { state: from, to: input.to, allowedForYou: mine },
      );
    }
    const comment = (input.comment ?? '').trim();
    const reason = input.reason?.trim();
    if (rule.needs.includes('comment') && comment === '') {
      throw new CaseError('bad-request', `comment: required to ${rule.action}`);
    }
    if (rule.needs.includes('reason') && (reason === undefined || reason === '')) {
      throw new CaseError('bad-request', `reason: required to ${rule.action}`);
    }
    if (!rule.needs.includes('reason') && reason !== undefined) {
      throw new CaseError('bad-request', 'reason: only when dismissing');
    }
    const now = this.now();
    let responsible: ResponsibleUnit | undefined;
    if (rule.needs.includes('responsible')) {
      responsible =
        input.responsible !== undefined
          ? await this.resolveResponsible(input.responsible, caller)
          : (snapshot.responsible ?? undefined);
      if (responsible === undefined)
        throw new CaseError('bad-request', `responsible: required to ${rule.action}`);
    } else if (input.responsible !== undefined) {
      throw new CaseError('bad-request', 'responsible: set on assign only');
    }
    let deadline: Date | undefined;
    if (rule.needs.includes('deadline')) {
      deadline = input.deadline ?? (input.to === 'assigned' ? (snapshot.deadline ?? undefined) : undefined);
      if (deadline === undefined) throw new CaseError('bad-request', `deadline: required to ${rule.action}`);
      if (deadline.getTime() <= now.getTime())
        throw new CaseError('bad-request', 'deadline: must be in the future');
    } else if (input.deadline !== undefined) {
      throw new CaseError('bad-request', 'deadline: set on assign or reopen; otherwise request an extension');
    }
    const body: CaseEventBody = { kind: 'transition', from, to: input.to, reason, responsible, deadline };
    return this.commit(async (trx) => {
      const next = await this.append(caller, record, snapshot, body, comment, input.attachmentIds, trx);
      await this.record(
        caller,
        'case.transition',
        next,
        {
          from,
          to: input.to,
          comment,
          reason,
          responsible,
          deadline: deadline?.toISOString(),
          attachmentIds: input.attachmentIds,
        },
        trx,
      );
      await this.notifyTransition(next, from, input.to, comment, trx);
      return next;
    });
  }

  /** The responsible unit asks for a later deadline (one request at a time). */
  async requestExtension(
    caller: CaseCaller,
    caseId: number,
    input: ExtensionRequestInput,
  ): Promise<CaseRecord> {
    const { record, snapshot } = await this.load(caseId, caller);
    if (!DEADLINE_STATES.includes(snapshot.state)) {
      throw new CaseError(
        'conflict',
        `case ${caseId} is ${snapshot.state}; extensions are asked while assigned or rectifying`,
        {
          state: snapshot.state,
        },
      );
    }
    if (!mayRequestExtension(snapshot.state, caller, snapshot.responsible)) {
      throw new CaseError('forbidden', 'extensions are requested by the responsible unit');
    }
    if (snapshot.pendingExtension !== null) {
      throw new CaseError('conflict', `case ${caseId} already has an extension request awaiting a decision`, {
        pendingSeq: snapshot.pendingExtension.seq,
      });
    }
    const reason = input.reason.trim();
    if (reason === '') throw new CaseError('bad-request', 'reason: required');
    const current = snapshot.deadline?.getTime() ?? this.now().getTime();
    if (input.deadline.getTime() <= Math.max(current, this.now().getTime())) {
      throw new CaseError('bad-request', 'deadline: must be later than the current deadline and now');
    }
    return this.commit(async (trx) => {
      const next = await this.append(
        caller,
        record,
        snapshot,
        { kind: 'extension_requested', deadline: input.deadline, reason },
        reason,
        input.attachmentIds,
        trx,
      );
      await this.record(
        caller,
        'case.extension_requested',
        next,
        {
          deadline: input.deadline.toISOString(),
          currentDeadline: snapshot.deadline?.toISOString(),
          reason,
          attachmentIds: input.attachmentIds,
        },
        trx,
      );
      await this.notify(
        next,
        ['bureau'],
        'case.extension_requested',
        `案件 ${next.id} 申请延期至 ${describeDeadline(input.deadline)}：${reason}`,
        `Case ${next.id}: extension to ${describeDeadline(input.deadline)} requested: ${reason}`,
        trx,
      );
      return next;
    });
  }

  /** The bureau approves (possibly with another date) or rejects the pending extension request. */
  async decideExtension(
    caller: CaseCaller,
    caseId: number,
    input: ExtensionDecisionInput,
  ): Promise<CaseRecord> {
    const { record, snapshot } = await this.load(caseId, caller);
    if (!mayDecideExtension(caller)) throw new CaseError('forbidden', 'extensions are decided by the bureau');
    const pending = snapshot.pendingExtension;
    if (pending === null) {
      throw new CaseError('conflict', `case ${caseId} has no extension request awaiting a decision`, {
        state: snapshot.state,
      });
    }
    const comment = (input.comment ?? '').trim();
    let body: CaseEventBody & { kind: 'extension_approved' | 'extension_rejected' };
    if (input.approve) {
      const deadline = input.deadline ?? pending.deadline;
      if (deadline.getTime() <= this.now().getTime())
        throw new CaseError('bad-request', 'deadline: must be in the future');
      body = { kind: 'extension_approved', requestSeq: pending.seq, deadline };
    } else {
      if (comment === '') throw new CaseError('bad-request', 'comment: say why the extension is refused');
      if (input.deadline !== undefined) throw new CaseError('bad-request', 'deadline: only when approving');
      body = { kind: 'extension_rejected', requestSeq: pending.seq };
    }
    return this.commit(async (trx) => {
      const next = await this.append(caller, record, snapshot, body, comment, undefined, trx);
      await this.record(
        caller,
        `case.${body.kind}`,
        next,
        {
          requestSeq: pending.seq,
          requested: pending.deadline.toISOString(),
          deadline: body.kind === 'extension_approved' ? body.deadline.toISOString() : undefined,
          comment,
        },
        trx,
      );
      await this.notify(
        next,
        responsibleAudiences(snapshot.responsible, next.districtCode),
        `case.${body.kind}`,
        body.kind === 'extension_approved'
          ? `案件 ${next.id} 延期申请已批准，新期限 ${describeDeadline(body.deadline)}`
          : `案件 ${next.id} 延期申请未获批准：${comment}`,
        body.kind === 'extension_approved'
          ? `Case ${next.id}: extension approved, new deadline ${describeDeadline(body.deadline)}`
          : `Case ${next.id}: extension refused: ${comment}`,
        trx,
      );
      return next;
    });
  }

  /**
   * Takes every escalation step an overdue case has become due for (as the platform, audited as
   * `SYSTEM_ACTOR`); returns the steps taken. A step another process took first is skipped.
   */
  async escalate(caseId: number): Promise<EscalationLevel[]> {
    const now = this.now();
    let { record, snapshot } = await this.load(caseId, null);
    if (!DEADLINE_STATES.includes(snapshot.state) || snapshot.deadline === null) return [];
    const deadline = snapshot.deadline;
    const steps = stepsBetween(snapshot.escalation, levelDue(deadline, now, this.ladder));
    const taken: EscalationLevel[] = [];
    for (const level of steps) {
      const overdue = Math.floor(daysOverdue(deadline, now));
      const words = ESCALATION_WORDS[level];
      const responsible = snapshot.responsible;
      try {
        record = await this.commit(async (trx) => {
          const next = await this.append(
            SYSTEM_CASE_ACTOR,
            record,
            snapshot,
            { kind: 'escalated', level, daysOverdue: overdue },
            `overdue since ${deadlineText(deadline)}`,
            undefined,
            trx,
          );
          await this.record(
            SYSTEM_CASE_ACTOR,
            'case.escalated',
            next,
            { level, daysOverdue: overdue, deadline: deadline.toISOString() },
            trx,
          );
          await this.notify(
            next,
            [...responsibleAudiences(responsible, next.districtCode), 'bureau'],
            `case.escalated.${level}`,
            `案件 ${next.id}「${next.title}」已超期 ${overdue} 天：${words.zh}`,
            `Case ${next.id} "${next.title}" is ${overdue} days overdue: ${words.en}`,
            trx,
          );
          return next;
        });
      } catch (err) {
        if (err instanceof CaseWriteConflictError) return taken;
        throw err;
      }
      snapshot = { ...snapshot, escalation: level, lastSeq: record.lastSeq, updatedAt: record.updatedAt };
      taken.push(level);
    }
    return taken;
  }

  /** Ids of cases overdue now (assigned or rectifying past the deadline), oldest deadline first. */
  async overdueCaseIds(): Promise<number[]> {
    const rows = await this.store.cases.all({ overdueAt: this.now(), overdueStates: DEADLINE_STATES });
    return rows.map((r) => r.id);
  }

  /** A case the caller may see, with its events and what the caller may do next. */
  async detail(caller: CaseCaller, caseId: number): Promise<CaseDetail> {
    const { record, snapshot, events } = await this.load(caseId, caller);
    const attachments = await this.store.attachments.listForCase(caseId);
    const stored = await this.store.cases.events(caseId);
    const idBySeq = new Map(stored.map((e) => [e.seq, e.id]));
    return {
      record,
      snapshot,
      events: events.map((e) => ({
        ...e,
        attachments: attachments.filter((a) => a.eventId !== null && a.eventId === idBySeq.get(e.seq)),
      })),
      unlinkedAttachments: attachments.filter((a) => a.eventId === null),
      allowedTransitions: allowedNextStates(snapshot.state, caller, snapshot.responsible),
      suggestedResponsible: snapshot.responsible ?? (await this.derivedResponsibleOf(record)),
      mayRequestExtension:
        mayRequestExtension(snapshot.state, caller, snapshot.responsible) &&
        snapshot.pendingExtension === null,
      mayDecideExtension: mayDecideExtension(caller) && snapshot.pendingExtension !== null,
    };
  }

  /** The cases in the caller's scope, newest first, in pages (empty when they see none). */
  async list(
    caller: CaseCaller,
    query: CaseQuery & { limit?: number | undefined; cursor?: string | undefined },
  ): Promise<Page<CaseRecord>> {
    const filter = await this.filterOf(caller, query);
    if (filter === null) return { items: [], total: 0, nextCursor: null };
    return this.store.cases.list({ ...filter, limit: query.limit, cursor: query.cursor });
  }

  /**
   * The cases in the caller's scope as CSV (case-csv.ts), at most `MAX_CASE_EXPORT_ROWS` rows;
   * audited as `export` with the row count and the query.
   */
  async exportCsv(caller: CaseCaller, query: CaseQuery): Promise<{ csv: string; rows: number }> {
    const filter = await this.filterOf(caller, query);
    const rows = filter === null ? [] : await this.store.cases.all(filter);
    const shown = rows.slice(0, MAX_CASE_EXPORT_ROWS);
    await this.deps.audit.record({
      action: 'export',
      actor: auditActorOf(caller),
      target: { type: 'cases', id: 'csv' },
      details: { what: 'cases.csv', rows: shown.length, filter: query },
      address: caller.address ?? null,
    });
    return { csv: casesCsv(shown, this.now()), rows: shown.length };
  }

  /**
   * The filtered cases in the caller's scope as a CSV or XLSX file in the caller's language
   * (case-export.ts), at most `MAX_CASE_EXPORT_ROWS` rows; audited as `export` with the row count,
   * the format and the query.
   */
  async export(
    caller: CaseCaller,
    query: CaseQuery,
    format: ExportFormat,
    lang: ExportLang,
  ): Promise<ExportFile & { rows: number }> {
    const filter = await this.filterOf(caller, query);
    const rows = filter === null ? [] : await this.store.cases.all(filter);
    const shown = rows.slice(0, MAX_CASE_EXPORT_ROWS);
    const districts = new Map(
      (await this.store.districts.list()).map((d) => [d.code, { zh: d.name, en: d.nameEn }]),
    );
    const now = this.now();
    const file = await exportTable(caseExportTable(shown, now, districts), format, lang, chinaDate(now));
    await this.deps.audit.record({
      action: 'export',
      actor: auditActorOf(caller),
      target: { type: 'cases', id: format },
      details: { what: `cases.${format}`, lang, rows: shown.length, filter: query },
      address: caller.address ?? null,
    });
    return { ...file, rows: shown.length };
  }

  /**
   * Figures of the cases in the caller's scope created in [from, to); `range` is the same period as
   * China-local dates, carried into each count's list filter.
   */
  async figures(
    caller: CaseCaller,
    by: FigureDimension,
    from?: Date,
    to?: Date,
    range: FigureRange = {},
  ): Promise<{ groups: CaseFigures[]; total: CaseFigures }> {
    const scope = caseScopeOf(caller.scope) ?? { responsibleSiteIds: [] };
    const rows = await this.store.cases.all({ scope, createdFrom: from, createdTo: to });
    return caseFigures(rows, by, this.now(), range);
  }

  /**
   * The unit that would answer for a problem at a site (its enterprise, an outlet's enterprise,
   * otherwise the site's district) or in a district; for the new-case and assign forms to show
   * before anyone confirms. Null when neither is given.
   */
  async deriveResponsible(at: {
    siteId?: number | undefined;
    districtCode?: string | undefined;
  }): Promise<ResponsibleUnit | null> {
    if (at.siteId !== undefined) {
      const site = await this.store.sites.getById(at.siteId);
      if (site === null) throw new CaseError('bad-request', `siteId: site ${at.siteId} not found`);
      return this.defaultResponsible(site);
    }
    if (at.districtCode !== undefined) {
      const d = await this.district(at.districtCode);
      if (d === null)
        throw new CaseError('bad-request', `districtCode: district ${at.districtCode} not found`);
      return { type: 'district', code: d.code, name: d.name };
    }
    return null;
  }

  /** The unit derived from a case's subject: its site's (see `deriveResponsible`) or its district. */
  private async derivedResponsibleOf(c: CaseRecord): Promise<ResponsibleUnit | null> {
    if (c.subjectSiteId !== null) {
      const site = await this.store.sites.getById(c.subjectSiteId);
      if (site !== null) return this.defaultResponsible(site);
    }
    const d = await this.district(c.districtCode);
    return d === null ? null : { type: 'district', code: d.code, name: d.name };
  }

  /** Notices to the caller's audience (the bureau, their district or their enterprise), newest first. */
  async notices(
    actor: Pick<CaseActor, 'role' | 'districtCode' | 'enterpriseSiteId'>,
    query: NoticeQuery,
  ): Promise<Page<NotificationRecord>> {
    return this.store.notifications.list({ ...query, audiences: audiencesOf(actor) });
  }

  /**
   * Stores an evidence file for a case, for an event the uploader records next; audited as
   * `case.evidence_added`. Refusals are `EvidenceRejected` (400, 413 or 415).
   */
  async addAttachment(
    caller: CaseCaller,
    caseId: number,
    upload: { bytes: Buffer; filename: string; declaredType?: string | undefined },
  ): Promise<AttachmentRecord> {
    const { record, snapshot } = await this.load(caseId, caller);
    if (partiesOf(caller, snapshot.responsible).length === 0) {
      throw new CaseError('forbidden', 'evidence is added by the bureau and the responsible unit');
    }
    if (EVIDENCE_CLOSED_STATES.includes(snapshot.state)) {
      throw new CaseError(
        'conflict',
        `case ${caseId} is ${snapshot.state}: evidence is no longer accepted (reopen it first)`,
      );
    }
    const checked = checkEvidence(upload.bytes, upload.filename, upload.declaredType);
    return this.commit(async (trx) => {
      const size = upload.bytes.length;
      const since = new Date(this.now().getTime() - EVIDENCE_UPLOADER_WINDOW_MS);
      checkEvidenceQuota(
        await this.store.attachments.usage({ caseId }, trx),
        size,
        EVIDENCE_QUOTAS.perCase,
        `case ${caseId}`,
      );
      checkEvidenceQuota(
        await this.store.attachments.usage({ uploadedBy: caller.username, since }, trx),
        size,
        EVIDENCE_QUOTAS.perUploaderDay,
        `account ${caller.username} (last 24 hours)`,
      );
      const stored = await this.store.attachments.add(
        {
          caseId,
          filename: checked.filename,
          mediaType: checked.mediaType,
          bytes: upload.bytes,
          uploadedBy: caller.username,
          uploadedAt: this.now(),
        },
        trx,
      );
      await this.record(
        caller,
        'case.evidence_added',
        record,
        {
          attachmentId: stored.id,
          filename: stored.filename,
          mediaType: stored.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
        },
        trx,
      );
      return stored;
    });
  }

  /** An attachment of a case the caller may see, and its bytes (checked against the checksum). */
  async attachment(
    caller: CaseCaller,
    caseId: number,
    attachmentId: number,
  ): Promise<{ meta: AttachmentRecord; bytes: Buffer }> {
    await this.visible(caller, caseId);
    const meta = await this.store.attachments.getById(attachmentId);
    if (meta === null || meta.caseId !== caseId) {
      throw new CaseError('not-found', `attachment ${attachmentId} of case ${caseId} not found`);
    }
    const bytes = await this.store.attachments.content(meta);
    if (bytes === null)
      throw new Error(`attachment ${attachmentId}: its bytes are missing from the evidence store`);
    return { meta, bytes };
  }

  /** The repository filter of a query in the caller's scope; null when they see no case at all. */
  private async filterOf(
    caller: CaseCaller,
    q: CaseQuery,
  ): Promise<Omit<CaseFilter, 'limit' | 'cursor'> | null> {
    const scope = caseScopeOf(caller.scope);
    if (scope === null) return null;
    let enterprise: CaseFilter['enterprise'];
    if (q.enterpriseSiteId !== undefined) {
      const site = await this.store.sites.getById(q.enterpriseSiteId);
      if (site?.kind !== 'enterprise') {
        throw new CaseError('bad-request', `enterpriseSiteId: ${q.enterpriseSiteId} is not an enterprise`);
      }
      const outlets = await this.store.sites.list({ parentId: site.id, limit: 1000 });
      enterprise = { siteId: site.id, subjectSiteIds: [site.id, ...outlets.items.map((o) => o.id)] };
    }
    return {
      scope,
      states: q.states,
      source: q.source,
      category: q.category,
      districtCode: q.districtCode,
      alarmId: q.alarmId,
      responsibleSiteId: q.responsibleSiteId,
      responsibleType: q.responsibleType,
      responsibleCode: q.responsibleCode,
      enterprise,
      sort: q.sort,
      ...(q.overdue === true ? { overdueAt: this.now(), overdueStates: DEADLINE_STATES } : {}),
      createdFrom: q.createdFrom,
      createdTo: q.createdTo,
    };
  }

  /** The case when the caller may see it; "not found" otherwise, as if it did not exist. */
  private async visible(caller: CaseCaller | null, caseId: number): Promise<CaseRecord> {
    const record = await this.store.cases.getById(caseId);
    if (record === null || (caller !== null && !caseInScope(caseScopeOf(caller.scope), record))) {
      throw new CaseError('not-found', `case ${caseId} not found`);
    }
    return record;
  }

  /** A case (seen by the caller; null: by the platform) with its events and their fold. */
  private async load(
    caseId: number,
    caller: CaseCaller | null,
  ): Promise<{ record: CaseRecord; snapshot: CaseSnapshot; events: CaseEvent[] }> {
    const record = await this.visible(caller, caseId);
    const events = (await this.store.cases.events(caseId)).map(fromStoredEvent);
    const snapshot = foldCase(events);
    // Read between another writer's event and its cache update cannot happen (one transaction),
    // but a read of the row and then of the events can straddle a commit: retry-worthy, not fatal.
    if (snapshot.lastSeq !== record.lastSeq) {
      throw new CaseError('conflict', `case ${caseId} changed while it was read; try again`);
    }
    return { record, snapshot, events };
  }

  /** Appends an event in `trx`; a lost race is `CaseWriteConflictError` (409). */
  private async append(
    by: CaseActor,
    record: CaseRecord,
    snapshot: CaseSnapshot,
    body: CaseEventBody,
    comment: string,
    attachmentIds: readonly number[] | undefined,
    trx: Transaction<Database>,
  ): Promise<CaseRecord> {
    const event: CaseEvent = {
      seq: snapshot.lastSeq + 1,
      at: this.now(),
      actor: by.username,
      actorRole: by.role,
      comment,
      body,
    };
    const next = applyEvent(snapshot, event);
    const cache = cacheOf(next);
    await this.store.cases.append(
      record.id,
      toStoredEvent(event),
      cache,
      attachmentIds === undefined ? undefined : { attachmentIds, uploadedBy: by.username },
      trx,
    );
    return { ...record, ...cache };
  }

  private async resolveSubject(s: NonNullable<NewCaseInput['subject']>): Promise<{
    type: CaseSubjectType;
    site: Site | null;
    name: string;
    districtCode: string;
  }> {
    const site = s.siteId === undefined ? null : await this.store.sites.getById(s.siteId);
    if (s.siteId !== undefined && site === null)
      throw new CaseError('bad-request', `subject.siteId: site ${s.siteId} not found`);
    switch (s.type) {
      case 'site':
      case 'enterprise': {
        if (site === null) throw new CaseError('bad-request', `subject.siteId: required for a ${s.type}`);
        if (s.type === 'enterprise' && site.kind !== 'enterprise') {
          throw new CaseError('bad-request', `subject.siteId: site ${site.code} is not an enterprise`);
        }
        return { type: s.type, site, name: site.name, districtCode: site.districtCode };
      }
      case 'district': {
        const code = s.districtCode ?? site?.districtCode;
        const district = code === undefined ? null : await this.district(code);
        if (district === null)
          throw new CaseError('bad-request', 'subject.districtCode: a known district is required');
        return { type: s.type, site: null, name: district.name, districtCode: district.code };
      }
      case 'water_body': {
        const name = (s.name ?? site?.name ?? '').trim();
        const code = s.districtCode ?? site?.districtCode;
        if (name === '') throw new CaseError('bad-request', 'subject.name: the river or lake is required');
        if (code === undefined || (await this.district(code)) === null) {
          throw new CaseError('bad-request', 'subject.districtCode: the district it lies in is required');
        }
        return { type: s.type, site, name, districtCode: code };
      }
      default:
        throw new CaseError('bad-request', `subject.type: unknown ${String(s.type)}`);
    }
  }

  private async district(code: string): Promise<{ code: string; name: string } | null> {
    return (await this.store.districts.list()).find((d) => d.code === code) ?? null;
  }

  /**
   * The unit a request names as responsible, checked against the writer's scope: a district officer
   * may name only their own district or an enterprise in it (docs/security.md §7); a named
   * department is theirs to name.
   */
  private async resolveResponsible(r: ResponsibleInput, by: CaseActor): Promise<ResponsibleUnit> {
    const ownDistrict = by.role === 'district' ? by.districtCode : undefined;
    switch (r.type) {
      case 'district': {
        const d = await this.district(r.code);
        if (d === null) throw new CaseError('bad-request', `responsible.code: district ${r.code} not found`);
        if (ownDistrict !== undefined && d.code !== ownDistrict) {
          throw new CaseError('forbidden', `responsible.code: district ${d.code} is not your district`);
        }
        return { type: 'district', code: d.code, name: d.name };
      }
      case 'enterprise': {
        const site = await this.store.sites.getById(r.siteId);
        if (site?.kind !== 'enterprise') {
          throw new CaseError('bad-request', `responsible.siteId: ${r.siteId} is not an enterprise`);
        }
        if (ownDistrict !== undefined && site.districtCode !== ownDistrict) {
          throw new CaseError(
            'forbidden',
            `responsible.siteId: enterprise ${site.code} is outside your district`,
          );
        }
        return { type: 'enterprise', siteId: site.id, code: site.code, name: site.name };
      }
      case 'department': {
        const name = r.name.trim();
        if (name === '') throw new CaseError('bad-request', 'responsible.name: required for a department');
        return { type: 'department', name };
      }
      default:
        throw new CaseError('bad-request', `responsible.type: unknown ${JSON.stringify(r)}`);
    }
  }

  /** An enterprise (or an outlet's enterprise) answers for its own problems; anything else its district. */
  private async defaultResponsible(site: Site): Promise<ResponsibleUnit> {
    const enterprise =
      site.kind === 'enterprise'
        ? site
        : site.kind === 'outlet' && site.parentId !== null
          ? await this.store.sites.getById(site.parentId)
          : null;
    if (enterprise !== null) {
      return { type: 'enterprise', siteId: enterprise.id, code: enterprise.code, name: enterprise.name };
    }
    const d = await this.district(site.districtCode);
    return { type: 'district', code: site.districtCode, name: d?.name ?? site.districtCode };
  }

  private async notifyTransition(
    c: CaseRecord,
    from: CaseState,
    to: CaseState,
    comment: string,
    trx: Transaction<Database>,
  ): Promise<void> {
    const unit = responsibleAudiences(responsibleOfCache(c), c.districtCode);
    const deadline = c.deadline === null ? '' : describeDeadline(c.deadline);
    switch (to) {
      case 'assigned':
        return this.notify(
          c,
          unit,
          'case.assigned',
          `交办：${c.title}，整改期限 ${deadline}`,
          `Assigned to you: ${c.title}; deadline ${deadline}`,
          trx,
        );
      case 'self_checked':
        return this.notify(
          c,
          ['bureau'],
          'case.self_checked',
          `案件 ${c.id} 已自验，待验收`,
          `Case ${c.id} self-checked; awaiting acceptance`,
          trx,
        );
      case 'rectifying':
        if (from === 'under_acceptance') {
          return this.notify(
            c,
            unit,
            'case.acceptance_failed',
            `案件 ${c.id} 验收未通过：${comment}`,
            `Case ${c.id} failed acceptance: ${comment}`,
            trx,
          );
        }
        if (from === 'closed') {
          return this.notify(
            c,
            unit,
            'case.reopened',
            `案件 ${c.id} 回头看发现反弹，重新整改，期限 ${deadline}`,
            `Case ${c.id} reopened on look-back; deadline ${deadline}`,
            trx,
          );
        }
        return;
      case 'closed':
        return this.notify(c, unit, 'case.closed', `案件 ${c.id} 已销号`, `Case ${c.id} closed`, trx);
      case 'discovered':
      case 'verified':
      case 'dismissed':
      case 'under_acceptance':
      case 'publicised':
        return;
      default:
        throw new Error(`unknown state ${String(to)}`);
    }
  }

  /** Tells the audiences, in the transaction of the change. */
  private async notify(
    c: CaseRecord,
    audiences: readonly string[],
    kind: string,
    zh: string,
    en: string,
    trx: Transaction<Database>,
  ): Promise<void> {
    await this.store.notifications.add(
      {
        audiences,
        caseId: c.id,
        kind,
        messageZh: zh,
        messageEn: en,
        at: this.now(),
      },
      trx,
    );
  }

  /** Records a change of a case in the audit trail, in the transaction of its event. */
  private async record(
    by: CaseChanger,
    action: AuditAction,
    c: CaseRecord,
    details: Record<string, unknown>,
    trx: Transaction<Database>,
  ): Promise<void> {
    await this.deps.audit.record(
      {
        action,
        actor: auditActorOf(by),
        target: { type: 'case', id: c.id },
        details: { caseId: c.id, ...details },
        address: by.address ?? null,
      },
      trx,
    );
  }

  // ── 立案 from an alarm (used by the alarm service through src/services.ts) ──

  /**
   * What a case opened from an alarm would be — subject, category and responsible unit, derived as
   * `create` derives them — and the case already open for it, if any; for the person to see before
   * confirming 立案. CaseError 404 when the alarm does not exist or has no site.
   */
  async previewFromAlarm(alarmId: number): Promise<{
    subjectName: string;
    category: CaseCategory;
    responsible: ResponsibleUnit;
    existingCaseId: number | null;
  }> {
    const alarm = await this.deps.alarms.getById(alarmId);
    const site =
      alarm === null || alarm.siteId === null ? null : await this.store.sites.getById(alarm.siteId);
    if (alarm === null || site === null) throw new CaseError('not-found', `alarm ${alarmId} not found`);
    const open = await this.store.cases.findOpenByAlarm(alarmId);
    return {
      subjectName: site.name,
      category: categoryOfRule(alarm.rule),
      responsible: await this.defaultResponsible(site),
      existingCaseId: open?.id ?? null,
    };
  }

  /**
   * 立案 by a person: the case already open for the alarm, or a new one opened from it as the caller
   * (`create` with source `alarm`: subject, category and responsible unit derived from the alarm).
   */
  async openForAlarm(caller: CaseCaller, alarmId: number): Promise<CaseRecord> {
    const open = await this.store.cases.findOpenByAlarm(alarmId);
    if (open !== null) return open;
    return this.create(caller, { source: 'alarm', alarmId, comment: `立案 from alarm ${alarmId}` });
  }
}

const ESCALATION_WORDS: Record<Exclude<EscalationLevel, 'none'>, { zh: string; en: string }> = {
  warning: { zh: '超期预警', en: 'overdue warning' },
  listed: { zh: '挂牌督办', en: 'listed for supervision (挂牌督办)' },
  summoned: { zh: '约谈', en: 'summons (约谈) of the responsible unit' },
};
