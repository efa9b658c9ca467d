/**
 * Hazardous waste from generator to disposer (issue 22, docs/waste.md): the waste roles of
 * enterprise sites, the directory catalogue, storage facilities and ledgers (HJ 1259-2022), electronic
 * transfer manifests (2021 measures) with their append-only events and the stock that moves with
 * them, discrepancies and deadlines on the China holiday calendar, mass balance, city figures and
 * flows, and the zero-waste statistics behind the indicator board.
 *
 * Decides and audits: every change writes its audit entry in the transaction of the change; changes
 * the platform makes by itself (an overdue receipt) are recorded under the system actor. Alarms go
 * through the alarm service (rule ids `waste-*`, kind exceedance, subject the enterprise site).
 *
 * Scoping: an enterprise sees and acts on its own ledgers and on the manifests it is a party to, in
 * the role it holds on each; a district officer sees its district's enterprises and the manifests
 * that touch them; the bureau (admin, supervisor, operator) sees everything. Supervisors do not sign
 * manifests — the parties do.
 */
import type { SiteFinding } from '../alarms/alarm.service.js';
import type { AuditActor, AuditEvent, AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { readCsv } from '../ingest/csv.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { HolidayCalendar, CHINA_HOLIDAYS_2026 } from '../standards/china-holidays.js';
import type { HolidayYear } from '../standards/china-holidays.js';
import { chinaDate, chinaDayStart, chinaMonth, DAY_MS, parseTimeAsChina } from '../standards/china-time.js';
import type { DeclarationKind, GeneratorTier } from '../standards/hj1259-2022.js';
import {
  declarationPeriod,
  declarationsOwed,
  generatorTier,
  latestDuePeriod,
} from '../standards/hj1259-2022.js';
import {
  directoryEditionOn,
  HW_DIRECTORY_2025_SHIPPED,
  hwCodeProblem,
  parseDirectoryCsv,
  parseHwCode,
} from '../standards/hw-directory-2025.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Site, UserRole } from '../store/types.js';
import type {
  CatalogueEntry,
  LedgerKind,
  LedgerRecord,
  ManifestCache,
  ManifestDiscrepancy,
  ManifestEvent,
  ManifestRecord,
  WasteFacility,
  WasteParty,
  WasteRole,
} from '../store/waste.repository.js';
import { ManifestWriteConflictError } from '../store/waste.repository.js';
import type { Transaction } from 'kysely';

export type { WasteParty } from '../store/waste.repository.js';
import type { ManifestParty, ManifestState } from './manifest-machine.js';
import {
  allowedManifestMoves,
  manifestPartiesOf,
  manifestRule,
  MANIFEST_STATES,
  nextManifestStates,
} from './manifest-machine.js';
import type { BalanceLine, StockLine, StorageAge } from './stock.js';
import { massBalance, stockOf, storageAges } from './stock.js';
import type { WasteSettings } from './waste-settings.js';
import { DEFAULT_WASTE_SETTINGS, parseWasteSettings, WASTE_SETTINGS_NAME } from './waste-settings.js';
import type { WasteIndicator, WasteStatInput } from './zero-waste.js';
import { checkStatInput, indicatorsOf } from './zero-waste.js';

/** Who acts: an account (the route builds it from the principal), or the platform. */
export interface WasteCaller {
  username: string;
  role: UserRole | 'system';
  districtCode: string | null;
  enterpriseSiteId: number | null;
  address?: string | null;
}

/** The platform as an actor (overdue receipts found by the timed pass). */
export const SYSTEM_WASTE_CALLER: WasteCaller = {
  username: 'system',
  role: 'system',
  districtCode: null,
  enterpriseSiteId: null,
};

/** Where alarms go (the alarm service's `record`). */
export interface WasteAlarmSink {
  record(finding: SiteFinding, at?: Date): Promise<unknown>;
}

export interface WasteServiceDeps {
  store: Store;
  clock: Clock;
  audit: AuditService;
  alarms: WasteAlarmSink;
}

/** Hand-entered ledger kinds (the others are written by manifests). */
export const HAND_LEDGER_KINDS = [
  'generated',
  'self_utilised',
  'stocktake',
  'correction_in',
  'correction_out',
] as const satisfies readonly LedgerKind[];
export type HandLedgerKind = (typeof HAND_LEDGER_KINDS)[number];

export interface LedgerInput {
  kind: HandLedgerKind;
  /** ISO time (no offset = China time); default now. */
  at?: string | undefined;
  code: string;
  quantityT: number;
  facility?: string | undefined;
  batch?: string | undefined;
  container?: string | undefined;
  handler?: string | undefined;
  note?: string | undefined;
}

export interface ManifestItemInput {
  code: string;
  quantityT: number;
  name?: string | undefined;
  form?: string | undefined;
  hazard?: string | undefined;
  packaging?: string | undefined;
  /** Storage facility code at the consignor the waste leaves from. */
  facility?: string | undefined;
}

export interface CreateManifestInput {
  carrier: string;
  receiver: string;
  items: ManifestItemInput[];
  demo?: boolean | undefined;
}

export interface TransitionInput {
  to: string;
  vehicle?: string | undefined;
  pickedUpAt?: string | undefined;
  received?: { line: number; quantityT: number; code?: string | undefined }[] | undefined;
  reason?: string | undefined;
  method?: string | undefined;
  disposedOn?: string | undefined;
  comment?: string | undefined;
}

/** A manifest as the caller sees it: parties, events, and the moves the caller may make now. */
export interface ManifestView {
  manifest: ManifestRecord;
  parties: Record<ManifestParty, { siteId: number; code: string; name: string; districtCode: string }>;
  events: ManifestEvent[];
  /** The parties the caller holds on it. */
  callerParties: ManifestParty[];
  allowedMoves: ManifestState[];
}

/** One enterprise's waste file. */
export interface WasteFile {
  site: Site;
  roles: WasteParty[];
  tier: GeneratorTier | null;
  declarationsOwed: DeclarationKind[];
  declarations: { kind: string; period: string; filedAt: Date }[];
  facilities: (WasteFacility & { stockKg: number })[];
  stock: StockLine[];
  ages: StorageAge[];
  plan: { code: string; plannedKg: number; filedAt: Date }[];
  balance: BalanceLine[];
  ledger: LedgerRecord[];
  year: number;
}

/** City figures of a year: by category and by district, and the flows between enterprises. */
export interface WasteFigures {
  year: number;
  byCategory: {
    category: string;
    generatedKg: number;
    transferredKg: number;
    utilisedKg: number;
    disposedKg: number;
  }[];
  byDistrict: {
    districtCode: string;
    generatedKg: number;
    transferredKg: number;
    utilisedKg: number;
    disposedKg: number;
  }[];
  flows: {
    from: {
      code: string;
      name: string;
      districtCode: string;
      longitude: number | null;
      latitude: number | null;
    };
    to: {
      code: string;
      name: string;
      districtCode: string;
      longitude: number | null;
      latitude: number | null;
    };
    kg: number;
    manifests: number;
    crossDistrict: boolean;
  }[];
  manifestsByState: Record<string, number>;
}

/** What one timed pass did. */
export interface WastePass {
  overdueReceipts: number;
  findings: number;
}

const BUREAU_ROLES: readonly (UserRole | 'system')[] = ['admin', 'supervisor', 'operator', 'system'];
const MAX_TONNES = 100_000;
const MAX_TEXT = 200;

/** Tonnes from a request as integer kilograms (at most 3 decimals). */
export function kgOf(t: number, field: string): number {
  if (!Number.isFinite(t) || t <= 0 || t > MAX_TONNES) {
    throw new BadInputError(`${field} = ${t}: a quantity in t must be > 0 and ≤ ${MAX_TONNES}`, [
      { field, problem: 'out of range' },
    ]);
  }
  const kg = Math.round(t * 1000);
  if (Math.abs(t * 1000 - kg) > 1e-6) {
    throw new BadInputError(`${field} = ${t}: at most 3 decimals (kg)`, [{ field, problem: 'too precise' }]);
  }
  return kg;
}

function text(v: string | undefined, field: string, fallback = ''): string {
  const s = (v ?? fallback).trim();
  if (s.length > MAX_TEXT)
    throw new BadInputError(`${field}: at most ${MAX_TEXT} characters`, [{ field, problem: 'too long' }]);
  return s;
}

function codeOf(code: string, field: string): string {
  const problem = hwCodeProblem(code);
  if (problem !== null) throw new BadInputError(`${field}: ${problem}`, [{ field, problem }]);
  return code;
}

function timeOf(v: string | undefined, field: string, now: Date): Date {
  if (v === undefined) return now;
  try {
    const at = parseTimeAsChina(v);
    if (at.getTime() > now.getTime() + 5 * 60_000) {
      throw new BadInputError(`${field} = ${v}: in the future`, [{ field, problem: 'in the future' }]);
    }
    return at;
  } catch (err) {
    if (err instanceof BadInputError && err.message.startsWith(field)) throw err;
    throw new BadInputError(`${field} = ${v}: not a time (ISO 8601)`, [{ field, problem: 'not a time' }]);
  }
}

/** Methods whose code starts with R are utilisation (利用), the rest disposal (处置) — a named choice. */
export function isUtilisation(method: string): boolean {
  return /^R/i.test(method);
}

export class WasteService {
  constructor(private readonly deps: WasteServiceDeps) {}

  /** The same service with another clock (the demo loader dates its history). */
  withClock(clock: Clock): WasteService {
    return new WasteService({ ...this.deps, clock });
  }

  private get store(): Store {
    return this.deps.store;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private actorOf(c: WasteCaller): AuditActor {
    return c.role === 'system' ? SYSTEM_ACTOR : { username: c.username, role: c.role };
  }

  private async audit(c: WasteCaller, e: Omit<AuditEvent, 'actor' | 'address'>, trx: Transaction<Database>) {
    await this.deps.audit.record({ ...e, actor: this.actorOf(c), address: c.address ?? null }, trx);
  }

  // ── settings and calendar ────────────────────────────────────────────────

  async settings(): Promise<WasteSettings> {
    const v = await this.store.settings.current(WASTE_SETTINGS_NAME);
    return v === null ? DEFAULT_WASTE_SETTINGS : parseWasteSettings(v.value);
  }

  /** Changes settings (a partial object over the current ones); audited. */
  async changeSettings(c: WasteCaller, value: unknown): Promise<WasteSettings> {
    let next: WasteSettings;
    try {
      next = parseWasteSettings(value, await this.settings());
    } catch (err) {
      throw new BadInputError((err as Error).message);
    }
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.settings.append(
        { name: WASTE_SETTINGS_NAME, value: next, changedBy: c.username, changedAt: this.now() },
        trx,
      );
      await this.audit(c, { action: 'waste.settings_changed', details: { settings: next } }, trx);
    });
    return next;
  }

  /** The holiday calendar: 2026 as shipped, later years as loaded in the settings. */
  async calendar(settings?: WasteSettings): Promise<HolidayCalendar> {
    const s = settings ?? (await this.settings());
    const years: HolidayYear[] = [CHINA_HOLIDAYS_2026, ...s.holidayYears.filter((y) => y.year !== 2026)];
    return new HolidayCalendar(years);
  }

  // ── parties, catalogue, facilities ───────────────────────────────────────

  /** Parties by role (names and codes are not secret: every enterprise picks carriers and receivers). */
  parties(role?: WasteRole): Promise<WasteParty[]> {
    return this.store.waste.parties(role === undefined ? {} : { role });
  }

  private async siteByCode(code: string, field: string): Promise<Site> {
    const site = await this.store.sites.getByCode(code);
    if (site === null || site.kind !== 'enterprise') {
      throw new BadInputError(`${field}: no enterprise with code ${JSON.stringify(code)}`, [
        { field, problem: 'unknown enterprise' },
      ]);
    }
    return site;
  }

  /** Gives an enterprise site a waste role (bureau); audited. */
  async setParty(
    c: WasteCaller,
    input: {
      site: string;
      role: WasteRole;
      permitNo?: string | undefined;
      vehicles?: string[] | undefined;
      licenceCodes?: string[] | undefined;
      licenceMethods?: string[] | undefined;
      annualCapacityT?: number | undefined;
      demo?: boolean | undefined;
    },
  ): Promise<WasteParty> {
    const site = await this.siteByCode(input.site, 'site');
    const licenceCodes = (input.licenceCodes ?? []).map((code, i) => codeOf(code, `licenceCodes[${i}]`));
    if (input.role === 'carrier' && (input.permitNo ?? '').trim() === '') {
      throw new BadInputError('permitNo: a carrier needs its dangerous-goods transport permit', [
        { field: 'permitNo', problem: 'missing' },
      ]);
    }
    if (input.role === 'receiver' && licenceCodes.length === 0) {
      throw new BadInputError('licenceCodes: a receiver’s licence lists the codes it may accept', [
        { field: 'licenceCodes', problem: 'missing' },
      ]);
    }
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.waste.putParty(
        {
          siteId: site.id,
          role: input.role,
          permitNo: input.permitNo?.trim() || null,
          vehicles: (input.vehicles ?? []).map((v, i) => text(v, `vehicles[${i}]`)),
          licenceCodes,
          licenceMethods: (input.licenceMethods ?? []).map((m, i) => text(m, `licenceMethods[${i}]`)),
          annualCapacityKg:
            input.annualCapacityT === undefined ? null : kgOf(input.annualCapacityT, 'annualCapacityT'),
          demo: input.demo ?? false,
          updatedAt: this.now(),
          updatedBy: c.username,
        },
        trx,
      );
      await this.audit(
        c,
        { action: 'waste.party_set', target: { type: 'site', id: site.code }, details: { role: input.role } },
        trx,
      );
    });
    const [party] = await this.store.waste.parties({ siteIds: [site.id], role: input.role });
    if (party === undefined) throw new Error('party just set is missing');
    return party;
  }

  /** The directory in force on a date: the shipped entries, overlaid by the bureau's import. */
  async catalogue(on: Date = this.now()): Promise<CatalogueEntry[]> {
    const edition = directoryEditionOn(chinaDate(on)) ?? '2025';
    const imported = await this.store.waste.catalogue(edition);
    const byCode = new Map<string, CatalogueEntry>();
    if (edition === '2025') {
      for (const e of HW_DIRECTORY_2025_SHIPPED) byCode.set(e.code, { ...e, hazards: [...e.hazards] });
    }
    for (const e of imported) byCode.set(e.code, e);
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Imports the full directory of an edition as CSV (docs/standards/hw-directory-2025.md §3): all
   * lines or none — any bad line refuses the file, naming every bad line. Audited.
   */
  async importCatalogue(c: WasteCaller, edition: string, csv: string): Promise<{ imported: number }> {
    if (edition !== '2021' && edition !== '2025') {
      throw new BadInputError(`edition = ${edition}: 2021 or 2025`, [
        { field: 'edition', problem: 'unknown' },
      ]);
    }
    const lines = parseDirectoryCsv([...readCsv(csv)]);
    const bad = lines.filter((l) => !l.ok);
    if (bad.length > 0 || lines.length === 0) {
      throw new BadInputError(
        lines.length === 0 ? 'the file has no entries' : `${bad.length} line(s) cannot be read`,
        bad.map((l) => (l.ok ? null : { line: l.line, problem: l.problem })),
      );
    }
    const entries = lines.flatMap((l) =>
      l.ok ? [{ ...l.entry, hazards: [...l.entry.hazards], edition, tag: 'text' }] : [],
    );
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.waste.putCatalogue(entries, c.username, this.now(), trx);
      await this.audit(
        c,
        { action: 'waste.catalogue_imported', details: { edition, entries: entries.length } },
        trx,
      );
    });
    return { imported: entries.length };
  }

  /** Whether the caller may see (and, for its own site, act on) an enterprise site's waste records. */
  private maySee(c: WasteCaller, site: Site): boolean {
    if (BUREAU_ROLES.includes(c.role)) return true;
    if (c.role === 'district') return c.districtCode === site.districtCode;
    if (c.role === 'enterprise') return c.enterpriseSiteId === site.id;
    return false;
  }

  /** The site of a code if the caller may see it; another's is "not found". */
  private async visibleSite(c: WasteCaller, code: string): Promise<Site> {
    const site = await this.store.sites.getByCode(code);
    if (site === null || site.kind !== 'enterprise' || !this.maySee(c, site))
      throw new NotFoundError(`enterprise ${code}`);
    return site;
  }

  /** The site of a code if the caller is that enterprise (writes to a ledger are the enterprise's own). */
  private async ownSite(c: WasteCaller, code: string): Promise<Site> {
    const site = await this.visibleSite(c, code);
    if (c.role !== 'enterprise' || c.enterpriseSiteId !== site.id) {
      throw new ForbiddenError(`only ${code} itself keeps its ledger`);
    }
    return site;
  }

  /** Adds a storage facility to the caller's own site; audited. */
  async addFacility(
    c: WasteCaller,
    siteCode: string,
    input: { code: string; name: string; capacityT: number; location: string },
  ): Promise<WasteFacility> {
    const site = await this.ownSite(c, siteCode);
    const code = text(input.code, 'code');
    if (code === '') throw new BadInputError('code: required', [{ field: 'code', problem: 'missing' }]);
    if ((await this.store.waste.facilities(site.id)).some((f) => f.code === code)) {
      throw new ConflictError(`facility ${code} exists already`);
    }
    return this.store.db.transaction().execute(async (trx) => {
      const f = await this.store.waste.addFacility(
        {
          siteId: site.id,
          code,
          name: text(input.name, 'name'),
          capacityKg: kgOf(input.capacityT, 'capacityT'),
          location: text(input.location, 'location'),
        },
        trx,
      );
      await this.audit(
        c,
        { action: 'waste.facility_added', target: { type: 'site', id: site.code }, details: { code } },
        trx,
      );
      return f;
    });
  }

  // ── ledger ───────────────────────────────────────────────────────────────

  /** Records a ledger entry of the caller's own site (per container or package, HJ 1259-2022); audited. */
  async recordLedger(
    c: WasteCaller,
    siteCode: string,
    input: LedgerInput,
    demo = false,
  ): Promise<LedgerRecord> {
    const site = await this.ownSite(c, siteCode);
    const roles = await this.store.waste.parties({ siteIds: [site.id] });
    if (input.kind === 'generated' && !roles.some((r) => r.role === 'generator')) {
      throw new ForbiddenError(`${site.code} holds no generator role`);
    }
    const code = codeOf(input.code, 'code');
    const quantityKg = kgOf(input.quantityT, 'quantityT');
    const at = timeOf(input.at, 'at', this.now());
    const facilities = await this.store.waste.facilities(site.id);
    let facilityId: number | null = null;
    if (input.facility !== undefined) {
      const f = facilities.find((x) => x.code === input.facility);
      if (f === undefined) {
        throw new BadInputError(`facility: ${site.code} has no facility ${input.facility}`, [
          { field: 'facility', problem: 'unknown' },
        ]);
      }
      facilityId = f.id;
    }
    const note = text(input.note, 'note');
    if ((input.kind === 'correction_in' || input.kind === 'correction_out') && note === '') {
      throw new BadInputError('note: a correction says why', [{ field: 'note', problem: 'missing' }]);
    }
    if (input.kind === 'self_utilised' || input.kind === 'correction_out') {
      const held = stockOf(await this.store.waste.ledger(site.id))
        .filter((l) => l.code === code)
        .reduce((s, l) => s + l.kg, 0);
      if (held < quantityKg) {
        throw new BadInputError(`quantityT: ${site.code} holds ${held / 1000} t of ${code}`, [
          { field: 'quantityT', problem: 'more than in stock' },
        ]);
      }
    }
    return this.store.db.transaction().execute(async (trx) => {
      const [rec] = await this.store.waste.appendLedger(
        [
          {
            siteId: site.id,
            kind: input.kind,
            at,
            code,
            quantityKg,
            facilityId,
            batch: text(input.batch, 'batch'),
            container: text(input.container, 'container'),
            handler: text(input.handler, 'handler', c.username),
            manifestId: null,
            note,
            recordedAt: this.now(),
            recordedBy: c.username,
            demo,
          },
        ],
        trx,
      );
      if (rec === undefined) throw new Error('ledger record not stored');
      await this.audit(
        c,
        {
          action: 'waste.ledger_recorded',
          target: { type: 'site', id: site.code },
          details: { kind: input.kind, code, quantityKg },
        },
        trx,
      );
      return rec;
    });
  }

  /** Files (or re-files) the annual plan's quantity of a code; audited. */
  async filePlan(
    c: WasteCaller,
    siteCode: string,
    year: number,
    lines: { code: string; quantityT: number }[],
  ): Promise<void> {
    const site = await this.ownSite(c, siteCode);
    const checked = lines.map((l, i) => ({
      code: codeOf(l.code, `lines[${i}].code`),
      kg: kgOf(l.quantityT, `lines[${i}].quantityT`),
    }));
    await this.store.db.transaction().execute(async (trx) => {
      for (const l of checked) {
        await this.store.waste.filePlan(
          { siteId: site.id, year, code: l.code, plannedKg: l.kg, filedAt: this.now(), filedBy: c.username },
          trx,
        );
      }
      await this.audit(
        c,
        {
          action: 'waste.plan_filed',
          target: { type: 'site', id: site.code },
          details: { year, lines: checked.length },
        },
        trx,
      );
    });
  }

  /** Records a declaration as filed; audited. */
  async fileDeclaration(
    c: WasteCaller,
    siteCode: string,
    kind: DeclarationKind,
    period: string,
  ): Promise<void> {
    const site = await this.ownSite(c, siteCode);
    try {
      declarationPeriod(kind, period);
    } catch (err) {
      throw new BadInputError((err as Error).message, [{ field: 'period', problem: 'malformed' }]);
    }
    await this.store.db.transaction().execute(async (trx) => {
      const added = await this.store.waste.fileDeclaration(
        { siteId: site.id, kind, period, filedAt: this.now(), filedBy: c.username },
        trx,
      );
      if (!added) throw new ConflictError(`the ${kind} declaration of ${period} is filed already`);
      await this.audit(
        c,
        {
          action: 'waste.declaration_filed',
          target: { type: 'site', id: site.code },
          details: { kind, period },
        },
        trx,
      );
    });
  }

  /** The tier of a generator from last year's generated quantity (or this year's plan, whichever is larger). */
  private async tierOf(
    siteId: number,
    year: number,
    roles: WasteParty[],
    ledger: LedgerRecord[],
  ): Promise<GeneratorTier | null> {
    if (!roles.some((r) => r.role === 'generator')) return null;
    const from = chinaDayStart(`${year - 1}-01-01`).getTime();
    const to = chinaDayStart(`${year}-01-01`).getTime();
    const generated = ledger
      .filter((r) => r.kind === 'generated' && r.at.getTime() >= from && r.at.getTime() < to)
      .reduce((s, r) => s + r.quantityKg, 0);
    const planned = (await this.store.waste.plan(siteId, year)).reduce((s, p) => s + p.plannedKg, 0);
    return generatorTier({
      annualKg: Math.max(generated, planned),
      licensed: roles.some((r) => r.role === 'receiver'),
    });
  }

  /** An enterprise's waste file for a year (China-local calendar year). */
  async wasteFile(c: WasteCaller, siteCode: string, year: number): Promise<WasteFile> {
    const site = await this.visibleSite(c, siteCode);
    const [roles, facilities, ledger, plan, declarations] = await Promise.all([
      this.store.waste.parties({ siteIds: [site.id] }),
      this.store.waste.facilities(site.id),
      this.store.waste.ledger(site.id),
      this.store.waste.plan(site.id, year),
      this.store.waste.declarations(site.id),
    ]);
    const stock = stockOf(ledger);
    const tier = await this.tierOf(site.id, year, roles, ledger);
    return {
      site,
      roles,
      tier,
      declarationsOwed: tier === null ? [] : declarationsOwed(tier),
      declarations,
      facilities: facilities.map((f) => ({
        ...f,
        stockKg: stock.filter((l) => l.facilityId === f.id).reduce((s, l) => s + l.kg, 0),
      })),
      stock,
      ages: storageAges(ledger).filter((a) => a.stockKg > 0),
      plan,
      balance: massBalance(ledger, chinaDayStart(`${year}-01-01`), chinaDayStart(`${year + 1}-01-01`)),
      ledger: ledger.slice(-200).reverse(),
      year,
    };
  }

  // ── manifests ────────────────────────────────────────────────────────────

  /**
   * Creates a manifest in `draft` (the caller's enterprise is the consignor): 14-digit number =
   * year (4) + province (2) + city (2) of the consignor's district code + serial (6) [unverified
   * layout, docs/waste.md §3]. Audited.
   */
  async createManifest(c: WasteCaller, input: CreateManifestInput): Promise<ManifestRecord> {
    if (c.role !== 'enterprise' || c.enterpriseSiteId === null) {
      throw new ForbiddenError('only an enterprise (the consignor) fills in a manifest');
    }
    const consignor = await this.store.sites.getById(c.enterpriseSiteId);
    if (consignor === null) throw new NotFoundError('your enterprise');
    const carrier = await this.siteByCode(input.carrier, 'carrier');
    const receiver = await this.siteByCode(input.receiver, 'receiver');
    const roles = await this.store.waste.parties({ siteIds: [consignor.id, carrier.id, receiver.id] });
    const holds = (siteId: number, role: WasteRole) =>
      roles.some((r) => r.siteId === siteId && r.role === role);
    if (!holds(consignor.id, 'generator'))
      throw new ForbiddenError(`${consignor.code} holds no generator role`);
    if (!holds(carrier.id, 'carrier')) {
      throw new BadInputError(`carrier: ${carrier.code} is not a registered carrier`, [
        { field: 'carrier', problem: 'not a carrier' },
      ]);
    }
    if (!holds(receiver.id, 'receiver')) {
      throw new BadInputError(`receiver: ${receiver.code} is not a licensed receiver`, [
        { field: 'receiver', problem: 'not a receiver' },
      ]);
    }
    if (input.items.length === 0 || input.items.length > 50) {
      throw new BadInputError('items: 1–50 lines', [{ field: 'items', problem: 'count' }]);
    }
    const catalogue = new Map((await this.catalogue()).map((e) => [e.code, e]));
    const facilities = await this.store.waste.facilities(consignor.id);
    const items = input.items.map((it, i) => {
      const code = codeOf(it.code, `items[${i}].code`);
      const entry = catalogue.get(code);
      let facilityId: number | null = null;
      if (it.facility !== undefined) {
        const f = facilities.find((x) => x.code === it.facility);
        if (f === undefined) {
          throw new BadInputError(`items[${i}].facility: no facility ${it.facility}`, [
            { field: `items[${i}].facility`, problem: 'unknown' },
          ]);
        }
        facilityId = f.id;
      }
      return {
        line: i + 1,
        code,
        name: text(it.name, `items[${i}].name`, entry?.name ?? parseHwCode(code).category),
        form: text(it.form, `items[${i}].form`),
        hazard: text(it.hazard, `items[${i}].hazard`, entry?.hazards.join('/') ?? ''),
        packaging: text(it.packaging, `items[${i}].packaging`),
        quantityKg: kgOf(it.quantityT, `items[${i}].quantityT`),
        facilityId,
      };
    });
    const now = this.now();
    const prefix = `${chinaDate(now).slice(0, 4)}${consignor.districtCode.slice(0, 4)}`;
    const id = await this.store.db.transaction().execute(async (trx) => {
      const last = await this.store.waste.lastManifestNumber(prefix, trx);
      const serial = last === null ? 1 : Number(last.slice(8)) + 1;
      if (serial > 999_999) throw new ConflictError(`the serials of ${prefix} are used up`);
      const number = `${prefix}${String(serial).padStart(6, '0')}`;
      const first: ManifestEvent = {
        seq: 1,
        kind: 'created',
        fromState: null,
        toState: 'draft',
        actor: c.username,
        actorRole: c.role,
        at: now,
        comment: '',
        data: { consignor: consignor.code, carrier: carrier.code, receiver: receiver.code },
      };
      const manifestId = await this.store.waste.createManifest(
        {
          number,
          consignorSiteId: consignor.id,
          carrierSiteId: carrier.id,
          receiverSiteId: receiver.id,
          createdAt: now,
          createdBy: c.username,
          demo: input.demo ?? false,
        },
        items,
        first,
        emptyCache(now),
        trx,
      );
      await this.audit(
        c,
        {
          action: 'waste.manifest_created',
          target: { type: 'manifest', id: number },
          details: { items: items.length },
        },
        trx,
      );
      return manifestId;
    });
    return this.requireManifest(id);
  }

  private async requireManifest(id: number): Promise<ManifestRecord> {
    const m = await this.store.waste.manifest(id);
    if (m === null) throw new NotFoundError(`manifest ${id}`);
    return m;
  }

  /** Whether the caller may see a manifest: a party, the district of a party, or the bureau. */
  private async mayViewManifest(c: WasteCaller, m: ManifestRecord): Promise<boolean> {
    if (BUREAU_ROLES.includes(c.role)) return true;
    if (c.role === 'enterprise') return manifestPartiesOf(c.enterpriseSiteId, m).length > 0;
    if (c.role === 'district') {
      for (const id of [m.consignorSiteId, m.carrierSiteId, m.receiverSiteId]) {
        const s = await this.store.sites.getById(id);
        if (s !== null && s.districtCode === c.districtCode) return true;
      }
    }
    return false;
  }

  /** One manifest with its parties, timeline and the caller's moves; another's is "not found". */
  async manifest(c: WasteCaller, id: number): Promise<ManifestView> {
    const m = await this.store.waste.manifest(id);
    if (m === null || !(await this.mayViewManifest(c, m))) throw new NotFoundError(`manifest ${id}`);
    return this.viewOf(c, m);
  }

  private async viewOf(c: WasteCaller, m: ManifestRecord): Promise<ManifestView> {
    const party = async (siteId: number) => {
      const s = await this.store.sites.getById(siteId);
      return {
        siteId,
        code: s?.code ?? String(siteId),
        name: s?.name ?? '',
        districtCode: s?.districtCode ?? '',
      };
    };
    const siteId = c.role === 'enterprise' ? c.enterpriseSiteId : null;
    return {
      manifest: m,
      parties: {
        consignor: await party(m.consignorSiteId),
        carrier: await party(m.carrierSiteId),
        receiver: await party(m.receiverSiteId),
      },
      events: await this.store.waste.manifestEvents(m.id),
      callerParties: manifestPartiesOf(siteId, m),
      allowedMoves: allowedManifestMoves(m.state as ManifestState, siteId, m),
    };
  }

  /** Manifests the caller may see, newest first. */
  async manifests(
    c: WasteCaller,
    f: { state?: string | undefined; site?: string | undefined; limit: number; offset: number },
  ): Promise<{ items: ManifestView[]; total: number }> {
    let partySiteIds: number[] | undefined;
    let districtCode: string | undefined;
    if (c.role === 'enterprise') partySiteIds = c.enterpriseSiteId === null ? [] : [c.enterpriseSiteId];
    else if (c.role === 'district') districtCode = c.districtCode ?? '\u0000';
    if (f.site !== undefined) {
      const s = await this.store.sites.getByCode(f.site);
      const wanted = s === null ? [] : [s.id];
      partySiteIds = partySiteIds === undefined ? wanted : partySiteIds.filter((x) => wanted.includes(x));
    }
    const page = await this.store.waste.manifests({
      partySiteIds,
      districtCode,
      state: f.state,
      limit: f.limit,
      offset: f.offset,
    });
    const items: ManifestView[] = [];
    for (const m of page.items) items.push(await this.viewOf(c, m));
    return { items, total: page.total };
  }

  /**
   * Moves a manifest (docs/waste.md §3 table). An illegal move is a 409 naming the allowed states; a
   * legal move by a party that does not hold the step's role is a 403. Stock moves with the manifest:
   * out of the consignor's stock at pickup, into the receiver's at receipt, back to the consignor on
   * refusal, out of the receiver's at utilisation or disposal. Every step is an append-only event and
   * an audit entry in one transaction; discrepancies raise `waste-manifest` alarms after it commits.
   */
  async transition(c: WasteCaller, id: number, input: TransitionInput): Promise<ManifestView> {
    const m = await this.store.waste.manifest(id);
    if (m === null || !(await this.mayViewManifest(c, m))) throw new NotFoundError(`manifest ${id}`);
    const from = m.state as ManifestState;
    if (!(MANIFEST_STATES as readonly string[]).includes(input.to)) {
      throw new BadInputError(`to = ${input.to}: one of ${MANIFEST_STATES.join(', ')}`, [
        { field: 'to', problem: 'unknown state' },
      ]);
    }
    const to = input.to as ManifestState;
    const rule = manifestRule(from, to);
    if (rule === undefined) {
      const allowed = nextManifestStates(from);
      throw new ConflictError(
        `a manifest ${from} cannot move to ${to}; allowed: ${allowed.length === 0 ? 'none (final)' : allowed.join(', ')}`,
        { state: from, allowed },
      );
    }
    const siteId = c.role === 'enterprise' ? c.enterpriseSiteId : null;
    if (!manifestPartiesOf(siteId, m).includes(rule.by)) {
      throw new ForbiddenError(`only the ${rule.by} of manifest ${m.number} may ${rule.action}`, {
        party: rule.by,
      });
    }
    const now = this.now();
    const settings = await this.settings();
    const cache: ManifestCache = { ...cacheOf(m), state: to, lastSeq: m.lastSeq + 1, updatedAt: now };
    const ledger: Parameters<Store['waste']['appendLedger']>[0][number][] = [];
    const data: Record<string, unknown> = {};
    const findings: SiteFinding[] = [];
    const base = (
      siteIdOf: number,
      kind: LedgerKind,
      at: Date,
      code: string,
      kg: number,
      facilityId: number | null,
    ) => ({
      siteId: siteIdOf,
      kind,
      at,
      code,
      quantityKg: kg,
      facilityId,
      batch: m.number,
      container: '',
      handler: c.username,
      manifestId: m.id,
      note: `manifest ${m.number}`,
      recordedAt: now,
      recordedBy: c.username,
      demo: m.demo,
    });
    let received: { line: number; receivedKg: number; receivedCode: string }[] = [];
    switch (to) {
      case 'submitted':
        await this.checkSubmission(m);
        break;
      case 'void':
      case 'rejected': {
        const reason = text(input.reason, 'reason');
        if (reason === '')
          throw new BadInputError('reason: required', [{ field: 'reason', problem: 'missing' }]);
        data.reason = reason;
        if (to === 'rejected') {
          for (const it of m.items)
            ledger.push(base(m.consignorSiteId, 'returned', now, it.code, it.quantityKg, it.facilityId));
        }
        break;
      }
      case 'in_transit': {
        const carrier = (await this.store.waste.parties({ siteIds: [m.carrierSiteId], role: 'carrier' }))[0];
        const vehicle = text(input.vehicle, 'vehicle');
        if (vehicle === '' || carrier === undefined || !carrier.vehicles.includes(vehicle)) {
          throw new BadInputError(`vehicle: ${JSON.stringify(vehicle)} is not a vehicle of the carrier`, [
            { field: 'vehicle', problem: 'unknown vehicle' },
          ]);
        }
        const pickedUpAt = timeOf(input.pickedUpAt, 'pickedUpAt', now);
        const held = stockOf(await this.store.waste.ledger(m.consignorSiteId));
        for (const [i, it] of m.items.entries()) {
          const kg = held.filter((l) => l.code === it.code).reduce((s, l) => s + l.kg, 0);
          if (kg < it.quantityKg) {
            throw new ConflictError(
              `items[${i}]: the consignor holds ${kg / 1000} t of ${it.code}, the manifest ships ${it.quantityKg / 1000} t`,
            );
          }
          ledger.push(base(m.consignorSiteId, 'shipped', pickedUpAt, it.code, it.quantityKg, it.facilityId));
        }
        const calendar = await this.calendar(settings);
        cache.vehicle = vehicle;
        cache.pickedUpAt = pickedUpAt;
        cache.receiptDueAt = calendar.addWorkingDays(pickedUpAt, settings.receiptWorkingDays);
        Object.assign(data, {
          vehicle,
          pickedUpAt: pickedUpAt.toISOString(),
          receiptDueAt: cache.receiptDueAt.toISOString(),
        });
        break;
      }
      case 'received': {
        const lines = input.received ?? [];
        received = m.items.map((it) => {
          const r = lines.find((l) => l.line === it.line);
          if (r === undefined) {
            throw new BadInputError(`received: line ${it.line} has no received quantity`, [
              { field: 'received', problem: `line ${it.line} missing` },
            ]);
          }
          return {
            line: it.line,
            receivedKg: kgOf(r.quantityT, `received[line ${it.line}].quantityT`),
            receivedCode: r.code === undefined ? it.code : codeOf(r.code, `received[line ${it.line}].code`),
          };
        });
        const extra = lines.find((l) => !m.items.some((it) => it.line === l.line));
        if (extra !== undefined) {
          throw new BadInputError(`received: the manifest has no line ${extra.line}`, [
            { field: 'received', problem: 'unknown line' },
          ]);
        }
        cache.receivedAt = now;
        const found = receiptDiscrepancies(m, received, settings.quantityTolerancePct, now);
        if (
          m.receiptDueAt !== null &&
          now.getTime() > m.receiptDueAt.getTime() &&
          !m.discrepancies.some((d) => d.kind === 'receipt_overdue')
        ) {
          found.push({
            kind: 'receipt_overdue',
            line: null,
            detail: `receipt confirmed after ${m.receiptDueAt.toISOString()}`,
            at: now.toISOString(),
          });
        }
        cache.discrepancies = [...m.discrepancies, ...found];
        for (const r of received)
          ledger.push(base(m.receiverSiteId, 'received', now, r.receivedCode, r.receivedKg, null));
        data.received = received;
        if (found.length > 0) {
          data.discrepancies = found;
          findings.push(...found.map((d) => this.manifestFinding(m, d, now)));
        }
        break;
      }
      case 'disposed': {
        const method = text(input.method, 'method');
        const receiver = (
          await this.store.waste.parties({ siteIds: [m.receiverSiteId], role: 'receiver' })
        )[0];
        if (
          method === '' ||
          (receiver !== undefined &&
            receiver.licenceMethods.length > 0 &&
            !receiver.licenceMethods.includes(method))
        ) {
          throw new BadInputError(
            `method: ${JSON.stringify(method)} is not a method of the receiver's licence`,
            [{ field: 'method', problem: 'not licensed' }],
          );
        }
        if (input.disposedOn === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(input.disposedOn)) {
          throw new BadInputError('disposedOn: a date YYYY-MM-DD', [
            { field: 'disposedOn', problem: 'missing' },
          ]);
        }
        const disposedAt = chinaDayStart(input.disposedOn);
        if (m.receivedAt !== null && disposedAt.getTime() + DAY_MS <= m.receivedAt.getTime()) {
          throw new BadInputError('disposedOn: before the receipt', [
            { field: 'disposedOn', problem: 'before receipt' },
          ]);
        }
        if (disposedAt.getTime() > now.getTime()) {
          throw new BadInputError('disposedOn: in the future', [
            { field: 'disposedOn', problem: 'in the future' },
          ]);
        }
        cache.method = method;
        cache.disposedAt = disposedAt;
        const kind: LedgerKind = isUtilisation(method) ? 'utilised' : 'disposed';
        const at = new Date(Math.max(disposedAt.getTime(), m.receivedAt?.getTime() ?? 0));
        for (const it of m.items) {
          ledger.push(
            base(
              m.receiverSiteId,
              kind,
              at,
              it.receivedCode ?? it.code,
              it.receivedKg ?? it.quantityKg,
              null,
            ),
          );
        }
        Object.assign(data, { method, disposedOn: input.disposedOn });
        break;
      }
      case 'draft':
        throw new Error('no move leads back to draft');
      default: {
        const impossible: never = to;
        throw new Error(`unknown manifest state ${String(impossible)}`);
      }
    }
    const comment = text(input.comment, 'comment');
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.waste.appendManifestEvent(
        m.id,
        m.lastSeq,
        {
          seq: m.lastSeq + 1,
          kind: 'transition',
          fromState: from,
          toState: to,
          actor: c.username,
          actorRole: c.role,
          at: now,
          comment,
          data,
        },
        cache,
        trx,
      );
      if (received.length > 0) await this.store.waste.setReceived(m.id, received, trx);
      await this.store.waste.appendLedger(ledger, trx);
      await this.audit(
        c,
        {
          action: 'waste.manifest_transition',
          target: { type: 'manifest', id: m.number },
          details: { from, to },
        },
        trx,
      );
    });
    for (const f of findings) await this.deps.alarms.record(f, now);
    return this.viewOf(c, await this.requireManifest(m.id));
  }

  /** Submission checks (2021 measures: the consignor verifies the parties' qualifications). */
  private async checkSubmission(m: ManifestRecord): Promise<void> {
    const [receiver] = await this.store.waste.parties({ siteIds: [m.receiverSiteId], role: 'receiver' });
    const [carrier] = await this.store.waste.parties({ siteIds: [m.carrierSiteId], role: 'carrier' });
    if (carrier === undefined || carrier.permitNo === null) {
      throw new ConflictError('the carrier holds no dangerous-goods transport permit', { field: 'carrier' });
    }
    const uncovered = m.items.filter(
      (it) => receiver === undefined || !receiver.licenceCodes.includes(it.code),
    );
    if (uncovered.length > 0) {
      throw new ConflictError(
        `the receiver's licence does not cover ${uncovered.map((it) => it.code).join(', ')}`,
        uncovered.map((it) => ({ field: `items[${it.line - 1}].code`, problem: 'not licensed' })),
      );
    }
  }

  private manifestFinding(m: ManifestRecord, d: ManifestDiscrepancy, at: Date): SiteFinding {
    // Overdue receipt: the receiver failed to confirm; a quantity or code difference: on the consignor's load.
    const siteId = d.kind === 'receipt_overdue' ? m.receiverSiteId : m.consignorSiteId;
    const zh = {
      quantity: '接收量与转移量不符',
      code: '接收废物代码与联单不符',
      receipt_overdue: '逾期未确认接收',
    }[d.kind];
    const en = {
      quantity: 'received quantity differs',
      code: 'received waste code differs',
      receipt_overdue: 'receipt not confirmed in time',
    }[d.kind];
    return {
      rule: 'waste-manifest',
      severity: d.kind === 'code' ? 'critical' : 'warning',
      siteId,
      parameter: `manifest:${m.number}`,
      window: { from: m.pickedUpAt ?? m.createdAt, to: at },
      values: [{ at, value: null, note: d.detail }],
      message: {
        zh: `联单 ${m.number}：${zh}（${d.detail}）`,
        en: `Manifest ${m.number}: ${en} (${d.detail})`,
      },
    };
  }

  // ── the timed pass ───────────────────────────────────────────────────────

  /**
   * One pass over the deadlines and limits (docs/waste.md §5): receipts overdue (a discrepancy event
   * by the system and an alarm), storage time and capacity, stocktake gaps and generation far from
   * plan, declarations overdue. Keeps no state: a second pass finds the same open alarms.
   */
  async evaluate(): Promise<WastePass> {
    const now = this.now();
    const settings = await this.settings();
    let overdueReceipts = 0;
    const findings: SiteFinding[] = [];
    for (const m of await this.store.waste.receiptsOverdue(now)) {
      const d: ManifestDiscrepancy = {
        kind: 'receipt_overdue',
        line: null,
        detail: `no receipt by ${chinaDate(m.receiptDueAt ?? now)}`,
        at: now.toISOString(),
      };
      try {
        await this.store.db.transaction().execute(async (trx) => {
          await this.store.waste.appendManifestEvent(
            m.id,
            m.lastSeq,
            {
              seq: m.lastSeq + 1,
              kind: 'discrepancy',
              fromState: null,
              toState: null,
              actor: 'system',
              actorRole: 'system',
              at: now,
              comment: d.detail,
              data: { discrepancy: d },
            },
            { ...cacheOf(m), lastSeq: m.lastSeq + 1, discrepancies: [...m.discrepancies, d], updatedAt: now },
            trx,
          );
          await this.audit(
            SYSTEM_WASTE_CALLER,
            {
              action: 'waste.manifest_discrepancy',
              target: { type: 'manifest', id: m.number },
              details: { kind: d.kind },
            },
            trx,
          );
        });
      } catch (err) {
        // Another process flagged it meanwhile: its alarm is already on the way.
        if (err instanceof ManifestWriteConflictError) continue;
        throw err;
      }
      overdueReceipts += 1;
      findings.push(this.manifestFinding(m, d, now));
    }
    const year = Number(chinaDate(now).slice(0, 4));
    for (const siteId of await this.store.waste.ledgerSites()) {
      const [roles, ledger, facilities] = await Promise.all([
        this.store.waste.parties({ siteIds: [siteId] }),
        this.store.waste.ledger(siteId),
        this.store.waste.facilities(siteId),
      ]);
      findings.push(...storageFindings(siteId, roles, ledger, facilities, settings, now));
      findings.push(...balanceFindings(siteId, ledger, settings, now));
      const plan = await this.store.waste.plan(siteId, year);
      findings.push(...planFindings(siteId, ledger, plan, settings, now));
      const tier = await this.tierOf(siteId, year, roles, ledger);
      if (tier !== null) {
        const filed = await this.store.waste.declarations(siteId);
        findings.push(...declarationFindings(siteId, tier, filed, now));
      }
    }
    for (const f of findings) await this.deps.alarms.record(f, now);
    return { overdueReceipts, findings: findings.length };
  }

  // ── city figures ─────────────────────────────────────────────────────────

  /** City figures of a year, scoped: a district sees its district's enterprises, the bureau all. */
  async figures(c: WasteCaller, year: number): Promise<WasteFigures> {
    const from = chinaDayStart(`${year}-01-01`);
    const to = chinaDayStart(`${year + 1}-01-01`);
    const totals = await this.store.waste.ledgerTotals({ from, to });
    const sites = new Map<number, Site>();
    const siteOf = async (id: number): Promise<Site | null> => {
      if (!sites.has(id)) {
        const s = await this.store.sites.getById(id);
        if (s !== null) sites.set(id, s);
      }
      return sites.get(id) ?? null;
    };
    const inScope = (s: Site | null): boolean =>
      s !== null &&
      (c.role !== 'district' || s.districtCode === c.districtCode) &&
      (c.role !== 'enterprise' || s.id === c.enterpriseSiteId);
    type Row = { generatedKg: number; transferredKg: number; utilisedKg: number; disposedKg: number };
    const empty = (): Row => ({ generatedKg: 0, transferredKg: 0, utilisedKg: 0, disposedKg: 0 });
    const byCategory = new Map<string, Row>();
    const byDistrict = new Map<string, Row>();
    const field: Partial<Record<LedgerKind, keyof Row>> = {
      generated: 'generatedKg',
      shipped: 'transferredKg',
      utilised: 'utilisedKg',
      self_utilised: 'utilisedKg',
      disposed: 'disposedKg',
    };
    for (const t of totals) {
      const f = field[t.kind];
      const s = await siteOf(t.siteId);
      if (f === undefined || !inScope(s) || s === null) continue;
      const cat = parseHwCode(t.code).category;
      const rc = byCategory.get(cat) ?? empty();
      rc[f] += t.kg;
      byCategory.set(cat, rc);
      const rd = byDistrict.get(s.districtCode) ?? empty();
      rd[f] += t.kg;
      byDistrict.set(s.districtCode, rd);
    }
    const flows = new Map<string, WasteFigures['flows'][number]>();
    const manifestsByState: Record<string, number> = {};
    const page = await this.store.waste.manifests({ limit: 100_000, offset: 0 });
    for (const m of page.items) {
      if (m.createdAt.getTime() < from.getTime() || m.createdAt.getTime() >= to.getTime()) continue;
      const a = await siteOf(m.consignorSiteId);
      const b = await siteOf(m.receiverSiteId);
      if (a === null || b === null || (!inScope(a) && !inScope(b))) continue;
      manifestsByState[m.state] = (manifestsByState[m.state] ?? 0) + 1;
      if (m.pickedUpAt === null || m.state === 'rejected') continue;
      const key = `${a.id}>${b.id}`;
      const point = (s: Site) => ({
        code: s.code,
        name: s.name,
        districtCode: s.districtCode,
        longitude: s.longitude,
        latitude: s.latitude,
      });
      const flow = flows.get(key) ?? {
        from: point(a),
        to: point(b),
        kg: 0,
        manifests: 0,
        crossDistrict: a.districtCode !== b.districtCode,
      };
      flow.kg += m.items.reduce((s, it) => s + (it.receivedKg ?? it.quantityKg), 0);
      flow.manifests += 1;
      flows.set(key, flow);
    }
    return {
      year,
      byCategory: [...byCategory.entries()]
        .map(([category, r]) => ({ category, ...r }))
        .sort((x, y) => x.category.localeCompare(y.category)),
      byDistrict: [...byDistrict.entries()]
        .map(([districtCode, r]) => ({ districtCode, ...r }))
        .sort((x, y) => x.districtCode.localeCompare(y.districtCode)),
      flows: [...flows.values()].sort((x, y) => y.kg - x.kg),
      manifestsByState,
    };
  }

  // ── zero-waste statistics ────────────────────────────────────────────────

  /** Enters monthly statistics (city or a district); audited. */
  async enterStats(c: WasteCaller, rows: WasteStatInput[]): Promise<number> {
    const checked = rows.map((r, i) => checkStatInput(r, `rows[${i}]`));
    const now = this.now();
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.waste.enterStats(
        checked.map((r) => ({ ...r, enteredAt: now, enteredBy: c.username })),
        trx,
      );
      await this.audit(c, { action: 'waste.stats_entered', details: { rows: checked.length } }, trx);
    });
    return checked.length;
  }

  /**
   * The zero-waste indicators of a year for the indicator board (docs/waste.md §8): `scope` is
   * `city` or a district code; `code` picks one indicator. Entered statistics plus the hazardous-waste
   * utilisation share computed from the ledgers.
   */
  async indicators(year: number, scope = 'city', code?: string): Promise<WasteIndicator[]> {
    const stats = await this.store.waste.stats(scope, `${year}-01`, `${year}-12`);
    const totals = await this.store.waste.ledgerTotals({
      from: chinaDayStart(`${year}-01-01`),
      to: chinaDayStart(`${year + 1}-01-01`),
    });
    let utilised = 0;
    let disposed = 0;
    let asOf: Date | null = null;
    for (const t of totals) {
      if (scope !== 'city') {
        const s = await this.store.sites.getById(t.siteId);
        if (s?.districtCode !== scope) continue;
      }
      if (t.kind === 'utilised' || t.kind === 'self_utilised') utilised += t.kg;
      if (t.kind === 'disposed') disposed += t.kg;
    }
    if (totals.length > 0) asOf = this.now();
    const out = indicatorsOf(stats, { utilisedKg: utilised, disposedKg: disposed, asOf });
    return code === undefined ? out : out.filter((i) => i.key === code);
  }
}

function emptyCache(now: Date): ManifestCache {
  return {
    state: 'draft',
    lastSeq: 1,
    vehicle: null,
    pickedUpAt: null,
    receiptDueAt: null,
    receivedAt: null,
    disposedAt: null,
    method: null,
    discrepancies: [],
    updatedAt: now,
  };
}

function cacheOf(m: ManifestRecord): ManifestCache {
  return {
    state: m.state,
    lastSeq: m.lastSeq,
    vehicle: m.vehicle,
    pickedUpAt: m.pickedUpAt,
    receiptDueAt: m.receiptDueAt,
    receivedAt: m.receivedAt,
    disposedAt: m.disposedAt,
    method: m.method,
    discrepancies: m.discrepancies,
    updatedAt: m.updatedAt,
  };
}

/**
 * Discrepancies at receipt (2021 measures, "name, quantity … differ"): a different code, or a
 * received quantity off the shipped one by more than the tolerance — |received − shipped| × 100 >
 * tolerance × shipped, in integer kilograms, so exactly 5 % is still within 5 %.
 */
export function receiptDiscrepancies(
  m: Pick<ManifestRecord, 'items'>,
  received: readonly { line: number; receivedKg: number; receivedCode: string }[],
  tolerancePct: number,
  at: Date,
): ManifestDiscrepancy[] {
  const out: ManifestDiscrepancy[] = [];
  for (const r of received) {
    const it = m.items.find((x) => x.line === r.line);
    if (it === undefined) continue;
    if (r.receivedCode !== it.code) {
      out.push({
        kind: 'code',
        line: r.line,
        detail: `line ${r.line}: ${it.code} shipped, ${r.receivedCode} received`,
        at: at.toISOString(),
      });
    }
    if (Math.abs(r.receivedKg - it.quantityKg) * 100 > tolerancePct * it.quantityKg) {
      out.push({
        kind: 'quantity',
        line: r.line,
        detail: `line ${r.line}: ${it.quantityKg / 1000} t shipped, ${r.receivedKg / 1000} t received`,
        at: at.toISOString(),
      });
    }
  }
  return out;
}

/** Storage over the time limit (warning a month before) and facilities over capacity. */
export function storageFindings(
  siteId: number,
  roles: readonly Pick<WasteParty, 'role'>[],
  ledger: readonly LedgerRecord[],
  facilities: readonly WasteFacility[],
  settings: WasteSettings,
  now: Date,
): SiteFinding[] {
  const out: SiteFinding[] = [];
  const receiver = roles.some((r) => r.role === 'receiver');
  const limitDays = receiver ? settings.storageLimitDays.receiver : settings.storageLimitDays.generator;
  for (const a of storageAges(ledger)) {
    if (a.oldestSince === null || a.stockKg <= 0) continue;
    const ageDays = Math.floor((now.getTime() - a.oldestSince.getTime()) / DAY_MS);
    const over = ageDays > limitDays;
    const warn = !over && ageDays > limitDays - settings.storageWarningDays;
    if (!over && !warn) continue;
    out.push({
      rule: 'waste-storage',
      severity: over ? 'critical' : 'warning',
      siteId,
      parameter: `storage:${a.code}`,
      window: { from: a.oldestSince, to: now },
      values: [{ at: a.oldestSince, value: ageDays, note: `${a.stockKg / 1000} t held` }],
      limit: limitDays,
      message: over
        ? {
            zh: `${a.code} 贮存 ${ageDays} 天，超过 ${limitDays} 天期限`,
            en: `${a.code} stored ${ageDays} days, over the ${limitDays}-day limit`,
          }
        : {
            zh: `${a.code} 贮存 ${ageDays} 天，将于一个月内超过 ${limitDays} 天期限`,
            en: `${a.code} stored ${ageDays} days; the ${limitDays}-day limit is within a month`,
          },
    });
  }
  const stock = stockOf(ledger);
  for (const f of facilities) {
    const kg = stock.filter((l) => l.facilityId === f.id).reduce((s, l) => s + l.kg, 0);
    if (kg <= f.capacityKg) continue;
    out.push({
      rule: 'waste-storage',
      severity: 'critical',
      siteId,
      parameter: `capacity:${f.code}`,
      window: { from: now, to: now },
      values: [{ at: now, value: kg / 1000 }],
      limit: f.capacityKg / 1000,
      message: {
        zh: `贮存设施 ${f.name} 存量 ${kg / 1000} t，超过容量 ${f.capacityKg / 1000} t`,
        en: `Facility ${f.code} holds ${kg / 1000} t, over its ${f.capacityKg / 1000} t capacity`,
      },
    });
  }
  return out;
}

/** Stocktake gaps in the last year beyond the tolerance. */
export function balanceFindings(
  siteId: number,
  ledger: readonly LedgerRecord[],
  settings: WasteSettings,
  now: Date,
): SiteFinding[] {
  const from = new Date(now.getTime() - 365 * DAY_MS);
  return massBalance([...ledger], from, new Date(now.getTime() + 1))
    .filter((l) => l.gapKg !== null && l.gapKg !== 0)
    .filter(
      (l) => Math.abs(l.gapKg ?? 0) * 100 > settings.balanceTolerancePct * Math.max(l.countedKg ?? 0, 1),
    )
    .map((l) => ({
      rule: 'waste-balance' as const,
      severity: 'warning' as const,
      siteId,
      parameter: `balance:${l.code}`,
      window: { from, to: now },
      values: [{ at: now, value: (l.gapKg ?? 0) / 1000, note: `counted ${(l.countedKg ?? 0) / 1000} t` }],
      message: {
        zh: `${l.code} 盘点量与台账不符，差 ${(l.gapKg ?? 0) / 1000} t`,
        en: `${l.code}: stocktake differs from the ledger by ${(l.gapKg ?? 0) / 1000} t`,
      },
    }));
}

/** Year-to-date generation far from the plan's pro-rata figure (from April on, a named choice). */
export function planFindings(
  siteId: number,
  ledger: readonly LedgerRecord[],
  plan: readonly { code: string; plannedKg: number }[],
  settings: WasteSettings,
  now: Date,
): SiteFinding[] {
  const month = Number(chinaMonth(now).slice(5, 7));
  if (month < 4 || plan.length === 0) return [];
  const year = chinaDate(now).slice(0, 4);
  const from = chinaDayStart(`${year}-01-01`);
  const elapsed = (now.getTime() - from.getTime()) / (365 * DAY_MS);
  const planned = plan.reduce((s, p) => s + p.plannedKg, 0) * elapsed;
  const generated = ledger
    .filter((r) => r.kind === 'generated' && r.at.getTime() >= from.getTime())
    .reduce((s, r) => s + r.quantityKg, 0);
  if (planned <= 0 || Math.abs(generated - planned) * 100 <= settings.planDeviationPct * planned) return [];
  return [
    {
      rule: 'waste-balance',
      severity: 'warning',
      siteId,
      parameter: `plan:${year}`,
      window: { from, to: now },
      values: [{ at: now, value: generated / 1000, note: `plan pro rata ${Math.round(planned) / 1000} t` }],
      message: {
        zh: `${year} 年危废产生量 ${generated / 1000} t，与管理计划（同期 ${Math.round(planned) / 1000} t）偏差过大`,
        en: `${year} generation ${generated / 1000} t is far from the plan (${Math.round(planned) / 1000} t pro rata)`,
      },
    },
  ];
}

/** The latest due declaration of each kind the tier owes, when not filed. */
export function declarationFindings(
  siteId: number,
  tier: GeneratorTier,
  filed: readonly { kind: string; period: string }[],
  now: Date,
): SiteFinding[] {
  const out: SiteFinding[] = [];
  for (const kind of declarationsOwed(tier)) {
    const p = latestDuePeriod(kind, chinaDate(now));
    if (now.getTime() <= p.dueBy.getTime() || filed.some((f) => f.kind === kind && f.period === p.label))
      continue;
    out.push({
      rule: 'waste-declaration',
      severity: 'warning',
      siteId,
      parameter: `declaration:${kind}`,
      window: { from: p.dueBy, to: now },
      values: [{ at: p.dueBy, value: null, note: p.label }],
      message: {
        zh: `${p.label} 危废${{ monthly: '月', quarterly: '季', annual: '年' }[kind]}报逾期未申报`,
        en: `The ${kind} declaration of ${p.label} is overdue`,
      },
    });
  }
  return out;
}
