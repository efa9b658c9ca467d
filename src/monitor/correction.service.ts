/**
 * Data review (数据审核): corrections of readings. A correction is a new row with who and why; the
 * reading itself never changes, and the newest correction of a reading is the one in force. Each
 * correction is audited as `reading.corrected` in the same transaction as its row.
 */
import type { Principal } from '../auth/access.js';
import type { ScopeService } from '../auth/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Correction, Site, StoredReading } from '../store/types.js';

export type { Correction, Site, StoredReading } from '../store/types.js';

/** What a reviewer changes: a value, a flag, or the reading marked invalid; always with a reason. */
export interface CorrectionInput {
  /** The corrected value; ignored when `invalid`. */
  value?: number | null | undefined;
  flag?: string | undefined;
  invalid?: boolean | undefined;
  reason: string;
}

/** A reading as received, its site, and every correction of it, oldest first. */
export interface CorrectionHistory {
  reading: StoredReading;
  site: Site;
  corrections: Correction[];
}

export class CorrectionService {
  constructor(
    private readonly store: Pick<Store, 'db' | 'readings' | 'sites' | 'corrections'>,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The reading and its site when the caller may see them; NotFoundError otherwise (as if absent). */
  private async visibleReading(
    principal: Principal,
    id: number,
  ): Promise<{ reading: StoredReading; site: Site }> {
    const reading = await this.store.readings.getById(id);
    const site = reading === null ? null : await this.store.sites.getById(reading.siteId);
    if (reading === null || site === null || !this.scope.includes(await this.scope.of(principal), site)) {
      throw new NotFoundError(`reading ${id}`);
    }
    return { reading, site };
  }

  /** A reading as received and every correction of it, with who and when. */
  async history(principal: Principal, readingId: number): Promise<CorrectionHistory> {
    const { reading, site } = await this.visibleReading(principal, readingId);
    return { reading, site, corrections: await this.store.corrections.listForReading(reading.id) };
  }

  /**
   * Corrects a reading the caller may see, or marks it invalid, with a reason. BadInputError
   * without a reason or without content; the correction and its audit entry commit together.
   */
  async correct(
    principal: Principal,
    readingId: number,
    input: CorrectionInput,
    address: string | null,
  ): Promise<Correction> {
    const { reading, site } = await this.visibleReading(principal, readingId);
    return this.store.db.transaction().execute(async (trx) => {
      const correction = await this.store.corrections.add(
        {
          readingId: reading.id,
          value: input.value,
          flag: input.flag,
          invalid: input.invalid,
          reason: input.reason,
          correctedBy: principal.username,
          correctedAt: this.clock.now(),
        },
        trx,
      );
      await this.audit.record(
        {
          action: 'reading.corrected',
          actor: { username: principal.username, role: principal.role },
          target: { type: 'reading', id: reading.id },
          details: {
            correctionId: correction.id,
            siteCode: site.code,
            parameter: reading.parameter,
            interval: reading.interval,
            periodStart: reading.periodStart.toISOString(),
            original: { value: reading.value, flag: reading.flag },
            corrected: { value: correction.value, flag: correction.flag, invalid: correction.invalid },
            reason: correction.reason,
          },
          address,
        },
        trx,
      );
      return correction;
    });
  }
}
