/**
 * The alarm engine: runs the rules when readings are committed and on a timer, and turns their
 * findings into alarm changes through the {@link AlarmService}.
 *
 * - After each group commit (`onCommitted`, passed to the HJ 212 listener) the sites whose packets
 *   stored minute, hourly or daily readings are queued; one evaluation at a time reads their window
 *   from the store (hourly data from the start of yesterday, China time; minute data of the last
 *   `minuteWindowMs`), runs the rules (rule-judge.ts) and reconciles. Sites queued while an
 *   evaluation runs are evaluated together right after it, so a burst of packets costs one pass.
 * - Every `tickMs` the timer judges devices offline (last seen against the clock) and auto-closes
 *   alarms whose condition has been clear long enough.
 * - `backfill(from)` judges a past period once, stamping each change at the time its evidence
 *   became known (the demo's first start).
 *
 * Reconciling a (site, parameter, rule): findings whose evidence ends after everything already
 * recorded for the key are recorded in order; when the latest judged data lie beyond the open
 * alarm's evidence, the condition has cleared since the evidence's end.
 */
import type { Clock } from '../clock.js';
import type { PacketCommitResult, PacketToCommit } from '../store/ingest.repository.js';
import type { Logger } from '../logger.js';
import type { Alarm } from '../store/alarm.repository.js';
import { openKeyOf } from '../store/alarm.repository.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import { chinaDate, chinaDayStart, DAY_MS, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import type { AlarmChange, AlarmService } from './alarm.service.js';
import type { JudgedSite, Judgement } from './rule-judge.js';
import { judgeSite } from './rule-judge.js';
import { offlineRule } from './rules/missing-data.js';
import type { AlarmThresholdOverrides, AlarmThresholdValues } from './thresholds.js';
import { DEFAULT_ALARM_THRESHOLDS, industryCodeOf, resolveThresholds } from './thresholds.js';

export interface AlarmEngineOptions {
  /**
   * The alarm service the engine stores its changes through (the platform's one instance, whose
   * `autoCloseAfterMs` decides when a condition counts as cleared).
   */
  service: AlarmService;
  /** Timer period for offline checks and auto-closing, ms (default 60 s). */
  tickMs?: number;
  /**
   * Minute data read per evaluation, ms back from now (default 2 h: a 60-point flat line fits), or
   * from an hour before the earliest new reading when that is older.
   */
  minuteWindowMs?: number;
  /** Air stations within this distance are neighbours (default 30 km; engineering default). */
  neighbourRadiusKm?: number;
  /** How long site and threshold settings are cached, ms (default 60 s). */
  cacheMs?: number;
  logger?: Logger;
  /** Called after each evaluation pass, with the earliest receipt time of the packets behind it. */
  onEvaluated?: (pass: EvaluationPass) => void;
}

/** Sites judged per step of a pass, between yields to the event loop. */
const SITES_PER_STEP = 4;

/** Late data older than this many days is not re-judged live (the store keeps it). */
const LATE_DATA_DAYS = 3;

export interface EvaluateOptions {
  /** Judge `[from, now)` as a replay of history (backfill): changes are stamped at evidence time. */
  from?: Date;
  /** Earliest period start of the new readings (live): the window reaches back to cover it. */
  dataFrom?: Date;
  /** Earliest receipt time of the packets behind each site (for latency figures). */
  triggeredAt?: Map<number, Date | null>;
}

/** What one pass did. */
export interface EvaluationPass {
  sites: number;
  judgements: number;
  changes: AlarmChange[];
  /** Earliest `receivedAt` of the packets that queued each site (live passes). */
  triggeredAt: Map<number, Date>;
  /** Wall time the pass took, ms. */
  elapsedMs: number;
}

interface CachedSites {
  at: number;
  byId: Map<number, Site>;
  airIds: number[];
}

function km(a: Site, b: Site): number {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null)
    return Infinity;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Evaluates alarm rules for a store; see the module comment. */
/** The earliest commit time among queued sites (null: none, or only sites queued without one). */
function oldestOf(pending: ReadonlyMap<number, Date | null>): number | null {
  let oldest: number | null = null;
  for (const at of pending.values()) {
    if (at !== null && (oldest === null || at.getTime() < oldest)) oldest = at.getTime();
  }
  return oldest;
}

export class AlarmEngine {
  readonly service: AlarmService;
  private readonly tickMs: number;
  private readonly minuteWindowMs: number;
  private readonly radiusKm: number;
  private readonly cacheMs: number;
  private readonly startedAt: Date;
  private pending = new Map<number, Date | null>();
  /** Earliest period start of the readings that queued the pending evaluation. */
  private pendingFrom: number | null = null;
  private running: Promise<void> | null = null;
  /** The oldest commit time of the batch being judged now (for `lagMs`). */
  private judgingSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Set by `stop()`: a backfill or pass in progress ends at its next step. */
  private stopping = false;
  private ticking: Promise<void> | null = null;
  private sites: CachedSites | null = null;
  /** Evaluations, timer rounds and backfill chunks run one at a time (they reconcile the same keys). */
  private lock: Promise<unknown> = Promise.resolve();
  private settings: {
    at: number;
    industry: Map<string, AlarmThresholdOverrides>;
    site: Map<string, AlarmThresholdOverrides>;
  } | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: AlarmEngineOptions,
  ) {
    this.service = options.service;
    this.tickMs = options.tickMs ?? MINUTE_MS;
    this.minuteWindowMs = options.minuteWindowMs ?? 2 * HOUR_MS;
    this.radiusKm = options.neighbourRadiusKm ?? 30;
    this.cacheMs = options.cacheMs ?? MINUTE_MS;
    this.startedAt = clock.now();
  }

  /** The hook for `startHj212Server({ onCommitted })`: queues the sites that stored readings. */
  readonly onCommitted = (
    packets: readonly PacketToCommit[],
    results: readonly PacketCommitResult[],
  ): void => {
    packets.forEach((p, i) => {
      if ((results[i]?.inserted ?? 0) === 0) return;
      for (const r of p.readings) {
        if (r.interval === 'rt') continue;
        const t = r.periodStart.getTime();
        if (this.pendingFrom === null || t < this.pendingFrom) this.pendingFrom = t;
        const seen = this.pending.get(r.siteId);
        const at = p.log.receivedAt;
        if (seen === undefined || seen === null || at < seen) this.pending.set(r.siteId, at);
      }
    });
    this.schedule();
  };

  /** Queues sites for evaluation (e.g. after a CSV import or a correction). */
  queue(siteIds: readonly number[]): void {
    for (const id of siteIds) if (!this.pending.has(id)) this.pending.set(id, null);
    this.schedule();
  }

  private schedule(): void {
    if (this.running !== null || this.pending.size === 0) return;
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const batch = this.pending;
        const since = this.pendingFrom;
        this.pending = new Map();
        this.pendingFrom = null;
        this.judgingSince = oldestOf(batch);
        try {
          await this.evaluate([...batch.keys()], {
            triggeredAt: batch,
            ...(since !== null ? { dataFrom: new Date(since) } : {}),
          });
        } catch (err) {
          this.options.logger?.error({ err, sites: batch.size }, 'alarm evaluation failed');
        }
      }
    } finally {
      this.running = null;
      this.judgingSince = null;
    }
  }

  /** How far behind the engine is: ms since the oldest commit it has not judged yet (0 when caught up). */
  lagMs(): number {
    const oldest = [this.judgingSince, oldestOf(this.pending)].filter((t) => t !== null);
    return oldest.length === 0 ? 0 : Math.max(0, this.clock.now().getTime() - Math.min(...oldest));
  }

  /** Sites waiting for evaluation. */
  pendingSites(): number {
    return this.pending.size;
  }

  /** Resolves when every queued evaluation and a running tick have finished. */
  async idle(): Promise<void> {
    while (this.running !== null || this.pending.size > 0 || this.ticking !== null) {
      if (this.running === null && this.pending.size > 0) this.schedule();
      await Promise.all([this.running, this.ticking]);
    }
  }

  /** Starts the timer (offline checks, auto-close). */
  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      if (this.ticking !== null) return;
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.options.logger?.error({ err }, 'alarm timer failed'))
        .finally(() => {
          this.ticking = null;
        });
    }, this.tickMs);
    this.timer.unref();
  }

  /** Stops the timer, ends a backfill early, and waits for work in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** One timer round: offline devices, then auto-close. */
  tick(): Promise<AlarmChange[]> {
    return this.exclusive(async () => {
      const changes = await this.offline();
      changes.push(...(await this.service.closeDue()));
      return changes;
    });
  }

  private async siteCache(force = false): Promise<CachedSites> {
    const now = Date.now();
    if (!force && this.sites !== null && now - this.sites.at < this.cacheMs) return this.sites;
    const byId = new Map<number, Site>();
    for (let offset = 0; ;) {
      const page = await this.store.sites.list({ limit: 1000, offset });
      for (const s of page.items) byId.set(s.id, s);
      offset += page.items.length;
      if (page.nextCursor === null || page.items.length === 0) break;
    }
    const airIds = [...byId.values()].filter((s) => s.kind === 'air_station').map((s) => s.id);
    this.sites = { at: now, byId, airIds };
    return this.sites;
  }

  private async thresholdsFor(site: Site, sites: CachedSites): Promise<AlarmThresholdValues> {
    const now = Date.now();
    if (this.settings === null || now - this.settings.at >= this.cacheMs) {
      const industry = new Map<string, AlarmThresholdOverrides>();
      const perSite = new Map<string, AlarmThresholdOverrides>();
      for (const row of await this.store.settings.thresholdOverrides()) {
        (row.scope === 'industry' ? industry : perSite).set(row.key, row.overrides);
      }
      this.settings = { at: now, industry, site: perSite };
    }
    const code = industryCodeOf(site, site.parentId === null ? null : sites.byId.get(site.parentId));
    return resolveThresholds(
      DEFAULT_ALARM_THRESHOLDS,
      code === null ? undefined : this.settings.industry.get(code),
      this.settings.site.get(String(site.id)),
    ).values;
  }

  private neighboursOf(site: Site, sites: CachedSites): number[] {
    return sites.airIds.filter((id) => {
      const other = sites.byId.get(id);
      return id !== site.id && other !== undefined && km(site, other) <= this.radiusKm;
    });
  }

  /**
   * Evaluates sites now. Live (default): hourly data from the start of yesterday (China time) and
   * minute data of the last `minuteWindowMs`. `from` judges a longer past (backfill): every change
   * is then stamped at the time its evidence became known, not now.
   */
  evaluate(siteIds: readonly number[], options: EvaluateOptions = {}): Promise<EvaluationPass> {
    return this.exclusive(() => this.evaluateNow(siteIds, options));
  }

  private async evaluateNow(siteIds: readonly number[], options: EvaluateOptions): Promise<EvaluationPass> {
    const started = performance.now();
    const now = this.clock.now();
    const backfill = options.from !== undefined;
    let sites = await this.siteCache();
    if (siteIds.some((id) => !sites.byId.has(id))) sites = await this.siteCache(true);
    const targets = siteIds.flatMap((id) => {
      const s = sites.byId.get(id);
      return s !== undefined && s.kind !== 'enterprise' ? [s] : [];
    });
    // Live: from the start of yesterday, or earlier when late data arrived (at most LATE_DATA_DAYS back).
    const dataFrom = options.dataFrom?.getTime() ?? Infinity;
    const yesterday = chinaDayStart(chinaDate(now)).getTime() - DAY_MS;
    const earliest = Math.max(
      now.getTime() - LATE_DATA_DAYS * DAY_MS,
      Math.min(yesterday, chinaDayStart(chinaDate(new Date(Math.min(dataFrom, now.getTime())))).getTime()),
    );
    const from = options.from ?? new Date(earliest);
    // Minute data: the rules look at most an hour back from the hour a new reading falls in.
    const minuteStart = Math.min(
      now.getTime() - this.minuteWindowMs,
      Math.floor(dataFrom / HOUR_MS) * HOUR_MS - HOUR_MS,
    );
    const minuteFrom = backfill ? from : new Date(Math.max(from.getTime(), minuteStart));
    const changes: AlarmChange[] = [];
    let judged = 0;
    // A few sites per step, yielding in between: the readings query and the rules run on the
    // event loop, and the HJ 212 listener must keep acknowledging meanwhile.
    for (let i = 0; i < targets.length && !this.stopping; i += SITES_PER_STEP) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const step = targets.slice(i, i + SITES_PER_STEP);
      const judgements = await this.judge(step, sites, { from, minuteFrom, now });
      judged += judgements.length;
      changes.push(
        ...(await this.reconcile(
          step.map((s) => s.id),
          judgements,
          now,
          backfill,
        )),
      );
    }
    changes.push(...(await this.service.closeDue(now)));
    const triggeredAt = new Map<number, Date>();
    for (const [id, at] of options.triggeredAt ?? []) if (at !== null) triggeredAt.set(id, at);
    const pass: EvaluationPass = {
      sites: targets.length,
      judgements: judged,
      changes,
      triggeredAt,
      elapsedMs: performance.now() - started,
    };
    this.options.onEvaluated?.(pass);
    return pass;
  }

  /** Reads the window of some sites (and their air neighbours) and runs the rules over it. */
  private async judge(
    targets: readonly Site[],
    sites: CachedSites,
    w: { from: Date; minuteFrom: Date; now: Date },
  ): Promise<Judgement[]> {
    const { from, minuteFrom, now } = w;
    const neighbourIds = new Map<number, number[]>();
    for (const s of targets)
      if (s.kind === 'air_station') neighbourIds.set(s.id, this.neighboursOf(s, sites));
    const readIds = [...new Set([...targets.map((s) => s.id), ...[...neighbourIds.values()].flat()])];
    const [hours, minutes, limits] = await Promise.all([
      this.store.alarmWindows.readings({ siteIds: readIds, intervals: ['hour'], from, to: now }),
      this.store.alarmWindows.readings({
        siteIds: targets.map((s) => s.id),
        intervals: ['min'],
        from: minuteFrom,
        to: now,
      }),
      this.store.limits.inForce(
        targets.filter((s) => s.kind === 'outlet').map((s) => s.id),
        chinaDate(now),
      ),
    ]);
    const bySite = new Map<number, WindowReading[]>();
    for (const r of [...hours, ...minutes]) {
      const list = bySite.get(r.siteId);
      if (list) list.push(r);
      else bySite.set(r.siteId, [r]);
    }
    const judgements: Judgement[] = [];
    for (const site of targets) {
      const judged: JudgedSite = { id: site.id, kind: site.kind, attributes: site.attributes };
      judgements.push(
        ...judgeSite({
          site: judged,
          readings: bySite.get(site.id) ?? [],
          limits: limits.filter((l) => l.siteId === site.id),
          thresholds: await this.thresholdsFor(site, sites),
          now,
          from,
          neighbours: (neighbourIds.get(site.id) ?? []).map((id) => ({
            siteId: id,
            readings: (bySite.get(id) ?? []).filter((r) => r.interval === 'hour'),
          })),
        }),
      );
    }
    return judgements;
  }

  /** Records new findings and notes cleared conditions; see the module comment. */
  private async reconcile(
    siteIds: readonly number[],
    judgements: readonly Judgement[],
    now: Date,
    backfill: boolean,
  ): Promise<AlarmChange[]> {
    const [open, known] = await Promise.all([
      this.store.alarms.listOpenForSites(siteIds),
      this.store.alarms.lastWindowTos(siteIds),
    ]);
    const openByKey = new Map<string, Alarm>(open.map((a) => [openKeyOf(a.siteId, a.parameter, a.rule), a]));
    const changes: AlarmChange[] = [];
    for (const j of judgements) {
      const key = openKeyOf(j.siteId, j.parameter, j.rule);
      let alarm = openByKey.get(key) ?? null;
      let mark = Math.max(alarm?.window.to.getTime() ?? -Infinity, known.get(key) ?? -Infinity);
      for (const f of j.findings) {
        if (f.window.to.getTime() <= mark) continue;
        const at = backfill ? new Date(Math.min(now.getTime(), f.window.to.getTime())) : now;
        const result = await this.service.record(f, at);
        changes.push(...result.changes);
        alarm = result.alarm;
        mark = f.window.to.getTime();
      }
      if (
        alarm !== null &&
        alarm.condition === 'active' &&
        alarm.clearedSince === null &&
        j.judgedTo !== null
      ) {
        if (j.judgedTo.getTime() > alarm.window.to.getTime())
          await this.service.markClear(alarm, alarm.window.to);
      }
    }
    return changes;
  }

  /**
   * Devices offline (rule `device-offline`, parameter `device`): per site, the newest last-seen
   * time of its enabled devices against the clock; a device never seen is judged from the
   * engine's start.
   */
  checkOffline(): Promise<AlarmChange[]> {
    return this.exclusive(() => this.offline());
  }

  private async offline(): Promise<AlarmChange[]> {
    const now = this.clock.now();
    const sites = await this.siteCache();
    const devices = (await this.store.devices.list()).filter((d) => d.enabled);
    const newest = new Map<number, { mn: string; lastSeenAt: Date | null }>();
    for (const d of devices) {
      const held = newest.get(d.siteId);
      if (
        held === undefined ||
        (d.lastSeenAt !== null && (held.lastSeenAt === null || d.lastSeenAt > held.lastSeenAt))
      ) {
        newest.set(d.siteId, { mn: d.mn, lastSeenAt: d.lastSeenAt });
      }
    }
    const judgements: Judgement[] = [];
    for (const [siteId, d] of newest) {
      const site = sites.byId.get(siteId);
      if (site === undefined) continue;
      const t = await this.thresholdsFor(site, sites);
      const findings = offlineRule(
        { siteId, mn: d.mn, lastSeenAt: d.lastSeenAt, now, since: this.startedAt },
        t,
      ).map((f) => ({ ...f, siteId }));
      judgements.push({ siteId, parameter: 'device', rule: 'device-offline', findings, judgedTo: now });
    }
    return this.reconcile([...newest.keys()], judgements, now, false);
  }

  /**
   * Judges every monitored site over `[from, now)` once, stamping changes at the time their
   * evidence became known; then auto-closes what has been clear long enough. For the first start
   * of the demo, whose history was written straight into the store.
   */
  async backfill(from: Date): Promise<{ sites: number; changes: AlarmChange[] }> {
    const sites = await this.siteCache(true);
    const ids = [...sites.byId.values()].filter((s) => s.kind !== 'enterprise').map((s) => s.id);
    const changes: AlarmChange[] = [];
    // A few sites at a time keep memory flat over weeks of hourly data.
    for (let i = 0; i < ids.length && !this.stopping; i += 8) {
      const pass = await this.evaluate(ids.slice(i, i + 8), { from });
      changes.push(...pass.changes);
    }
    return { sites: ids.length, changes };
  }
}
