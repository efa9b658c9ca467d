/**
 * Bulk device registration from CSV — a city moving from an old platform brings hundreds of
 * loggers. Columns (header row, any order): `mn,password,site` required; `protocol` (2005, 2017,
 * 2025; default 2017); and, to create a site that does not exist yet, `site_name,site_kind,district`
 * with optional `parent` (an enterprise code for an outlet), `longitude`, `latitude`. Every site
 * and device is registered through its service, so each is audited with the importer as actor.
 */
import type { AuditActor } from '../audit/audit.service.js';
import { isDomainError } from '../errors.js';
import type { DeviceService } from '../registry/device.service.js';
import type { Site, SiteService } from '../registry/site.service.js';
import type { ProtocolVersion, SiteKind } from '../store/types.js';
import { PROTOCOL_VERSIONS, SITE_KINDS } from '../store/types.js';
import { readCsv } from './csv.js';

export interface DeviceImportReport {
  rows: number;
  added: number;
  sitesCreated: number;
  /** Already registered MNs (left unchanged: use the API to change a password). */
  skipped: { line: number; mn: string }[];
  errors: { line: number; message: string }[];
}

/** The services an import registers through. */
export interface DeviceImportServices {
  devices: DeviceService;
  sites: SiteService;
}

const REQUIRED = ['mn', 'password', 'site'] as const;

/** Registers the devices of a CSV text as `actor`; a bad row is reported by line, not thrown. */
export async function importDevicesCsv(
  services: DeviceImportServices,
  actor: AuditActor,
  text: string,
): Promise<DeviceImportReport> {
  const { devices, sites } = services;
  const report: DeviceImportReport = { rows: 0, added: 0, sitesCreated: 0, skipped: [], errors: [] };
  const rows = readCsv(text);
  const header = rows.next();
  if (header.done === true) {
    report.errors.push({
      line: 1,
      message: 'empty file: expected a header row mn,password,site[,protocol,…]',
    });
    return report;
  }
  const columns = header.value.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    report.errors.push({ line: 1, message: `header lacks column(s) ${missing.join(', ')}` });
    return report;
  }
  const seen = new Set<string>();
  for (const row of rows) {
    report.rows += 1;
    const get = (name: string): string => (row.fields[columns.indexOf(name)] ?? '').trim();
    const mn = get('mn');
    const password = get('password');
    const siteCode = get('site');
    const protocolText = get('protocol') || '2017';
    const fail = (message: string): void => {
      report.errors.push({ line: row.line, message });
    };
    if (row.problem !== undefined) {
      fail(`not a well-formed CSV row: ${row.problem}`);
      continue;
    }
    if (!/^[\x21-\x7e]{1,64}$/.test(mn)) {
      fail(`mn "${mn}" must be 1–64 printable ASCII characters`);
      continue;
    }
    if (!/^[\x21-\x7e]{1,32}$/.test(password)) {
      fail(`password of ${mn} must be 1–32 printable ASCII characters`);
      continue;
    }
    const protocol = PROTOCOL_VERSIONS.find((p) => p === protocolText);
    if (protocol === undefined) {
      fail(`protocol "${protocolText}" must be one of ${PROTOCOL_VERSIONS.join(', ')}`);
      continue;
    }
    if (seen.has(mn)) {
      fail(`mn ${mn} appears twice in the file`);
      continue;
    }
    seen.add(mn);
    if (await devices.find(mn)) {
      report.skipped.push({ line: row.line, mn });
      continue;
    }
    try {
      if (!(await sites.findByCode(siteCode))) {
        const created = await createSite(sites, actor, siteCode, get, fail);
        if (created === null) continue;
        report.sitesCreated += 1;
      }
      await devices.register(actor, {
        mn,
        password,
        site: siteCode,
        protocol: protocol satisfies ProtocolVersion,
      });
      report.added += 1;
    } catch (err) {
      // A refusal of one row (a site code taken meanwhile, …) is that row's error, not the file's.
      if (!isDomainError(err)) throw err;
      fail(err.message);
    }
  }
  return report;
}

async function createSite(
  sites: SiteService,
  actor: AuditActor,
  code: string,
  get: (name: string) => string,
  fail: (message: string) => void,
): Promise<Site | null> {
  const name = get('site_name');
  const kindText = get('site_kind');
  const district = get('district');
  if (name === '' || kindText === '' || district === '') {
    fail(`site ${code} does not exist; give site_name, site_kind and district to create it`);
    return null;
  }
  const kind = SITE_KINDS.find((k) => k === kindText);
  if (kind === undefined) {
    fail(`site_kind "${kindText}" must be one of ${SITE_KINDS.join(', ')}`);
    return null;
  }
  if (!(await sites.districtExists(district))) {
    fail(`district ${district} does not exist`);
    return null;
  }
  let parentId: number | null = null;
  const parentCode = get('parent');
  if (parentCode !== '') {
    const parent = await sites.findByCode(parentCode);
    if (!parent) {
      fail(`parent site ${parentCode} does not exist`);
      return null;
    }
    parentId = parent.id;
  }
  const lon = get('longitude');
  const lat = get('latitude');
  const longitude = lon === '' ? null : Number(lon);
  const latitude = lat === '' ? null : Number(lat);
  if (
    (longitude !== null && !(Math.abs(longitude) <= 180)) ||
    (latitude !== null && !(Math.abs(latitude) <= 90))
  ) {
    fail(`longitude/latitude "${lon}", "${lat}" must be degrees (−180–180, −90–90)`);
    return null;
  }
  return sites.create(actor, {
    kind: kind satisfies SiteKind,
    code,
    name,
    districtCode: district,
    parentId,
    longitude,
    latitude,
  });
}
