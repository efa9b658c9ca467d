import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let fx: AccessFixture;
let h: Awaited<ReturnType<typeof loginAll>>;

beforeAll(async () => {
  t = await openTestStore();
  fx = await seedAccessFixture(t.store);
  app = await testApp(t.store);
  h = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('GET /api/v1/calc/carbon (docs/carbon.md §9)', () => {
  it('answers the hand-worked example of the calculator test', async () => {
    // 1000 MWh × 0.5153 (Zhejiang 2022, newest published for 2024) + 10 × 21.62188809 = 731.5189 t;
    // L = 0.7315 → medium; K = 0.7315188809 / 0.6 = 1.2192 → grade 4
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/calc/carbon?electricity=1000&natural_gas=10&value_added=1000&sector_intensity=0.6&year=2024',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      co2: { total: 731.5189 },
      tce: 244.33,
      level: 'medium',
      k: 1.2192,
      grade: 4,
    });
  });

  it('takes factor overrides and names a bad field', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/calc/carbon?electricity=1000&natural_gas=10&year=2025&factor=grid=0.5703&factor=natural_gas=21.62',
    });
    expect(ok.json<{ co2: { total: number } }>().co2.total).toBe(786.5);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/calc/carbon?value_added=-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'bad-request', message: expect.stringMatching(/value_added/) as unknown },
    });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/calc/carbon?factor=nope=1' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { message: expect.stringMatching(/factor nope: unknown/) as unknown },
    });
  });
});

describe('energy accounts over HTTP', () => {
  it('imports a CSV with a report of rows stored, replaced and rejected and why', async () => {
    const csv = [
      'enterprise,month,electricity,natural_gas,value_added,sector,reason',
      'E1,2026-01,100,1,50,1752,',
      'E2,2026-01,200,,80,1713,',
      'E1,2026-01,120,,,1752,grid company file',
      'E9,2026-01,1,,,1752,',
      'E2,2026-02,-5,,,1713,',
    ].join('\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/carbon/accounts/import',
      headers: h.supervisor,
      payload: { csv },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 5,
      stored: 2,
      replaced: 1,
      rejected: [
        { line: 5, reason: expect.stringMatching(/enterprise E9 not found/) as unknown },
        { line: 6, reason: expect.stringMatching(/quantities.electricity/) as unknown },
      ],
    });
    // The replacing row gave electricity only: natural gas and value added were kept.
    const versions = await app.inject({
      method: 'GET',
      url: '/api/v1/carbon/accounts/E1/2026-01/versions',
      headers: h.admin,
    });
    const items = versions.json<{
      items: { version: number; quantities: Record<string, string>; reason: string }[];
    }>().items;
    expect(items.map((i) => i.version)).toEqual([1, 2]);
    expect(items[1]).toMatchObject({
      quantities: { electricity: '120', natural_gas: '1' },
      reason: 'grid company file',
    });
  });

  it('the enterprise user reads and enters only its own enterprise', async () => {
    const other = await app.inject({
      method: 'GET',
      url: '/api/v1/carbon/accounts?enterprise=E2&from=2026-01&to=2026-02',
      headers: h.ent1,
    });
    expect(other.statusCode).toBe(404);
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/carbon/accounts',
      headers: h.ent1,
      payload: { enterprise: 'E2', month: '2026-02', quantities: { electricity: 1 }, sector: '1713' },
    });
    expect(write.statusCode).toBe(404);
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/carbon/accounts',
      headers: h.ent1,
      payload: {
        enterprise: 'E1',
        month: '2026-02',
        quantities: { electricity: '10' },
        valueAdded: 5,
        sector: '1752',
      },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      outcome: 'stored',
      account: { source: 'enterprise', recordedBy: 'ent1' },
    });
    const grades = await app.inject({
      method: 'GET',
      url: '/api/v1/carbon/grades?period=2026-01',
      headers: h.ent1,
    });
    expect(grades.json<{ items: { code: string }[] }>().items.map((g) => g.code)).toEqual(['E1']);
    expect(fx.sites.E1).toBeGreaterThan(0);
  });
});

describe('public carbon-code page', () => {
  it('answers without a login, with no energy figures, and its QR code is an SVG', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/v1/public/carbon-code/E1' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ code: 'E1', pageUrl: '/carbon/code/E1' });
    expect(page.body).not.toMatch(/tce|electricity/);
    const qr = await app.inject({ method: 'GET', url: '/api/v1/public/carbon-code/E1/qr.svg' });
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toMatch(/^<svg/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/carbon-code/NOPE' })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/carbon-code/E1-G1' })).statusCode).toBe(
      404,
    );
  });
});
