/**
 * Loads a city (districts, sites, devices) into an empty store — the demo city, or a city's own
 * seed file. Sites name their parent by code; parents are created first.
 */
import type { Store } from './store.js';
import type { District, ProtocolVersion, SiteKind } from './types.js';

export interface SiteSeed {
  kind: SiteKind;
  code: string;
  name: string;
  districtCode: string;
  longitude: number;
  latitude: number;
  parentCode?: string;
  attributes: object;
}

export interface DeviceSeed {
  mn: string;
  password: string;
  siteCode: string;
  protocol: ProtocolVersion;
}

export interface CitySeed {
  districts: District[];
  sites: SiteSeed[];
  devices: DeviceSeed[];
}

export interface SeedResult {
  districts: number;
  sites: number;
  devices: number;
}

/** Loads a city seed; `demo` marks every site as demo data. Throws naming the first bad reference. */
export async function seedCity(
  store: Store,
  city: CitySeed,
  options: { demo: boolean },
): Promise<SeedResult> {
  await store.districts.upsertMany(city.districts);
  const ids = new Map<string, number>();
  const pending = [...city.sites];
  // Parents before children: repeat passes until every site whose parent exists is created.
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length;) {
      const s = pending[i];
      if (s === undefined) break;
      const parentId = s.parentCode === undefined ? null : ids.get(s.parentCode);
      if (parentId === undefined) {
        i += 1;
        continue;
      }
      const site = await store.sites.create({
        kind: s.kind,
        code: s.code,
        name: s.name,
        districtCode: s.districtCode,
        longitude: s.longitude,
        latitude: s.latitude,
        parentId,
        attributes: { ...s.attributes },
        demo: options.demo,
      });
      ids.set(s.code, site.id);
      pending.splice(i, 1);
    }
    if (pending.length === before) {
      throw new Error(
        `site ${pending[0]?.code} names parent ${pending[0]?.parentCode}, which is not in the seed`,
      );
    }
  }
  const devices = city.devices.map((d) => {
    const siteId = ids.get(d.siteCode);
    if (siteId === undefined)
      throw new Error(`device ${d.mn} names site ${d.siteCode}, which is not in the seed`);
    return { mn: d.mn, password: d.password, siteId, protocol: d.protocol };
  });
  // Password hashing (scrypt) runs on libuv's thread pool, so hash devices concurrently.
  await Promise.all(devices.map((d) => store.devices.add(d)));
  return { districts: city.districts.length, sites: city.sites.length, devices: city.devices.length };
}
