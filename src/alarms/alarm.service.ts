/**
 * The alarm lifecycle: open → acknowledged → closed. A finding opens an alarm for its (site,
 * parameter, rule) or updates the one already open there (last seen, count, latest evidence;
 * severity only ever escalates); a person acknowledges it or closes it with a reason; the platform
 * closes it by itself once the condition has been clear for `autoCloseAfterMs`. Every change
 * appends an event (opened, updated, acknowledged, closed, auto-closed) with who, when and comment.
 *
 * Audit (docs/architecture.md, "Audit"): a person's acknowledgement or closing and the platform's
 * auto-close are recorded in the audit log in the same transaction as the change, the auto-close by
 * the system actor — it takes an alarm out of people's lists without anyone clicking. Openings and
 * updates are not: they are the rules' findings, not decisions, and the append-only `alarm_events`
 * history already keeps them as evidence (auditing each would put every minute of a flat line into
 * the hash chain).
 *
 * Reads for the API are scoped: a caller sees and handles only the alarms of sites in their scope;
 * another's alarm is "not found".
 *
 * Time comes from the injected clock, or from the `at` a caller passes when it replays history
 * (the demo's first evaluation stamps events at the time the evidence became known).
 */
import type { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import type { Scope, ScopedCaller, ScopeService } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import type {
  Alarm,
  AlarmContent,
  AlarmEvent,
  AlarmEventKind,
  AlarmEventWithAlarm,
  AlarmFilter,
  AlarmSeverity,
  AlarmWithHistory,
} from '../store/alarm.repository.js';
import { AlarmStateError } from '../store/alarm.repository.js';
import type { Page } from '../store/page.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { AlarmSignal } from './alarm-signal.js';
import type { Finding, Severity } from './types.js';

export type {
  Alarm,
  AlarmEvent,
  AlarmEventKind,
  AlarmEventWithAlarm,
  AlarmSeverity,
  AlarmState,
  AlarmWithHistory,
} from '../store/alarm.repository.js';
export {
  ALARM_EVENT_KINDS,
  ALARM_SEVERITIES,
  ALARM_STATES,
  AlarmStateError,
} from '../store/alarm.repository.js';

/** Default time a condition must stay clear before its alarm closes by itself: one hour. */
const DEFAULT_AUTO_CLOSE_AFTER_MS = HOUR_MS;

/** A stored change: the alarm after it and the event it appended. */
export interface AlarmChange {
  kind: AlarmEventKind;
  alarm: Alarm;
  event: AlarmEvent;
}

export interface AlarmServiceDeps {
  store: Pick<Store, 'db' | 'alarms' | 'sites'>;
  clock: Clock;
  /** The audit log: people's acknowledgements and closings, the platform's auto-closes. */
  audit: AuditService;
  /** Row scoping of what the API reads and changes. */
  scope: ScopeService;
}

export interface AlarmServiceOptions {
  /** How long a condition must be clear before the alarm auto-closes, ms (default one hour). */
  autoCloseAfterMs?: number;
  /** Rung after every stored change (wakes the event streams). */
  signal?: AlarmSignal;
  /** Called after every stored change (auto-opened cases, benchmarks, logs). */
  onChange?: (change: AlarmChange) => void;
}

/** What {@link AlarmService.record} did: the alarm of the key afterwards, and the stored changes. */
export interface RecordResult {
  alarm: Alarm | null;
  changes: AlarmChange[];
}

/** A finding that names its site (every finding the engine records does). */
export type SiteFinding = Finding & { siteId: number };

/** What an alarm shows of its site. */
export type AlarmSite = Pick<Site, 'id' | 'code' | 'name' | 'kind' | 'districtCode'>;

/** An alarm with its site (null when the site is gone). */
export interface SitedAlarm {
  alarm: Alarm;
  site: AlarmSite | null;
}

/** A stored change made through the API, with the alarm's site. */
export interface SitedAlarmChange extends AlarmChange {
  site: AlarmSite;
}

/** An event of the history with its alarm as it is now and the alarm's site. */
export interface SitedAlarmEvent {
  event: AlarmEventWithAlarm;
  site: AlarmSite | null;
}

/** Who acts on an alarm through the API (one caller shape for every scoped service). */
export type AlarmCaller = ScopedCaller;

/** Filters of an alarm list: the repository's, with the site given by its code. */
export type AlarmQuery = Omit<AlarmFilter, 'siteId' | 'siteIds'> & { siteCode?: string | undefined };

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

/** Largest number of sites looked up for one page of alarms or events. */
const MAX_SITES_PER_LOOKUP = 1000;

export class AlarmService {
  readonly autoCloseAfterMs: number;
  private readonly store: AlarmServiceDeps['store'];
  private readonly clock: Clock;
  private readonly audit: AuditService;
  private readonly scope: ScopeService;
  private readonly options: AlarmServiceOptions;

  /** Throws a RangeError for a negative or non-finite `autoCloseAfterMs` (a configuration error). */
  constructor(deps: AlarmServiceDeps & AlarmServiceOptions) {
    const { store, clock, audit, scope, ...options } = deps;
    this.store = store;
    this.clock = clock;
    this.audit = audit;
    this.scope = scope;
    this.options = options;
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

  /** An alarm with its history and evidence, or null (unscoped: for the platform itself). */
  get(id: number): Promise<AlarmWithHistory | null> {
    return this.store.alarms.getById(id);
  }

  private async sitesById(ids: readonly number[]): Promise<Map<number, AlarmSite>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const page = await this.store.sites.list({ ids: unique, limit: MAX_SITES_PER_LOOKUP });
    return new Map(page.items.map((s) => [s.id, s]));
  }

  /**
   * Alarms newest first, filtered and paged, of the sites in `scope` only; a site code outside the
   * scope gives an empty page.
   */
  async list(scope: Scope, query: AlarmQuery): Promise<Page<SitedAlarm>> {
    const { siteCode, ...filter } = query;
    let siteId: number | undefined;
    if (siteCode !== undefined) {
      const site = await this.store.sites.getByCode(siteCode);
      if (site === null || !this.scope.includes(scope, site))
        return { items: [], total: 0, nextCursor: null };
      siteId = site.id;
    }
    const page = await this.store.alarms.list({
      ...filter,
      siteId,
      siteIds: await this.scope.siteIds(scope),
    });
    const sites = await this.sitesById(page.items.map((a) => a.siteId));
    return { ...page, items: page.items.map((alarm) => ({ alarm, site: sites.get(alarm.siteId) ?? null })) };
  }

  /** One alarm with its history and its site; NotFoundError when absent or outside `scope`. */
  async visible(scope: Scope, id: number): Promise<{ alarm: AlarmWithHistory; site: AlarmSite }> {
    const alarm = await this.store.alarms.getById(id);
    const site = alarm === null ? null : await this.store.sites.getById(alarm.siteId);
    if (alarm === null || site === null || !this.scope.includes(scope, site)) {
      throw new NotFoundError(`alarm ${id}`);
    }
    return { alarm, site };
  }

  /** The newest event id (0 when none): where a live stream starts. */
  lastEventId(): Promise<number> {
    return this.store.alarms.lastEventId();
  }

  /**
   * Events after an id, oldest first, each with its alarm as it is now and the alarm's site;
   * `siteIds` scopes them (undefined: every site).
   */
  async eventsAfter(
    afterId: number,
    limit: number,
    siteIds: readonly number[] | undefined,
  ): Promise<SitedAlarmEvent[]> {
    const events = await this.store.alarms.eventsAfter(afterId, limit, siteIds);
    const sites = await this.sitesById(events.map((e) => e.siteId));
    return events.map((event) => ({ event, site: sites.get(event.siteId) ?? null }));
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
    let current = await this.store.alarms.findOpen(finding.siteId, finding.parameter, finding.rule);
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
      const opened = await this.store.alarms.open(
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
    const result = await this.store.alarms.change(
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
    await this.store.alarms.change(alarm.id, ['open', 'acknowledged'], {
      clearedSince: since,
      updatedAt: alarm.updatedAt,
    });
  }

  /**
   * Auto-closes an alarm at `at` (not before its last change), audited as the system actor in the
   * same transaction; null when it was closed meanwhile.
   */
  private async autoClose(alarm: Alarm, at: Date): Promise<AlarmChange | null> {
    const stamp = maxDate(at, alarm.updatedAt);
    const clear = alarm.clearedSince ?? alarm.window.to;
    const minutes = Math.round(this.autoCloseAfterMs / MINUTE_MS);
    try {
      const result = await this.store.db.transaction().execute(async (trx) => {
        const closed = await this.store.alarms.change(
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
          trx,
        );
        await this.audit.record(
          {
            action: 'alarm.auto_closed',
            actor: SYSTEM_ACTOR,
            target: { type: 'alarm', id: alarm.id },
            details: {
              siteId: alarm.siteId,
              parameter: alarm.parameter,
              rule: alarm.rule,
              clearedSince: clear,
              closedAt: stamp,
              clearForMinutes: minutes,
            },
          },
          trx,
        );
        return closed;
      });
      return this.changed('auto-closed', result);
    } catch (err) {
      if (err instanceof AlarmStateError) return null;
      throw err;
    }
  }

  /**
   * Auto-closes every alarm whose condition has been clear for `autoCloseAfterMs` by `now`. Each is
   * stamped at the moment it became due (not before its last change), so a replay of history and a
   * late timer give the same record.
   */
  async closeDue(now: Date = this.clock.now()): Promise<AlarmChange[]> {
    const due = await this.store.alarms.listCleared(new Date(now.getTime() - this.autoCloseAfterMs));
    const out: AlarmChange[] = [];
    for (const alarm of due) {
      const clear = alarm.clearedSince ?? now;
      const change = await this.autoClose(alarm, new Date(clear.getTime() + this.autoCloseAfterMs));
      if (change) out.push(change);
    }
    return out;
  }

  /**
   * A person has seen the alarm, with an optional comment; audited in the same transaction.
   * NotFoundError outside the caller's scope; `AlarmStateError` (409) unless the alarm is open.
   */
  async acknowledge(caller: AlarmCaller, id: number, comment: string | null): Promise<SitedAlarmChange> {
    const { alarm, site } = await this.visible(caller.scope, id);
    const at = this.clock.now();
    const by = caller.actor.username;
    const result = await this.store.db.transaction().execute(async (trx) => {
      const acknowledged = await this.store.alarms.change(
        id,
        ['open'],
        { state: 'acknowledged', acknowledged: { at, by }, updatedAt: at },
        { at, kind: 'acknowledged', actor: by, comment },
        trx,
      );
      await this.audit.record(
        {
          action: 'alarm.acknowledged',
          actor: caller.actor,
          target: { type: 'alarm', id },
          details: { siteCode: site.code, parameter: alarm.parameter, rule: alarm.rule, comment },
          address: caller.address,
        },
        trx,
      );
      return acknowledged;
    });
    const change = this.changed('acknowledged', result);
    if (change === null) throw new Error('acknowledge stored no event');
    return { ...change, site };
  }

  /**
   * A person closes the alarm with a reason (BadInputError when blank); audited in the same
   * transaction. NotFoundError outside the caller's scope; `AlarmStateError` (409) when closed.
   */
  async close(caller: AlarmCaller, id: number, reason: string): Promise<SitedAlarmChange> {
    const { alarm, site } = await this.visible(caller.scope, id);
    const text = reason.trim();
    if (text === '') throw new BadInputError('closing an alarm needs a reason; it must not be blank');
    const at = this.clock.now();
    const by = caller.actor.username;
    const result = await this.store.db.transaction().execute(async (trx) => {
      const closed = await this.store.alarms.change(
        id,
        ['open', 'acknowledged'],
        { closed: { at, by, reason: text }, updatedAt: at },
        { at, kind: 'closed', actor: by, comment: text },
        trx,
      );
      await this.audit.record(
        {
          action: 'alarm.closed',
          actor: caller.actor,
          target: { type: 'alarm', id },
          details: { siteCode: site.code, parameter: alarm.parameter, rule: alarm.rule, reason: text },
          address: caller.address,
        },
        trx,
      );
      return closed;
    });
    const change = this.changed('closed', result);
    if (change === null) throw new Error('close stored no event');
    return { ...change, site };
  }
}
