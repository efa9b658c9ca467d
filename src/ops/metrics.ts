/**
 * The platform's Prometheus metrics (docs/operations.md §5): one registry per composition
 * (src/services.ts), never prom-client's global default, so two platforms in one process (tests)
 * never share counters. Edges report into it (the HJ 212 listener through `Hj212Observer`, the
 * HTTP app through an onResponse hook, the SSE route); gauges of live state read their source at
 * scrape time through the `watch…` hooks.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommitBatchReport } from '../ingest/commit-queue.js';
import type { Hj212Observer } from '../ingest/hj212-server.js';

/** Where the live gauges read from; each hook is set by whoever owns the thing measured. */
interface Sources {
  ingestQueue: () => number;
  ingestConnections: () => number;
  alarmLagMs: () => number;
  alarmPendingSites: () => number;
  dbPool: () => { total: number; idle: number; waiting: number } | null;
  forwardingBacklog: () => Readonly<Record<string, number>>;
}

const NONE: Sources = {
  ingestQueue: () => 0,
  ingestConnections: () => 0,
  alarmLagMs: () => 0,
  alarmPendingSites: () => 0,
  dbPool: () => null,
  forwardingBacklog: () => ({}),
};

/** Commit sizes from one packet to a full batch (the queue's default maximum is 5000). */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
/** Seconds, from a sub-millisecond SQLite commit to a stalled disk. */
const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics implements Hj212Observer {
  readonly registry = new Registry();
  private sources: Sources = { ...NONE };
  private processCollected = false;

  private readonly frames = new Counter({
    name: 'qingshan_hj212_frames_total',
    help: 'HJ 212 frames by outcome (accepted, duplicate, rejected) and code (the rejection code, or the outcome)',
    labelNames: ['outcome', 'code'] as const,
    registers: [this.registry],
  });
  private readonly answers = new Counter({
    name: 'qingshan_hj212_answers_total',
    help: 'HJ 212 answers (9014/9013) written after their packet committed',
    registers: [this.registry],
  });
  private readonly commits = new Counter({
    name: 'qingshan_ingest_commits_total',
    help: 'Group-commit transactions by result (ok, failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'qingshan_ingest_commit_batch_packets',
    help: 'Packets in one group-commit transaction',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly commitSeconds = new Histogram({
    name: 'qingshan_ingest_commit_seconds',
    help: 'Time of one group-commit transaction',
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly httpRequests = new Counter({
    name: 'qingshan_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpSeconds = new Histogram({
    name: 'qingshan_http_request_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  /** Open server-sent-event streams (GET /api/v1/events). */
  readonly sseClients = new Gauge({
    name: 'qingshan_sse_clients',
    help: 'Open server-sent event streams',
    registers: [this.registry],
  });

  constructor() {
    const sources = (): Sources => this.sources;
    new Gauge({
      name: 'qingshan_ingest_queue_depth',
      help: 'Packets and rejected-frame entries waiting for a group commit',
      registers: [this.registry],
      collect() {
        this.set(sources().ingestQueue());
      },
    });
    new Gauge({
      name: 'qingshan_hj212_connections',
      help: 'Open HJ 212 connections',
      registers: [this.registry],
      collect() {
        this.set(sources().ingestConnections());
      },
    });
    new Gauge({
      name: 'qingshan_alarm_engine_lag_seconds',
      help: 'Age of the oldest committed reading the alarm engine has not judged yet (0 when caught up)',
      registers: [this.registry],
      collect() {
        this.set(sources().alarmLagMs() / 1000);
      },
    });
    new Gauge({
      name: 'qingshan_alarm_engine_pending_sites',
      help: 'Sites waiting for the alarm engine',
      registers: [this.registry],
      collect() {
        this.set(sources().alarmPendingSites());
      },
    });
    new Gauge({
      name: 'qingshan_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const pool = sources().dbPool();
        if (pool === null) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    new Gauge({
      name: 'qingshan_forwarding_backlog',
      help: 'Records waiting to be forwarded, by target (empty until a forwarder registers with watchForwarding)',
      labelNames: ['target'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [target, n] of Object.entries(sources().forwardingBacklog())) this.set({ target }, n);
      },
    });
  }

  /** Adds Node's process metrics (CPU, memory, event loop, GC); once, by the running platform only. */
  collectProcessMetrics(): void {
    if (this.processCollected) return;
    this.processCollected = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'qingshan_' });
  }

  /** The HJ 212 listener's live state. */
  watchIngest(ingest: { queueDepth(): number; stats(): { connectionsOpen: number } }): void {
    this.sources.ingestQueue = () => ingest.queueDepth();
    this.sources.ingestConnections = () => ingest.stats().connectionsOpen;
  }

  /** The alarm engine's lag and queue. */
  watchAlarmEngine(engine: { lagMs(): number; pendingSites(): number }): void {
    this.sources.alarmLagMs = () => engine.lagMs();
    this.sources.alarmPendingSites = () => engine.pendingSites();
  }

  /** The database pool (PostgreSQL); a source answering null exports nothing. */
  watchDbPool(pool: () => { total: number; idle: number; waiting: number } | null): void {
    this.sources.dbPool = pool;
  }

  /**
   * The hook for forwarding (issue 20): the forwarder passes a function answering its backlog per
   * target; until one does, the gauge has no series.
   */
  watchForwarding(backlog: () => Readonly<Record<string, number>>): void {
    this.sources.forwardingBacklog = backlog;
  }

  frame(outcome: 'accepted' | 'duplicate' | 'rejected', code: string): void {
    this.frames.inc({ outcome, code });
  }

  answer(): void {
    this.answers.inc();
  }

  commit(batch: CommitBatchReport): void {
    this.commits.inc({ result: batch.ok ? 'ok' : 'failed' });
    if (!batch.ok) return;
    this.batchSize.observe(batch.packets);
    this.commitSeconds.observe(batch.seconds);
  }

  /** One answered HTTP request; `route` is the route's template (never the raw URL: bounded labels). */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpSeconds.observe(labels, seconds);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
