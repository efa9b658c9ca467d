/**
 * The narrow view of alarms that cases need: enough to open a case from one. Defined here, so that
 * cases do not depend on the alarm module's code; `alarmLookupOf` finds `store.alarms` at run time.
 */
import type { CaseCategory } from './case-machine.js';

/** What a case takes from an alarm. */
export interface AlarmSummary {
  id: number;
  siteId: number | null;
  /** HJ 212-2017 parameter code or a pseudo-parameter ("AQI", "device", "water-class"). */
  parameter: string;
  /** Rule id, e.g. "exceedance". */
  rule: string;
  severity: string;
  /** What was found, in words (Chinese first when the alarm has both). */
  message: string;
}

export interface AlarmLookup {
  getById(id: number): Promise<AlarmSummary | null>;
}

function messageOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) {
    const m = v as Record<string, unknown>;
    const zh = typeof m.zh === 'string' ? m.zh : null;
    const en = typeof m.en === 'string' ? m.en : null;
    if (zh !== null && en !== null) return `${zh} / ${en}`;
    return zh ?? en;
  }
  return null;
}

/** Reads an alarm of unknown shape into a summary; null when it lacks what a case needs. */
export function parseAlarmSummary(v: unknown): AlarmSummary | null {
  if (typeof v !== 'object' || v === null) return null;
  const a = v as Record<string, unknown>;
  const message = messageOf(a.message);
  if (
    typeof a.id !== 'number' ||
    typeof a.parameter !== 'string' ||
    typeof a.rule !== 'string' ||
    message === null
  ) {
    return null;
  }
  return {
    id: a.id,
    siteId: typeof a.siteId === 'number' ? a.siteId : null,
    parameter: a.parameter,
    rule: a.rule,
    severity: typeof a.severity === 'string' ? a.severity : 'warning',
    message,
  };
}

/** The alarm lookup of a store that has `alarms.getById`, or null when it has none. */
export function alarmLookupOf(store: object): AlarmLookup | null {
  const repo: unknown = (store as { alarms?: unknown }).alarms;
  if (typeof repo !== 'object' || repo === null) return null;
  const getById: unknown = (repo as { getById?: unknown }).getById;
  if (typeof getById !== 'function') return null;
  return {
    getById: async (id) =>
      parseAlarmSummary(await (getById as (id: number) => Promise<unknown>).call(repo, id)),
  };
}

/** The case category of an alarm rule. */
export function categoryOfRule(rule: string): CaseCategory {
  switch (rule) {
    case 'exceedance':
      return 'emission_exceedance';
    case 'aqi-high':
    case 'neighbour-spike':
      return 'air';
    case 'water-class':
      return 'water';
    case 'constant-value':
    case 'zero-negative':
    case 'out-of-range':
    case 'sudden-step':
    case 'missing-data':
    case 'low-transmission':
    case 'device-offline':
    case 'flag-abuse':
      return 'monitoring_data';
    default:
      return 'other';
  }
}
