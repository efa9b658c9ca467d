import { BadInputError } from '../errors.js';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CorrectionTable, Database } from './schema.js';
import type { Correction } from './types.js';

export interface NewCorrection {
  readingId: number;
  /** The corrected value; ignored when `invalid`. */
  value?: number | null;
  flag?: string | null;
  invalid?: boolean;
  reason: string;
  correctedBy: string;
  correctedAt: Date;
}

function toCorrection(r: Selectable<CorrectionTable>): Correction {
  return {
    id: r.id,
    readingId: r.reading_id,
    value: r.value,
    flag: r.flag,
    invalid: r.invalid === 1,
    reason: r.reason,
    correctedBy: r.corrected_by,
    correctedAt: new Date(r.corrected_at),
  };
}

/**
 * Corrections of readings (数据审核). Append-only: a correction is a new row with who and why; the
 * original reading is never changed, and the newest correction of a reading is the one in force.
 */
export class CorrectionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends a correction; pass `trx` to commit it with the caller's rows (its audit entry). */
  async add(c: NewCorrection, trx?: Transaction<Database>): Promise<Correction> {
    if (c.reason.trim() === '') throw new BadInputError('a correction needs a reason');
    const invalid = c.invalid === true;
    if (
      !invalid &&
      (c.value === undefined || c.value === null) &&
      (c.flag === undefined || c.flag === null)
    ) {
      throw new BadInputError('a correction needs a value, a flag, or invalid: true');
    }
    const row = await (trx ?? this.db)
      .insertInto('corrections')
      .values({
        reading_id: c.readingId,
        value: invalid ? null : (c.value ?? null),
        flag: c.flag ?? null,
        invalid: invalid ? 1 : 0,
        reason: c.reason,
        corrected_by: c.correctedBy,
        corrected_at: c.correctedAt.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCorrection(row);
  }

  /** All corrections of a reading, oldest first. */
  async listForReading(readingId: number): Promise<Correction[]> {
    const rows = await this.db
      .selectFrom('corrections')
      .selectAll()
      .where('reading_id', '=', readingId)
      .orderBy('id')
      .execute();
    return rows.map(toCorrection);
  }
}
