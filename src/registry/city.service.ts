/**
 * The city as a bureau keeps it: the overview the map and the titles draw (name, code, extent,
 * districts and their boundaries, all from the store), and the master-data edits of the admin
 * pages — create, edit, retire and reinstate districts and sites (air stations, water sections,
 * enterprises, outlets). Every change is validated (the field that is wrong is named), audited in the
 * same transaction with the changed fields before → after, and nothing is ever deleted: a retired
 * district or site keeps its history (docs/master-data.md §1, §2; docs/city-package.md describes the
 * same fields as files).
 */
import { displayNameProblem } from './display-name.js';
import type { AuditAction, AuditActor, AuditService } from '../audit/audit.service.js';
import { LIMIT_PRESETS } from '../alarms/limit-presets.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import { EMISSION_STANDARDS } from '../standards/emission/lookup.js';
import { checkCreditCode } from '../standards/gb32100-2015.js';
import { isEmissionStandardId } from '../standards/emission/types.js';
import type { Database } from '../store/schema.js';
import type { SitePatch } from '../store/site.repository.js';
import type { Store } from '../store/store.js';
import type { BoundaryGeometry, District, Site, SiteKind } from '../store/types.js';
import { WATER_TARGET_CLASSES } from '../store/types.js';
import type { Transaction } from 'kysely';

/** `[longitude, latitude]` in degrees. */
export type LonLat = [number, number];

/** A boundary feature as the map draws it (RFC 7946 §3.2). */
export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string; nameEn: string };
  geometry: BoundaryGeometry;
}

/** What the map and the titles need of the city (GET /api/v1/city). */
export interface CityOverview {
  /** The city's name; empty when no city is on record yet (an empty database). */
  name: string;
  nameEn: string;
  /** GB/T 2260 code of the city; null when none is on record. */
  code: string | null;
  /** Centre of `bounds`; null when there is nothing to place. */
  center: LonLat | null;
  /** `[[minLon, minLat], [maxLon, maxLat]]` of the boundaries, else of the sites' positions; else null. */
  bounds: [LonLat, LonLat] | null;
  /** Districts in service, by code. */
  districts: { code: string; name: string; nameEn: string; parent: string | null }[];
  boundaries: { type: 'FeatureCollection'; features: BoundaryFeature[] };
}

/** The kinds of site the admin pages edit (micro-sensors come with their devices). */
export const MASTER_SITE_KINDS = ['air_station', 'water_section', 'enterprise', 'outlet'] as const;
export type MasterSiteKind = (typeof MASTER_SITE_KINDS)[number];

/** Network levels of stations and sections: national (国控), provincial (省控), city (市控). */
export const NETWORK_LEVELS = ['national', 'provincial', 'city'] as const;
/** Heavy-pollution-weather performance grades (绩效分级). */
export const PERFORMANCE_GRADES = ['A', 'B', 'B-', 'C', 'D', 'none'] as const;

/** Attributes as a person gives them; which apply depends on the kind (checked by {@link CityService}). */
export interface SiteAttributesInput {
  /** Air stations, water sections. */
  network?: string | undefined;
  /** Air stations: counted in the city's AQI. */
  cityAqi?: boolean | undefined;
  /** Water sections. */
  waterType?: string | undefined;
  targetClass?: string | undefined;
  waterBody?: string | undefined;
  basin?: string | undefined;
  automatic?: boolean | undefined;
  /** Enterprises. */
  industry?: string | undefined;
  industryCode?: string | undefined;
  performanceGrade?: string | undefined;
  creditCode?: string | undefined;
  address?: string | undefined;
  permit?: string | undefined;
  categories?: string[] | undefined;
  /** Outlets. */
  medium?: string | undefined;
  emissionStandard?: string | undefined;
  referenceO2Pct?: number | null | undefined;
  parameters?: string[] | undefined;
}

export interface NewDistrictInput {
  code: string;
  name: string;
  nameEn?: string | undefined;
  parent?: string | null | undefined;
}

export interface DistrictPatchInput {
  name?: string | undefined;
  nameEn?: string | undefined;
  parent?: string | null | undefined;
}

export interface NewSiteInput {
  kind: MasterSiteKind;
  code: string;
  name: string;
  district: string;
  longitude?: number | null | undefined;
  latitude?: number | null | undefined;
  /** Outlets: the code of their enterprise. */
  enterprise?: string | undefined;
  attributes?: SiteAttributesInput | undefined;
}

export interface SitePatchInput {
  name?: string | undefined;
  district?: string | undefined;
  longitude?: number | null | undefined;
  latitude?: number | null | undefined;
  enterprise?: string | undefined;
  /** Merged over the stored attributes, then checked whole. */
  attributes?: SiteAttributesInput | undefined;
}

/** A site as the admin pages show it: with its parent's code and when it was retired. */
export interface MasterSite extends Site {
  parentCode: string | null;
}

export interface MasterSiteQuery {
  kind?: SiteKind | undefined;
  /** Part of the code or name, case-insensitive. */
  q?: string | undefined;
  includeRetired?: boolean | undefined;
}

/** GB/T 2260 division codes: six digits. */
const DIVISION_CODE = /^[0-9]{6}$/;
/** Site codes: letters, digits, dot, dash, underscore; 1–64 characters, starting with a letter or digit. */
const SITE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** HJ 212-2017 parameter codes, optionally the corrected series (`-Zs`). */
const HJ212_PARAMETER = /^[a-z][0-9]{5}(-Zs)?$/;
/** GB/T 4754 industry classes: 2 to 4 digits (division, group, class), optionally after the section letter. */
const INDUSTRY_CODE = /^[A-T]?[0-9]{2,4}$/;
const NAME_MAX_CHARS = 128;
const TEXT_MAX_CHARS = 256;
/** Most sites the admin list reads at once (a city has hundreds). */
const MASTER_LIST_MAX = 1000;

function bad(field: string, message: string): BadInputError {
  return new BadInputError(`${field}: ${message}`, { field });
}

function requireText(field: string, value: string | undefined, max = NAME_MAX_CHARS): string {
  const v = value?.trim() ?? '';
  if (v.length === 0) throw bad(field, 'required');
  if (v.length > max) throw bad(field, `at most ${max} characters`);
  return v;
}

/** A name shown to people: required, and what src/registry/display-name.ts allows. */
function requireName(field: string, value: string | undefined): string {
  const v = requireText(field, value);
  const problem = displayNameProblem(v);
  if (problem !== null) throw bad(field, problem.en);
  return v;
}

/** An optional name: empty, or what src/registry/display-name.ts allows. */
function optionalName(field: string, value: string | undefined): string {
  const v = optionalText(field, value, NAME_MAX_CHARS);
  const problem = v === '' ? null : displayNameProblem(v);
  if (problem !== null) throw bad(field, problem.en);
  return v;
}

function optionalText(field: string, value: string | undefined, max = TEXT_MAX_CHARS): string {
  const v = value?.trim() ?? '';
  if (v.length > max) throw bad(field, `at most ${max} characters`);
  return v;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw bad(field, `${JSON.stringify(value ?? null)} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function checkCoordinate(field: 'longitude' | 'latitude', value: number | null): void {
  if (value === null) return;
  const limit = field === 'longitude' ? 180 : 90;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw bad(field, `${String(value)} is not a number of degrees within ±${limit}`);
  }
}

/** Whether two JSON-like values are equal (attribute values: text, numbers, booleans, lists). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The changed fields of a record, before → after. */
type Changes = Record<string, { from: unknown; to: unknown }>;

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!sameValue(before[key], after[key])) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}

/** Extends `box` by every position of a geometry. */
function extend(box: [LonLat, LonLat] | null, positions: Iterable<LonLat>): [LonLat, LonLat] | null {
  let b = box;
  for (const [lon, lat] of positions) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    b =
      b === null
        ? [
            [lon, lat],
            [lon, lat],
          ]
        : [
            [Math.min(b[0][0], lon), Math.min(b[0][1], lat)],
            [Math.max(b[1][0], lon), Math.max(b[1][1], lat)],
          ];
  }
  return b;
}

function* positionsOf(geometry: BoundaryGeometry): Generator<LonLat> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    // The outer ring bounds the polygon; holes lie inside it.
    const outer = polygon[0] ?? [];
    for (const p of outer) yield [p[0] ?? Number.NaN, p[1] ?? Number.NaN];
  }
}

/** Rounds a degree value to 6 decimals (≈ 0.1 m), so the extent prints as the data does. */
function roundDeg(v: number): number {
  return Number(v.toFixed(6));
}

export class CityService {
  constructor(
    private readonly store: Pick<Store, 'db' | 'city' | 'districts' | 'sites'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The city for the map: name and code from the city row, the districts in service with their
   * parents, their boundaries as a FeatureCollection, and the extent — of the boundaries when there
   * are any, else of the sites' positions, else null.
   */
  async overview(): Promise<CityOverview> {
    const [city, districts, boundaries] = await Promise.all([
      this.store.city.get(),
      this.store.districts.list(),
      this.store.districts.boundaries(),
    ]);
    const byCode = new Map(districts.map((d) => [d.code, d]));
    const features: BoundaryFeature[] = [];
    let bounds: [LonLat, LonLat] | null = null;
    for (const b of boundaries) {
      const d = byCode.get(b.code);
      if (d === undefined) continue;
      features.push({
        type: 'Feature',
        properties: { code: d.code, name: d.name, nameEn: d.nameEn },
        geometry: b.geometry,
      });
      bounds = extend(bounds, positionsOf(b.geometry));
    }
    if (bounds === null) {
      const sites = await this.store.sites.list({ limit: MASTER_LIST_MAX });
      bounds = extend(
        null,
        sites.items.flatMap((s): LonLat[] =>
          s.longitude === null || s.latitude === null ? [] : [[s.longitude, s.latitude]],
        ),
      );
    }
    const box = bounds === null ? null : bounds.map(([lon, lat]) => [roundDeg(lon), roundDeg(lat)] as LonLat);
    return {
      name: city?.name ?? '',
      nameEn: city?.nameEn ?? '',
      code: city?.code ?? null,
      center:
        bounds === null
          ? null
          : [roundDeg((bounds[0][0] + bounds[1][0]) / 2), roundDeg((bounds[0][1] + bounds[1][1]) / 2)],
      bounds: box === null ? null : [box[0] as LonLat, box[1] as LonLat],
      districts: districts.map((d) => ({
        code: d.code,
        name: d.name,
        nameEn: d.nameEn,
        parent: d.parentCode ?? null,
      })),
      boundaries: { type: 'FeatureCollection', features },
    };
  }

  /** Every district, retired ones too (the admin list), by code. */
  allDistricts(): Promise<District[]> {
    return this.store.districts.list({ includeRetired: true });
  }

  /** Sites for the admin list, retired ones when asked, searched by code or name. */
  async listSites(query: MasterSiteQuery): Promise<MasterSite[]> {
    const page = await this.store.sites.list({
      kind: query.kind,
      includeRetired: query.includeRetired === true,
      limit: MASTER_LIST_MAX,
    });
    const codes = new Map(page.items.map((s) => [s.id, s.code]));
    const needle = query.q?.trim().toLowerCase() ?? '';
    const matches =
      needle === ''
        ? page.items
        : page.items.filter(
            (s) => s.code.toLowerCase().includes(needle) || s.name.toLowerCase().includes(needle),
          );
    const out: MasterSite[] = [];
    for (const s of matches) {
      let parentCode: string | null = null;
      if (s.parentId !== null) {
        parentCode = codes.get(s.parentId) ?? (await this.store.sites.getById(s.parentId))?.code ?? null;
      }
      out.push({ ...s, parentCode });
    }
    return out;
  }

  /** Creates a district (audited as `district.created`); 409 when the code is taken. */
  async createDistrict(
    actor: AuditActor,
    input: NewDistrictInput,
    address: string | null = null,
  ): Promise<District> {
    const code = input.code.trim();
    if (!DIVISION_CODE.test(code))
      throw bad('code', `${JSON.stringify(input.code)} is not a six-digit GB/T 2260 code`);
    const name = requireName('name', input.name);
    const nameEn = optionalName('nameEn', input.nameEn);
    return this.store.db.transaction().execute(async (trx) => {
      if ((await this.store.districts.get(code, trx)) !== null) {
        throw new ConflictError(`code: district ${code} exists already`, { field: 'code' });
      }
      const parent = await this.checkParent(code, input.parent ?? null, trx);
      const district: District = { code, name, nameEn, parentCode: parent, retiredAt: null };
      await this.store.districts.upsert(district, trx);
      await this.record(actor, 'district.created', 'district', code, { name, nameEn, parent }, address, trx);
      return district;
    });
  }

  /** Edits a district's names or parent (audited as `district.updated` with the changed fields). */
  async updateDistrict(
    actor: AuditActor,
    code: string,
    patch: DistrictPatchInput,
    address: string | null = null,
  ): Promise<District> {
    return this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.districts.get(code, trx);
      if (before === null) throw new NotFoundError(`district ${code}`);
      const after: District = {
        ...before,
        name: patch.name === undefined ? before.name : requireName('name', patch.name),
        nameEn: patch.nameEn === undefined ? before.nameEn : optionalName('nameEn', patch.nameEn),
        parentCode:
          patch.parent === undefined
            ? (before.parentCode ?? null)
            : await this.checkParent(code, patch.parent, trx),
      };
      const changes = diff(
        { name: before.name, nameEn: before.nameEn, parent: before.parentCode ?? null },
        { name: after.name, nameEn: after.nameEn, parent: after.parentCode ?? null },
      );
      if (Object.keys(changes).length === 0) return before;
      await this.store.districts.upsert(after, trx);
      await this.record(actor, 'district.updated', 'district', code, { changes }, address, trx);
      return after;
    });
  }

  /**
   * Retires a district (audited as `district.retired`). Refused (409) while sites or divisions in
   * service still belong to it: move or retire those first, so nothing points at a retired district.
   */
  async retireDistrict(actor: AuditActor, code: string, address: string | null = null): Promise<District> {
    // Checked before the transaction: on SQLite a read outside it would wait for it.
    const sites = await this.store.sites.list({ districtCode: code, limit: 1 });
    if ((sites.total ?? 0) > 0) {
      throw new ConflictError(
        `district ${code} still has ${sites.total} sites in service: move or retire them first`,
      );
    }
    const children = (await this.store.districts.list()).filter((d) => d.parentCode === code);
    if (children.length > 0) {
      throw new ConflictError(
        `district ${code} is the parent of ${children.map((d) => d.code).join(', ')}: move or retire them first`,
      );
    }
    return this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.districts.get(code, trx);
      if (before === null) throw new NotFoundError(`district ${code}`);
      if (before.retiredAt) throw new ConflictError(`district ${code} is retired already`);
      const at = this.clock.now();
      await this.store.districts.retire(code, at, trx);
      await this.record(actor, 'district.retired', 'district', code, { name: before.name }, address, trx);
      return { ...before, retiredAt: at };
    });
  }

  /** Returns a retired district to service (audited as `district.reinstated`). */
  async reinstateDistrict(actor: AuditActor, code: string, address: string | null = null): Promise<District> {
    return this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.districts.get(code, trx);
      if (before === null) throw new NotFoundError(`district ${code}`);
      if (!before.retiredAt) throw new ConflictError(`district ${code} is in service`);
      const after: District = { ...before, retiredAt: null };
      await this.store.districts.upsert(after, trx);
      await this.record(actor, 'district.reinstated', 'district', code, { name: before.name }, address, trx);
      return after;
    });
  }

  /** Creates a site of the admin kinds (audited as `site.created`); 409 when the code is taken. */
  async createSite(
    actor: AuditActor,
    input: NewSiteInput,
    address: string | null = null,
  ): Promise<MasterSite> {
    const kind = oneOf('kind', input.kind, MASTER_SITE_KINDS);
    const code = input.code.trim();
    if (!SITE_CODE.test(code)) {
      throw bad('code', `${JSON.stringify(input.code)}: use 1–64 letters, digits, ".", "-" or "_"`);
    }
    const name = requireName('name', input.name);
    const longitude = input.longitude ?? null;
    const latitude = input.latitude ?? null;
    this.checkPosition(kind, longitude, latitude);
    const attributes = checkAttributes(kind, input.attributes ?? {});
    return this.store.db.transaction().execute(async (trx) => {
      if ((await this.store.sites.getByCode(code, trx)) !== null) {
        throw new ConflictError(`code: site ${code} exists already`, { field: 'code' });
      }
      const districtCode = await this.checkDistrict(input.district, trx);
      const parent = await this.checkEnterprise(kind, input.enterprise, trx);
      const site = await this.store.sites.create(
        { kind, code, name, districtCode, longitude, latitude, parentId: parent?.id ?? null, attributes },
        trx,
      );
      await this.record(
        actor,
        'site.created',
        'site',
        code,
        {
          kind,
          name,
          districtCode,
          parentId: site.parentId,
          parentCode: parent?.code ?? null,
          longitude,
          latitude,
          attributes,
        },
        address,
        trx,
      );
      return { ...site, parentCode: parent?.code ?? null };
    });
  }

  /** Edits a site (audited as `site.updated` with the changed fields before → after). */
  async updateSite(
    actor: AuditActor,
    code: string,
    patch: SitePatchInput,
    address: string | null = null,
  ): Promise<MasterSite> {
    const found = await this.store.sites.getByCode(code);
    if (found === null) throw new NotFoundError(`site ${code}`);
    // Read before the transaction: on SQLite a read outside it would wait for it.
    const beforeParent = found.parentId === null ? null : await this.store.sites.getById(found.parentId);
    return this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.sites.getByCode(code, trx);
      if (before === null) throw new NotFoundError(`site ${code}`);
      const kind = oneOf('kind', before.kind, MASTER_SITE_KINDS);
      const name = patch.name === undefined ? before.name : requireName('name', patch.name);
      const longitude = patch.longitude === undefined ? before.longitude : patch.longitude;
      const latitude = patch.latitude === undefined ? before.latitude : patch.latitude;
      this.checkPosition(kind, longitude, latitude);
      const attributes =
        patch.attributes === undefined
          ? before.attributes
          : checkAttributes(
              kind,
              { ...(before.attributes as SiteAttributesInput), ...patch.attributes },
              before.attributes,
            );
      const districtCode =
        patch.district === undefined || patch.district === before.districtCode
          ? before.districtCode
          : await this.checkDistrict(patch.district, trx);
      const parent =
        patch.enterprise === undefined
          ? beforeParent
          : await this.checkEnterprise(kind, patch.enterprise, trx);
      const changes = diff(
        {
          name: before.name,
          districtCode: before.districtCode,
          longitude: before.longitude,
          latitude: before.latitude,
          parentCode: beforeParent?.code ?? null,
          ...prefixed(before.attributes),
        },
        {
          name,
          districtCode,
          longitude,
          latitude,
          parentCode: parent?.code ?? null,
          ...prefixed(attributes),
        },
      );
      if (Object.keys(changes).length === 0) return { ...before, parentCode: beforeParent?.code ?? null };
      const set: SitePatch = {
        name,
        districtCode,
        longitude,
        latitude,
        parentId: parent?.id ?? null,
        attributes,
      };
      const after = await this.store.sites.update(before.id, set, trx);
      if (after === null) throw new NotFoundError(`site ${code}`);
      await this.record(actor, 'site.updated', 'site', code, { kind, changes }, address, trx);
      return { ...after, parentCode: parent?.code ?? null };
    });
  }

  /**
   * Retires a site (audited as `site.retired`): it leaves the lists and keeps its readings, alarms
   * and cases. An enterprise is refused (409) while outlets in service belong to it.
   */
  async retireSite(actor: AuditActor, code: string, address: string | null = null): Promise<MasterSite> {
    return this.setSiteRetired(actor, code, true, address);
  }

  /** Returns a retired site to service (audited as `site.reinstated`); its district must be in service. */
  async reinstateSite(actor: AuditActor, code: string, address: string | null = null): Promise<MasterSite> {
    return this.setSiteRetired(actor, code, false, address);
  }

  private async setSiteRetired(
    actor: AuditActor,
    code: string,
    retire: boolean,
    address: string | null,
  ): Promise<MasterSite> {
    const found = await this.store.sites.getByCode(code);
    if (found === null) throw new NotFoundError(`site ${code}`);
    // Read before the transaction: on SQLite a read outside it would wait for it.
    const parent = found.parentId === null ? null : await this.store.sites.getById(found.parentId);
    const outlets = await this.store.sites.list({ parentId: found.id, limit: 1 });
    return this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.sites.getByCode(code, trx);
      if (before === null) throw new NotFoundError(`site ${code}`);
      if (retire) {
        if (before.retiredAt) throw new ConflictError(`site ${code} is retired already`);
        if ((outlets.total ?? 0) > 0) {
          throw new ConflictError(
            `site ${code} still has ${outlets.total} outlets in service: retire them first`,
          );
        }
      } else {
        if (!before.retiredAt) throw new ConflictError(`site ${code} is in service`);
        const district = await this.store.districts.get(before.districtCode, trx);
        if (district?.retiredAt) {
          throw new ConflictError(
            `district ${before.districtCode} of site ${code} is retired: reinstate it first`,
          );
        }
        if (parent?.retiredAt) {
          throw new ConflictError(`enterprise ${parent.code} of site ${code} is retired: reinstate it first`);
        }
      }
      const after = await this.store.sites.setRetired(before.id, retire ? this.clock.now() : null, trx);
      if (after === null) throw new NotFoundError(`site ${code}`);
      await this.record(
        actor,
        retire ? 'site.retired' : 'site.reinstated',
        'site',
        code,
        { kind: before.kind, name: before.name },
        address,
        trx,
      );
      return { ...after, parentCode: parent?.code ?? null };
    });
  }

  /** The parent of a division: an existing division in service, not itself nor one of its own children. */
  private async checkParent(
    code: string,
    parent: string | null,
    trx: Transaction<Database>,
  ): Promise<string | null> {
    if (parent === null || parent.trim() === '') return null;
    const p = parent.trim();
    if (p === code) throw bad('parent', `district ${code} cannot be its own parent`);
    let at: District | null = await this.store.districts.get(p, trx);
    if (at === null) throw bad('parent', `district ${p} does not exist`);
    if (at.retiredAt) throw bad('parent', `district ${p} is retired`);
    // Walk up: a cycle would make the tree endless.
    for (let depth = 0; at !== null && at.parentCode; depth += 1) {
      if (at.parentCode === code || depth > 16) throw bad('parent', `district ${p} lies under ${code}`);
      at = await this.store.districts.get(at.parentCode, trx);
    }
    return p;
  }

  private async checkDistrict(code: string | undefined, trx: Transaction<Database>): Promise<string> {
    const c = code?.trim() ?? '';
    if (c === '') throw bad('district', 'required');
    const d = await this.store.districts.get(c, trx);
    if (d === null) throw bad('district', `district ${c} does not exist`);
    if (d.retiredAt) throw bad('district', `district ${c} is retired`);
    return c;
  }

  /** An outlet's enterprise: an enterprise in service; other kinds have none. */
  private async checkEnterprise(
    kind: MasterSiteKind,
    enterprise: string | undefined,
    trx: Transaction<Database>,
  ): Promise<Site | null> {
    const code = enterprise?.trim() ?? '';
    if (kind !== 'outlet') {
      if (code !== '') throw bad('enterprise', `only outlets belong to an enterprise, not a ${kind}`);
      return null;
    }
    if (code === '') throw bad('enterprise', 'required for an outlet');
    const e = await this.store.sites.getByCode(code, trx);
    if (e === null || e.kind !== 'enterprise') throw bad('enterprise', `enterprise ${code} does not exist`);
    if (e.retiredAt) throw bad('enterprise', `enterprise ${code} is retired`);
    return e;
  }

  /** Stations and sections are placed on the map: both coordinates; others both or neither. */
  private checkPosition(kind: MasterSiteKind, longitude: number | null, latitude: number | null): void {
    checkCoordinate('longitude', longitude);
    checkCoordinate('latitude', latitude);
    if ((longitude === null) !== (latitude === null)) {
      throw bad(longitude === null ? 'longitude' : 'latitude', 'give both coordinates or neither');
    }
    if ((kind === 'air_station' || kind === 'water_section') && longitude === null) {
      throw bad('longitude', `required for a ${kind}`);
    }
  }

  private async record(
    actor: AuditActor,
    action: AuditAction,
    type: 'district' | 'site',
    id: string,
    details: Record<string, unknown>,
    address: string | null,
    trx: Transaction<Database>,
  ): Promise<void> {
    await this.audit.record({ action, actor, target: { type, id }, details, address }, trx);
  }
}

/** Attribute keys as audited (`attributes.targetClass`), so a change names the field. */
function prefixed(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attributes.${k}`, v]));
}

/** Checks the attributes of a kind, naming the field; returns exactly the attributes the kind keeps. */
export function checkAttributes(
  kind: MasterSiteKind,
  a: SiteAttributesInput,
  stored?: Record<string, unknown>,
): Record<string, unknown> {
  switch (kind) {
    case 'air_station':
      return {
        network: oneOf('attributes.network', a.network, NETWORK_LEVELS),
        cityAqi: optionalBoolean('attributes.cityAqi', a.cityAqi, true),
      };
    case 'water_section':
      return {
        waterType: oneOf('attributes.waterType', a.waterType, ['river', 'lake'] as const),
        targetClass: oneOf('attributes.targetClass', a.targetClass, WATER_TARGET_CLASSES),
        waterBody: requireText('attributes.waterBody', a.waterBody),
        basin: optionalText('attributes.basin', a.basin, NAME_MAX_CHARS),
        network: oneOf('attributes.network', a.network, NETWORK_LEVELS),
        automatic: optionalBoolean('attributes.automatic', a.automatic, true),
      };
    case 'enterprise': {
      const industryCode = optionalText('attributes.industryCode', a.industryCode, 8);
      if (industryCode !== '' && !INDUSTRY_CODE.test(industryCode)) {
        throw bad(
          'attributes.industryCode',
          `${JSON.stringify(industryCode)} is not a GB/T 4754 industry code`,
        );
      }
      const creditCode = optionalText('attributes.creditCode', a.creditCode, 18).toUpperCase();
      // A value already stored is not judged again (the demo's "DEMO…" codes can never pass).
      if (creditCode !== '' && creditCode !== stored?.creditCode) {
        const check = checkCreditCode(creditCode);
        if (!check.ok) {
          throw bad(
            'attributes.creditCode',
            check.problem === 'check'
              ? `${JSON.stringify(creditCode)} is not a valid unified social credit code (GB 32100-2015): the check character should be ${check.expected ?? '?'}`
              : `${JSON.stringify(creditCode)} is not an 18-character unified social credit code (GB 32100-2015)`,
          );
        }
      }
      const categories = (a.categories ?? []).map((c, i) =>
        requireText(`attributes.categories[${i}]`, c, 64),
      );
      return {
        industry: optionalText('attributes.industry', a.industry, NAME_MAX_CHARS),
        industryCode,
        performanceGrade: oneOf(
          'attributes.performanceGrade',
          a.performanceGrade ?? 'none',
          PERFORMANCE_GRADES,
        ),
        creditCode,
        address: optionalText('attributes.address', a.address),
        permit: optionalText('attributes.permit', a.permit, 64),
        categories,
      };
    }
    case 'outlet': {
      const medium = oneOf('attributes.medium', a.medium, ['gas', 'water'] as const);
      const emissionStandard = requireText('attributes.emissionStandard', a.emissionStandard, 64);
      const standardMedium = mediumOfStandard(emissionStandard);
      if (standardMedium !== null && standardMedium !== medium) {
        throw bad(
          'attributes.emissionStandard',
          `${emissionStandard} limits ${standardMedium === 'gas' ? 'flue gas' : 'wastewater'}, not a ${medium} outlet`,
        );
      }
      const parameters = a.parameters ?? [];
      parameters.forEach((p, i) => {
        if (!HJ212_PARAMETER.test(p)) {
          throw bad(
            `attributes.parameters[${i}]`,
            `${JSON.stringify(p)} is not an HJ 212-2017 parameter code`,
          );
        }
      });
      const out: Record<string, unknown> = { medium, emissionStandard, parameters: [...new Set(parameters)] };
      const o2 = a.referenceO2Pct ?? null;
      if (o2 !== null) {
        if (medium !== 'gas') throw bad('attributes.referenceO2Pct', 'only gas outlets have a reference O2');
        if (typeof o2 !== 'number' || !Number.isFinite(o2) || o2 < 0 || o2 >= 21) {
          throw bad('attributes.referenceO2Pct', `${String(o2)} is not a percentage from 0 to below 21`);
        }
        out.referenceO2Pct = o2;
      }
      return out;
    }
    default: {
      const impossible: never = kind;
      throw new Error(`unknown kind ${String(impossible)}`);
    }
  }
}

function optionalBoolean(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw bad(field, `${JSON.stringify(value)} is not true or false`);
  return value;
}

/** The medium a known standard or limit preset limits; null for a standard the platform does not know. */
function mediumOfStandard(standard: string): 'gas' | 'water' | null {
  if (isEmissionStandardId(standard)) return EMISSION_STANDARDS[standard].medium;
  const preset = LIMIT_PRESETS.find((p) => p.id === standard || p.standard === standard);
  return preset?.medium ?? null;
}
