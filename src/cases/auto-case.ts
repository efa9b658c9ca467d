/**
 * Cases opened by alarms without a click (issue 9, item 3): for the rules configured to do so, a
 * newly opened alarm of the configured severity opens (or joins) its case. Alarms of a history
 * replay — opened before the platform started — never open cases by themselves.
 */
import type { Logger } from '../logger.js';
import type { AlarmSummary } from './alarm-lookup.js';
import type { CaseService } from './case.service.js';

export interface AutoCaseRule {
  /** Alarm rule id, e.g. "exceedance". */
  rule: string;
  /** Lowest severity that opens a case. */
  minSeverity: 'info' | 'warning' | 'critical';
}

/**
 * Default, until the bureau sets the list (docs/settings.md): a critical exceedance (a valid hourly
 * or daily mean above the legal limit) is a violation the bureau must follow up, so it opens a
 * case; other rules wait for a person.
 */
export const DEFAULT_AUTO_CASE_RULES: readonly AutoCaseRule[] = [
  { rule: 'exceedance', minSeverity: 'critical' },
];

const SEVERITY_RANK: Readonly<Record<string, number>> = { info: 0, warning: 1, critical: 2 };

/** The newly opened alarm as the auto-case handler needs it. */
export interface OpenedAlarm extends AlarmSummary {
  openedAt: Date;
}

/** Whether an alarm opens a case by itself under these rules. */
export function opensCase(
  alarm: Pick<OpenedAlarm, 'rule' | 'severity'>,
  rules: readonly AutoCaseRule[],
): boolean {
  return rules.some(
    (r) =>
      r.rule === alarm.rule && (SEVERITY_RANK[alarm.severity] ?? -1) >= (SEVERITY_RANK[r.minSeverity] ?? 3),
  );
}

/**
 * A handler for opened alarms: opens the case in the background (errors are logged, never thrown
 * into the alarm engine) for alarms opened at or after `since`. `rules` reads the rule list in force
 * for each live alarm (the bureau setting, `AlarmSettingsService.autoCaseRules`); without it the
 * defaults apply.
 */
export function autoCaseHandler(
  cases: Pick<CaseService, 'openFromAlarm'>,
  options: { rules?: () => Promise<readonly AutoCaseRule[]>; since: Date; logger?: Logger },
): (alarm: OpenedAlarm) => Promise<void> {
  return async (alarm) => {
    if (alarm.openedAt.getTime() < options.since.getTime()) return;
    try {
      const rules = options.rules === undefined ? DEFAULT_AUTO_CASE_RULES : await options.rules();
      if (!opensCase(alarm, rules)) return;
      await cases.openFromAlarm(alarm);
    } catch (err) {
      options.logger?.error({ err, alarm: alarm.id }, 'opening a case for an alarm failed');
    }
  };
}
