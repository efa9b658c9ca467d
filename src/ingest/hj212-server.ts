/**
 * The HJ 212 TCP listener (数采仪 → platform). Every frame gets an outcome in the packet log;
 * uploads from registered devices become readings; an answer (9014/9013) is written only after
 * the packet's transaction has committed, and only when the packet asks for one.
 */
import net from 'node:net';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import type { DeframeEvent, Hj212Packet } from '../hj212/index.js';
import { Hj212Deframer, encodeAnswerFor, exchangeQn, parseFrame } from '../hj212/index.js';
import type { PacketCommitResult, PacketToCommit } from '../store/ingest.repository.js';
import type { NewPacketLogEntry } from '../store/packet-log.repository.js';
import type { Store } from '../store/store.js';
import type { CommitBatchReport } from './commit-queue.js';
import { GroupCommitQueue } from './commit-queue.js';
import { DeviceAuthCache } from './device-auth.js';
import { readingsFromPacket } from './packet-readings.js';

/** Limits that keep one peer from harming the others. */
export interface Hj212Limits {
  /** Connections open at once, all peers together. */
  maxConnections: number;
  /** Connections open at once from one address. */
  maxConnectionsPerAddress: number;
  /** A connection silent this long is closed, ms. */
  idleTimeoutMs: number;
  /** Largest data segment accepted, bytes (HJ 212 field maximum 9999; the standard's 1024 is often exceeded). */
  maxDataBytes: number;
  /** Packets of one connection waiting for commit before its reads pause. */
  maxInFlightPerConnection: number;
  /** Answer bytes waiting in one socket's buffer (a peer that does not read) before its reads pause. */
  maxWriteBufferBytes: number;
}

export const DEFAULT_HJ212_LIMITS: Hj212Limits = {
  maxConnections: 5000,
  maxConnectionsPerAddress: 500,
  idleTimeoutMs: 10 * 60_000,
  maxDataBytes: 9999,
  maxInFlightPerConnection: 1000,
  maxWriteBufferBytes: 256 * 1024,
};

export interface Hj212ServerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  host: string;
  port: number;
  limits?: Partial<Hj212Limits>;
  /** After each commit: the packets and their outcomes (alarm evaluation hooks in here). */
  onCommitted?: (packets: readonly PacketToCommit[], results: readonly PacketCommitResult[]) => void;
  /** Told of every frame's outcome, every answer and every commit (the metrics hook in here). */
  observer?: Hj212Observer;
}

/** What the listener reports as it works (src/ops/metrics.ts implements it for /metrics). */
export interface Hj212Observer {
  /** A frame's outcome; `code` is the rejection code, or the outcome again for stored packets. */
  frame(outcome: 'accepted' | 'duplicate' | 'rejected', code: string): void;
  /** An answer (9014/9013) written after its commit. */
  answer(): void;
  /** One group-commit transaction. */
  commit(batch: CommitBatchReport): void;
}

/** Counters of this process since start (the packet log is the durable record). */
export interface Hj212Stats {
  connectionsOpen: number;
  connectionsTotal: number;
  connectionsRefused: number;
  packets: { accepted: number; duplicate: number; rejected: number };
  /** Rejections by stable code. */
  rejectedByCode: Record<string, number>;
  /** Frames read, or packets queued for commit, dropped unanswered because the listener was closing. */
  droppedAtClose: number;
  readingsStored: number;
  answersSent: number;
  commitFailures: number;
}

export interface Hj212Server {
  /** The port actually listened on. */
  readonly port: number;
  stats(): Hj212Stats;
  /** Packets and rejected-frame entries waiting for a transaction. */
  queueDepth(): number;
  /** Whether it accepts connections (false once closing). */
  listening(): boolean;
  /**
   * Stops accepting and reading; the transaction in progress commits and its packets are answered;
   * packets still waiting for a transaction and frames read but not yet handled are dropped
   * unanswered (their loggers resend them); then every connection is closed.
   */
  close(): Promise<void>;
}

/** A frame's text for the packet log, with the device password masked (secrets never logged). */
export function maskPassword(raw: string): string {
  return raw.replace(/([;&]|^|##\d{4})PW=[^;&]*/g, '$1PW=***').replace(/\r?\n$/, '');
}

export async function startHj212Server(options: Hj212ServerOptions): Promise<Hj212Server> {
  const { store, clock, logger } = options;
  const limits: Hj212Limits = { ...DEFAULT_HJ212_LIMITS, ...options.limits };
  const auth = new DeviceAuthCache(store.devices, clock);
  const stats: Hj212Stats = {
    connectionsOpen: 0,
    connectionsTotal: 0,
    connectionsRefused: 0,
    packets: { accepted: 0, duplicate: 0, rejected: 0 },
    rejectedByCode: {},
    droppedAtClose: 0,
    readingsStored: 0,
    answersSent: 0,
    commitFailures: 0,
  };
  const { observer } = options;
  const queue = new GroupCommitQueue((packets, rejected) => store.ingest.commit(packets, rejected), {
    ...(options.onCommitted ? { onCommitted: options.onCommitted } : {}),
    ...(observer ? { onBatch: (batch: CommitBatchReport) => observer.commit(batch) } : {}),
    onError: (err, packets, rejected) => {
      stats.commitFailures += 1;
      logger.error(
        { event: 'hj212.commit_failed', err, packets, rejected },
        'HJ 212 commit failed; packets not acknowledged',
      );
    },
  });
  const perAddress = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const connectionWork = new Set<Promise<void>>();
  /** Set by close(): no socket reads again, and frames not yet handled are dropped unanswered. */
  let closing = false;

  const reject = (entry: Omit<NewPacketLogEntry, 'outcome'> & { code: string }): void => {
    stats.packets.rejected += 1;
    stats.rejectedByCode[entry.code] = (stats.rejectedByCode[entry.code] ?? 0) + 1;
    observer?.frame('rejected', entry.code);
    logger.debug(
      { peer: entry.peer, mn: entry.mn, code: entry.code, reason: entry.reason },
      'HJ 212 rejected',
    );
    queue.submitRejected({ ...entry, outcome: 'rejected' });
  };

  const server = net.createServer({ pauseOnConnect: false, noDelay: true }, (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const peer = `${address}:${socket.remotePort ?? 0}`;
    const open = perAddress.get(address) ?? 0;
    if (open >= limits.maxConnectionsPerAddress) {
      stats.connectionsRefused += 1;
      logger.warn(
        { event: 'hj212.connection_refused', peer, open },
        'HJ 212 connection refused: too many from this address',
      );
      socket.destroy();
      return;
    }
    perAddress.set(address, open + 1);
    sockets.add(socket);
    stats.connectionsOpen += 1;
    stats.connectionsTotal += 1;
    const deframer = new Hj212Deframer({ maxDataBytes: limits.maxDataBytes });
    let inFlight = 0;
    const commits = new Set<Promise<void>>();
    let chain: Promise<void> = Promise.resolve();
    let paused = false;
    let closed = false;

    const updateFlow = (): void => {
      const tooBusy =
        inFlight >= limits.maxInFlightPerConnection || socket.writableLength > limits.maxWriteBufferBytes;
      if (tooBusy && !paused) {
        paused = true;
        socket.pause();
      } else if (!tooBusy && paused && !closing) {
        paused = false;
        socket.resume();
      }
    };

    const answer = (packet: Hj212Packet): void => {
      const bytes = encodeAnswerFor(packet);
      if (bytes === undefined || closed || socket.destroyed) return;
      socket.write(bytes);
      stats.answersSent += 1;
      observer?.answer();
    };

    const handlePacket = async (packet: Hj212Packet, raw: string, receivedAt: Date): Promise<void> => {
      const base = { receivedAt, peer, mn: packet.mn, qn: exchangeQn(packet) ?? null, cn: packet.cn, raw };
      const check = await auth.authenticate(packet.mn, packet.pw ?? '', address);
      if (!check.ok) {
        const code = check.reason === 'unknown' ? 'HJ212_UNKNOWN_DEVICE' : 'HJ212_BAD_PASSWORD';
        const why: Record<typeof check.reason, string> = {
          unknown: `MN ${packet.mn} is not registered`,
          disabled: `device ${packet.mn} is disabled`,
          bad_password: `wrong PW for MN ${packet.mn}`,
          address_not_allowed: `MN ${packet.mn} may not connect from ${address}`,
        };
        reject({ ...base, code, reason: why[check.reason] });
        return;
      }
      const extracted = readingsFromPacket(packet, check.device.siteId, receivedAt);
      if (!extracted.ok) {
        reject({ ...base, code: extracted.code, reason: extracted.reason });
        return;
      }
      inFlight += 1;
      updateFlow();
      const committed = queue
        .submit({ mn: packet.mn, readings: extracted.readings, log: base })
        .then(
          (result) => {
            stats.packets[result.outcome] += 1;
            observer?.frame(result.outcome, result.outcome);
            stats.readingsStored += result.inserted;
            // Never an answer to an answer: encodeAnswerFor returns none for 9011–9014.
            answer(packet);
          },
          () => {
            // The commit failed (logged by the queue) or was refused at shutdown: no answer, so the
            // logger resends.
          },
        )
        .finally(() => {
          inFlight -= 1;
          commits.delete(committed);
          updateFlow();
        });
      commits.add(committed);
    };

    const handleEvent = async (event: DeframeEvent, receivedAt: Date): Promise<void> => {
      if (closing) {
        stats.droppedAtClose += 1;
        return;
      }
      if (event.kind === 'rejection') {
        reject({
          receivedAt,
          peer,
          mn: null,
          qn: null,
          cn: null,
          code: event.code,
          reason: event.reason,
          raw: maskPassword(event.raw.toString('latin1')),
        });
        return;
      }
      const raw = maskPassword(event.raw.toString('utf8'));
      const parsed = parseFrame(event);
      if (!parsed.ok) {
        const mn = /(?:^|;)MN=([^;&]{1,64})/.exec(raw)?.[1] ?? null;
        reject({ receivedAt, peer, mn, qn: null, cn: null, code: parsed.code, reason: parsed.reason, raw });
        return;
      }
      await handlePacket(parsed.packet, raw, receivedAt);
    };

    const work = (events: DeframeEvent[]): void => {
      if (events.length === 0) return;
      const receivedAt = clock.now();
      const next = chain.then(async () => {
        for (const ev of events) {
          try {
            await handleEvent(ev, receivedAt);
          } catch (err) {
            logger.error({ event: 'hj212.packet_failed', err, peer }, 'HJ 212 packet handling failed');
          }
        }
      });
      chain = next;
      connectionWork.add(next);
      void next.finally(() => connectionWork.delete(next));
    };

    socket.setTimeout(limits.idleTimeoutMs, () => {
      logger.info({ event: 'hj212.idle_closed', peer }, 'HJ 212 connection idle; closing');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      if (closing) socket.pause();
      else work(deframer.push(chunk));
    });
    socket.on('drain', updateFlow);
    socket.on('end', () => {
      work(deframer.end());
      // Answer what was sent before the peer's FIN, then close our side.
      void chain.then(() => Promise.all([...commits])).then(() => socket.end());
    });
    socket.on('error', (err) => logger.debug({ err, peer }, 'HJ 212 socket error'));
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      stats.connectionsOpen -= 1;
      const n = (perAddress.get(address) ?? 1) - 1;
      if (n <= 0) perAddress.delete(address);
      else perAddress.set(address, n);
    });
  });
  server.maxConnections = limits.maxConnections;
  server.on('drop', () => {
    stats.connectionsRefused += 1;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ event: 'hj212.listener_error', err }, 'HJ 212 listener error'));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : options.port;
  logger.info({ event: 'hj212.listening', host: options.host, port }, 'HJ 212 listener started');

  return {
    port,
    stats: () => structuredClone(stats),
    queueDepth: () => queue.backlog,
    listening: () => server.listening && !closing,
    close: async () => {
      closing = true;
      const closedServer = new Promise<void>((resolve) => server.close(() => resolve()));
      // Stop reading for good; what is queued for commit is committed and answered.
      for (const s of sockets) s.pause();
      while (connectionWork.size > 0) await Promise.all([...connectionWork]);
      stats.droppedAtClose += await queue.shutdown();
      for (const s of sockets) s.end();
      const deadline = setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, 2000);
      await closedServer;
      clearTimeout(deadline);
    },
  };
}
