/** Shared test helpers: a fresh SQLite store in a temporary folder, and a built app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, AppDeps } from '../src/api/app.js';
import { buildApp } from '../src/api/app.js';
import type { Principal } from '../src/auth/access.js';
import type { Clock } from '../src/clock.js';
import { ManualClock } from '../src/clock.js';
import { parseDbUrl } from '../src/config/config.js';
import type { ServiceDeps, Services } from '../src/services.js';
import { createServices } from '../src/services.js';
import type { Store } from '../src/store/store.js';
import type { SiteKind } from '../src/store/types.js';
import { openStore } from '../src/store/store.js';

export interface TestStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

/** Opens a migrated SQLite store in a new temporary folder. */
export async function openTestStore(
  clock: Clock = new ManualClock('2026-03-15T00:00:00Z'),
): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-test-'));
  const store = await openStore(parseDbUrl(`sqlite:${join(dir, 'test.db')}`), { clock });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the services and the HTTP app over a store, without a logger (unless `extra` gives one);
 * mode `serve` unless `extra.mode` says otherwise.
 */
export function testApp(
  store: Store,
  clock: Clock = new ManualClock('2026-03-15T00:00:00Z'),
  extra: Partial<Omit<AppDeps, 'services'>> & Pick<ServiceDeps, 'mode' | 'authSettings' | 'authPause'> = {},
): Promise<App> {
  const { mode, authSettings, authPause, ...appExtra } = extra;
  return appOver(createServices({ store, clock, mode, authSettings, authPause }), appExtra);
}

/** Builds the HTTP app over services a test built itself (to reach the same instances). */
export function appOver(services: Services, extra: Partial<Omit<AppDeps, 'services'>> = {}): Promise<App> {
  return buildApp({
    services,
    version: 'test',
    startedAt: new Date('2026-03-14T23:00:00Z'),
    logger: false,
    ...extra,
  });
}

/** Logs in through the API and returns the header that carries the token; throws on refusal. */
export async function loginHeaders(
  app: App,
  username: string,
  password: string,
): Promise<{ authorization: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}

/** Passwords of the accounts `seedAccessFixture` creates, by username. */
export const FIXTURE_PASSWORDS = {
  admin: 'admin-password-1',
  supervisor: 'supervisor-password-1',
  operator: 'operator-password-1',
  wuxing: 'wuxing-password-1',
  ent1: 'ent1-password-1',
  demoadmin: 'demo-admin-password',
} as const;

export type FixtureUser = keyof typeof FIXTURE_PASSWORDS;

/** Ids the access fixture created. */
export interface AccessFixture {
  /** Site ids by code. */
  sites: Record<'A1' | 'W1' | 'E1' | 'E1-G1' | 'E2' | 'E2-W1', number>;
  /** A reading id of E1-G1 (enterprise E1's outlet, Wuxing) and of E2-W1 (enterprise E2's outlet, Nanxun). */
  readings: { e1: number; e2: number };
}

/**
 * A small city for access tests: two districts (Wuxing 330502, Nanxun 330503); an air station and
 * a water section; enterprises E1 (Wuxing) and E2 (Nanxun), each with an outlet, a device and a
 * reading; one account per role (the district officer bound to Wuxing, the enterprise user to E1)
 * and a demo admin.
 */
export async function seedAccessFixture(store: Store): Promise<AccessFixture> {
  await store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  const site = async (
    kind: SiteKind,
    code: string,
    districtCode: string,
    parentId?: number,
  ): Promise<number> =>
    (await store.sites.create({ kind, code, name: code, districtCode, parentId: parentId ?? null })).id;
  const A1 = await site('air_station', 'A1', '330502');
  const W1 = await site('water_section', 'W1', '330503');
  const E1 = await site('enterprise', 'E1', '330502');
  const E1G1 = await site('outlet', 'E1-G1', '330502', E1);
  const E2 = await site('enterprise', 'E2', '330503');
  const E2W1 = await site('outlet', 'E2-W1', '330503', E2);
  await store.devices.add({ mn: 'MN-E1', password: 'dev-pw-1', siteId: E1G1, protocol: '2017' });
  await store.devices.add({ mn: 'MN-E2', password: 'dev-pw-2', siteId: E2W1, protocol: '2017' });
  const at = new Date('2026-03-14T16:00:00Z');
  const reading = (siteId: number, value: number) => ({
    siteId,
    parameter: 'a21026',
    interval: 'hour' as const,
    periodStart: at,
    value,
    valueText: String(value),
    min: null,
    max: null,
    cumulative: null,
    flag: 'N',
    source: 'test',
    receivedAt: at,
  });
  await store.readings.insertBatch([reading(E1G1, 35), reading(E2W1, 8)]);
  const [e1] = (await store.readings.query({ siteId: E1G1 })).items;
  const [e2] = (await store.readings.query({ siteId: E2W1 })).items;
  if (!e1 || !e2) throw new Error('fixture readings missing');
  const p = FIXTURE_PASSWORDS;
  await store.users.add({ username: 'admin', password: p.admin, role: 'admin' });
  await store.users.add({ username: 'supervisor', password: p.supervisor, role: 'supervisor' });
  await store.users.add({ username: 'operator', password: p.operator, role: 'operator' });
  await store.users.add({ username: 'wuxing', password: p.wuxing, role: 'district', districtCode: '330502' });
  await store.users.add({ username: 'ent1', password: p.ent1, role: 'enterprise', enterpriseSiteId: E1 });
  await store.users.add({ username: 'demoadmin', password: p.demoadmin, role: 'admin', demo: true });
  return {
    sites: { A1, W1, E1, 'E1-G1': E1G1, E2, 'E2-W1': E2W1 },
    readings: { e1: e1.id, e2: e2.id },
  };
}

/** Logs every fixture account in (except the demo one, refused in serve mode); headers by username. */
export async function loginAll(
  app: App,
): Promise<Record<Exclude<FixtureUser, 'demoadmin'>, { authorization: string }>> {
  const p = FIXTURE_PASSWORDS;
  return {
    admin: await loginHeaders(app, 'admin', p.admin),
    supervisor: await loginHeaders(app, 'supervisor', p.supervisor),
    operator: await loginHeaders(app, 'operator', p.operator),
    wuxing: await loginHeaders(app, 'wuxing', p.wuxing),
    ent1: await loginHeaders(app, 'ent1', p.ent1),
  };
}

/** A logged-in caller for service tests, without a session (role-bound fields null unless given). */
export function testPrincipal(role: Principal['role'], extra: Partial<Principal> = {}): Principal {
  return {
    userId: 1,
    username: role,
    role,
    districtCode: null,
    enterpriseSiteId: null,
    sessionHash: 'test',
    expiresAt: new Date('2026-03-16T00:00:00Z'),
    ...extra,
  };
}
