/**
 * City import (docs/city-package.md): a bureau's master data — the city, districts with boundaries,
 * air stations, water sections, enterprises, outlets, devices — read from a package, checked
 * (city-package/validate.ts), compared with the store by code and written in ONE transaction with an
 * audit entry for every record created or changed (fields before → after). Nothing is written when any
 * row is rejected, unless `partial`; importing the same package again changes nothing and audits
 * nothing. Sites missing from the package are never retired by an import; the report counts them.
 * Also the export of the current master data in the same shape (export → import is a no-op).
 */
import { createHash } from 'node:crypto';
import type { AuditActor, AuditEvent, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError } from '../errors.js';
import { isUniqueViolation } from '../store/db.js';
import { chinaDate } from '../standards/china-time.js';
import type { ExportFile, ExportTable } from '../reports/table-export.js';
import { tableCsv } from '../reports/table-export.js';
import { BOUNDARIES_FILE } from './city-package/format.js';
import type { Store } from '../store/store.js';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { BoundaryGeometry, City, Site } from '../store/types.js';
import { packageTables } from './city-package/export.js';
import type { PackageEntity } from './city-package/format.js';
import { PACKAGE_ENTITIES } from './city-package/format.js';
import type { IssueLang, PackageIssue } from './city-package/issues.js';
import { formatIssue, issue } from './city-package/issues.js';
import type { RawPackage } from './city-package/reader.js';
import { readPackage, readPackageFiles, readPackageXlsxBuffer } from './city-package/reader.js';
import { packageXlsx } from './city-package/template.js';
import type { Accepted, KnownMasterData, PackageDevice, PackageSite } from './city-package/validate.js';
import { validatePackage } from './city-package/validate.js';

export type { IssueLang } from './city-package/issues.js';
export type { RawPackage } from './city-package/reader.js';

export interface CityImportOptions {
  actor: AuditActor;
  /** Import the accepted rows even when some are rejected. */
  partial?: boolean | undefined;
  /** Mark created sites as demo data; accept "DEMO…" credit codes. */
  demo?: boolean | undefined;
  /** Language of the report's messages (default zh). */
  lang?: IssueLang | undefined;
  /** Check and compare only; write nothing. */
  dryRun?: boolean | undefined;
  /** The GeoJSON of an XLSX package when it is not beside it. */
  boundariesFile?: string | undefined;
  /** The caller's network address, for the audit log. */
  address?: string | null | undefined;
}

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** An issue in the report's language. */
export interface ReportIssue {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  sheet: string | null;
  line: number | null;
  column: string | null;
  value: string | null;
  message: string;
  /** One line: where, then what. */
  text: string;
}

export interface CityImportReport {
  source: string;
  kind: 'folder' | 'xlsx';
  lang: IssueLang;
  /** Whether the store was written. */
  applied: boolean;
  dryRun: boolean;
  partial: boolean;
  /** The files (entities) the package has. */
  present: PackageEntity[];
  entities: Record<PackageEntity, EntityCounts>;
  rejections: ReportIssue[];
  warnings: ReportIssue[];
  /** Records in the store (in service) that the package does not list; never retired by an import. */
  notInPackage: { districts: number; sites: number };
  /** Summary lines in the report's language. */
  notes: string[];
}

/** The current master data in the package's shape. */
export interface PackageExport {
  tables: ExportTable<unknown>[];
  /** boundaries.geojson text. */
  boundaries: string;
}

/** A package as it arrives over HTTP: a workbook's bytes (with its boundaries), or file texts by name. */
export type CityUpload =
  | { xlsx: Buffer; name: string; boundaries: string | null }
  | { files: Readonly<Record<string, string>>; name: string };

type Changes = Record<string, { from: unknown; to: unknown }>;

/** One write of the plan with its audit entry. */
interface Step {
  entity: PackageEntity;
  kind: 'created' | 'updated';
  run: (ctx: WriteContext) => Promise<AuditEvent | null>;
}

interface WriteContext {
  trx: Transaction<Database>;
  siteIds: Map<string, number>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A short fingerprint of a boundary for the audit log (the geometry itself is too large). */
function fingerprint(geometry: BoundaryGeometry | null | undefined): string | null {
  if (geometry === null || geometry === undefined) return null;
  return `sha256:${createHash('sha256').update(JSON.stringify(geometry)).digest('hex').slice(0, 16)}`;
}

function reportIssue(i: PackageIssue, lang: IssueLang): ReportIssue {
  return {
    severity: i.severity,
    code: i.code,
    file: i.file,
    sheet: i.sheet,
    line: i.line,
    column: i.column,
    value: i.value,
    message: i.message[lang],
    text: formatIssue(i, lang),
  };
}

export class CityImportService {
  constructor(
    private readonly deps: {
      store: Pick<Store, 'db' | 'city' | 'districts' | 'sites' | 'devices'>;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** Every site in the store, retired ones too. */
  private async allSites(): Promise<Site[]> {
    const sites: Site[] = [];
    for (let offset = 0; ;) {
      const page = await this.deps.store.sites.list({ includeRetired: true, limit: 1000, offset });
      sites.push(...page.items);
      if (page.nextCursor === null || page.items.length === 0) break;
      offset += page.items.length;
    }
    return sites;
  }

  /**
   * Imports a package (a folder or .xlsx path, or one read already) and reports per entity what was
   * created, updated, unchanged and rejected, with every rejection and warning. BadInputError only for
   * a path that cannot be read; a bad package is a report with rejections, not an exception.
   */
  async importPackage(
    source: string | RawPackage | CityUpload,
    options: CityImportOptions,
  ): Promise<CityImportReport> {
    const { store, clock } = this.deps;
    const lang = options.lang ?? 'zh';
    const partial = options.partial === true;
    const dryRun = options.dryRun === true;
    const raw = await this.read(source, options.boundariesFile);

    const [city, districts, boundaries, sites, devices] = await Promise.all([
      store.city.get(),
      store.districts.list({ includeRetired: true }),
      store.districts.boundaries({ includeRetired: true }),
      this.allSites(),
      store.devices.list(),
    ]);
    const districtByCode = new Map(districts.map((d) => [d.code, d]));
    const boundaryByCode = new Map(boundaries.map((b) => [b.code, b.geometry]));
    const siteByCode = new Map(sites.map((s) => [s.code, s]));
    const siteCodeById = new Map(sites.map((s) => [s.id, s.code]));
    const deviceByMn = new Map(devices.map((d) => [d.mn, d]));
    const known: KnownMasterData = {
      districts: new Map(
        districts.map((d) => [d.code, { name: d.name, retired: (d.retiredAt ?? null) !== null }]),
      ),
      boundaries: boundaryByCode,
      sites: new Map(
        sites.map((s) => [
          s.code,
          {
            kind: s.kind,
            districtCode: s.districtCode,
            longitude: s.longitude,
            latitude: s.latitude,
            retired: (s.retiredAt ?? null) !== null,
          },
        ]),
      ),
    };
    const v = validatePackage(raw, known, { demo: options.demo === true, day: chinaDate(clock.now()) });
    const counts = Object.fromEntries(
      PACKAGE_ENTITIES.map((e) => [e, { created: 0, updated: 0, unchanged: 0, rejected: v.rejected[e] }]),
    ) as Record<PackageEntity, EntityCounts>;
    const steps: Step[] = [];
    const plan = (entity: PackageEntity, kind: Step['kind'], run: Step['run']): void => {
      counts[entity][kind] += 1;
      steps.push({ entity, kind, run });
    };
    const actor = options.actor;
    const address = options.address ?? null;
    const now = clock.now();

    // City.
    let cityChange: Changes | null = null;
    if (v.city !== null) {
      const next: City = v.city.value;
      if (city === null) {
        cityChange = { code: { from: null, to: next.code }, name: { from: null, to: next.name } };
        plan('city', 'created', async ({ trx }) => {
          await store.city.put(next, now, trx);
          return null;
        });
      } else if (city.code !== next.code || city.name !== next.name || city.nameEn !== next.nameEn) {
        if (city.code !== next.code && v.city !== null) {
          v.issues.push(
            issue(
              'warning',
              'city-replaced',
              { file: v.city.file, sheet: v.city.sheet, line: v.city.line, column: 'code', value: next.code },
              {
                zh: `系统当前服务的城市是 ${city.name}（${city.code}）；本包将其换为 ${next.name}（${next.code}）`,
                en: `the platform serves ${city.name} (${city.code}); this package replaces it with ${next.name} (${next.code})`,
              },
            ),
          );
        }
        cityChange = diff(city, next, ['code', 'name', 'nameEn']);
        plan('city', 'updated', async ({ trx }) => {
          await store.city.put(next, now, trx);
          return null;
        });
      } else counts.city.unchanged += 1;
    }

    // Districts.
    for (const row of v.districts) {
      const next = row.value;
      const before = districtByCode.get(next.code);
      if (before === undefined) {
        plan('districts', 'created', async ({ trx }) => {
          await store.districts.upsert(next, trx);
          return {
            action: 'district.created',
            actor,
            target: { type: 'district', id: next.code },
            details: { name: next.name, nameEn: next.nameEn, parentCode: next.parentCode ?? null },
            address,
          };
        });
        continue;
      }
      const changes = diff(
        { ...before, parentCode: before.parentCode ?? null, retiredAt: before.retiredAt ?? null },
        { ...next, parentCode: next.parentCode ?? null, retiredAt: null },
        ['name', 'nameEn', 'parentCode', 'retiredAt'],
      );
      if (changes === null) {
        counts.districts.unchanged += 1;
        continue;
      }
      plan('districts', 'updated', async ({ trx }) => {
        await store.districts.upsert(next, trx);
        return {
          action: 'district.updated',
          actor,
          target: { type: 'district', id: next.code },
          details: { changes },
          address,
        };
      });
    }

    // Boundaries.
    for (const row of v.boundaries) {
      const { code, geometry } = row.value;
      const before = boundaryByCode.get(code);
      if (before !== undefined && same(before, geometry)) {
        counts.boundaries.unchanged += 1;
        continue;
      }
      plan('boundaries', before === undefined ? 'created' : 'updated', async ({ trx }) => {
        await store.districts.setBoundary(code, geometry, trx);
        return {
          action: 'district.boundary_changed',
          actor,
          target: { type: 'district', id: code },
          details: { changes: { boundary: { from: fingerprint(before), to: fingerprint(geometry) } } },
          address,
        };
      });
    }

    // Sites (the package lists enterprises before outlets, so parents exist first).
    for (const row of v.sites)
      this.planSite(row, siteByCode, siteCodeById, {
        plan,
        counts,
        actor,
        address,
        now,
        demo: options.demo === true,
      });

    // Devices: a new one needs its password; a known one changes when its site, protocol or password does.
    const devicePlans = await Promise.all(
      v.devices.map(async (row) => {
        const d = row.value;
        const before = deviceByMn.get(d.mn);
        if (before === undefined) return { row, before, passwordChanged: false };
        const passwordChanged =
          d.password !== null && !(await store.devices.passwordMatches(d.mn, d.password));
        return { row, before, passwordChanged };
      }),
    );
    const extraRejections: PackageIssue[] = [];
    for (const { row, before, passwordChanged } of devicePlans) {
      this.planDevice(row, before, passwordChanged, extraRejections, counts, plan, actor, address);
    }

    const allIssues = [...v.issues, ...extraRejections];
    const errors = allIssues.filter((i) => i.severity === 'error');
    const warnings = allIssues.filter((i) => i.severity === 'warning');
    const changed = steps.length > 0;
    const applied = !dryRun && (errors.length === 0 || partial) && changed;
    if (applied) {
      // The package was compared with the store before this transaction: a code another writer
      // created meanwhile surfaces here as a unique violation, and nothing of the package is written.
      await store.db
        .transaction()
        .execute(async (trx) => {
          const ctx: WriteContext = { trx, siteIds: new Map(sites.map((s) => [s.code, s.id])) };
          const events: AuditEvent[] = [];
          // Device rows hash their passwords (scrypt, on the thread pool): written together, audited after.
          const deviceSteps = steps.filter((s) => s.entity === 'devices');
          for (const step of steps.filter((s) => s.entity !== 'devices')) {
            const event = await step.run(ctx);
            if (event !== null) events.push(event);
          }
          const deviceEvents = await Promise.all(deviceSteps.map((s) => s.run(ctx)));
          for (const e of deviceEvents) if (e !== null) events.push(e);
          await this.deps.audit.record(
            {
              action: 'city.imported',
              actor,
              target: { type: 'city', id: v.city?.value.code ?? city?.code ?? '-' },
              details: {
                source: raw.source,
                partial,
                ...(cityChange === null ? {} : { city: cityChange }),
                counts: Object.fromEntries(
                  PACKAGE_ENTITIES.filter((e) => v.present.includes(e)).map((e) => [e, counts[e]]),
                ),
              },
              address,
            },
            trx,
          );
          for (const e of events) await this.deps.audit.record(e, trx);
        })
        .catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
          throw new ConflictError(
            'the master data changed while the package was being imported (a code was created meanwhile); nothing was written: import it again',
          );
        });
    }

    const packageCodes = new Set(v.sites.map((s) => s.value.code));
    const packageDistricts = new Set(v.districts.map((d) => d.value.code));
    const notInPackage = {
      districts: v.present.includes('districts')
        ? districts.filter((d) => (d.retiredAt ?? null) === null && !packageDistricts.has(d.code)).length
        : 0,
      sites: sites.filter(
        (s) => (s.retiredAt ?? null) === null && s.kind !== 'micro_sensor' && !packageCodes.has(s.code),
      ).length,
    };
    return {
      source: raw.source,
      kind: raw.kind,
      lang,
      applied,
      dryRun,
      partial,
      present: v.present,
      entities: counts,
      rejections: errors.map((i) => reportIssue(i, lang)),
      warnings: warnings.map((i) => reportIssue(i, lang)),
      notInPackage,
      notes: notesOf(
        {
          dryRun,
          partial,
          errors: errors.length,
          rejectedRows: Object.values(counts).reduce((n, c) => n + c.rejected, 0),
          changed,
          notInPackage,
        },
        lang,
      ),
    };
  }

  private async read(
    source: string | RawPackage | CityUpload,
    boundariesFile: string | undefined,
  ): Promise<RawPackage> {
    if (typeof source === 'string')
      return readPackage(source, boundariesFile === undefined ? {} : { boundariesFile });
    if ('xlsx' in source) {
      const boundaries =
        source.boundaries === null ? null : { file: BOUNDARIES_FILE, text: source.boundaries };
      return readPackageXlsxBuffer(source.xlsx, source.name, boundaries);
    }
    if ('files' in source) return readPackageFiles(source.files, source.name);
    return source;
  }

  private planSite(
    row: Accepted<PackageSite>,
    siteByCode: ReadonlyMap<string, Site>,
    siteCodeById: ReadonlyMap<number, string>,
    p: {
      plan: (entity: PackageEntity, kind: Step['kind'], run: Step['run']) => void;
      counts: Record<PackageEntity, EntityCounts>;
      actor: AuditActor;
      address: string | null;
      now: Date;
      demo: boolean;
    },
  ): void {
    const { store } = this.deps;
    const s = row.value;
    const entity = row.table;
    const before = siteByCode.get(s.code);
    const parentId = (ctx: WriteContext): number | null => {
      if (s.parentCode === null) return null;
      const id = ctx.siteIds.get(s.parentCode);
      if (id === undefined) throw new Error(`parent ${s.parentCode} of ${s.code} was not written first`);
      return id;
    };
    if (before === undefined) {
      p.plan(entity, 'created', async (ctx) => {
        const created = await store.sites.create(
          {
            kind: s.kind,
            code: s.code,
            name: s.name,
            districtCode: s.districtCode,
            longitude: s.longitude,
            latitude: s.latitude,
            parentId: parentId(ctx),
            attributes: s.attributes,
            demo: p.demo,
          },
          ctx.trx,
        );
        ctx.siteIds.set(created.code, created.id);
        return {
          action: 'site.created',
          actor: p.actor,
          target: { type: 'site', id: created.code },
          details: {
            kind: created.kind,
            name: created.name,
            districtCode: created.districtCode,
            parentId: created.parentId,
            source: 'city import',
          },
          address: p.address,
        };
      });
      return;
    }
    const changes: Changes = {};
    const note = (field: string, from: unknown, to: unknown): void => {
      if (!same(from, to)) changes[field] = { from: from ?? null, to: to ?? null };
    };
    note('name', before.name, s.name);
    note('districtCode', before.districtCode, s.districtCode);
    note('longitude', before.longitude, s.longitude);
    note('latitude', before.latitude, s.latitude);
    note(
      'parent',
      before.parentId === null ? null : (siteCodeById.get(before.parentId) ?? null),
      s.parentCode,
    );
    for (const [key, value] of Object.entries(s.attributes))
      note(`attributes.${key}`, before.attributes[key], value);
    const revive = (before.retiredAt ?? null) !== null;
    if (revive) changes.retiredAt = { from: before.retiredAt?.toISOString() ?? null, to: null };
    if (Object.keys(changes).length === 0) {
      p.counts[entity].unchanged += 1;
      return;
    }
    p.plan(entity, 'updated', async (ctx) => {
      await store.sites.update(
        before.id,
        {
          name: s.name,
          districtCode: s.districtCode,
          longitude: s.longitude,
          latitude: s.latitude,
          parentId: parentId(ctx),
          attributes: { ...before.attributes, ...s.attributes },
        },
        ctx.trx,
      );
      if (revive) await store.sites.setRetired(before.id, null, ctx.trx);
      return {
        action: 'site.updated',
        actor: p.actor,
        target: { type: 'site', id: s.code },
        details: { kind: s.kind, changes, source: 'city import' },
        address: p.address,
      };
    });
  }

  private planDevice(
    row: Accepted<PackageDevice>,
    before: { mn: string; siteCode: string; protocol: string } | undefined,
    passwordChanged: boolean,
    rejections: PackageIssue[],
    counts: Record<PackageEntity, EntityCounts>,
    plan: (entity: PackageEntity, kind: Step['kind'], run: Step['run']) => void,
    actor: AuditActor,
    address: string | null,
  ): void {
    const { store } = this.deps;
    const d = row.value;
    const siteId = (ctx: WriteContext): number => {
      const id = ctx.siteIds.get(d.siteCode);
      if (id === undefined) throw new Error(`site ${d.siteCode} of device ${d.mn} was not written first`);
      return id;
    };
    if (before === undefined) {
      if (d.password === null) {
        counts.devices.rejected += 1;
        rejections.push(
          issue(
            'error',
            'password-required',
            { file: row.file, sheet: row.sheet, line: row.line, column: 'password', value: null },
            {
              zh: `新设备 ${d.mn} 需要密码（已注册的设备才可留空）`,
              en: `new device ${d.mn} needs a password (only a registered device may leave it empty)`,
            },
          ),
        );
        return;
      }
      const password = d.password;
      plan('devices', 'created', async (ctx) => {
        await store.devices.add({ mn: d.mn, password, siteId: siteId(ctx), protocol: d.protocol }, ctx.trx);
        return {
          action: 'device.registered',
          actor,
          target: { type: 'device', id: d.mn },
          details: { siteCode: d.siteCode, protocol: d.protocol, source: 'city import' },
          address,
        };
      });
      return;
    }
    const changes: Changes = {};
    if (before.siteCode !== d.siteCode) changes.site = { from: before.siteCode, to: d.siteCode };
    if (before.protocol !== d.protocol) changes.protocol = { from: before.protocol, to: d.protocol };
    if (Object.keys(changes).length === 0 && !passwordChanged) {
      counts.devices.unchanged += 1;
      return;
    }
    plan('devices', 'updated', async (ctx) => {
      if (Object.keys(changes).length > 0) {
        await store.devices.update(d.mn, { siteId: siteId(ctx), protocol: d.protocol }, ctx.trx);
      }
      if (passwordChanged && d.password !== null) await store.devices.setPassword(d.mn, d.password, ctx.trx);
      return {
        action: Object.keys(changes).length > 0 ? 'device.updated' : 'device.password_changed',
        actor,
        target: { type: 'device', id: d.mn },
        // The audit log never holds a password: only that it changed.
        details: { siteCode: d.siteCode, changes, credentialChanged: passwordChanged, source: 'city import' },
        address,
      };
    });
  }

  /** The master data as a file: the package as XLSX, or one table (or the boundaries) with csv. */
  async exportFile(format: 'xlsx' | 'csv', table: string | undefined): Promise<ExportFile> {
    const stamp = this.deps.clock.now().toISOString().slice(0, 10);
    return packageFile(await this.exportPackage(), format, table, stamp);
  }

  /** The master data in the store, as the tables and boundaries of a package. */
  async exportPackage(): Promise<PackageExport> {
    const { store } = this.deps;
    const [city, districts, boundaries, sites, devices] = await Promise.all([
      store.city.get(),
      store.districts.list(),
      store.districts.boundaries(),
      this.allSites(),
      store.devices.list(),
    ]);
    const inService = sites.filter((s) => (s.retiredAt ?? null) === null);
    const retiredIds = new Set(sites.filter((s) => (s.retiredAt ?? null) !== null).map((s) => s.id));
    return packageTables({
      city,
      districts,
      boundaries,
      sites: inService,
      siteCodeById: new Map(sites.map((s) => [s.id, s.code])),
      devices: devices.filter((d) => !retiredIds.has(d.siteId)),
    });
  }
}

/**
 * The master data as a file to send: the whole package as one XLSX workbook (boundaries.geojson
 * apart), one table as CSV, or the boundaries as GeoJSON.
 */
export async function packageFile(
  pkg: PackageExport,
  format: 'xlsx' | 'csv',
  table: string | undefined,
  stamp: string,
): Promise<ExportFile> {
  if (format === 'xlsx') {
    return {
      body: await packageXlsx(pkg.tables),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: `city-package-${stamp}.xlsx`,
    };
  }
  if (table === 'boundaries') {
    return {
      body: Buffer.from(pkg.boundaries, 'utf8'),
      contentType: 'application/geo+json',
      filename: BOUNDARIES_FILE,
    };
  }
  const t = pkg.tables.find((x) => x.title.en === table);
  if (t === undefined)
    throw new BadInputError(
      `table: name one of ${[...pkg.tables.map((x) => x.title.en), 'boundaries'].join(', ')} with format=csv`,
    );
  return {
    body: Buffer.from(`\uFEFF${tableCsv(t, 'en')}`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: `${t.title.en}.csv`,
  };
}

/** The fields that differ, before → after; null when none do. */
function diff<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Changes | null {
  const changes: Changes = {};
  for (const f of fields) {
    const from = before[f] instanceof Date ? (before[f] as Date).toISOString() : before[f];
    const to = after[f] instanceof Date ? (after[f] as Date).toISOString() : after[f];
    if (!same(from, to)) changes[f] = { from: from ?? null, to: to ?? null };
  }
  return Object.keys(changes).length === 0 ? null : changes;
}

function notesOf(
  r: {
    dryRun: boolean;
    rejectedRows: number;
    partial: boolean;
    errors: number;
    changed: boolean;
    notInPackage: { districts: number; sites: number };
  },
  lang: IssueLang,
): string[] {
  const zh = lang === 'zh';
  const notes: string[] = [];
  if (r.dryRun) notes.push(zh ? '仅检查（dry run）：未写入任何数据。' : 'Dry run: nothing was written.');
  else if (r.errors > 0 && !r.partial) {
    notes.push(
      zh
        ? `有 ${r.errors} 处错误，未写入任何数据；修正后重新导入，或用 --partial 只导入通过检查的行。`
        : `${r.errors} error(s): nothing was written; correct them and import again, or use --partial to import the rows that passed.`,
    );
  } else if (!r.changed)
    notes.push(
      zh ? '数据与系统一致，没有任何变化。' : 'Nothing changed: the store already holds this package.',
    );
  else if (r.errors > 0) {
    notes.push(
      zh
        ? `部分导入：被拒绝的 ${r.rejectedRows} 行未写入，其余已写入。`
        : `Partial import: the ${r.rejectedRows} rejected row(s) were left out, the rest was written.`,
    );
  }
  if (r.notInPackage.sites > 0) {
    notes.push(
      zh
        ? `系统中有 ${r.notInPackage.sites} 个站点不在本包中；导入不会撤销它们（请在管理页面撤销）。`
        : `${r.notInPackage.sites} site(s) in the store are not in the package; an import never retires them (retire them on the admin pages).`,
    );
  }
  if (r.notInPackage.districts > 0) {
    notes.push(
      zh
        ? `系统中有 ${r.notInPackage.districts} 个区县不在本包中；导入不会撤销它们。`
        : `${r.notInPackage.districts} district(s) in the store are not in the package; an import never retires them.`,
    );
  }
  return notes;
}
