/**
 * The life of a heavy-pollution alert as a pure table: issued (active) → upgraded / downgraded
 * (still active, another level) → lifted (final). Who may make a transition is the route's access
 * (the bureau); this module only says which transitions are legal and what they lead to
 * (docs/response.md §2).
 */
import type { AlertLevel } from '../standards/heavy-pollution-alert.js';
import { levelRank } from '../standards/heavy-pollution-alert.js';

export const ALERT_STATES = ['active', 'lifted'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Transitions the bureau asks for. */
export const ALERT_TRANSITIONS = ['upgraded', 'downgraded', 'lifted'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

/** Kinds of entry in an alert's append-only history. */
export const ALERT_EVENT_KINDS = ['issued', ...ALERT_TRANSITIONS] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

export interface AlertStatus {
  state: AlertState;
  level: AlertLevel;
}

/** Why a transition is refused: `illegal` (no such move from here) or `bad-level` (the level asked for does not fit). */
export type TransitionRefusal = { ok: false; code: 'illegal' | 'bad-level'; message: string };

/**
 * The status after a transition, or the refusal: an upgrade needs a more severe level, a downgrade
 * a milder one; lifting takes no level and keeps the last one; nothing moves a lifted alert.
 */
export function nextAlertStatus(
  current: AlertStatus,
  to: AlertTransition,
  level?: AlertLevel,
): { ok: true; status: AlertStatus } | TransitionRefusal {
  if (current.state === 'lifted') {
    return { ok: false, code: 'illegal', message: `the alert is lifted; it cannot be ${to}` };
  }
  switch (to) {
    case 'upgraded':
    case 'downgraded': {
      if (level === undefined) {
        return { ok: false, code: 'bad-level', message: `level is required to mark the alert ${to}` };
      }
      const delta = levelRank(level) - levelRank(current.level);
      if (to === 'upgraded' ? delta <= 0 : delta >= 0) {
        return {
          ok: false,
          code: 'bad-level',
          message: `level ${level} is not ${to === 'upgraded' ? 'above' : 'below'} the current ${current.level}`,
        };
      }
      return { ok: true, status: { state: 'active', level } };
    }
    case 'lifted':
      if (level !== undefined) {
        return { ok: false, code: 'bad-level', message: 'lifting takes no level' };
      }
      return { ok: true, status: { state: 'lifted', level: current.level } };
    default: {
      const impossible: never = to;
      throw new Error(`unknown transition ${String(impossible)}`);
    }
  }
}

/** One history entry as the machine needs it. */
export interface AlertHistoryEntry {
  kind: AlertEventKind;
  level: AlertLevel;
  at: Date;
}

/**
 * The level in force at each instant from an alert's history: the level of the newest entry at or
 * before `at`, or null before the alert starts or from the moment it is lifted.
 */
export function levelAt(history: readonly AlertHistoryEntry[], startsAt: Date, at: Date): AlertLevel | null {
  if (at < startsAt) return null;
  // The issued level holds from the start, whenever the alert was recorded (it may start in the past).
  let level: AlertLevel | null = history.find((e) => e.kind === 'issued')?.level ?? null;
  for (const e of [...history].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (e.kind === 'issued') continue;
    if (e.at > at) break;
    if (e.kind === 'lifted') return null;
    level = e.level;
  }
  return level;
}
