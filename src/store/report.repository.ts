/**
 * Stored reports (`reports`, migration 0013): one row per generated file with its kind, period,
 * format, SHA-256, who and when; the bytes are kept by SHA-256 in the same blob store as evidence
 * (attachment.repository.ts), so a report generated twice with the same bytes is stored once. Rows
 * are never changed.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { BlobStore, EvidenceStorage } from './attachment.repository.js';
import type { Database, ReportTable } from './schema.js';

/** A stored report's record. */
export interface ReportRecord {
  id: number;
  kind: string;
  period: string;
  format: string;
  /** The enterprise of an enterprise-monthly report (site code); null for the others. */
  enterpriseCode: string | null;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storage: EvidenceStorage;
  createdBy: string;
  createdAt: Date;
}

export interface NewReport {
  kind: string;
  period: string;
  format: string;
  enterpriseCode: string | null;
  filename: string;
  mediaType: string;
  bytes: Buffer;
  createdBy: string;
  createdAt: Date;
}

/** Which reports to list: newest first. */
export interface ReportFilter {
  kind?: string | undefined;
  /**
   * Only reports of these enterprises, plus the city-wide reports when `withCityReports`;
   * undefined = every report.
   */
  enterpriseCodes?: readonly string[] | undefined;
  withCityReports?: boolean | undefined;
  limit: number;
  offset: number;
}

function toRecord(r: Selectable<ReportTable>): ReportRecord {
  return {
    id: Number(r.id),
    kind: r.kind,
    period: r.period,
    format: r.format,
    enterpriseCode: r.enterprise_code,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storage: r.storage as EvidenceStorage,
    createdBy: r.created_by,
    createdAt: new Date(Number(r.created_at)),
  };
}

export class ReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly blobs: BlobStore,
  ) {}

  /** Keeps the bytes, then the record (a crash between leaves an unreferenced blob, never a dangling row). */
  async add(r: NewReport): Promise<ReportRecord> {
    const sha256 = createHash('sha256').update(r.bytes).digest('hex');
    return this.db.transaction().execute(async (trx) => {
      await this.blobs.put(sha256, r.bytes, trx);
      const row = await trx
        .insertInto('reports')
        .values({
          kind: r.kind,
          period: r.period,
          format: r.format,
          enterprise_code: r.enterpriseCode,
          filename: r.filename,
          media_type: r.mediaType,
          size_bytes: r.bytes.length,
          sha256,
          storage: this.blobs.kind,
          created_by: r.createdBy,
          created_at: r.createdAt.getTime(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    });
  }

  async getById(id: number): Promise<ReportRecord | null> {
    const r = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? null : toRecord(r);
  }

  /** Reports newest first. */
  async list(filter: ReportFilter): Promise<ReportRecord[]> {
    let q = this.db.selectFrom('reports').selectAll();
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    const codes = filter.enterpriseCodes;
    if (codes !== undefined) {
      const city = filter.withCityReports === true;
      if (codes.length === 0 && !city) return [];
      q = q.where((eb) =>
        eb.or([
          ...(codes.length > 0 ? [eb('enterprise_code', 'in', [...codes])] : []),
          ...(city ? [eb('enterprise_code', 'is', null)] : []),
        ]),
      );
    }
    const rows = await q.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toRecord);
  }

  /** Whether a report of this kind and period was already made by `createdBy` (the scheduler's guard). */
  async exists(kind: string, period: string, createdBy: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('reports')
      .select('id')
      .where('kind', '=', kind)
      .where('period', '=', period)
      .where('created_by', '=', createdBy)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** The bytes of a report; null when they are missing from the blob store. */
  content(r: Pick<ReportRecord, 'sha256'>): Promise<Buffer | null> {
    return this.blobs.get(r.sha256);
  }
}
