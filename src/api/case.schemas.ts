/**
 * Request and response schemas of the case API (issue 9), and the types inferred from them that
 * the server and the web share. Imports only TypeBox and the API's common schemas, so that the web
 * can import it; the mapping of the case service's records to these shapes is in case.dto.ts.
 *
 * The vocabularies (states, sources, categories, subject types, escalation levels, figure
 * dimensions) are spelled out here as the API's contract; case.schemas.test.ts checks that they
 * are the case module's own lists, in the same order, and case.dto.ts fails to compile when the
 * case module has a value (an event kind, say) that a schema lacks.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ID_MAX, PageSchema } from './common.schemas.js';

export const CaseStateSchema = Type.Union(
  [
    Type.Literal('discovered'),
    Type.Literal('verified'),
    Type.Literal('dismissed'),
    Type.Literal('assigned'),
    Type.Literal('rectifying'),
    Type.Literal('self_checked'),
    Type.Literal('under_acceptance'),
    Type.Literal('publicised'),
    Type.Literal('closed'),
  ],
  {
    description:
      'discovered → verified (or dismissed) → assigned → rectifying → self_checked → under_acceptance → publicised → closed',
  },
);
export type CaseStateDto = Static<typeof CaseStateSchema>;

export const CaseSourceSchema = Type.Union(
  [
    Type.Literal('alarm'),
    Type.Literal('inspection'),
    Type.Literal('complaint'),
    Type.Literal('superior'),
    Type.Literal('manual'),
  ],
  {
    description:
      'alarm, inspection, complaint (12369 hotline, petitions), superior (assigned by a superior), manual',
  },
);

export const CaseCategorySchema = Type.Union(
  [
    Type.Literal('air'),
    Type.Literal('water'),
    Type.Literal('emission_exceedance'),
    Type.Literal('monitoring_data'),
    Type.Literal('solid_waste'),
    Type.Literal('noise'),
    Type.Literal('soil'),
    Type.Literal('ecology'),
    Type.Literal('other'),
  ],
  { description: 'Kind of problem' },
);

export const CaseSubjectTypeSchema = Type.Union(
  [Type.Literal('site'), Type.Literal('enterprise'), Type.Literal('district'), Type.Literal('water_body')],
  { description: 'What the problem is about' },
);

export const EscalationSchema = Type.Union(
  [Type.Literal('none'), Type.Literal('warning'), Type.Literal('listed'), Type.Literal('summoned')],
  { description: 'none, warning (预警), listed (挂牌督办), summoned (约谈)' },
);

export const FigureDimensionSchema = Type.Union(
  [Type.Literal('district'), Type.Literal('category'), Type.Literal('source'), Type.Literal('month')],
  { description: 'Group the figures by' },
);

export const CaseEventKindSchema = Type.Union(
  [
    Type.Literal('created'),
    Type.Literal('transition'),
    Type.Literal('extension_requested'),
    Type.Literal('extension_approved'),
    Type.Literal('extension_rejected'),
    Type.Literal('escalated'),
  ],
  { description: 'What happened' },
);

const Iso = (description = 'ISO 8601 UTC') => Type.String({ description });
const NullableIso = (description = 'ISO 8601 UTC') =>
  Type.Union([Type.String(), Type.Null()], { description });

/** A China-local date `YYYY-MM-DD`. */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

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
    { type: Type.Literal('enterprise'), siteId: Type.Integer({ minimum: 1, maximum: ID_MAX }) },
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

const AttachmentIdsSchema = Type.Array(Type.Integer({ minimum: 1, maximum: ID_MAX }), {
  maxItems: 20,
  description: 'Ids from POST /api/v1/cases/{id}/attachments, uploaded by you and not yet on an event',
});

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────

export const CaseParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Case id' }),
});

export const CaseAttachmentParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: ID_MAX }),
  attachmentId: Type.Integer({ minimum: 1, maximum: ID_MAX }),
});

export const ResponsibleTypeSchema = Type.Union(
  [Type.Literal('district'), Type.Literal('department'), Type.Literal('enterprise')],
  { description: 'Kind of responsible unit' },
);

export const CaseSortSchema = Type.Union([Type.Literal('created'), Type.Literal('updated')], {
  description: 'Newest first by creation time (default) or by the time of the latest change',
});

/** A comma-separated list of states, as a link from a figure carries it (`state=verified,assigned`). */
const STATE_LIST_PATTERN = '^[a-z_]+(,[a-z_]+)*$';

const listFilter = {
  state: Type.Optional(
    Type.Array(Type.Union([CaseStateSchema, Type.String({ pattern: STATE_LIST_PATTERN, maxLength: 200 })]), {
      description: 'One or more (?state=a&state=b or ?state=a,b)',
      maxItems: 20,
    }),
  ),
  source: Type.Optional(CaseSourceSchema),
  category: Type.Optional(CaseCategorySchema),
  districtCode: Type.Optional(Type.String({ maxLength: 12 })),
  alarmId: Type.Optional(Type.Integer({ minimum: 1, maximum: ID_MAX })),
  responsibleSiteId: Type.Optional(
    Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Responsible enterprise site id' }),
  ),
  responsibleType: Type.Optional(ResponsibleTypeSchema),
  responsibleCode: Type.Optional(
    Type.String({
      maxLength: 64,
      description: "Responsible unit: a district code or an enterprise's site code",
    }),
  ),
  enterpriseSiteId: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: ID_MAX,
      description: 'Cases about this enterprise (itself or one of its outlets) or assigned to it',
    }),
  ),
  overdue: Type.Optional(
    Type.Boolean({ description: 'true: only assigned or rectifying past the deadline' }),
  ),
  from: Type.Optional(
    Type.String({ pattern: DATE_PATTERN, description: 'Created on or after this China-local date' }),
  ),
  to: Type.Optional(
    Type.String({ pattern: DATE_PATTERN, description: 'Created on or before this China-local date' }),
  ),
};

/** The filters of the case list and of its CSV export. */
export const CaseFilterQuerySchema = Type.Object(listFilter, { additionalProperties: false });
export type CaseFilterQuery = Static<typeof CaseFilterQuerySchema>;

export const CaseListQuerySchema = Type.Object(
  {
    ...listFilter,
    sort: Type.Optional(CaseSortSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuerySchema>;

export const CaseExportQuerySchema = Type.Object(
  {
    ...listFilter,
    sort: Type.Optional(CaseSortSchema),
    format: Type.Optional(
      Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'csv (default) or xlsx' }),
    ),
    lang: Type.Optional(
      Type.Union([Type.Literal('zh'), Type.Literal('en')], {
        description: 'Language of headers and names: zh (default) or en',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CaseExportQuery = Static<typeof CaseExportQuerySchema>;

export const DerivedResponsibleQuerySchema = Type.Object(
  {
    siteId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'The site the problem is at' }),
    ),
    districtCode: Type.Optional(Type.String({ maxLength: 12, description: 'Or the district it is in' })),
  },
  { additionalProperties: false },
);

export const DerivedResponsibleSchema = Type.Object({ responsible: ResponsibleSchema });
export type DerivedResponsibleDto = Static<typeof DerivedResponsibleSchema>;

export const CaseFiguresQuerySchema = Type.Object(
  {
    by: FigureDimensionSchema,
    from: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
    to: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
  },
  { additionalProperties: false },
);

export const CreateCaseBodySchema = Type.Object(
  {
    source: CaseSourceSchema,
    alarmId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: ID_MAX,
        description: 'With source alarm: fills subject, description and category from the alarm',
      }),
    ),
    externalRef: Type.Optional(
      Type.String({ maxLength: 100, description: 'Hotline ticket or document number' }),
    ),
    location: Type.Optional(
      Type.String({ maxLength: 200, description: 'Where the problem is, as described (address, landmark)' }),
    ),
    reporter: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'Who reported it: the complainant, or the superior office that assigned it',
      }),
    ),
    subject: Type.Optional(
      Type.Object(
        {
          type: CaseSubjectTypeSchema,
          siteId: Type.Optional(Type.Integer({ minimum: 1, maximum: ID_MAX })),
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
export type CaseTransitionBody = Static<typeof TransitionBodySchema>;

export const ExtensionRequestBodySchema = Type.Object(
  {
    deadline: DeadlineSchema,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    attachmentIds: Type.Optional(AttachmentIdsSchema),
  },
  { additionalProperties: false },
);
export type ExtensionRequestBody = Static<typeof ExtensionRequestBodySchema>;

export const ExtensionDecisionBodySchema = Type.Object(
  {
    approve: Type.Boolean(),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    deadline: Type.Optional(DeadlineSchema),
  },
  { additionalProperties: false },
);
export type ExtensionDecisionBody = Static<typeof ExtensionDecisionBodySchema>;

export const AttachmentUploadQuerySchema = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. site-photo.jpg' }),
    type: Type.Optional(
      Type.String({ maxLength: 100, description: 'Declared media type; must match the bytes' }),
    ),
  },
  { additionalProperties: false },
);

// ── Responses ────────────────────────────────────────────────────────────────────────────────────

export const CaseSchema = Type.Object({
  id: Type.Integer(),
  source: CaseSourceSchema,
  alarmId: Type.Union([Type.Integer(), Type.Null()]),
  externalRef: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([Type.String(), Type.Null()]),
  reporter: Type.Union([Type.String(), Type.Null()]),
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
export type CaseDto = Static<typeof CaseSchema>;

export const CasePageSchema = PageSchema(CaseSchema);
export type CasePageDto = Static<typeof CasePageSchema>;

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
export type AttachmentDto = Static<typeof AttachmentSchema>;

/** The facts of an event beyond who, when and the states: which fields appear depends on its kind. */
export const CaseEventDataSchema = Type.Object(
  {
    responsible: Type.Optional(ResponsibleSchema),
    deadline: Type.Optional(NullableIso('The deadline set, asked for or granted')),
    reason: Type.Optional(Type.String({ description: 'Why dismissed, or why an extension is asked' })),
    requestSeq: Type.Optional(Type.Integer({ description: 'The extension request decided' })),
    level: Type.Optional(EscalationSchema),
    daysOverdue: Type.Optional(Type.Integer()),
  },
  {
    description:
      "The kind's own facts — created: responsible, deadline; transition: reason, responsible, deadline when given; extension_requested: deadline, reason; extension_approved: requestSeq, deadline; extension_rejected: requestSeq; escalated: level, daysOverdue",
  },
);

export const CaseEventSchema = Type.Object({
  seq: Type.Integer({ description: '1, 2, 3… within the case' }),
  kind: CaseEventKindSchema,
  at: Iso(),
  actor: Type.String(),
  actorRole: Type.String(),
  comment: Type.String(),
  from: Type.Union([CaseStateSchema, Type.Null()]),
  to: Type.Union([CaseStateSchema, Type.Null()]),
  data: CaseEventDataSchema,
  attachments: Type.Array(AttachmentSchema),
});
export type CaseEventDto = Static<typeof CaseEventSchema>;

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
  /** The unit set on the case, or else derived from its subject; the assign form shows it before confirming. */
  suggestedResponsible: ResponsibleSchema,
  mayRequestExtension: Type.Boolean(),
  mayDecideExtension: Type.Boolean(),
});
export type CaseDetailDto = Static<typeof CaseDetailSchema>;

/** The case-list filter that lists the cases a figure counts. */
export const FigureQuerySchema = Type.Object(
  {
    state: Type.Optional(Type.Array(CaseStateSchema)),
    overdue: Type.Optional(Type.Boolean()),
    districtCode: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
    source: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
  },
  { description: 'The query of GET /api/v1/cases that lists exactly these cases' },
);
export type FigureQueryDto = Static<typeof FigureQuerySchema>;

export const FiguresSchema = Type.Object({
  key: Type.String({
    description:
      'The group: a district code, category, source, or China-local month YYYY-MM; "all" for the total',
  }),
  total: Type.Integer(),
  open: Type.Integer(),
  verified: Type.Integer({ description: 'Verified or in a later state now (dismissed excepted)' }),
  assigned: Type.Integer({ description: 'Assigned or in a later state now (a reopened case included)' }),
  overdue: Type.Integer(),
  closed: Type.Integer({ description: 'Closed now; a case reopened on look-back is not' }),
  dismissed: Type.Integer(),
  due: Type.Integer(),
  rectifiedOnTime: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'On-time rectification rate: self-checked by the deadline ÷ due',
  }),
  closureRate: Type.Union([Type.Number(), Type.Null()]),
  everClosed: Type.Integer(),
  meanDaysToClose: Type.Union([Type.Number(), Type.Null()]),
  p90DaysToClose: Type.Union([Type.Number(), Type.Null()]),
  reopened: Type.Integer(),
  reopenRate: Type.Union([Type.Number(), Type.Null()]),
  queries: Type.Object(
    {
      total: FigureQuerySchema,
      open: FigureQuerySchema,
      verified: FigureQuerySchema,
      assigned: FigureQuerySchema,
      closed: FigureQuerySchema,
      dismissed: FigureQuerySchema,
      overdue: FigureQuerySchema,
    },
    { description: 'For each count, the case-list filter that reproduces it' },
  ),
});
export type CaseFiguresDto = Static<typeof FiguresSchema>;

export const CaseFiguresResponseSchema = Type.Object({
  by: FigureDimensionSchema,
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Array(FiguresSchema),
  total: FiguresSchema,
});
export type CaseFiguresResponseDto = Static<typeof CaseFiguresResponseSchema>;
