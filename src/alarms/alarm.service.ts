/**
 * The alarm lifecycle: open → acknowledged → closed. A finding opens an alarm for its (site,
 * parameter, rule) or updates the one already open there (last seen, count, latest evidence;
 * severity only ever escalates); a person acknowledges it or closes it with a reason; the platform
 * closes it by itself once the condition has been clear for `autoCloseAfterMs`. Every change
 * appends an event (opened, updated, acknowledged, closed, auto-closed) with who, when and comment.
 *
 * Time comes from the injected clock, or from the `at` a caller passes when it replays history
 * (the demo's first evaluation stamps events at the time the evidence became known).
 */
import type { Clock } from '../clock.js';
import type {
  Alarm,
  AlarmContent,
  AlarmEvent,
  AlarmEventKind,
  AlarmRepository,
  AlarmSeverity,
  AlarmWithHistory,
} from '../store/alarm.repository.js';
import type { AlarmSignal } from './alarm-signal.js';
import type { Finding, Severity } from './types.js';

export type {
  Alarm,
  AlarmEvent,
  AlarmEventKind,
  AlarmSeverity,
  AlarmState,
  AlarmWithHistory,
} from '../store/alarm.repository.js';
export { AlarmStateError } from '../store/alarm.repository.js';

/** Default time a condition must stay clear before its alarm closes by itself: one hour. */
export const DEFAULT_AUTO_CLOSE_AFTER_MS = 3_600_000;

/** A stored change: the alarm after it and the event it appended. */
export interface AlarmChange {
  kind: AlarmEventKind;
  alarm: Alarm;
  event: AlarmEvent;
}

export interface AlarmServiceOptions {
  /** How long a condition must be clear before the alarm auto-closes, ms (default one hour). */
  autoCloseAfterMs?: number;
  /** Rung after every stored change (wakes the event streams). */
  signal?: AlarmSignal;
  /** Called after every stored change (benchmarks, logs). */
  onChange?: (change: AlarmChange) => void;
}

/** What {@link AlarmService.record} did: the alarm of the key afterwards, and the stored changes. */
export interface RecordResult {
  alarm: Alarm | null;
  changes: AlarmChange[];
}

const HOUR_MS = 3_600_000;

/** A finding that names its site (every finding the engine records does). */
export type SiteFinding = Finding & { siteId: number };

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

function higher(a: AlarmSeverity, b: AlarmSeverity): AlarmSeverity {
  return RANK[b] > RANK[a] ? b : a;
}

function contentOf(f: Finding, severity: AlarmSeverity, lastSeenAt: Date): AlarmContent {
  return {
    severity,
    lastSeenAt,
    window: f.window,
    limit: f.limit ?? null,
    message: f.message,
    evidence: f.values.map((v) => ({ ...v })),
  };
}

const maxDate = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

export class AlarmService {
  readonly autoCloseAfterMs: number;

  constructor(
    private readonly alarms: AlarmRepository,
    private readonly clock: Clock,
    private readonly options: AlarmServiceOptions = {},
  ) {
    this.autoCloseAfterMs = options.autoCloseAfterMs ?? DEFAULT_AUTO_CLOSE_AFTER_MS;
    if (!(Number.isFinite(this.autoCloseAfterMs) && this.autoCloseAfterMs >= 0)) {
      throw new RangeError(`autoCloseAfterMs ${this.autoCloseAfterMs} must be a non-negative number of ms`);
    }
  }

  private emit(change: AlarmChange | null): AlarmChange | null {
    if (change === null) return null;
    this.options.signal?.notify();
    this.options.onChange?.(change);
    return change;
  }

  private changed(kind: AlarmEventKind, r: { alarm: Alarm; event: AlarmEvent | null }): AlarmChange | null {
    return r.event === null ? null : this.emit({ kind, alarm: r.alarm, event: r.event });
  }

  /** An alarm with its history and evidence, or null. */
  get(id: number): Promise<AlarmWithHistory | null> {
    return this.alarms.getById(id);
  }

  /**
   * Records a finding: opens an alarm for its key, or updates the one not closed. Returns the
   * alarm and the stored changes (an auto-close of a stale alarm may precede an opening); no change
   * when the finding adds nothing (its evidence ends no later than the alarm's, severity no higher).
   *
   * An update appends an `updated` event when the severity escalates (an acknowledged alarm then
   * becomes open again), a new episode starts (another window start) or the episode has lasted
   * another whole hour; any other extension (the next minute of a flat line, an offline device's
   * next check) refreshes the row without an event, so minute data do not flood the history. When the
   * finding starts more than `autoCloseAfterMs` after the alarm's evidence ended, the condition was
   * clear that long: the old alarm is auto-closed and a new one opened.
   */
  async record(finding: SiteFinding, at: Date = this.clock.now()): Promise<RecordResult> {
    const out: AlarmChange[] = [];
    let current = await this.alarms.findOpen(finding.siteId, finding.parameter, finding.rule);
    if (
      current !== null &&
      finding.window.from.getTime() - current.window.to.getTime() >= this.autoCloseAfterMs
    ) {
      const due = new Date(current.window.to.getTime() + this.autoCloseAfterMs);
      const closed = await this.autoClose(current, due);
      if (closed) out.push(closed);
      current = null;
    }
    if (current === null) {
      const opened = await this.alarms.open(
        {
          siteId: finding.siteId,
          parameter: finding.parameter,
          rule: finding.rule,
          openedAt: at,
          ...contentOf(finding, finding.severity, at),
        },
        { window: { from: finding.window.from, to: finding.window.to } },
      );
      const change = this.emit({ kind: 'opened', ...opened });
      if (change) out.push(change);
      return { alarm: opened.alarm, changes: out };
    }
    const severity = higher(current.severity, finding.severity);
    const escalated = severity !== current.severity;
    if (finding.window.to.getTime() <= current.window.to.getTime() && !escalated) {
      return { alarm: current, changes: out };
    }
    const from = finding.window.from.getTime();
    const hoursLong = (to: Date): number => Math.floor((to.getTime() - from) / HOUR_MS);
    const significant =
      escalated ||
      from !== current.window.from.getTime() ||
      hoursLong(finding.window.to) > hoursLong(current.window.to);
    const stamp = maxDate(at, current.updatedAt);
    const patch = {
      content: contentOf(finding, severity, stamp),
      clearedSince: null,
      updatedAt: stamp,
      ...(significant ? { count: current.count + 1 } : {}),
      ...(escalated ? { state: 'open' as const } : {}),
    };
    const result = await this.alarms.change(
      current.id,
      ['open', 'acknowledged'],
      patch,
      significant
        ? {
            at: stamp,
            kind: 'updated',
            details: {
              window: { from: finding.window.from, to: finding.window.to },
              ...(escalated ? { escalatedFrom: current.severity } : {}),
            },
          }
        : undefined,
    );
    const change = this.changed('updated', result);
    if (change) out.push(change);
    return { alarm: result.alarm, changes: out };
  }

  /** Notes that an alarm's condition has not been seen since `since` (data time); no event. */
  async markClear(alarm: Alarm, since: Date): Promise<void> {
    if (alarm.clearedSince !== null || alarm.state === 'closed') return;
    await this.alarms.change(alarm.id, ['open', 'acknowledged'], {
      clearedSince: since,
      updatedAt: alarm.updatedAt,
    });
  }

  /** Auto-closes an alarm at `at` (not before its last change); null when it was closed meanwhile. */
  private async autoClose(alarm: Alarm, at: Date): Promise<AlarmChange | null> {
    const stamp = maxDate(at, alarm.updatedAt);
    const clear = alarm.clearedSince ?? alarm.window.to;
    const minutes = Math.round(this.autoCloseAfterMs / 60_000);
    try {
      const result = await this.alarms.change(
        alarm.id,
        ['open', 'acknowledged'],
        {
          closed: {
            at: stamp,
            by: null,
            reason: `condition clear since ${clear.toISOString()} for at least ${minutes} min`,
          },
          updatedAt: stamp,
        },
        {
          at: stamp,
          kind: 'auto-closed',
          comment: `条件已消除 ${minutes} 分钟 / condition clear for ${minutes} min`,
          details: { clearedSince: clear },
        },
      );
      return this.changed('auto-closed', result);
    } catch (err) {
      if (err instanceof Error && err.name === 'AlarmStateError') return null;
      throw err;
    }
  }

  /**
   * Auto-closes every alarm whose condition has been clear for `autoCloseAfterMs` by `now`. Each is
   * stamped at the moment it became due (not before its last change), so a replay of history and a
   * late timer give the same record.
   */
  async closeDue(now: Date = this.clock.now()): Promise<AlarmChange[]> {
    const due = await this.alarms.listCleared(new Date(now.getTime() - this.autoCloseAfterMs));
    const out: AlarmChange[] = [];
    for (const alarm of due) {
      const clear = alarm.clearedSince ?? now;
      const change = await this.autoClose(alarm, new Date(clear.getTime() + this.autoCloseAfterMs));
      if (change) out.push(change);
    }
    return out;
  }

  /** A person has seen the alarm. Needs state open; throws `AlarmStateError` otherwise. */
  async acknowledge(id: number, by: string, comment: string | null): Promise<AlarmChange> {
    const at = this.clock.now();
    const result = await this.alarms.change(
      id,
      ['open'],
      { state: 'acknowledged', acknowledged: { at, by }, updatedAt: at },
      { at, kind: 'acknowledged', actor: by, comment },
    );
    const change = this.changed('acknowledged', result);
    if (change === null) throw new Error('acknowledge stored no event');
    return change;
  }

  /** A person closes the alarm with a reason. Needs state open or acknowledged. */
  async close(id: number, by: string, reason: string): Promise<AlarmChange> {
    if (reason.trim() === '') throw new RangeError('closing an alarm needs a reason');
    const at = this.clock.now();
    const result = await this.alarms.change(
      id,
      ['open', 'acknowledged'],
      { closed: { at, by, reason }, updatedAt: at },
      { at, kind: 'closed', actor: by, comment: reason },
    );
    const change = this.changed('closed', result);
    if (change === null) throw new Error('close stored no event');
    return change;
  }
}
