/**
 * The ingest write path: one transaction per group commit holding the readings of many packets
 * (from many connections), their packet-log entries and the devices' last-seen times. A packet is
 * acknowledged only after this transaction has committed.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { NewPacketLogEntry } from './packet-log.repository.js';
import { packetLogRow } from './packet-log.repository.js';
import type { ReadingRepository } from './reading.repository.js';
import { SQLITE_INSERT_READING, sqliteReadingParams } from './reading.repository.js';
import type { Database } from './schema.js';
import type { Reading } from './types.js';

/** A packet that passed the codec and the device check, with the readings it carries. */
export interface PacketToCommit {
  mn: string;
  readings: readonly Reading[];
  /** Its packet-log entry; the outcome is decided in the transaction. */
  log: Omit<NewPacketLogEntry, 'outcome' | 'code' | 'reason'>;
}

export interface PacketCommitResult {
  /** `duplicate` when the packet carried readings and every one was already stored (a retransmission). */
  outcome: 'accepted' | 'duplicate';
  inserted: number;
  duplicates: number;
}

function outcomeOf(readings: number, inserted: number): PacketCommitResult {
  return {
    outcome: readings > 0 && inserted === 0 ? 'duplicate' : 'accepted',
    inserted,
    duplicates: readings - inserted,
  };
}

export class IngestRepository {
  private sqliteCommit:
    ((p: readonly PacketToCommit[], r: readonly NewPacketLogEntry[]) => PacketCommitResult[]) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly readings: ReadingRepository,
    private readonly sqlite: SqliteDatabase.Database | null,
  ) {}

  /**
   * Commits accepted packets with their readings and log entries, and rejected packets' log
   * entries, in one transaction. Results are in the order of `packets`.
   */
  async commit(
    packets: readonly PacketToCommit[],
    rejected: readonly NewPacketLogEntry[] = [],
  ): Promise<PacketCommitResult[]> {
    if (packets.length === 0 && rejected.length === 0) return [];
    if (this.sqlite !== null) {
      this.sqliteCommit ??= this.prepareSqlite(this.sqlite);
      const run = this.sqliteCommit;
      // Holding Kysely's one connection keeps any Kysely transaction from being open around ours.
      return this.db.connection().execute(() => Promise.resolve(run(packets, rejected)));
    }
    return this.db.transaction().execute(async (trx) => {
      const all = packets.flatMap((p) => p.readings);
      const { duplicates } = await this.readings.insertBatchIn(trx, all);
      const dupSet = new Set(duplicates);
      const results = packets.map((p) => {
        const inserted = p.readings.filter((r) => !dupSet.has(r)).length;
        return outcomeOf(p.readings.length, inserted);
      });
      const entries: NewPacketLogEntry[] = [
        ...packets.map((p, i) => ({
          ...p.log,
          outcome: results[i]?.outcome ?? 'accepted',
          code: null,
          reason: null,
        })),
        ...rejected,
      ];
      for (let i = 0; i < entries.length; i += 500) {
        await trx
          .insertInto('packet_log')
          .values(entries.slice(i, i + 500).map(packetLogRow))
          .execute();
      }
      for (const [mn, at] of lastSeen(packets)) {
        await trx
          .updateTable('devices')
          .set({ last_seen_at: at })
          .where('mn', '=', mn)
          .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
          .execute();
      }
      return results;
    });
  }

  private prepareSqlite(
    sqlite: SqliteDatabase.Database,
  ): (p: readonly PacketToCommit[], r: readonly NewPacketLogEntry[]) => PacketCommitResult[] {
    const insertReading = sqlite.prepare(SQLITE_INSERT_READING);
    const insertLog = sqlite.prepare(
      `insert into packet_log (received_at, peer, mn, qn, cn, outcome, code, reason, raw)
       values (@received_at, @peer, @mn, @qn, @cn, @outcome, @code, @reason, @raw)`,
    );
    const touch = sqlite.prepare(
      `update devices set last_seen_at = ? where mn = ? and (last_seen_at is null or last_seen_at < ?)`,
    );
    const log = (e: NewPacketLogEntry): void => {
      insertLog.run(packetLogRow(e));
    };
    return sqlite.transaction(
      (packets: readonly PacketToCommit[], rejected: readonly NewPacketLogEntry[]) => {
        const results: PacketCommitResult[] = [];
        for (const p of packets) {
          let inserted = 0;
          for (const r of p.readings) {
            const res = insertReading.run(...sqliteReadingParams(r));
            inserted += res.changes;
          }
          const result = outcomeOf(p.readings.length, inserted);
          results.push(result);
          log({ ...p.log, outcome: result.outcome, code: null, reason: null });
        }
        for (const e of rejected) log(e);
        for (const [mn, at] of lastSeen(packets)) touch.run(at, mn, at);
        return results;
      },
    );
  }
}

/** The newest receive time per device in a batch. */
function lastSeen(packets: readonly PacketToCommit[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const p of packets) {
    const t = p.log.receivedAt.getTime();
    if ((seen.get(p.mn) ?? -Infinity) < t) seen.set(p.mn, t);
  }
  return seen;
}
