import type { Kysely, Selectable } from 'kysely';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { Database, PacketLogTable } from './schema.js';
import type { PacketLogEntry, PacketOutcome } from './types.js';

export type NewPacketLogEntry = Omit<PacketLogEntry, 'id'>;

export interface PacketLogFilter {
  mn?: string | undefined;
  /** Row-level scope: only these MNs. */
  mns?: readonly string[] | undefined;
  outcome?: PacketOutcome | undefined;
  code?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function toEntry(r: Selectable<PacketLogTable>): PacketLogEntry {
  return {
    id: r.id,
    receivedAt: new Date(r.received_at),
    peer: r.peer,
    mn: r.mn,
    qn: r.qn,
    cn: r.cn,
    outcome: r.outcome as PacketOutcome,
    code: r.code,
    reason: r.reason,
    raw: r.raw,
  };
}

/** Maximum characters of a raw frame kept in the log; longer frames are cut and marked. */
const PACKET_LOG_RAW_MAX_CHARS = 8192;

/** The row of a log entry; a raw frame longer than {@link PACKET_LOG_RAW_MAX_CHARS} is cut and marked. */
export function packetLogRow(e: NewPacketLogEntry): Omit<Selectable<PacketLogTable>, 'id'> {
  return {
    received_at: e.receivedAt.getTime(),
    peer: e.peer,
    mn: e.mn,
    qn: e.qn,
    cn: e.cn,
    outcome: e.outcome,
    code: e.code,
    reason: e.reason,
    raw: cutRaw(e.raw),
  };
}

/** A raw frame cut to {@link PACKET_LOG_RAW_MAX_CHARS}, with its length noted. */
function cutRaw(raw: string): string {
  return raw.length > PACKET_LOG_RAW_MAX_CHARS
    ? `${raw.slice(0, PACKET_LOG_RAW_MAX_CHARS)}…[${raw.length} chars]`
    : raw;
}

/** Every HJ 212 packet received, with its outcome; kept for a configurable time. */
export class PacketLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entries: readonly NewPacketLogEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) {
      await this.db
        .insertInto('packet_log')
        .values(entries.slice(i, i + 500).map(packetLogRow))
        .execute();
    }
  }

  /** Newest first, in pages. */
  async query(filter: PacketLogFilter = {}): Promise<Page<PacketLogEntry>> {
    let q = this.db.selectFrom('packet_log');
    if (filter.mn !== undefined) q = q.where('mn', '=', filter.mn);
    if (filter.mns !== undefined) q = q.where('mn', 'in', filter.mns.length ? [...filter.mns] : ['']);
    if (filter.outcome !== undefined) q = q.where('outcome', '=', filter.outcome);
    if (filter.code !== undefined) q = q.where('code', '=', filter.code);
    if (filter.from !== undefined) q = q.where('received_at', '>=', filter.from.getTime());
    if (filter.to !== undefined) q = q.where('received_at', '<', filter.to.getTime());
    if (filter.cursor !== undefined) {
      const [id] = decodeCursor(filter.cursor, 1).map(Number) as [number];
      q = q.where('id', '<', id);
    }
    const limit = pageSize(filter.limit);
    const rows = await q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toEntry);
    const last = items[items.length - 1];
    return { items, total: null, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }

  /** Counts entries by outcome and code since an instant (for the ingest status page). */
  async countByCode(since: Date): Promise<{ outcome: PacketOutcome; code: string | null; n: number }[]> {
    const rows = await this.db
      .selectFrom('packet_log')
      .select(['outcome', 'code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_at', '>=', since.getTime())
      .groupBy(['outcome', 'code'])
      .orderBy('outcome')
      .execute();
    return rows.map((r) => ({ outcome: r.outcome as PacketOutcome, code: r.code, n: Number(r.n) }));
  }

  /** Deletes entries received before an instant; returns how many. */
  async prune(before: Date): Promise<number> {
    const res = await this.db
      .deleteFrom('packet_log')
      .where('received_at', '<', before.getTime())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
