import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginHeaders, openTestStore, testApp } from '../../test/helpers.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let admin: { authorization: string };

beforeAll(async () => {
  t = await openTestStore();
  await t.store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  await t.store.sites.create({
    kind: 'air_station',
    code: 'A1',
    name: '城西',
    districtCode: '330502',
    longitude: 120.05,
    latitude: 30.87,
    demo: true,
  });
  await t.store.sites.create({
    kind: 'air_station',
    code: 'A2',
    name: '<script>南浔站</script>',
    districtCode: '330503',
    demo: true,
  });
  const e = await t.store.sites.create({
    kind: 'enterprise',
    code: 'E1',
    name: '<script>印染</script>',
    districtCode: '330503',
    demo: true,
  });
  await t.store.sites.create({
    kind: 'outlet',
    code: 'E1-G1',
    name: '废气排口',
    districtCode: '330503',
    parentId: e.id,
    demo: true,
  });
  await t.store.users.add({ username: 'boss', password: 'boss-password-1', role: 'admin' });
  app = await testApp(t.store);
  admin = await loginHeaders(app, 'boss', 'boss-password-1');
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('GET /api/v1/health', () => {
  it('reports the store reachable, the version and uptime', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      version: 'test',
      uptimeSeconds: 3600,
      store: { dialect: 'sqlite', reachable: true },
    });
  });
});

describe('districts and sites', () => {
  it('lists districts', async () => {
    const res = await app.inject('/api/v1/districts');
    expect(res.json<{ items: unknown[] }>().items).toHaveLength(2);
  });
  it('filters sites by kind and district', async () => {
    const stations = await app.inject('/api/v1/sites?kind=air_station');
    expect(stations.json<{ items: { code: string }[] }>().items.map((s) => s.code)).toEqual(['A1', 'A2']);
    const nanxun = await app.inject('/api/v1/sites?kind=air_station&district=330503');
    expect(nanxun.json<{ items: { code: string }[]; total: number }>()).toMatchObject({
      total: 1,
      items: [{ code: 'A2' }],
    });
    const outlets = await app.inject({ url: '/api/v1/sites?parent=E1', headers: admin });
    expect(outlets.json<{ items: { code: string }[] }>().items.map((s) => s.code)).toEqual(['E1-G1']);
  });
  it('pages with limit and offset', async () => {
    const res = await app.inject({ url: '/api/v1/sites?limit=3', headers: admin });
    expect(res.json()).toMatchObject({ total: 4, nextCursor: '3' });
    const anonymous = await app.inject('/api/v1/sites?limit=1');
    expect(anonymous.json()).toMatchObject({ total: 2, nextCursor: '1' });
  });
  it('gets one site and answers 404 in the envelope for an unknown one', async () => {
    expect((await app.inject('/api/v1/sites/A1')).json()).toMatchObject({
      code: 'A1',
      longitude: 120.05,
      demo: true,
    });
    const res = await app.inject('/api/v1/sites/NOPE');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not-found', message: 'site NOPE not found' } });
  });
  it('names the wrong field of a bad query', async () => {
    const res = await app.inject('/api/v1/sites?kind=volcano&limit=0');
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string; details: { field: string }[] } }>();
    expect(body.error.code).toBe('bad-request');
    expect(body.error.details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['querystring.kind', 'querystring.limit']),
    );
    const extra = await app.inject('/api/v1/sites?colour=red');
    expect(extra.statusCode).toBe(400);
    expect(extra.json<{ error: { message: string } }>().error.message).toMatch(/colour|additional/);
  });
  it('answers an unknown route with the envelope', async () => {
    const res = await app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not-found', message: 'no route GET /api/v1/nothing-here' },
    });
  });
});

describe('documentation and home page', () => {
  it('serves an OpenAPI 3 document listing the routes', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/sites',
        '/api/v1/sites/{code}',
        '/api/v1/districts',
      ]),
    );
  });
  it('renders the docs page offline', async () => {
    const res = await app.inject('/docs');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('/api/v1/sites');
  });
  it('lists the sites on the home page, escaped, with the demo notice', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('城西');
    expect(res.body).toContain('&lt;script&gt;南浔站&lt;/script&gt;');
    expect(res.body).not.toContain('<script>南浔站');
    // public: nothing about enterprises
    expect(res.body).not.toContain('印染');
    expect(res.body).not.toContain('E1-G1');
    expect(res.body).toContain('Demo data');
  });
});
