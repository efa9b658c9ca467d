import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { VerifiedPasswordCache, hashPassword, verifyPassword } from './password.js';
import type { Database, DeviceTable } from './schema.js';
import type { Device, ProtocolVersion } from './types.js';

export interface NewDevice {
  mn: string;
  password: string;
  siteId: number;
  protocol: ProtocolVersion;
  allowedAddresses?: string[];
  enabled?: boolean;
}

/** A device as the ingest edge needs it: with the site it reports for. */
export interface DeviceWithSite extends Device {
  siteCode: string;
  siteKind: string;
}

/** Why a device's credentials were refused. */
export type DeviceAuthResult =
  | { ok: true; device: DeviceWithSite }
  | { ok: false; reason: 'unknown' | 'disabled' | 'bad_password' | 'address_not_allowed' };

function toDevice(r: Selectable<DeviceTable>): Device {
  return {
    id: r.id,
    mn: r.mn,
    siteId: r.site_id,
    protocol: r.protocol as ProtocolVersion,
    enabled: r.enabled === 1,
    lastSeenAt: r.last_seen_at === null ? null : new Date(r.last_seen_at),
    allowedAddresses: JSON.parse(r.allowed_addresses) as string[],
  };
}

/**
 * HJ 212 devices (data loggers, 数采仪). The password is stored only as a scrypt hash and is
 * never returned by any method. Write methods take an optional transaction, so that a service
 * commits the change with its audit entry.
 */
export class DeviceRepository {
  private readonly verified = new VerifiedPasswordCache();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async add(device: NewDevice, trx?: Transaction<Database>): Promise<Device> {
    const passwordHash = await hashPassword(device.password);
    const row = await (trx ?? this.db)
      .insertInto('devices')
      .values({
        mn: device.mn,
        site_id: device.siteId,
        protocol: device.protocol,
        enabled: device.enabled === false ? 0 : 1,
        password_hash: passwordHash,
        allowed_addresses: JSON.stringify(device.allowedAddresses ?? []),
        last_seen_at: null,
        created_at: this.clock.now().getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDevice(row);
  }

  async list(filter: { siteId?: number; siteIds?: readonly number[] } = {}): Promise<DeviceWithSite[]> {
    let q = this.db
      .selectFrom('devices')
      .innerJoin('sites', 'sites.id', 'devices.site_id')
      .selectAll('devices')
      .select(['sites.code as site_code', 'sites.kind as site_kind']);
    if (filter.siteId !== undefined) q = q.where('devices.site_id', '=', filter.siteId);
    if (filter.siteIds !== undefined) {
      if (filter.siteIds.length === 0) return [];
      q = q.where('devices.site_id', 'in', [...filter.siteIds]);
    }
    const rows = await q.orderBy('devices.mn').execute();
    return rows.map((r) => ({ ...toDevice(r), siteCode: r.site_code, siteKind: r.site_kind }));
  }

  async getByMn(mn: string): Promise<DeviceWithSite | null> {
    const r = await this.db
      .selectFrom('devices')
      .innerJoin('sites', 'sites.id', 'devices.site_id')
      .selectAll('devices')
      .select(['sites.code as site_code', 'sites.kind as site_kind'])
      .where('devices.mn', '=', mn)
      .executeTakeFirst();
    return r ? { ...toDevice(r), siteCode: r.site_code, siteKind: r.site_kind } : null;
  }

  /** Checks a device's MN, PW and peer address (HJ 212 clause 6.3: PW is checked by the platform). */
  async authenticate(mn: string, password: string, peerAddress?: string): Promise<DeviceAuthResult> {
    const r = await this.db
      .selectFrom('devices')
      .innerJoin('sites', 'sites.id', 'devices.site_id')
      .selectAll('devices')
      .select(['sites.code as site_code', 'sites.kind as site_kind'])
      .where('devices.mn', '=', mn)
      .executeTakeFirst();
    if (!r) return { ok: false, reason: 'unknown' };
    if (r.enabled !== 1) return { ok: false, reason: 'disabled' };
    if (!(await this.verified.verify(password, r.password_hash)))
      return { ok: false, reason: 'bad_password' };
    const device = { ...toDevice(r), siteCode: r.site_code, siteKind: r.site_kind };
    if (peerAddress !== undefined && device.allowedAddresses.length > 0) {
      if (!device.allowedAddresses.includes(peerAddress)) return { ok: false, reason: 'address_not_allowed' };
    }
    return { ok: true, device };
  }

  async setPassword(mn: string, password: string, trx?: Transaction<Database>): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    const res = await (trx ?? this.db)
      .updateTable('devices')
      .set({ password_hash: passwordHash })
      .where('mn', '=', mn)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setEnabled(mn: string, enabled: boolean, trx?: Transaction<Database>): Promise<boolean> {
    const res = await (trx ?? this.db)
      .updateTable('devices')
      .set({ enabled: enabled ? 1 : 0 })
      .where('mn', '=', mn)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Replaces the peer addresses a device may connect from (empty: any); false when unknown. */
  async setAllowedAddresses(
    mn: string,
    addresses: readonly string[],
    trx?: Transaction<Database>,
  ): Promise<boolean> {
    const res = await (trx ?? this.db)
      .updateTable('devices')
      .set({ allowed_addresses: JSON.stringify(addresses) })
      .where('mn', '=', mn)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Moves a device to another site or protocol edition (a city import); false when unknown. */
  async update(
    mn: string,
    patch: { siteId?: number; protocol?: ProtocolVersion },
    trx?: Transaction<Database>,
  ): Promise<boolean> {
    const set: { site_id?: number; protocol?: string } = {};
    if (patch.siteId !== undefined) set.site_id = patch.siteId;
    if (patch.protocol !== undefined) set.protocol = patch.protocol;
    if (set.site_id === undefined && set.protocol === undefined) return (await this.getByMn(mn)) !== null;
    const res = await (trx ?? this.db)
      .updateTable('devices')
      .set(set)
      .where('mn', '=', mn)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Whether a password is the device's own (an import that names it again changes nothing). */
  async passwordMatches(mn: string, password: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('devices')
      .select('password_hash')
      .where('mn', '=', mn)
      .executeTakeFirst();
    return r !== undefined && (await verifyPassword(password, r.password_hash));
  }

  /** Records that devices were heard from; only moves `last_seen_at` forward. */
  async markSeen(mns: readonly string[], at: Date): Promise<void> {
    if (mns.length === 0) return;
    const t = at.getTime();
    await this.db
      .updateTable('devices')
      .set({ last_seen_at: t })
      .where('mn', 'in', [...mns])
      .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', t)]))
      .execute();
  }
}
