/**
 * HJ 212 devices (data loggers, 数采仪) as people manage them: the list with online state, and
 * the changes of their credentials — registration, the HJ 212 password (stored only as a hash,
 * never returned or logged), the peer addresses a device may connect from, enabling it. Each
 * change is audited in the same transaction as the device row. Used by the device routes, the
 * `qingshan device` commands and the CSV device import.
 */
import { isIP } from 'node:net';
import type { Principal } from '../auth/access.js';
import type { ScopeService } from '../auth/scope.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import { exportTable } from '../reports/table-export.js';
import type { ExportFile, ExportFormat, ExportLang, ExportTable } from '../reports/table-export.js';
import { formatChinaIso, MINUTE_MS } from '../standards/china-time.js';
import type { DeviceWithSite } from '../store/device.repository.js';
import { pageSize } from '../store/page.js';
import type { Store } from '../store/store.js';
import type { Device, ProtocolVersion, Site } from '../store/types.js';

export type { DeviceWithSite } from '../store/device.repository.js';
export type { Device, ProtocolVersion, Site } from '../store/types.js';

/** A device counts as online when it was heard from within this window. */
export const DEVICE_ONLINE_WINDOW_MS = 10 * MINUTE_MS;

/** An MN: 1–64 printable ASCII characters. */
const MN_PATTERN = /^[\x21-\x7e]{1,64}$/;
/** An HJ 212 PW: 1–32 printable ASCII characters, as the data logger sends it. */
const DEVICE_PASSWORD_PATTERN = /^[\x21-\x7e]{1,32}$/;

/** A device with whether it is online now. */
export interface DeviceState extends DeviceWithSite {
  online: boolean;
}

export interface DeviceListFilter {
  /** Site code. */
  site?: string | undefined;
  online?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A page of devices by offset, with the total of the filtered list. */
export interface DevicePage {
  items: DeviceState[];
  total: number;
  nextCursor: string | null;
}

/** A device just registered, with the site it reports for. */
export interface RegisteredDevice {
  device: Device;
  site: Site;
}

export interface NewDeviceRegistration {
  mn: string;
  password: string;
  /** Code of the site the device reports for. */
  site: string;
  protocol: ProtocolVersion;
}

export class DeviceService {
  constructor(
    private readonly store: Pick<Store, 'db' | 'devices' | 'sites'>,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private withState(d: DeviceWithSite, nowMs: number): DeviceState {
    const online = d.lastSeenAt !== null && nowMs - d.lastSeenAt.getTime() <= DEVICE_ONLINE_WINDOW_MS;
    return { ...d, online };
  }

  private async listed(siteIds: readonly number[] | undefined): Promise<DeviceState[]> {
    const nowMs = this.clock.now().getTime();
    const devices = await this.store.devices.list(siteIds === undefined ? {} : { siteIds });
    return devices.map((d) => this.withState(d, nowMs));
  }

  /** Every device, by MN, with online state (for the command line: no caller's scope). */
  all(): Promise<DeviceState[]> {
    return this.listed(undefined);
  }

  /**
   * Devices of the sites the caller may see, by MN, filtered by site code and online state, in
   * pages by offset.
   */
  async list(principal: Principal, filter: DeviceListFilter): Promise<DevicePage> {
    let devices = await this.listed(await this.scope.siteIds(await this.scope.of(principal)));
    if (filter.site !== undefined) devices = devices.filter((d) => d.siteCode === filter.site);
    if (filter.online !== undefined) devices = devices.filter((d) => d.online === filter.online);
    const offset = filter.offset ?? 0;
    const items = devices.slice(offset, offset + pageSize(filter.limit));
    return {
      items,
      total: devices.length,
      nextCursor: offset + items.length < devices.length ? String(offset + items.length) : null,
    };
  }

  /**
   * The devices the caller may see — optionally only those whose MN or site code contains `q`, or
   * online or offline — as a CSV or XLSX file in the caller's language; audited as `export`.
   */
  async exportList(
    caller: { principal: Principal; address: string | null },
    filter: { q?: string | undefined; online?: boolean | undefined },
    format: ExportFormat,
    lang: ExportLang,
  ): Promise<ExportFile> {
    const scope = await this.scope.of(caller.principal);
    let devices = await this.listed(await this.scope.siteIds(scope));
    const q = filter.q?.trim().toLowerCase();
    if (q !== undefined && q !== '') {
      devices = devices.filter((d) => d.mn.toLowerCase().includes(q) || d.siteCode.toLowerCase().includes(q));
    }
    if (filter.online !== undefined) devices = devices.filter((d) => d.online === filter.online);
    const table: ExportTable<DeviceState> = {
      title: { zh: '设备', en: 'devices' },
      columns: [
        { header: { zh: '设备编码 MN', en: 'MN' }, value: (d) => d.mn, width: 28 },
        { header: { zh: '站点编码', en: 'Site code' }, value: (d) => d.siteCode },
        { header: { zh: '协议版本', en: 'Protocol' }, value: (d) => `HJ 212-${d.protocol}` },
        { header: { zh: '启用', en: 'Enabled' }, value: (d) => d.enabled },
        { header: { zh: '在线', en: 'Online' }, value: (d) => d.online },
        {
          header: { zh: '最后上线（北京时间）', en: 'Last seen (China time)' },
          value: (d) =>
            d.lastSeenAt === null ? null : formatChinaIso(d.lastSeenAt).slice(0, 16).replace('T', ' '),
          width: 18,
        },
      ],
      rows: devices,
    };
    const file = await exportTable(table, format, lang, formatChinaIso(this.clock.now()).slice(0, 10));
    await this.audit.record({
      action: 'export',
      actor: { username: caller.principal.username, role: caller.principal.role },
      target: { type: 'devices', id: format },
      details: { what: `devices.${format}`, rows: devices.length },
      address: caller.address,
    });
    return file;
  }

  /** One device, or null when there is none. */
  find(mn: string): Promise<DeviceWithSite | null> {
    return this.store.devices.getByMn(mn);
  }

  /** One device; NotFoundError when there is none. */
  async get(mn: string): Promise<DeviceWithSite> {
    const device = await this.find(mn);
    if (!device) throw new NotFoundError(`device ${mn}`);
    return device;
  }

  /**
   * Registers a device for a site (audited as `device.registered`). BadInputError names a wrong
   * field (mn, password, site); ConflictError when the MN is registered already.
   */
  async register(
    actor: AuditActor,
    input: NewDeviceRegistration,
    address: string | null = null,
  ): Promise<RegisteredDevice> {
    if (!MN_PATTERN.test(input.mn)) throw new BadInputError('mn: use 1–64 printable ASCII characters');
    if (!DEVICE_PASSWORD_PATTERN.test(input.password)) {
      throw new BadInputError('password: use 1–32 printable ASCII characters');
    }
    const site = await this.store.sites.getByCode(input.site);
    if (!site) throw new BadInputError(`site: no site has code "${input.site}"; see GET /api/v1/sites`);
    if (await this.store.devices.getByMn(input.mn)) {
      throw new ConflictError(`mn: device ${input.mn} is already registered`);
    }
    return this.store.db.transaction().execute(async (trx) => {
      const device = await this.store.devices.add(
        { mn: input.mn, password: input.password, siteId: site.id, protocol: input.protocol },
        trx,
      );
      await this.audit.record(
        {
          action: 'device.registered',
          actor,
          target: { type: 'device', id: device.mn },
          details: { siteCode: site.code, protocol: device.protocol },
          address,
        },
        trx,
      );
      return { device, site };
    });
  }

  /** Sets a device's HJ 212 password (audited as `device.password_changed`, without it). */
  async setPassword(actor: AuditActor, mn: string, password: string, address: string | null): Promise<void> {
    if (!DEVICE_PASSWORD_PATTERN.test(password)) {
      throw new BadInputError('password: use 1–32 printable ASCII characters');
    }
    const device = await this.get(mn);
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.devices.setPassword(device.mn, password, trx);
      await this.audit.record(
        {
          action: 'device.password_changed',
          actor,
          target: { type: 'device', id: device.mn },
          details: { siteCode: device.siteCode },
          address,
        },
        trx,
      );
    });
  }

  /**
   * Replaces the peer addresses a device may connect from (empty: any), trimmed and without
   * repeats (audited as `device.addresses_changed`). BadInputError names every address that is
   * not an IPv4 or IPv6 address.
   */
  async setAllowedAddresses(
    actor: AuditActor,
    mn: string,
    addresses: readonly string[],
    address: string | null,
  ): Promise<DeviceWithSite> {
    const unique = [...new Set(addresses.map((a) => a.trim()))];
    const wrong = unique.filter((a) => isIP(a) === 0);
    if (wrong.length > 0) {
      throw new BadInputError(
        `addresses: ${wrong.map((a) => JSON.stringify(a)).join(', ')} not an IPv4 or IPv6 address`,
        wrong.map((a) => ({ field: 'body.addresses', problem: `${a} is not an IP address` })),
      );
    }
    const before = await this.get(mn);
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.devices.setAllowedAddresses(before.mn, unique, trx);
      await this.audit.record(
        {
          action: 'device.addresses_changed',
          actor,
          target: { type: 'device', id: before.mn },
          details: { from: before.allowedAddresses, to: unique },
          address,
        },
        trx,
      );
    });
    return { ...before, allowedAddresses: unique };
  }

  /**
   * Enables or disables a device (a disabled device is refused at login); audited as
   * `device.enabled_changed` only when the flag changes.
   */
  async setEnabled(
    actor: AuditActor,
    mn: string,
    enabled: boolean,
    address: string | null,
  ): Promise<DeviceWithSite> {
    const before = await this.get(mn);
    if (enabled === before.enabled) return before;
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.devices.setEnabled(before.mn, enabled, trx);
      await this.audit.record(
        {
          action: 'device.enabled_changed',
          actor,
          target: { type: 'device', id: before.mn },
          details: { from: before.enabled, to: enabled },
          address,
        },
        trx,
      );
    });
    return { ...before, enabled };
  }
}
