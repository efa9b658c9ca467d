/**
 * Schemas and DTOs of alarms, shared by the alarm routes and the event stream (and, through the
 * inferred types, by the web).
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { RULE_IDS } from '../alarms/types.js';
import type { Alarm, AlarmEvent } from '../store/alarm.repository.js';
import { ALARM_EVENT_KINDS, ALARM_SEVERITIES, ALARM_STATES } from '../store/alarm.repository.js';
import type { Site } from '../store/types.js';

const literalUnion = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

export const AlarmStateSchema = literalUnion(ALARM_STATES, 'open → acknowledged → closed');
export const AlarmSeveritySchema = literalUnion(ALARM_SEVERITIES, 'info, warning or critical');
export const AlarmRuleSchema = literalUnion(RULE_IDS, 'The rule that raised the alarm (src/alarms/rules)');
export const AlarmEventKindSchema = literalUnion(ALARM_EVENT_KINDS, 'What happened');

const Instant = Type.String({ description: 'ISO 8601 UTC' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const EvidenceValueSchema = Type.Object({
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

export const AlarmEventSchema = Type.Object({
  id: Type.Integer(),
  alarmId: Type.Integer(),
  at: Instant,
  kind: AlarmEventKindSchema,
  severity: AlarmSeveritySchema,
  actor: Type.Union([Type.String(), Type.Null()], { description: 'Username; null for the platform' }),
  comment: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AlarmEventDto = Static<typeof AlarmEventSchema>;

type SiteRef = Pick<Site, 'id' | 'code' | 'name' | 'kind' | 'districtCode'>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function alarmDto(a: Alarm, site: SiteRef | undefined): AlarmDto {
  return {
    id: a.id,
    site: {
      id: a.siteId,
      code: site?.code ?? '',
      name: site?.name ?? '',
      kind: site?.kind ?? '',
      districtCode: site?.districtCode ?? '',
    },
    parameter: a.parameter,
    rule: a.rule as AlarmDto['rule'],
    severity: a.severity,
    state: a.state,
    openedAt: a.openedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    window: { from: a.window.from.toISOString(), to: a.window.to.toISOString() },
    count: a.count,
    limit: a.limit,
    message: a.message,
    evidence: a.evidence.map((v) => ({ ...v, at: v.at.toISOString() })),
    clearedSince: iso(a.clearedSince),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    closedAt: iso(a.closedAt),
    closedBy: a.closedBy,
    closeReason: a.closeReason,
  };
}

export function alarmEventDto(e: AlarmEvent): AlarmEventDto {
  return {
    id: e.id,
    alarmId: e.alarmId,
    at: e.at.toISOString(),
    kind: e.kind,
    severity: e.severity,
    actor: e.actor,
    comment: e.comment,
    // Round-trip so Dates in details become strings, as the schema says.
    details: JSON.parse(JSON.stringify(e.details)) as Record<string, unknown>,
  };
}
