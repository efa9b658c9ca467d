/**
 * The case service's records as the API shapes of case.schemas.ts and notification.schemas.ts.
 * The casts name the case module's own types, so a vocabulary that drifts from the schemas fails
 * to compile here (and case.schemas.test.ts compares the lists themselves).
 */
import type { AttachmentRecord, CaseDetail, CaseRecord, NotificationRecord } from '../cases/case.service.js';
import type { CaseEventBody } from '../cases/case-fold.js';
import { responsibleOfCache } from '../cases/case-fold.js';
import type {
  CaseCategory,
  CaseSource,
  CaseState,
  CaseSubjectType,
  EscalationLevel,
} from '../cases/case-machine.js';
import { DEADLINE_STATES } from '../cases/case-machine.js';
import type { AttachmentDto, CaseDetailDto, CaseDto, CaseEventDto } from './case.schemas.js';
import type { NotificationDto } from './notification.schemas.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A case row; `overdue` is judged at `now`. */
export function caseDto(c: CaseRecord, now: Date): CaseDto {
  const state = c.state as CaseState;
  return {
    id: c.id,
    source: c.source as CaseSource,
    alarmId: c.alarmId,
    externalRef: c.externalRef,
    location: c.location,
    reporter: c.reporter,
    subject: {
      type: c.subjectType as CaseSubjectType,
      siteId: c.subjectSiteId,
      name: c.subjectName,
    },
    districtCode: c.districtCode,
    category: c.category as CaseCategory,
    title: c.title,
    description: c.description,
    state,
    responsible: responsibleOfCache(c),
    deadline: iso(c.deadline),
    overdue: DEADLINE_STATES.includes(state) && c.deadline !== null && c.deadline.getTime() < now.getTime(),
    escalation: c.escalation as EscalationLevel,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    assignedAt: iso(c.assignedAt),
    rectifiedAt: iso(c.rectifiedAt),
    rectifiedOnTime: c.rectifiedOnTime,
    firstClosedAt: iso(c.firstClosedAt),
    closedAt: iso(c.closedAt),
    reopenCount: c.reopenCount,
    updatedAt: c.updatedAt.toISOString(),
    demo: c.demo,
  };
}

/** An attachment, carried by the event `eventSeq` (null: not yet on an event). */
export function attachmentDto(a: AttachmentRecord, eventSeq: number | null): AttachmentDto {
  return {
    id: a.id,
    caseId: a.caseId,
    eventSeq,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt.toISOString(),
    url: `/api/v1/cases/${a.caseId}/attachments/${a.id}`,
  };
}

/** The facts of an event beyond its states, by kind. */
function eventData(b: CaseEventBody): CaseEventDto['data'] {
  switch (b.kind) {
    case 'created':
      return { responsible: b.responsible, deadline: iso(b.deadline) };
    case 'transition':
      return {
        ...(b.reason !== undefined ? { reason: b.reason } : {}),
        ...(b.responsible !== undefined ? { responsible: b.responsible } : {}),
        ...(b.deadline !== undefined ? { deadline: b.deadline.toISOString() } : {}),
      };
    case 'extension_requested':
      return { deadline: b.deadline.toISOString(), reason: b.reason };
    case 'extension_approved':
      return { requestSeq: b.requestSeq, deadline: b.deadline.toISOString() };
    case 'extension_rejected':
      return { requestSeq: b.requestSeq };
    case 'escalated':
      return { level: b.level, daysOverdue: b.daysOverdue };
    default:
      throw new Error(`unknown event ${JSON.stringify(b)}`);
  }
}

function eventDto(e: CaseDetail['events'][number]): CaseEventDto {
  const b = e.body;
  return {
    seq: e.seq,
    kind: b.kind,
    at: e.at.toISOString(),
    actor: e.actor,
    actorRole: e.actorRole,
    comment: e.comment,
    from: b.kind === 'transition' ? b.from : null,
    to: b.kind === 'transition' ? b.to : b.kind === 'created' ? 'discovered' : null,
    data: eventData(b),
    attachments: e.attachments.map((a) => attachmentDto(a, e.seq)),
  };
}

/** A case with its events, pending extension, evidence and the caller's next steps. */
export function caseDetailDto(d: CaseDetail, now: Date): CaseDetailDto {
  const p = d.snapshot.pendingExtension;
  return {
    case: caseDto(d.record, now),
    events: d.events.map(eventDto),
    pendingExtension:
      p === null
        ? null
        : {
            seq: p.seq,
            deadline: p.deadline.toISOString(),
            reason: p.reason,
            requestedBy: p.requestedBy,
            requestedAt: p.requestedAt.toISOString(),
          },
    unlinkedAttachments: d.unlinkedAttachments.map((a) => attachmentDto(a, null)),
    allowedTransitions: d.allowedTransitions,
    suggestedResponsible: d.suggestedResponsible,
    mayRequestExtension: d.mayRequestExtension,
    mayDecideExtension: d.mayDecideExtension,
  };
}

/** A notice to one audience. */
export function notificationDto(n: NotificationRecord): NotificationDto {
  return { ...n, createdAt: n.createdAt.toISOString() };
}
