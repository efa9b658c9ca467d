/**
 * Readiness (GET /api/v1/ready; docs/operations.md §4): whether this process
 * should be sent traffic. Liveness (GET /api/v1/health) only asks whether the store answers;
 * readiness also asks whether the schema is current, the HJ 212 listener is listening and the
 * queues are below their limits.
 */
import type { MigrationStatus } from '../store/migrations/index.js';

export interface ReadinessLimits {
  /** Packets waiting for a group commit above which the process is not ready (default 20 000). */
  maxIngestQueue: number;
  /** Alarm engine lag above which the process is not ready, seconds (default 300). */
  maxAlarmLagSeconds: number;
}

export const DEFAULT_READINESS_LIMITS: ReadinessLimits = { maxIngestQueue: 20_000, maxAlarmLagSeconds: 300 };

export interface ReadinessCheck {
  name: 'store' | 'migrations' | 'ingest' | 'ingest_queue' | 'alarm_lag';
  ok: boolean;
  detail: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** The HJ 212 listener as readiness sees it. */
export interface IngestProbe {
  listening(): boolean;
  queueDepth(): number;
}

export class ReadinessService {
  private readonly limits: ReadinessLimits;

  constructor(
    private readonly deps: {
      store: { ping(): Promise<void>; migrationStatus(): Promise<MigrationStatus> };
      alarmEngine: { lagMs(): number };
      limits?: Partial<ReadinessLimits> | undefined;
    },
  ) {
    this.limits = { ...DEFAULT_READINESS_LIMITS, ...deps.limits };
  }

  /** Runs every check; `ingest` is the listener of this process (absent: not ready to ingest). */
  async report(ingest: IngestProbe | undefined): Promise<ReadinessReport> {
    const checks: ReadinessCheck[] = [];
    let reachable = true;
    try {
      await this.deps.store.ping();
      checks.push({ name: 'store', ok: true, detail: 'the store answers' });
    } catch (err) {
      reachable = false;
      checks.push({ name: 'store', ok: false, detail: err instanceof Error ? err.message : 'no answer' });
    }
    if (reachable) {
      const m = await this.deps.store.migrationStatus();
      const ok = m.pending.length === 0 && m.unknown.length === 0;
      checks.push({
        name: 'migrations',
        ok,
        detail: ok
          ? `${m.applied.length} migrations, all current`
          : m.unknown.length > 0
            ? `unknown to this code: ${m.unknown.join(', ')}`
            : `pending: ${m.pending.join(', ')}`,
      });
    }
    const listening = ingest?.listening() ?? false;
    checks.push({
      name: 'ingest',
      ok: listening,
      detail: listening ? 'the HJ 212 listener accepts connections' : 'no HJ 212 listener in this process',
    });
    const depth = ingest?.queueDepth() ?? 0;
    checks.push({
      name: 'ingest_queue',
      ok: depth <= this.limits.maxIngestQueue,
      detail: `${depth} waiting for commit (limit ${this.limits.maxIngestQueue})`,
    });
    const lag = Math.round(this.deps.alarmEngine.lagMs() / 1000);
    checks.push({
      name: 'alarm_lag',
      ok: lag <= this.limits.maxAlarmLagSeconds,
      detail: `${lag} s behind (limit ${this.limits.maxAlarmLagSeconds} s)`,
    });
    return { ready: checks.every((c) => c.ok), checks };
  }
}
