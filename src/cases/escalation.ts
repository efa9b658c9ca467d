/**
 * The escalation ladder of an overdue case (docs/standards/cases.md §4): warning (预警) as soon as the
 * deadline passes, listed supervision (挂牌督办) and then summons (约谈) as it stays overdue. Pure:
 * the escalator passes in the clock's now.
 */
import { DAY_MS } from '../standards/china-time.js';
import type { EscalationLevel } from './case-machine.js';
import { ESCALATION_LEVELS } from './case-machine.js';

/**
 * Days overdue at which each step is taken. Calendar days: deadlines in working days would need a
 * China holiday calendar, which the platform does not have yet (docs/standards/cases.md §3).
 */
export interface EscalationLadder {
  warningDays: number;
  listedDays: number;
  summonedDays: number;
}

/** The default ladder: warning on the first overdue instant, listed after 15 days, summons after 30. */
export const DEFAULT_ESCALATION_LADDER_DAYS: EscalationLadder = {
  warningDays: 0,
  listedDays: 15,
  summonedDays: 30,
};

/** Days (fractional) a deadline has passed by; 0 or less when it has not. */
export function daysOverdue(deadline: Date, now: Date): number {
  return (now.getTime() - deadline.getTime()) / DAY_MS;
}

/** The level a case overdue since `deadline` should have reached at `now`. */
export function levelDue(
  deadline: Date,
  now: Date,
  ladder: EscalationLadder = DEFAULT_ESCALATION_LADDER_DAYS,
): EscalationLevel {
  const days = daysOverdue(deadline, now);
  if (days <= 0) return 'none';
  if (days >= ladder.summonedDays) return 'summoned';
  if (days >= ladder.listedDays) return 'listed';
  if (days >= ladder.warningDays) return 'warning';
  return 'none';
}

/** The steps from `current` up to `target`, each to be recorded (empty when none is due). */
export function stepsBetween(
  current: EscalationLevel,
  target: EscalationLevel,
): Exclude<EscalationLevel, 'none'>[] {
  const from = ESCALATION_LEVELS.indexOf(current);
  const to = ESCALATION_LEVELS.indexOf(target);
  return ESCALATION_LEVELS.slice(from + 1, to + 1).filter(
    (l): l is Exclude<EscalationLevel, 'none'> => l !== 'none',
  );
}
