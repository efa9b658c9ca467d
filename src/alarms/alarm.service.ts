/**
 * The alarm lifecycle, with an alarm's condition separate from its handling (docs/standards/alarms.md §1).
 *
 * Condition: a finding opens an alarm for its (site, parameter, rule) or updates the one whose
 * condition is active there (last seen, count, latest evidence; severity only ever escalates); once
 * the condition has been clear for `autoCloseAfterMs` it is `cleared` and the next finding opens a
 * new alarm. Handling: `unhandled` → `acknowledged` → `handled` with a disposition (explained by the
 * enterprise, data quality confirmed, case opened, dismissed with a reason) — by a person. Only a
 * warning whose rule allows it (the bureau's auto-resolve setting) is resolved by the platform when
 * its condition clears; a critical alarm or an exceedance stays unhandled however long ago its
 * condition cleared, because nothing a person must see closes itself. An escalation of severity
 * puts an acknowledged or handled alarm back to unhandled.
 *
 * Every change appends an event (append-only). Audit (docs/architecture.md, "Audit"): people's
 * acknowledgements, handlings, explanations and decisions, and the platform's auto-resolutions, are
 * recorded in the same transaction as the change. Openings, updates and clearings are not: they are
 * the rules' findings, not decisions, and the `alarm_events` history keeps them as evidence.
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
import type {
  Alarm,
  AlarmCondition,
  AlarmContent,
  AlarmDisposition,
  AlarmHandling,
  AlarmHandlingChange,
  AlarmEvent,
  AlarmEventKind,
  AlarmEventWithAlarm,
  AlarmFilter,
  AlarmSeverity,
  AlarmWithHistory,
} from '../store/alarm.repository.js';
import { AlarmStateError } from '../store/alarm.repository.js';
import type { ExportFile, ExportFormat, ExportLang } from '../reports/table-export.js';
import { exportTable } from '../reports/table-export.js';
import { chinaDate, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import type { AlarmAttachmentRecord } from '../store/attachment.repository.js';
import type { Page } from '../store/page.js';
import { MAX_PAGE_SIZE } from '../store/page.js';
import { alarmExportTable, MAX_ALARM_EXPORT_ROWS } from './alarm-export.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import {
  checkEvidence,
  checkEvidenceQuota,
  EVIDENCE_QUOTAS,
  EVIDENCE_UPLOADER_WINDOW_MS,
} from '../cases/evidence.js';
import type { AlarmSignal } from './alarm-signal.js';
import type { Finding, Severity } from './types.js';
import { RULE_KIND } from './types.js';

export type {
  Alarm,
  AlarmEvent,
  AlarmEventKind,
  AlarmEventWithAlarm,
  AlarmSeverity,
  AlarmState,
  AlarmWithHistory,
  AlarmCondition,
  AlarmHandling,
  AlarmDisposition,
  AlarmSort,
} from '../store/alarm.repository.js';
export type { AlarmAttachmentRecord } from '../store/attachment.repository.js';
export {
  ALARM_CONDITIONS,
  ALARM_DISPOSITIONS,
  ALARM_HANDLINGS,
  ALARM_SORTS,
  ALARM_EVENT_KINDS,
  ALARM_SEVERITIES,
  ALARM_STATES,
  AlarmStateError,
} from '../store/alarm.repository.js';

/** Default time a condition must stay clear before it counts as cleared: one hour. */
const DEFAULT_AUTO_CLOSE_AFTER_MS = HOUR_MS;

/** A stored change: the alarm after it and the event it appended. */
export interface AlarmChange {
  kind: AlarmEventKind;
  alarm: Alarm;
  event: AlarmEvent;
}

export interface AlarmServiceDeps {
  store: Pick<Store, 'db' | 'alarms' | 'sites' | 'districts' | 'attachments'>;
  clock: Clock;
  /** The audit log: people's acknowledgements and closings, the platform's auto-closes. */
  audit: AuditService;
  /** Row scoping of what the API reads and changes. */
  scope: ScopeService;
}

export interface AlarmServiceOptions {
  /** How long a condition must be clear before it counts as cleared, ms (default one hour). */
  autoCloseAfterMs?: number;
  /**
   * Whether a warning of a rule resolves itself when its condition clears (the bureau setting,
   * `AlarmSettingsService.autoResolves`); default {@link defaultAutoResolves}. Never asked for a
   * critical alarm or an exceedance.
   */
  autoResolve?: (rule: string) => Promise<boolean>;
  /** Opens cases from alarms (立案); without it `openCase` is refused. */
  cases?: AlarmCaseOpener;
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

/** Filters of an alarm list: the repository's, with the site and the enterprise given by code. */
export type AlarmQuery = Omit<AlarmFilter, 'siteId' | 'siteIds'> & {
  siteCode?: string | undefined;
  /** An enterprise's code: its own alarms and its outlets'. */
  enterpriseCode?: string | undefined;
};

/** A responsible unit of a case, as the case module derives it. */
export type AlarmCaseResponsible =
  | { type: 'district'; code: string; name: string }
  | { type: 'enterprise'; siteId: number; code: string; name: string }
  | { type: 'department'; name: string };

/** What opening a case from an alarm would do (shown before the person confirms). */
export interface AlarmCasePreview {
  subjectName: string;
  category: string;
  responsible: AlarmCaseResponsible;
  /** The case already open for the alarm, which 立案 would link instead of opening another. */
  existingCaseId: number | null;
}

/** A case as 立案 returns it: enough to link and show it. */
export interface AlarmOpenedCase {
  id: number;
}

/**
 * The part of the case service that 立案 uses (src/cases/case.service.ts), injected by
 * src/services.ts so that alarms never import the case module.
 */
export interface AlarmCaseOpener {
  /** What a case opened from the alarm would look like. */
  previewFromAlarm(alarmId: number): Promise<AlarmCasePreview>;
  /** Opens the case as the caller (or returns the one already open for the alarm). */
  openForAlarm(caller: AlarmCaller, alarmId: number): Promise<AlarmOpenedCase>;
}

/** A person's handling of an alarm (other than opening a case or deciding an explanation). */
export interface AlarmHandlingInput {
  disposition: Extract<AlarmDisposition, 'data_quality_confirmed' | 'dismissed'>;
  /** Required (not blank) for a dismissal. */
  reason: string | null;
}

/**
 * Whether a warning of a rule resolves itself by default: data-quality warnings do, alarms of the
 * exceedance kind do not (docs/standards/alarms.md §1).
 */
export function defaultAutoResolves(rule: string): boolean {
  return (RULE_KIND as Readonly<Record<string, string>>)[rule] === 'data_quality';
}

/** Whether an alarm must wait for a person whatever the setting: critical, or an exceedance. */
export function needsPerson(alarm: Pick<Alarm, 'severity' | 'rule'>): boolean {
  return alarm.severity === 'critical' || alarm.rule === 'exceedance';
}

const OPEN_HANDLINGS: readonly AlarmHandling[] = ['unhandled', 'acknowledged'];
const ACTIVE: readonly AlarmCondition[] = ['active'];

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
   * Alarms filtered, sorted (`sort`, default newest first) and paged, of the sites in `scope` only;
   * a site or enterprise code outside the scope gives an empty page.
   */
  async list(scope: Scope, query: AlarmQuery): Promise<Page<SitedAlarm>> {
    const { siteCode, enterpriseCode, ...filter } = query;
    const none = { items: [], total: 0, nextCursor: null };
    let siteId: number | undefined;
    if (siteCode !== undefined) {
      const site = await this.store.sites.getByCode(siteCode);
      if (site === null || !this.scope.includes(scope, site)) return none;
      siteId = site.id;
    }
    let siteIds = await this.scope.siteIds(scope);
    if (enterpriseCode !== undefined) {
      const enterprise = await this.store.sites.getByCode(enterpriseCode);
      if (enterprise?.kind !== 'enterprise' || !this.scope.includes(scope, enterprise)) return none;
      const outlets = await this.store.sites.list({ parentId: enterprise.id, limit: MAX_SITES_PER_LOOKUP });
      const own = [enterprise.id, ...outlets.items.map((s) => s.id)];
      siteIds = siteIds === undefined ? own : own.filter((id) => siteIds?.includes(id));
    }
    const page = await this.store.alarms.list({ ...filter, siteId, siteIds });
    const sites = await this.sitesById(page.items.map((a) => a.siteId));
    return { ...page, items: page.items.map((alarm) => ({ alarm, site: sites.get(alarm.siteId) ?? null })) };
  }

  /**
   * The filtered list (every page, at most {@link MAX_ALARM_EXPORT_ROWS} rows) as a CSV or XLSX file in
   * the caller's language, audited as an export.
   */
  async exportFile(
    caller: AlarmCaller,
    query: Omit<AlarmQuery, 'limit' | 'cursor'>,
    format: ExportFormat,
    lang: ExportLang,
  ): Promise<ExportFile> {
    const rows: SitedAlarm[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(caller.scope, { ...query, limit: MAX_PAGE_SIZE, cursor });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && rows.length < MAX_ALARM_EXPORT_ROWS);
    const districts = new Map(
      (await this.store.districts.list()).map((d) => [d.code, { zh: d.name, en: d.nameEn ?? d.name }]),
    );
    const now = this.clock.now();
    const file = await exportTable(
      alarmExportTable(rows.slice(0, MAX_ALARM_EXPORT_ROWS), districts),
      format,
      lang,
      chinaDate(now),
    );
    await this.audit.record({
      action: 'export',
      actor: caller.actor,
      target: { type: 'alarms', id: 'list' },
      details: { format, lang, rows: Math.min(rows.length, MAX_ALARM_EXPORT_ROWS), query },
      address: caller.address,
    });
    return file;
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
   * Records a finding: opens an alarm for its key, or updates the one whose condition is active.
   * Returns the alarm and the stored changes (the clearing of a stale alarm may precede an
   * opening); no change when the finding adds nothing (its evidence ends no later than the
   * alarm's, severity no higher).
   *
   * An update appends an `updated` event when the severity escalates (an acknowledged or handled
   * alarm then becomes unhandled again), a new episode starts (another window start) or the episode
   * has lasted another whole hour; any other extension (the next minute of a flat line, an offline
   * device's next check) refreshes the row without an event, so minute data do not flood the
   * history. When the finding starts more than `autoCloseAfterMs` after the alarm's evidence ended,
   * the condition was clear that long: the old alarm's condition is cleared and a new one opened.
   */
  async record(finding: SiteFinding, at: Date = this.clock.now()): Promise<RecordResult> {
    const out: AlarmChange[] = [];
    let current = await this.store.alarms.findOpen(finding.siteId, finding.parameter, finding.rule);
    if (
      current !== null &&
      finding.window.from.getTime() - current.window.to.getTime() >= this.autoCloseAfterMs
    ) {
      const due = new Date(current.window.to.getTime() + this.autoCloseAfterMs);
      out.push(...(await this.clear(current, due)));
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
    const reopened = escalated && current.handling !== 'unhandled';
    const stamp = maxDate(at, current.updatedAt);
    const patch = {
      content: contentOf(finding, severity, stamp),
      clearedSince: null,
      updatedAt: stamp,
      ...(significant ? { count: current.count + 1 } : {}),
      ...(reopened ? { handling: { to: 'unhandled' as const }, explanation: null } : {}),
    };
    const result = await this.store.alarms.change(
      current.id,
      { condition: ACTIVE },
      patch,
      significant
        ? {
            at: stamp,
            kind: 'updated',
            details: {
              window: { from: finding.window.from, to: finding.window.to },
              ...(escalated ? { escalatedFrom: current.severity } : {}),
              ...(reopened ? { handlingBefore: current.handling } : {}),
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
    if (alarm.clearedSince !== null || alarm.condition !== 'active') return;
    await this.store.alarms.change(
      alarm.id,
      { condition: ACTIVE },
      { clearedSince: since, updatedAt: alarm.updatedAt },
    );
  }

  /** Whether the platform resolves this alarm by itself when its condition clears. */
  private async autoResolves(alarm: Alarm): Promise<boolean> {
    if (needsPerson(alarm) || alarm.handling === 'handled') return false;
    return this.options.autoResolve === undefined
      ? defaultAutoResolves(alarm.rule)
      : this.options.autoResolve(alarm.rule);
  }

  /**
   * Ends an alarm's condition at `at` (not before its last change): a `cleared` event; for a
   * warning whose rule allows it, also handled as `auto_resolved` by the platform, audited as the
   * system actor in the same transaction. No change when it was cleared meanwhile.
   */
  private async clear(alarm: Alarm, at: Date): Promise<AlarmChange[]> {
    const stamp = maxDate(at, alarm.updatedAt);
    const clear = alarm.clearedSince ?? alarm.window.to;
    const minutes = Math.round(this.autoCloseAfterMs / MINUTE_MS);
    const resolve = await this.autoResolves(alarm);
    try {
      const [cleared, resolved] = await this.store.db.transaction().execute(async (trx) => {
        const c = await this.store.alarms.change(
          alarm.id,
          { condition: ACTIVE },
          { cleared: { at: clear }, updatedAt: stamp },
          {
            at: stamp,
            kind: 'cleared',
            comment: `条件已消除 ${minutes} 分钟 / condition clear for ${minutes} min`,
            details: { clearedSince: clear },
          },
          trx,
        );
        if (!resolve) return [c, null] as const;
        const reason = `预警条件已消除 ${minutes} 分钟，自动处理 / warning clear for ${minutes} min, resolved automatically`;
        const r = await this.store.alarms.change(
          alarm.id,
          { handling: OPEN_HANDLINGS },
          {
            handling: { to: 'handled', at: stamp, by: null, disposition: 'auto_resolved', reason },
            explanation: null,
            updatedAt: stamp,
          },
          { at: stamp, kind: 'auto-resolved', comment: reason, details: { disposition: 'auto_resolved' } },
          trx,
        );
        await this.audit.record(
          {
            action: 'alarm.auto_resolved',
            actor: SYSTEM_ACTOR,
            target: { type: 'alarm', id: alarm.id },
            details: {
              siteId: alarm.siteId,
              parameter: alarm.parameter,
              rule: alarm.rule,
              severity: alarm.severity,
              clearedSince: clear,
              resolvedAt: stamp,
              clearForMinutes: minutes,
            },
          },
          trx,
        );
        return [c, r] as const;
      });
      const out = [this.changed('cleared', cleared)];
      if (resolved !== null) out.push(this.changed('auto-resolved', resolved));
      return out.filter((c): c is AlarmChange => c !== null);
    } catch (err) {
      if (err instanceof AlarmStateError) return [];
      throw err;
    }
  }

  /**
   * Clears every alarm whose condition has been clear for `autoCloseAfterMs` by `now` (and
   * resolves the warnings whose rule allows it). Each is stamped at the moment it became due (not
   * before its last change), so a replay of history and a late timer give the same record.
   */
  async closeDue(now: Date = this.clock.now()): Promise<AlarmChange[]> {
    const due = await this.store.alarms.listCleared(new Date(now.getTime() - this.autoCloseAfterMs));
    const out: AlarmChange[] = [];
    for (const alarm of due) {
      const clear = alarm.clearedSince ?? now;
      out.push(...(await this.clear(alarm, new Date(clear.getTime() + this.autoCloseAfterMs))));
    }
    return out;
  }

  /**
   * One person's change of an alarm in a transaction with its audit entry; returns the change with
   * the alarm's site. NotFoundError outside the caller's scope; `AlarmStateError` (409) when the
   * alarm's handling is not one of `from`.
   */
  private async act(
    caller: AlarmCaller,
    id: number,
    step: {
      from: readonly AlarmHandling[];
      kind: AlarmEventKind;
      action: Parameters<AuditService['record']>[0]['action'];
      handling?: (at: Date, by: string) => AlarmHandlingChange;
      explanation?: (at: Date, by: string) => Alarm['explanation'];
      comment: string | null;
      details?: Record<string, unknown>;
      check?: (alarm: AlarmWithHistory) => void;
    },
  ): Promise<SitedAlarmChange> {
    const { alarm, site } = await this.visible(caller.scope, id);
    step.check?.(alarm);
    const at = this.clock.now();
    const by = caller.actor.username;
    const result = await this.store.db.transaction().execute(async (trx) => {
      const changed = await this.store.alarms.change(
        id,
        { handling: step.from },
        {
          ...(step.handling ? { handling: step.handling(at, by) } : {}),
          ...(step.explanation ? { explanation: step.explanation(at, by) } : {}),
          updatedAt: at,
        },
        { at, kind: step.kind, actor: by, comment: step.comment, details: step.details ?? {} },
        trx,
      );
      await this.audit.record(
        {
          action: step.action,
          actor: caller.actor,
          target: { type: 'alarm', id },
          details: {
            siteCode: site.code,
            parameter: alarm.parameter,
            rule: alarm.rule,
            handlingBefore: alarm.handling,
            handlingAfter: changed.alarm.handling,
            comment: step.comment,
            ...(step.details ?? {}),
          },
          address: caller.address,
        },
        trx,
      );
      return changed;
    });
    const change = this.changed(step.kind, result);
    if (change === null) throw new Error(`${step.kind} stored no event`);
    return { ...change, site };
  }

  /**
   * A person has seen the alarm, with an optional comment; audited in the same transaction.
   * NotFoundError outside the caller's scope; `AlarmStateError` (409) unless it is unhandled.
   */
  acknowledge(caller: AlarmCaller, id: number, comment: string | null): Promise<SitedAlarmChange> {
    return this.act(caller, id, {
      from: ['unhandled'],
      kind: 'acknowledged',
      action: 'alarm.acknowledged',
      handling: (at, by) => ({ to: 'acknowledged', at, by }),
      comment,
    });
  }

  /**
   * A person handles the alarm: data quality confirmed (an optional comment) or dismissed (a reason,
   * BadInputError when blank); audited in the same transaction. NotFoundError outside the caller's
   * scope; `AlarmStateError` (409) when it is already handled.
   */
  async handle(caller: AlarmCaller, id: number, input: AlarmHandlingInput): Promise<SitedAlarmChange> {
    const reason = input.reason?.trim() || null;
    if (input.disposition === 'dismissed' && reason === null) {
      throw new BadInputError('reason: dismissing an alarm needs a reason; it must not be blank', [
        { field: 'body.reason', problem: 'required for a dismissal' },
      ]);
    }
    return this.act(caller, id, {
      from: OPEN_HANDLINGS,
      kind: 'handled',
      action: 'alarm.handled',
      handling: (at, by) => ({ to: 'handled', at, by, disposition: input.disposition, reason }),
      explanation: () => null,
      comment: reason,
      details: { disposition: input.disposition },
    });
  }

  /** The old "close with a reason": a dismissal (kept for API clients of before migration 0008). */
  close(caller: AlarmCaller, id: number, reason: string): Promise<SitedAlarmChange> {
    return this.handle(caller, id, { disposition: 'dismissed', reason });
  }

  /**
   * The enterprise explains one of its own alarms (another's is "not found"): the text waits for
   * the supervisor's decision (a new explanation replaces a pending one). BadInputError when blank;
   * `AlarmStateError` (409) when the alarm is already handled.
   */
  async explain(caller: AlarmCaller, id: number, text: string): Promise<SitedAlarmChange> {
    const body = text.trim();
    if (body === '') {
      throw new BadInputError('text: an explanation must not be blank', [
        { field: 'body.text', problem: 'required' },
      ]);
    }
    return this.act(caller, id, {
      from: OPEN_HANDLINGS,
      kind: 'explanation-submitted',
      action: 'alarm.explanation_submitted',
      explanation: (at, by) => ({ text: body, by, at }),
      comment: body,
    });
  }

  /**
   * The enterprise adds an evidence file (JPEG, PNG, PDF, DOCX, XLSX, ≤ 10 MiB, judged by its bytes:
   * src/cases/evidence.ts) to its explanation of one of its own alarms (another's is "not found"),
   * with an `evidence-added` event, audited. `AlarmStateError` (409) when the alarm is handled.
   */
  async addEvidence(
    caller: AlarmCaller,
    id: number,
    upload: { bytes: Buffer; filename: string; declaredType?: string | undefined },
  ): Promise<AlarmAttachmentRecord> {
    const { alarm, site } = await this.visible(caller.scope, id);
    const checked = checkEvidence(upload.bytes, upload.filename, upload.declaredType);
    const at = this.clock.now();
    const by = caller.actor.username;
    const [stored, result] = await this.store.db.transaction().execute(async (trx) => {
      const size = upload.bytes.length;
      const since = new Date(at.getTime() - EVIDENCE_UPLOADER_WINDOW_MS);
      checkEvidenceQuota(
        await this.store.attachments.usage({ alarmId: id }, trx),
        size,
        EVIDENCE_QUOTAS.perAlarm,
        `alarm ${id}`,
      );
      checkEvidenceQuota(
        await this.store.attachments.usage({ uploadedBy: by, since }, trx),
        size,
        EVIDENCE_QUOTAS.perUploaderDay,
        `account ${by} (last 24 hours)`,
      );
      const file = await this.store.attachments.addForAlarm(
        { alarmId: id, ...checked, bytes: upload.bytes, uploadedBy: by, uploadedAt: at },
        trx,
      );
      const details = { attachmentId: file.id, filename: file.filename, sha256: file.sha256 };
      const changed = await this.store.alarms.change(
        id,
        { handling: OPEN_HANDLINGS },
        { updatedAt: at },
        { at, kind: 'evidence-added', actor: by, comment: file.filename, details },
        trx,
      );
      await this.audit.record(
        {
          action: 'alarm.evidence_added',
          actor: caller.actor,
          target: { type: 'alarm', id },
          details: {
            siteCode: site.code,
            rule: alarm.rule,
            mediaType: file.mediaType,
            sizeBytes: file.sizeBytes,
            ...details,
          },
          address: caller.address,
        },
        trx,
      );
      return [file, changed] as const;
    });
    this.changed('evidence-added', result);
    return stored;
  }

  /** The evidence files of an alarm's explanation, oldest first (the caller has seen the alarm). */
  evidenceOf(id: number): Promise<AlarmAttachmentRecord[]> {
    return this.store.attachments.listForAlarm(id);
  }

  /** One evidence file of an alarm in `scope` and its bytes (checked); NotFoundError otherwise. */
  async evidenceFile(
    scope: Scope,
    id: number,
    attachmentId: number,
  ): Promise<{ meta: AlarmAttachmentRecord; bytes: Buffer }> {
    await this.visible(scope, id);
    const meta = await this.store.attachments.getAlarmAttachment(attachmentId);
    if (meta === null || meta.alarmId !== id) {
      throw new NotFoundError(`attachment ${attachmentId} of alarm ${id}`);
    }
    const bytes = await this.store.attachments.content(meta);
    if (bytes === null)
      throw new Error(`attachment ${attachmentId}: its bytes are missing from the evidence store`);
    return { meta, bytes };
  }

  /**
   * The supervisor decides the enterprise's pending explanation: accepted, the alarm is handled as
   * `explained`; rejected (a comment is required), it stays as it was and the explanation is
   * dropped (kept in the history). 409 when no explanation is pending.
   */
  async decideExplanation(
    caller: AlarmCaller,
    id: number,
    decision: { accept: boolean; comment: string | null },
  ): Promise<SitedAlarmChange> {
    const comment = decision.comment?.trim() || null;
    if (!decision.accept && comment === null) {
      throw new BadInputError('comment: rejecting an explanation needs a comment', [
        { field: 'body.comment', problem: 'required when rejecting' },
      ]);
    }
    let explanation = '';
    const check = (alarm: AlarmWithHistory): void => {
      if (alarm.explanation === null) {
        throw new AlarmStateError(id, alarm.state, `alarm ${id} has no explanation waiting for a decision`, {
          handling: alarm.handling,
          condition: alarm.condition,
        });
      }
      explanation = alarm.explanation.text;
    };
    return this.act(caller, id, {
      from: OPEN_HANDLINGS,
      kind: decision.accept ? 'handled' : 'explanation-rejected',
      action: 'alarm.explanation_decided',
      check,
      ...(decision.accept
        ? {
            handling: (at: Date, by: string): AlarmHandlingChange => ({
              to: 'handled',
              at,
              by,
              disposition: 'explained',
              reason: comment === null ? explanation : `${explanation} — ${comment}`,
            }),
          }
        : {}),
      explanation: () => null,
      comment,
      details: decision.accept ? { disposition: 'explained', accepted: true } : { accepted: false },
    });
  }

  /**
   * What 立案 from this alarm would do: the subject, category and responsible unit the case module
   * derives. NotFoundError outside the caller's scope.
   */
  async casePreview(caller: AlarmCaller, id: number): Promise<AlarmCasePreview> {
    await this.visible(caller.scope, id);
    return this.caseOpener().previewFromAlarm(id);
  }

  /**
   * 立案: opens a case from the alarm as the caller (or links the case already open for it) and
   * handles the alarm as `case_opened` with the case's id, audited. NotFoundError outside the
   * caller's scope; 409 when the alarm is already handled.
   */
  async openCase(caller: AlarmCaller, id: number): Promise<{ change: SitedAlarmChange; caseId: number }> {
    const { alarm } = await this.visible(caller.scope, id);
    if (alarm.handling === 'handled') {
      throw new AlarmStateError(
        id,
        alarm.state,
        `alarm ${id} is already handled (${alarm.disposition ?? ''})`,
        {
          handling: alarm.handling,
          condition: alarm.condition,
        },
      );
    }
    const opened = await this.caseOpener().openForAlarm(caller, id);
    const change = await this.act(caller, id, {
      from: OPEN_HANDLINGS,
      kind: 'handled',
      action: 'alarm.case_opened',
      handling: (at, by) => ({
        to: 'handled',
        at,
        by,
        disposition: 'case_opened',
        reason: `立案 / case ${opened.id}`,
        caseId: opened.id,
      }),
      explanation: () => null,
      comment: `立案 / case ${opened.id}`,
      details: { disposition: 'case_opened', caseId: opened.id },
    });
    return { change, caseId: opened.id };
  }

  private caseOpener(): AlarmCaseOpener {
    const opener = this.options.cases;
    if (opener === undefined) throw new Error('the alarm service was built without a case opener');
    return opener;
  }
}
