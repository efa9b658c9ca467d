/**
 * Request and response shapes of the alarm API — the lists, one alarm with its history,
 * acknowledging and closing, and the server-sent event stream — with the types inferred from
 * them, shared by the routes and the web. Imports nothing but TypeBox, so that the web can import it.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

/** An alarm's states, in lifecycle order. */
export const ALARM_STATES = ['open', 'acknowledged', 'closed'] as const;
/** How urgent an alarm is. */
export const ALARM_SEVERITIES = ['info', 'warning', 'critical'] as const;
/** What an event of an alarm's history records. */
export const ALARM_EVENT_KINDS = ['opened', 'updated', 'acknowledged', 'closed', 'auto-closed'] as const;
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
] as const;

/** A union of string literals, typed (TypeBox infers `never` for a union over a mapped array). */
const literalUnion = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

const AlarmStateSchema = literalUnion(ALARM_STATES, 'open → acknowledged → closed');
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
  openedAt: Instant,
  updatedAt: Instant,
  lastSeenAt: Instant,
  window: Type.Object({ from: Instant, to: Instant }, { description: 'Period the latest evidence covers' }),
  count: Type.Integer({ description: 'Findings merged into the alarm' }),
  limit: Type.Union([Type.Number(), Type.Null()], { description: 'Limit or threshold crossed' }),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  evidence: Type.Array(EvidenceValueSchema),
  clearedSince: Type.Union([Instant, Type.Null()], {
    description: 'Data time since which the condition has not been seen (auto-close pending)',
  }),
  acknowledgedAt: NullableInstant,
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  closedAt: NullableInstant,
  closedBy: Type.Union([Type.String(), Type.Null()], { description: 'Null when auto-closed' }),
  closeReason: Type.Union([Type.String(), Type.Null()]),
});
export type AlarmDto = Static<typeof AlarmSchema>;

/** What an event adds beyond its kind, actor and comment. */
const AlarmEventDetailsSchema = Type.Object(
  {
    window: Type.Optional(Window),
    escalatedFrom: Type.Optional(AlarmSeveritySchema),
    clearedSince: Type.Optional(Instant),
  },
  {
    description:
      'opened, updated: the period of the evidence (window); updated: the severity before an escalation (escalatedFrom); auto-closed: since when the condition was clear (clearedSince)',
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

/** `GET /alarms/:id`: the alarm and its whole history, oldest first. */
export const AlarmDetailSchema = Type.Object({ alarm: AlarmSchema, events: Type.Array(AlarmEventSchema) });
export type AlarmDetailDto = Static<typeof AlarmDetailSchema>;

export const AlarmParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Alarm id' }) });

/** `GET /alarms` filters. */
export const AlarmListQuerySchema = Type.Object({
  state: Type.Optional(AlarmStateSchema),
  active: Type.Optional(Type.Boolean({ description: 'true: open or acknowledged; false: closed' })),
  rule: Type.Optional(AlarmRuleSchema),
  severity: Type.Optional(AlarmSeveritySchema),
  district: Type.Optional(Type.String({ maxLength: 12, description: 'District code' })),
  site: Type.Optional(Type.String({ maxLength: 64, description: 'Site code' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Seen at or after (ISO 8601)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Opened before (ISO 8601)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Page size (default 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type AlarmListQuery = Static<typeof AlarmListQuerySchema>;

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
