/**
 * Evidence of cases and of alarm explanations (photos, documents): metadata rows in
 * `case_attachments` and `alarm_attachments` (migration 0008), the bytes kept by
 * SHA-256 either in files under a folder (the embedded default, next to the SQLite file) or in the
 * `attachment_blobs` table (PostgreSQL, where several processes must all reach every file). Bytes
 * are content-addressed and written once: the same photo uploaded twice is stored once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { DomainError } from '../errors.js';
import type { AlarmAttachmentTable, CaseAttachmentTable, Database } from './schema.js';

/** Where evidence bytes live. */
export type EvidenceStorage = 'disk' | 'database';

/** Keeps bytes by their SHA-256 (hex). */
export interface BlobStore {
  readonly kind: EvidenceStorage;
  /** Keeps the bytes; a store in the database writes them in `trx` when given. */
  put(sha256: string, bytes: Buffer, trx?: Transaction<Database>): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function checkSha(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new RangeError(`not a SHA-256 hex digest: ${sha256}`);
}

/** Evidence files under a folder, as `<first two hex digits>/<sha256>`. */
export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk';
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): string {
    checkSha(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (exists) return;
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and a crash leaves only a temp file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, path);
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

/** Evidence bytes in the `attachment_blobs` table. */
export class DatabaseBlobStore implements BlobStore {
  readonly kind = 'database';
  constructor(private readonly db: Kysely<Database>) {}

  async put(sha256: string, bytes: Buffer, trx?: Transaction<Database>): Promise<void> {
    checkSha(sha256);
    await (trx ?? this.db)
      .insertInto('attachment_blobs')
      .values({ sha256, size_bytes: bytes.length, content: bytes })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async get(sha256: string): Promise<Buffer | null> {
    const r = await this.db
      .selectFrom('attachment_blobs')
      .select('content')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return r ? Buffer.from(r.content) : null;
  }
}

export interface NewAttachment {
  caseId: number;
  filename: string;
  mediaType: string;
  bytes: Buffer;
  uploadedBy: string;
  uploadedAt: Date;
}

/** What every stored evidence file records: its name, type, size, checksum, where its bytes are, who uploaded it when. */
export interface StoredFile {
  filename: string;
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  storage: EvidenceStorage;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface AttachmentRecord extends StoredFile {
  id: number;
  caseId: number;
  /** The event that carries it; null until an event is recorded with it. */
  eventId: number | null;
}

/** Evidence already kept: how many files, how many bytes. */
export interface EvidenceUsage {
  files: number;
  bytes: number;
}

/** The file fields of a `case_attachments` or `alarm_attachments` row. */
function toStoredFile(r: Selectable<CaseAttachmentTable> | Selectable<AlarmAttachmentTable>): StoredFile {
  return {
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storage: r.storage as EvidenceStorage,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(Number(r.uploaded_at)),
  };
}

function toAttachment(r: Selectable<CaseAttachmentTable>): AttachmentRecord {
  return { id: r.id, caseId: r.case_id, eventId: r.event_id, ...toStoredFile(r) };
}

/** The bytes of an attachment did not hash to the checksum recorded at upload (500, said as such). */
export class EvidenceCorruptError extends DomainError {
  constructor(readonly attachmentId: number) {
    super('internal', `attachment ${attachmentId}: the stored bytes no longer match their SHA-256`);
  }
}

/** An evidence file of an alarm's explanation (migration 0008). */
export interface AlarmAttachmentRecord extends StoredFile {
  id: number;
  alarmId: number;
}

export interface NewAlarmAttachment {
  alarmId: number;
  filename: string;
  mediaType: string;
  bytes: Buffer;
  uploadedBy: string;
  uploadedAt: Date;
}

function toAlarmAttachment(r: Selectable<AlarmAttachmentTable>): AlarmAttachmentRecord {
  return { id: r.id, alarmId: r.alarm_id, ...toStoredFile(r) };
}

export class AttachmentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly blobs: BlobStore,
  ) {}

  get storage(): EvidenceStorage {
    return this.blobs.kind;
  }

  /** Stores the bytes once per checksum; the file columns of the row that will refer to them. */
  private async putFile(
    a: { filename: string; mediaType: string; bytes: Buffer; uploadedBy: string; uploadedAt: Date },
    trx?: Transaction<Database>,
  ) {
    const sha256 = createHash('sha256').update(a.bytes).digest('hex');
    await this.blobs.put(sha256, a.bytes, trx);
    return {
      filename: a.filename,
      media_type: a.mediaType,
      size_bytes: a.bytes.length,
      sha256,
      storage: this.blobs.kind,
      uploaded_by: a.uploadedBy,
      uploaded_at: a.uploadedAt.getTime(),
    };
  }

  /**
   * How much evidence is already kept for one case, one alarm, or by one uploader since an instant
   * (both kinds together): files and bytes, for the quotas of src/cases/evidence.ts.
   */
  async usage(
    of: { caseId: number } | { alarmId: number } | { uploadedBy: string; since: Date },
    trx?: Transaction<Database>,
  ): Promise<EvidenceUsage> {
    const db = trx ?? this.db;
    const total = (r: { files: unknown; bytes: unknown } | undefined): EvidenceUsage => ({
      files: Number(r?.files ?? 0),
      bytes: Number(r?.bytes ?? 0),
    });
    if ('caseId' in of) {
      return total(
        await db
          .selectFrom('case_attachments')
          .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('size_bytes').as('bytes')])
          .where('case_id', '=', of.caseId)
          .executeTakeFirst(),
      );
    }
    if ('alarmId' in of) {
      return total(
        await db
          .selectFrom('alarm_attachments')
          .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('size_bytes').as('bytes')])
          .where('alarm_id', '=', of.alarmId)
          .executeTakeFirst(),
      );
    }
    const since = of.since.getTime();
    const cases = total(
      await db
        .selectFrom('case_attachments')
        .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('size_bytes').as('bytes')])
        .where('uploaded_by', '=', of.uploadedBy)
        .where('uploaded_at', '>=', since)
        .executeTakeFirst(),
    );
    const alarms = total(
      await db
        .selectFrom('alarm_attachments')
        .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('size_bytes').as('bytes')])
        .where('uploaded_by', '=', of.uploadedBy)
        .where('uploaded_at', '>=', since)
        .executeTakeFirst(),
    );
    return { files: cases.files + alarms.files, bytes: cases.bytes + alarms.bytes };
  }

  /**
   * Stores the bytes (once per checksum), then the row; the checksum is computed here. Pass `trx`
   * to write inside a transaction the caller holds (bytes kept in files are written at once: a
   * file whose row rolled back is an unreferenced copy, harmless).
   */
  async add(a: NewAttachment, trx?: Transaction<Database>): Promise<AttachmentRecord> {
    const file = await this.putFile(a, trx);
    const row = await (trx ?? this.db)
      .insertInto('case_attachments')
      .values({ case_id: a.caseId, event_id: null, ...file })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAttachment(row);
  }

  async getById(id: number): Promise<AttachmentRecord | null> {
    const r = await this.db
      .selectFrom('case_attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toAttachment(r) : null;
  }

  /** A case's attachments, oldest first. */
  async listForCase(caseId: number): Promise<AttachmentRecord[]> {
    const rows = await this.db
      .selectFrom('case_attachments')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    return rows.map(toAttachment);
  }

  /**
   * Stores an evidence file of an alarm's explanation: the bytes once per checksum, then the row
   * (pass `trx` to write inside the caller's transaction).
   */
  async addForAlarm(a: NewAlarmAttachment, trx?: Transaction<Database>): Promise<AlarmAttachmentRecord> {
    const file = await this.putFile(a, trx);
    const row = await (trx ?? this.db)
      .insertInto('alarm_attachments')
      .values({ alarm_id: a.alarmId, ...file })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAlarmAttachment(row);
  }

  /** An alarm's evidence files, oldest first. */
  async listForAlarm(alarmId: number): Promise<AlarmAttachmentRecord[]> {
    const rows = await this.db
      .selectFrom('alarm_attachments')
      .selectAll()
      .where('alarm_id', '=', alarmId)
      .orderBy('id')
      .execute();
    return rows.map(toAlarmAttachment);
  }

  async getAlarmAttachment(id: number): Promise<AlarmAttachmentRecord | null> {
    const r = await this.db
      .selectFrom('alarm_attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toAlarmAttachment(r) : null;
  }

  /**
   * The bytes of an attachment (of a case or an alarm), checked against its checksum; null when
   * they are missing, and `EvidenceCorruptError` when they changed.
   */
  async content(a: Pick<AttachmentRecord, 'id' | 'sha256'>): Promise<Buffer | null> {
    const bytes = await this.blobs.get(a.sha256);
    if (bytes === null) return null;
    if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) throw new EvidenceCorruptError(a.id);
    return bytes;
  }
}
