/**
 * Request and response schemas of the case API (issue 9), and the mapping of cases to them.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { CaseDetail } from '../cases/case.service.js';
import type { CaseState } from '../cases/case-machine.js';
import {
  CASE_CATEGORIES,
  CASE_SOURCES,
  CASE_STATES,
  CASE_SUBJECT_TYPES,
  DEADLINE_STATES,
  ESCALATION_LEVELS,
} from '../cases/case-machine.js';
import { responsibleOfCache } from '../cases/case-fold.js';
import type { CaseEvent } from '../cases/case-fold.js';
import { FIGURE_DIMENSIONS } from '../cases/case-figures.js';
import type { AttachmentRecord } from '../store/attachment.repository.js';
import type { CaseRecord } from '../store/case.repository.js';
import type { NotificationRecord } from '../store/notification.repository.js';

/** A union of string literals, typed (TypeBox infers `never` for a union over a mapped array). */
function literals<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );
}

export const CaseStateSchema = literals(
  CASE_STATES,
  'discovered → verified (or dismissed) → assigned → rectifying → self_checked → under_acceptance → publicised → closed',
);
export const CaseSourceSchema = literals(
  CASE_SOURCES,
  'alarm, inspection, complaint (12369 hotline, petitions), superior (assigned by a superior), manual',
);
export const CaseCategorySchema = literals(CASE_CATEGORIES, 'Kind of problem');
export const CaseSubjectTypeSchema = literals(CASE_SUBJECT_TYPES, 'What the problem is about');
export const EscalationSchema = literals(
  ESCALATION_LEVELS,
  'none, warning (预警), listed (挂牌督办), summoned (约谈)',
);
export const FigureDimensionSchema = literals(FIGURE_DIMENSIONS, 'Group the figures by');

const Iso = (description = 'ISO 8601 UTC') => Type.String({ description });
const NullableIso = (description = 'ISO 8601 UTC') =>
  Type.Union([Type.String(), Type.Null()], { description });

/** A deadline: a China-local date (due by the end of that day) or an ISO 8601 time. */
export const DeadlineSchema = Type.String({
  minLength: 10,
  maxLength: 40,
  description: 'YYYY-MM-DD (China local; due by the end of that day) or an ISO 8601 time',
});

export const ResponsibleInputSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('district'), code: Type.String({ minLength: 1, maxLength: 12 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('enterprise'), siteId: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('department'), name: Type.String({ minLength: 1, maxLength: 100 }) },
    { additionalProperties: false },
  ),
]);

export const ResponsibleSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('district'), code: Type.String(), name: Type.String() }),
    Type.Object({
      type: Type.Literal('enterprise'),
      siteId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
    }),
    Type.Object({ type: Type.Literal('department'), name: Type.String() }),
    Type.Null(),
  ],
  { description: 'Who must fix it: a district, a department or an enterprise' },
);

const AttachmentIdsSchema = Type.Array(Type.Integer({ minimum: 1 }), {
  maxItems: 20,
  description: 'Ids from POST /api/v1/cases/{id}/attachments, uploaded by you and not yet on an event',
});

export const CreateCaseBodySchema = Type.Object(
  {
    source: CaseSourceSchema,
    alarmId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'With source alarm: fills subject, description and category from the alarm',
      }),
    ),
    externalRef: Type.Optional(
      Type.String({ maxLength: 100, description: 'Hotline ticket or document number' }),
    ),
    subject: Type.Optional(
      Type.Object(
        {
          type: CaseSubjectTypeSchema,
          siteId: Type.Optional(Type.Integer({ minimum: 1 })),
          districtCode: Type.Optional(Type.String({ maxLength: 12 })),
          name: Type.Optional(Type.String({ maxLength: 100, description: 'The river or lake (water_body)' })),
        },
        { additionalProperties: false },
      ),
    ),
    category: Type.Optional(CaseCategorySchema),
    title: Type.Optional(Type.String({ maxLength: 60 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    responsible: Type.Optional(ResponsibleInputSchema),
    deadline: Type.Optional(DeadlineSchema),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBodySchema>;

export const TransitionBodySchema = Type.Object(
  {
    to: CaseStateSchema,
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why it is dismissed' })),
    deadline: Type.Optional(DeadlineSchema),
    responsible: Type.Optional(ResponsibleInputSchema),
    attachmentIds: Type.Optional(AttachmentIdsSchema),
  },
  { additionalProperties: false },
);

export const ExtensionRequestBodySchema = Type.Object(
  {
    deadline: DeadlineSchema,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    attachmentIds: Type.Optional(AttachmentIdsSchema),
  },
  { additionalProperties: false },
);

export const ExtensionDecisionBodySchema = Type.Object(
  {
    approve: Type.Boolean(),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    deadline: Type.Optional(DeadlineSchema),
  },
  { additionalProperties: false },
);

export const CaseSchema = Type.Object({
  id: Type.Integer(),
  source: CaseSourceSchema,
  alarmId: Type.Union([Type.Integer(), Type.Null()]),
  externalRef: Type.Union([Type.String(), Type.Null()]),
  subject: Type.Object({
    type: CaseSubjectTypeSchema,
    siteId: Type.Union([Type.Integer(), Type.Null()]),
    name: Type.String(),
  }),
  districtCode: Type.String(),
  category: CaseCategorySchema,
  title: Type.String(),
  description: Type.String(),
  state: CaseStateSchema,
  responsible: ResponsibleSchema,
  deadline: NullableIso(),
  overdue: Type.Boolean({ description: 'Assigned or rectifying past the deadline' }),
  escalation: EscalationSchema,
  createdAt: Iso(),
  createdBy: Type.String(),
  assignedAt: NullableIso(),
  rectifiedAt: NullableIso('Latest self-check of the current round'),
  rectifiedOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  firstClosedAt: NullableIso(),
  closedAt: NullableIso(),
  reopenCount: Type.Integer(),
  updatedAt: Iso(),
  demo: Type.Boolean(),
});

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  eventSeq: Type.Union([Type.Integer(), Type.Null()], { description: 'The event that carries it' }),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'SHA-256 of the bytes, hex' }),
  uploadedBy: Type.String(),
  uploadedAt: Iso(),
  url: Type.String({ description: 'Where to download it' }),
});

export const CaseEventSchema = Type.Object({
  seq: Type.Integer({ description: '1, 2, 3… within the case' }),
  kind: Type.String({
    description:
      'created, transition, extension_requested, extension_approved, extension_rejected, escalated',
  }),
  at: Iso(),
  actor: Type.String(),
  actorRole: Type.String(),
  comment: Type.String(),
  from: Type.Union([CaseStateSchema, Type.Null()]),
  to: Type.Union([CaseStateSchema, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown(), { description: "The kind's own facts" }),
  attachments: Type.Array(AttachmentSchema),
});

export const CaseDetailSchema = Type.Object({
  case: CaseSchema,
  events: Type.Array(CaseEventSchema),
  pendingExtension: Type.Union([
    Type.Object({
      seq: Type.Integer(),
      deadline: Iso(),
      reason: Type.String(),
      requestedBy: Type.String(),
      requestedAt: Iso(),
    }),
    Type.Null(),
  ]),
  unlinkedAttachments: Type.Array(AttachmentSchema),
  allowedTransitions: Type.Array(CaseStateSchema, { description: 'States you may move it to now' }),
  mayRequestExtension: Type.Boolean(),
  mayDecideExtension: Type.Boolean(),
});

export const FiguresSchema = Type.Object({
  key: Type.String(),
  total: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  closed: Type.Integer(),
  dismissed: Type.Integer(),
  due: Type.Integer(),
  rectifiedOnTime: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  closureRate: Type.Union([Type.Number(), Type.Null()]),
  everClosed: Type.Integer(),
  meanDaysToClose: Type.Union([Type.Number(), Type.Null()]),
  p90DaysToClose: Type.Union([Type.Number(), Type.Null()]),
  reopened: Type.Integer(),
  reopenRate: Type.Union([Type.Number(), Type.Null()]),
});

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  audience: Type.String({ description: 'bureau, district:<code> or enterprise:<site id>' }),
  messageZh: Type.String(),
  messageEn: Type.String(),
  createdAt: Iso(),
});

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function caseDto(c: CaseRecord, now: Date): Static<typeof CaseSchema> {
  return {
    id: c.id,
    source: c.source as Static<typeof CaseSchema>['source'],
    alarmId: c.alarmId,
    externalRef: c.externalRef,
    subject: {
      type: c.subjectType as Static<typeof CaseSchema>['subject']['type'],
      siteId: c.subjectSiteId,
      name: c.subjectName,
    },
    districtCode: c.districtCode,
    category: c.category as Static<typeof CaseSchema>['category'],
    title: c.title,
    description: c.description,
    state: c.state as CaseState,
    responsible: responsibleOfCache(c),
    deadline: iso(c.deadline),
    overdue:
      DEADLINE_STATES.includes(c.state as CaseState) &&
      c.deadline !== null &&
      c.deadline.getTime() < now.getTime(),
    escalation: c.escalation as Static<typeof CaseSchema>['escalation'],
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

export function attachmentDto(a: AttachmentRecord, eventSeq: number | null) {
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

function eventDto(e: CaseEvent & { attachments: AttachmentRecord[] }) {
  const { kind, ...facts } = e.body;
  const from = kind === 'transition' ? e.body.from : null;
  const to = kind === 'transition' ? e.body.to : kind === 'created' ? 'discovered' : null;
  const data = JSON.parse(
    JSON.stringify(kind === 'transition' ? { ...facts, from: undefined, to: undefined } : facts),
  ) as Record<string, unknown>;
  return {
    seq: e.seq,
    kind,
    at: e.at.toISOString(),
    actor: e.actor,
    actorRole: e.actorRole,
    comment: e.comment,
    from,
    to,
    data,
    attachments: e.attachments.map((a) => attachmentDto(a, e.seq)),
  };
}

export function caseDetailDto(d: CaseDetail, now: Date): Static<typeof CaseDetailSchema> {
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
    mayRequestExtension: d.mayRequestExtension,
    mayDecideExtension: d.mayDecideExtension,
  };
}

export function notificationDto(n: NotificationRecord) {
  return { ...n, createdAt: n.createdAt.toISOString() };
}
