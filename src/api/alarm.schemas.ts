/**
 * Request and response shapes of the alarm API — the lists, one alarm with its history,
 * acknowledging and closing, and the server-sent event stream — with the types inferred from
 * them, shared by the routes and the web. Imports nothing but TypeBox, so that the web can import it.
 */
import { Type } from 'typebox';
import { ID_MAX } from './common.schemas.js';
import type { Static } from 'typebox';
import { CaseSchema } from './case.schemas.js';

/** An alarm's states, in lifecycle order. */
export const ALARM_STATES = ['open', 'acknowledged', 'closed'] as const;
/** How urgent an alarm is. */
export const ALARM_SEVERITIES = ['info', 'warning', 'critical'] as const;
/**
 * What an event of an alarm's history records (`closed`, `auto-closed`: alarms of before the
 * handling was separated from the condition).
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
/** Is the condition still there. */
export const ALARM_CONDITIONS = ['active', 'cleared'] as const;
/** Has a person dealt with the alarm. */
export const ALARM_HANDLINGS = ['unhandled', 'acknowledged', 'handled'] as const;
/** How a handled alarm was dealt with. */
export const ALARM_DISPOSITIONS = [
  'explained',
  'data_quality_confirmed',
  'case_opened',
  'dismissed',
  'auto_resolved',
] as const;
/** The two tabs of the alarm list (mirrors RULE_KIND of src/alarms/types.ts). */
export const ALARM_KINDS = ['exceedance', 'data_quality'] as const;
/** Orders of the alarm list. */
export const ALARM_SORTS = ['priority', 'time'] as const;
/** The rules that raise alarms, one file each under src/alarms/rules/. */
export const ALARM_RULES = [
  'exceedance',
  'constant-value',
  'zero-negative',
  'out-of-range',
  'sudden-step',
  'missing-data',
  'low-transmission',
  'device-offline',
  'flag-abuse',
  'aqi-high',
  'neighbour-spike',
  'water-class',
  'energy-budget',
  'waste-storage',
  'waste-manifest',
  'waste-balance',
  'waste-declaration',
  'response-measures',
] as const;

/** The kind of each rule (the one grouping is RULE_KIND in src/alarms/types.ts; a test keeps them equal). */
export const ALARM_RULE_KIND: Readonly<Record<(typeof ALARM_RULES)[number], (typeof ALARM_KINDS)[number]>> = {
  exceedance: 'exceedance',
  'aqi-high': 'exceedance',
  'water-class': 'exceedance',
  'energy-budget': 'exceedance',
  'neighbour-spike': 'exceedance',
  'waste-storage': 'exceedance',
  'waste-manifest': 'exceedance',
  'waste-balance': 'exceedance',
  'waste-declaration': 'exceedance',
  'response-measures': 'exceedance',
  'constant-value': 'data_quality',
  'zero-negative': 'data_quality',
  'out-of-range': 'data_quality',
  'sudden-step': 'data_quality',
  'missing-data': 'data_quality',
  'low-transmission': 'data_quality',
  'device-offline': 'data_quality',
  'flag-abuse': 'data_quality',
};

/** A union of string literals, typed (TypeBox infers `never` for a union over a mapped array). */
const literalUnion = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

const AlarmStateSchema = literalUnion(
  ALARM_STATES,
  'The handling in the old words: open = unhandled, acknowledged, closed = handled',
);
const AlarmConditionSchema = literalUnion(ALARM_CONDITIONS, 'active or cleared');
const AlarmHandlingSchema = literalUnion(ALARM_HANDLINGS, 'unhandled → acknowledged → handled');
const AlarmDispositionSchema = literalUnion(ALARM_DISPOSITIONS, 'How a handled alarm was dealt with');
const AlarmKindSchema = literalUnion(ALARM_KINDS, 'exceedance or data_quality (a tab of the list)');
const AlarmSortSchema = literalUnion(
  ALARM_SORTS,
  'priority (default): unhandled critical first, then newest first; time: newest first',
);
const AlarmSeveritySchema = literalUnion(ALARM_SEVERITIES, 'info, warning or critical');
const AlarmRuleSchema = literalUnion(ALARM_RULES, 'The rule that raised the alarm (src/alarms/rules)');
const AlarmEventKindSchema = literalUnion(ALARM_EVENT_KINDS, 'What happened');

const Instant = Type.String({ description: 'ISO 8601 UTC' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const Window = Type.Object({ from: Instant, to: Instant });

const EvidenceValueSchema = Type.Object({
  at: Instant,
  value: Type.Union([Type.Number(), Type.Null()]),
  flag: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  siteId: Type.Optional(Type.Integer({ description: 'Another site (a neighbour)' })),
  note: Type.Optional(Type.String()),
});

export const AlarmSchema = Type.Object({
  id: Type.Integer(),
  site: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    districtCode: Type.String(),
  }),
  parameter: Type.String({ description: 'HJ 212 code, or AQI, water-class, data, device' }),
  rule: AlarmRuleSchema,
  severity: AlarmSeveritySchema,
  state: AlarmStateSchema,
  kind: AlarmKindSchema,
  condition: AlarmConditionSchema,
  clearedAt: Type.Union([Instant, Type.Null()], { description: 'Data time the condition ended' }),
  handling: AlarmHandlingSchema,
  disposition: Type.Union([AlarmDispositionSchema, Type.Null()]),
  dispositionCaseId: Type.Union([Type.Integer(), Type.Null()], { description: 'The case opened (立案)' }),
  dispositionReason: Type.Union([Type.String(), Type.Null()]),
  handledAt: NullableInstant,
  handledBy: Type.Union([Type.String(), Type.Null()], { description: 'Null when resolved by the platform' }),
  explanation: Type.Union([
    Type.Object(
      { text: Type.String(), by: Type.String(), at: Instant },
      { description: "The enterprise's explanation waiting for the supervisor's decision" },
    ),
    Type.Null(),
  ]),
  parameterName: Type.Object(
    { zh: Type.String(), en: Type.String(), unit: Type.String() },
    { description: 'The parameter in words and its unit (the code itself when not in the registry)' },
  ),
  openedAt: Instant,
  updatedAt: Instant,
  lastSeenAt: Instant,
  window: Type.Object({ from: Instant, to: Instant }, { description: 'Period the latest evidence covers' }),
  count: Type.Integer({ description: 'Findings merged into the alarm' }),
  limit: Type.Union([Type.Number(), Type.Null()], { description: 'Limit or threshold crossed' }),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  evidence: Type.Array(EvidenceValueSchema),
  clearedSince: Type.Union([Instant, Type.Null()], {
    description: 'Data time since which the condition has not been seen (clearing pending)',
  }),
  acknowledgedAt: NullableInstant,
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Instant, Type.Null()], { description: 'Same as handledAt (old shape)' }),
  closedBy: Type.Union([Type.String(), Type.Null()], { description: 'Same as handledBy (old shape)' }),
  closeReason: Type.Union([Type.String(), Type.Null()], { description: 'Same as dispositionReason' }),
});
export type AlarmDto = Static<typeof AlarmSchema>;

/** What an event adds beyond its kind, actor and comment. */
const AlarmEventDetailsSchema = Type.Object(
  {
    window: Type.Optional(Window),
    escalatedFrom: Type.Optional(AlarmSeveritySchema),
    clearedSince: Type.Optional(Instant),
    disposition: Type.Optional(AlarmDispositionSchema),
    caseId: Type.Optional(Type.Integer()),
    accepted: Type.Optional(Type.Boolean()),
  },
  {
    description:
      'opened, updated: the period of the evidence (window); updated: the severity before an escalation (escalatedFrom); cleared, auto-closed: since when the condition was clear (clearedSince); handled: the disposition (and caseId of a case opened); an explanation decision: accepted',
  },
);
export type AlarmEventDetailsDto = Static<typeof AlarmEventDetailsSchema>;

const AlarmEventSchema = Type.Object({
  id: Type.Integer(),
  alarmId: Type.Integer(),
  at: Instant,
  kind: AlarmEventKindSchema,
  severity: AlarmSeveritySchema,
  actor: Type.Union([Type.String(), Type.Null()], { description: 'Username; null for the platform' }),
  comment: Type.Union([Type.String(), Type.Null()]),
  details: AlarmEventDetailsSchema,
});
export type AlarmEventDto = Static<typeof AlarmEventSchema>;

/** An evidence file of the enterprise's explanation. */
export const AlarmAttachmentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Instant,
  url: Type.String({ description: 'Where to download it (with the bearer token)' }),
});
export type AlarmAttachmentDto = Static<typeof AlarmAttachmentSchema>;

/** `GET /alarms/:id`: the alarm, its whole history (oldest first) and the explanation's evidence files. */
export const AlarmDetailSchema = Type.Object({
  alarm: AlarmSchema,
  events: Type.Array(AlarmEventSchema),
  attachments: Type.Array(AlarmAttachmentSchema),
});
export type AlarmDetailDto = Static<typeof AlarmDetailSchema>;

export const AlarmParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Alarm id' }),
});

/** The filters of `GET /alarms` and `GET /alarms/export`. */
const alarmFilterFields = {
  state: Type.Optional(AlarmStateSchema),
  active: Type.Optional(Type.Boolean({ description: 'true: not handled; false: handled' })),
  condition: Type.Optional(AlarmConditionSchema),
  handling: Type.Optional(AlarmHandlingSchema),
  kind: Type.Optional(AlarmKindSchema),
  rule: Type.Optional(AlarmRuleSchema),
  severity: Type.Optional(AlarmSeveritySchema),
  district: Type.Optional(Type.String({ maxLength: 12, description: 'District code' })),
  enterprise: Type.Optional(
    Type.String({ maxLength: 64, description: "Enterprise site code: its own and its outlets' alarms" }),
  ),
  site: Type.Optional(Type.String({ maxLength: 64, description: 'Site code' })),
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'Seen on or after: a China date YYYY-MM-DD (from its start) or an ISO 8601 instant',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Opened on or before: a China date YYYY-MM-DD (to its end) or an ISO 8601 instant (before it)',
    }),
  ),
  sort: Type.Optional(AlarmSortSchema),
};

/** `GET /alarms` filters. */
export const AlarmListQuerySchema = Type.Object({
  ...alarmFilterFields,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Page size (default 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type AlarmListQuery = Static<typeof AlarmListQuerySchema>;

/** `GET /alarms/export`: the list's filters, the file format and the language of the headers and words. */
export const AlarmExportQuerySchema = Type.Object({
  ...alarmFilterFields,
  format: Type.Optional(literalUnion(['csv', 'xlsx'] as const, 'csv (default) or xlsx')),
  lang: Type.Optional(literalUnion(['zh', 'en'] as const, 'zh (default) or en')),
});
export type AlarmExportQuery = Static<typeof AlarmExportQuerySchema>;

/** `POST /alarms/:id/handle`: data quality confirmed, or dismissed with a reason. */
export const AlarmHandleBodySchema = Type.Object(
  {
    disposition: literalUnion(['data_quality_confirmed', 'dismissed'] as const, 'How it is handled'),
    reason: Type.Optional(
      Type.String({ maxLength: 1000, description: 'Why (required for a dismissal; kept for ever)' }),
    ),
  },
  { additionalProperties: false },
);
export type AlarmHandleBody = Static<typeof AlarmHandleBodySchema>;

/** `POST /alarms/:id/explanation`: the enterprise's explanation. */
export const AlarmExplainBodySchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000, description: 'What happened and why' }) },
  { additionalProperties: false },
);
export type AlarmExplainBody = Static<typeof AlarmExplainBodySchema>;

/** `POST /alarms/:id/explanation/decision`: the supervisor accepts or rejects it. */
export const AlarmExplanationDecisionBodySchema = Type.Object(
  {
    accept: Type.Boolean(),
    comment: Type.Optional(Type.String({ maxLength: 1000, description: 'Required when rejecting' })),
  },
  { additionalProperties: false },
);
export type AlarmExplanationDecisionBody = Static<typeof AlarmExplanationDecisionBodySchema>;

/** `POST /alarms/:id/attachments`: the file's name and declared type (the bytes are the body). */
export const AlarmAttachmentUploadQuerySchema = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 200, description: 'File name with its extension' }),
  type: Type.Optional(Type.String({ maxLength: 100, description: 'Declared media type' })),
});

export const AlarmAttachmentParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Alarm id' }),
  attachmentId: Type.Integer({ minimum: 1, maximum: ID_MAX }),
});

/** `GET /alarms/:id/case-preview`: what 立案 would open. */
export const AlarmCasePreviewSchema = Type.Object({
  subjectName: Type.String(),
  category: Type.String({ description: 'Case category (case.schemas.ts)' }),
  responsible: Type.Union([
    Type.Object({ type: Type.Literal('district'), code: Type.String(), name: Type.String() }),
    Type.Object({
      type: Type.Literal('enterprise'),
      siteId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
    }),
    Type.Object({ type: Type.Literal('department'), name: Type.String() }),
  ]),
  existingCaseId: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The case already open for the alarm, linked instead of opening another',
  }),
});
export type AlarmCasePreviewDto = Static<typeof AlarmCasePreviewSchema>;

/** `POST /alarms/:id/case`: the alarm after 立案 (handled, `case_opened`) and the case. */
export const AlarmCaseOpenedSchema = Type.Object({ alarm: AlarmSchema, case: CaseSchema });
export type AlarmCaseOpenedDto = Static<typeof AlarmCaseOpenedSchema>;

/** `POST /alarms/:id/acknowledge`. */
export const AlarmAcknowledgeBodySchema = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type AlarmAcknowledgeBody = Static<typeof AlarmAcknowledgeBodySchema>;

/** `POST /alarms/:id/close`. */
export const AlarmCloseBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why it is closed (kept for ever)' }) },
  { additionalProperties: false },
);
export type AlarmCloseBody = Static<typeof AlarmCloseBodySchema>;

/** `GET /events` options. */
export const AlarmStreamQuerySchema = Type.Object({
  after: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: ID_MAX,
      description: 'Start after this event id (default: only new changes)',
    }),
  ),
  heartbeat: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 60,
      description: 'Seconds between heartbeat comments (default 15)',
    }),
  ),
});

/** The `data:` of one server-sent event: the event and its alarm as it is now. */
export const AlarmStreamDataSchema = Type.Object({
  kind: AlarmEventKindSchema,
  event: AlarmEventSchema,
  alarm: AlarmSchema,
});
export type AlarmStreamData = Static<typeof AlarmStreamDataSchema>;
