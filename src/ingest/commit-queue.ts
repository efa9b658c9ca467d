/**
 * Group commit: packets from every connection are gathered while the previous transaction runs
 * and committed together, so a busy listener pays one transaction (one fsync) for thousands of
 * packets, and an idle one commits each packet at once. A packet's promise settles only after
 * its transaction has committed: that is when it may be acknowledged.
 */
import type { PacketCommitResult, PacketToCommit } from '../store/ingest.repository.js';
import type { NewPacketLogEntry } from '../store/packet-log.repository.js';

export type CommitFn = (
  packets: readonly PacketToCommit[],
  rejected: readonly NewPacketLogEntry[],
) => Promise<PacketCommitResult[]>;

export interface CommitQueueOptions {
  /** Most packets in one transaction (default 5000). */
  maxBatchPackets?: number;
  /** Called after each commit with what was committed (alarm evaluation hooks in here). */
  onCommitted?: (packets: readonly PacketToCommit[], results: readonly PacketCommitResult[]) => void;
  /** Called when a transaction fails; its packets are not acknowledged (loggers resend them). */
  onError?: (err: unknown, packets: number, rejected: number) => void;
  /** Called after every transaction, committed or failed (metrics). */
  onBatch?: (batch: CommitBatchReport) => void;
}

/** One transaction of the queue, as reported to `onBatch`. */
export interface CommitBatchReport {
  packets: number;
  rejected: number;
  seconds: number;
  ok: boolean;
}

interface Pending {
  packet: PacketToCommit;
  resolve: (r: PacketCommitResult) => void;
  reject: (e: unknown) => void;
}

export class GroupCommitQueue {
  private packets: Pending[] = [];
  private rejected: NewPacketLogEntry[] = [];
  private running: Promise<void> | null = null;
  private readonly maxBatch: number;
  /** Batches committed and their sizes, for benchmarks and the status page. */
  readonly stats = { batches: 0, packets: 0, rejected: 0, failures: 0, largestBatch: 0 };

  constructor(
    private readonly commit: CommitFn,
    private readonly options: CommitQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatchPackets ?? 5000;
  }

  /** Set by `shutdown()`: packets are refused instead of queued. */
  private closed = false;

  /** Queues a packet; resolves with its outcome once committed, rejects if its transaction failed. */
  submit(packet: PacketToCommit): Promise<PacketCommitResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new Error('the commit queue is shut down'));
        return;
      }
      this.packets.push({ packet, resolve, reject });
      this.schedule();
    });
  }

  /** Queues the log entry of a rejected frame or packet (no acknowledgement waits on it). */
  submitRejected(entry: NewPacketLogEntry): void {
    this.rejected.push(entry);
    this.schedule();
  }

  /** Packets and rejected entries waiting for a transaction. */
  get backlog(): number {
    return this.packets.length + this.rejected.length;
  }

  /**
   * For shutdown: refuses every packet not yet in a transaction (they are never acknowledged, so
   * their loggers resend them) and any submitted later, then waits for the transaction in progress
   * and the rejected-frame entries. Whatever the backlog, this takes one transaction or two.
   */
  async shutdown(): Promise<number> {
    this.closed = true;
    const refused = this.packets.splice(0, this.packets.length);
    const err = new Error('the commit queue is shut down');
    for (const p of refused) p.reject(err);
    await this.drain();
    return refused.length;
  }

  /** Resolves when everything queued so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.running !== null || this.backlog > 0) {
      if (this.running === null) this.schedule();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.running !== null) return;
    // setImmediate lets the packets of the current I/O turn join this batch.
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.loop());
  }

  private async loop(): Promise<void> {
    try {
      while (this.backlog > 0) {
        const batch = this.packets.splice(0, this.maxBatch);
        const rejected = this.rejected.splice(0, this.rejected.length);
        const packets = batch.map((p) => p.packet);
        const started = performance.now();
        const report = (ok: boolean): void =>
          this.options.onBatch?.({
            packets: packets.length,
            rejected: rejected.length,
            seconds: (performance.now() - started) / 1000,
            ok,
          });
        try {
          const results = await this.commit(packets, rejected);
          report(true);
          this.stats.batches += 1;
          this.stats.packets += packets.length;
          this.stats.rejected += rejected.length;
          this.stats.largestBatch = Math.max(this.stats.largestBatch, packets.length);
          batch.forEach((p, i) => {
            const r = results[i];
            if (r === undefined) p.reject(new Error('commit returned fewer results than packets'));
            else p.resolve(r);
          });
          this.options.onCommitted?.(packets, results);
        } catch (err) {
          report(false);
          this.stats.failures += 1;
          this.options.onError?.(err, packets.length, rejected.length);
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
