import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let admin: { authorization: string };
const clock = new ManualClock('2026-03-15T00:00:00Z');

beforeAll(async () => {
  t = await openTestStore(clock);
  await seedAccessFixture(t.store);
  app = await testApp(t.store, clock);
  // five logins, a minute apart: audit entries 1–5
  const all = await loginAll(app);
  admin = all.admin;
  clock.advance(60_000);
  await app.inject({
    method: 'PUT',
    url: '/api/v1/devices/MN-E1/enabled',
    headers: all.operator,
    payload: { enabled: false },
  });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

type AuditPage = {
  items: { seq: number; action: string; actor: string | null; hash: string }[];
  nextCursor: string | null;
};

describe('GET /api/v1/audit', () => {
  it('lists entries newest first and pages with a cursor', async () => {
    const p1 = (await app.inject({ url: '/api/v1/audit?limit=4', headers: admin })).json<AuditPage>();
    expect(p1.items.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(p1.items[0]).toMatchObject({ action: 'device.enabled_changed', actor: 'operator' });
    const p2 = (
      await app.inject({ url: `/api/v1/audit?limit=4&cursor=${p1.nextCursor ?? ''}`, headers: admin })
    ).json<AuditPage>();
    expect(p2.items.map((e) => e.seq)).toEqual([2, 1]);
    expect(p2.nextCursor).toBeNull();
  });

  it('filters by action, actor, target and time', async () => {
    const get = async (q: string) =>
      (await app.inject({ url: `/api/v1/audit?${q}`, headers: admin }))
        .json<AuditPage>()
        .items.map((e) => e.seq);
    expect(await get('action=auth.login')).toEqual([5, 4, 3, 2, 1]);
    expect(await get('actor=wuxing')).toEqual([4]);
    expect(await get('targetType=device&targetId=MN-E1')).toEqual([6]);
    expect(await get('from=2026-03-15T00:00:30Z')).toEqual([6]);
    expect(await get('to=2026-03-15T00:00:30Z')).toEqual([5, 4, 3, 2, 1]);
  });

  it('names a wrong filter', async () => {
    const res = await app.inject({ url: '/api/v1/audit?action=coffee&from=yesterday', headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['querystring.action', 'querystring.from']),
    );
  });

  it('verifies the chain', async () => {
    const res = await app.inject({ url: '/api/v1/audit/verify', headers: admin });
    expect(res.json()).toMatchObject({ ok: true, entries: 6 });
  });
});
