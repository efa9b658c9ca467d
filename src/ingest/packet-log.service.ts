/**
 * The HJ 212 packet log as a caller may see it: every frame received with its outcome, newest
 * first, limited to the devices of the sites in the caller's scope.
 */
import type { Principal } from '../auth/access.js';
import type { ScopeService } from '../auth/scope.js';
import type { Page } from '../store/page.js';
import type { Store } from '../store/store.js';
import type { PacketLogEntry, PacketOutcome } from '../store/types.js';

export type { PacketLogEntry, PacketOutcome } from '../store/types.js';

export interface PacketLogQuery {
  mn?: string | undefined;
  outcome?: PacketOutcome | undefined;
  /** Stable rejection code, e.g. HJ212_BAD_CRC. */
  code?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export class PacketLogService {
  constructor(
    private readonly store: Pick<Store, 'packets' | 'devices'>,
    private readonly scope: ScopeService,
  ) {}

  /** Log entries newest first, in pages. */
  async query(principal: Principal, q: PacketLogQuery): Promise<Page<PacketLogEntry>> {
    const siteIds = await this.scope.siteIds(await this.scope.of(principal));
    const mns =
      siteIds === undefined ? undefined : (await this.store.devices.list({ siteIds })).map((d) => d.mn);
    return this.store.packets.query({ ...q, mns });
  }
}
