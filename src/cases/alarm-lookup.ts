/**
 * The narrow view of alarms that cases need: enough to open a case from one. The case service
 * takes it as a dependency (`alarmLookupOf(store.alarms)`, built in src/services.ts), so that cases
 * never reach into the alarm module's code.
 */
import type { Alarm, AlarmRepository } from '../store/alarm.repository.js';
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

/** What a case takes from a stored alarm; the message in both languages, Chinese first. */
function summaryOf(a: Alarm): AlarmSummary {
  return {
    id: a.id,
    siteId: a.siteId,
    parameter: a.parameter,
    rule: a.rule,
    severity: a.severity,
    message: `${a.message.zh} / ${a.message.en}`,
  };
}

/** The alarm lookup over the alarm repository. */
export function alarmLookupOf(alarms: Pick<AlarmRepository, 'getById'>): AlarmLookup {
  return {
    getById: async (id) => {
      const alarm = await alarms.getById(id);
      return alarm === null ? null : summaryOf(alarm);
    },
  };
}

/** The case category of an alarm rule. */
export function categoryOfRule(rule: string): CaseCategory {
  switch (rule) {
    case 'exceedance':
    case 'response-measures':
      return 'emission_exceedance';
    case 'aqi-high':
    case 'neighbour-spike':
      return 'air';
    case 'water-class':
      return 'water';
    case 'energy-budget':
      return 'other';
    case 'waste-storage':
    case 'waste-manifest':
    case 'waste-balance':
    case 'waste-declaration':
      return 'solid_waste';
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
