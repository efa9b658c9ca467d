/**
 * Alarms and their events as the API sends them (alarm.schemas.ts): instants as ISO 8601 strings,
 * the site by code and name, an event's details reduced to the fields the schema names. Used by the
 * alarm routes and the event stream.
 */
import type { AlarmAttachmentRecord, AlarmEvent, SitedAlarm } from '../alarms/alarm.service.js';
import type { AlarmAttachmentDto, AlarmDto, AlarmEventDetailsDto, AlarmEventDto } from './alarm.schemas.js';
import { parameterInfo } from '../standards/parameters.js';
import { ALARM_DISPOSITIONS, ALARM_RULE_KIND, ALARM_SEVERITIES } from './alarm.schemas.js';

/** The parameter in words and its unit, from the registry; the code itself when not in it. */
export function parameterNameOf(code: string): { zh: string; en: string; unit: string } {
  const info = parameterInfo(code);
  return info === undefined
    ? { zh: code, en: code, unit: '' }
    : { zh: info.zh, en: info.en, unit: info.unit };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** An alarm with its site (blank fields when the site is gone). */
export function alarmDto({ alarm: a, site }: SitedAlarm): AlarmDto {
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
    // The repository stores the rule as text; the engine only ever writes a rule id.
    rule: a.rule as AlarmDto['rule'],
    severity: a.severity,
    state: a.state,
    kind: ALARM_RULE_KIND[a.rule as AlarmDto['rule']] ?? 'data_quality',
    condition: a.condition,
    clearedAt: iso(a.clearedAt),
    handling: a.handling,
    disposition: a.disposition,
    dispositionCaseId: a.dispositionCaseId,
    dispositionReason: a.dispositionReason,
    handledAt: iso(a.handledAt),
    handledBy: a.handledBy,
    explanation:
      a.explanation === null
        ? null
        : { text: a.explanation.text, by: a.explanation.by, at: a.explanation.at.toISOString() },
    parameterName: parameterNameOf(a.parameter),
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

/** An instant of stored details: a Date, or its ISO text once the details went through JSON. */
function instantOf(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'string' ? v : undefined;
}

function eventDetailsDto(details: Record<string, unknown>): AlarmEventDetailsDto {
  const out: AlarmEventDetailsDto = {};
  const w = details.window;
  if (typeof w === 'object' && w !== null) {
    const from = instantOf((w as Record<string, unknown>).from);
    const to = instantOf((w as Record<string, unknown>).to);
    if (from !== undefined && to !== undefined) out.window = { from, to };
  }
  const escalatedFrom = ALARM_SEVERITIES.find((s) => s === details.escalatedFrom);
  if (escalatedFrom !== undefined) out.escalatedFrom = escalatedFrom;
  const clearedSince = instantOf(details.clearedSince);
  if (clearedSince !== undefined) out.clearedSince = clearedSince;
  const disposition = ALARM_DISPOSITIONS.find((d) => d === details.disposition);
  if (disposition !== undefined) out.disposition = disposition;
  if (typeof details.caseId === 'number') out.caseId = details.caseId;
  if (typeof details.accepted === 'boolean') out.accepted = details.accepted;
  return out;
}

/** An evidence file of an alarm's explanation, with where to download it. */
export function alarmAttachmentDto(a: AlarmAttachmentRecord): AlarmAttachmentDto {
  return {
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt.toISOString(),
    url: `/api/v1/alarms/${a.alarmId}/attachments/${a.id}`,
  };
}

/** One event of an alarm's history. */
export function alarmEventDto(e: AlarmEvent): AlarmEventDto {
  return {
    id: e.id,
    alarmId: e.alarmId,
    at: e.at.toISOString(),
    kind: e.kind,
    severity: e.severity,
    actor: e.actor,
    comment: e.comment,
    details: eventDetailsDto(e.details),
  };
}
