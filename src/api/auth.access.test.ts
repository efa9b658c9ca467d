import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { App } from './app.js';
import { installAccessControl } from './auth.hook.js';

let t: TestStore;
let app: App;
let fx: AccessFixture;
type Caller = 'anonymous' | 'admin' | 'supervisor' | 'operator' | 'wuxing' | 'ent1';
let headers: Record<Caller, Record<string, string>>;

beforeAll(async () => {
  t = await openTestStore();
  fx = await seedAccessFixture(t.store);
  await t.store.users.add({ username: 'victim', password: 'victim-password', role: 'supervisor' });
  app = await testApp(t.store);
  headers = { anonymous: {}, ...(await loginAll(app)) };
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

function call(caller: Caller, method: string, url: string, payload?: object) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: headers[caller],
    ...(payload !== undefined ? { payload } : {}),
  });
}

describe('every route declares its access', () => {
  it('refuses to start with a route that declares none, naming the route', async () => {
    const bare = Fastify();
    installAccessControl(bare, { authenticate: () => Promise.resolve(null) });
    bare.get('/fine', { config: { access: 'public' } }, () => 'ok');
    expect(() => bare.post('/api/v1/forgotten', () => 'x')).toThrow(
      /route POST \/api\/v1\/forgotten declares no access: add config: \{ access:/,
    );
    expect(() => bare.get('/nobody', { config: { access: [] } }, () => 'x')).toThrow(
      /non-empty list of roles/,
    );
    expect(() =>
      bare.get('/root', { config: { access: ['root'] as unknown as ['admin'] } }, () => 'x'),
    ).toThrow(/unknown roles \["root"\]/);
    await bare.close();
  });

  it('documents bearer security on non-public routes in the OpenAPI document', async () => {
    const doc = (await call('anonymous', 'GET', '/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, { security?: unknown; description?: string }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/users']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/users']?.get?.description).toMatch(/Access: roles: admin/);
    expect(doc.paths['/api/v1/sites']?.get?.security).toBeUndefined();
  });
});

describe('401, 403 by role', () => {
  // [method, url, body, callers allowed]; everyone else logged in gets 403, anonymous 401.
  const cases: [string, string, object | undefined, Caller[]][] = [
    ['GET', '/api/v1/users', undefined, ['admin']],
    ['GET', '/api/v1/users/wuxing', undefined, ['admin']],
    ['POST', '/api/v1/users', { username: 'x', password: 'y', role: 'admin' }, ['admin']],
    ['PATCH', '/api/v1/users/victim', { enabled: true }, ['admin']],
    ['PUT', '/api/v1/users/victim/password', { password: 'pppppppppppp' }, ['admin']],
    ['GET', '/api/v1/audit', undefined, ['admin']],
    ['GET', '/api/v1/audit/verify', undefined, ['admin']],
    ['PUT', '/api/v1/devices/NOPE/password', { password: 'abc' }, ['admin', 'operator']],
    ['PUT', '/api/v1/devices/NOPE/allowed-addresses', { addresses: [] }, ['admin', 'operator']],
    ['PUT', '/api/v1/devices/NOPE/enabled', { enabled: true }, ['admin', 'operator']],
    [
      'POST',
      '/api/v1/readings/999999/corrections',
      { reason: 'r', invalid: true },
      ['supervisor', 'operator'],
    ],
    [
      'GET',
      '/api/v1/readings/999999/corrections',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    ['GET', '/api/v1/auth/me', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['GET', '/api/v1/readings?site=A1', undefined, ['admin', 'supervisor', 'operator']],
    ['GET', '/api/v1/devices', undefined, ['admin', 'supervisor', 'operator']],
    ['GET', '/api/v1/carbon/settings', undefined, ['admin', 'supervisor']],
    ['PUT', '/api/v1/carbon/settings', {}, ['admin']],
    ['GET', '/api/v1/carbon/factors', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['POST', '/api/v1/carbon/factors', {}, ['admin']],
    [
      'GET',
      '/api/v1/carbon/accounts?enterprise=E1&from=2026-01&to=2026-02',
      undefined,
      ['admin', 'supervisor', 'wuxing', 'ent1'],
    ],
    [
      'POST',
      '/api/v1/carbon/accounts',
      { enterprise: 'E1', month: '2026-02', quantities: {}, sector: '1752' },
      ['admin', 'supervisor', 'ent1'],
    ],
    [
      'GET',
      '/api/v1/carbon/accounts/E1/2026-02/versions',
      undefined,
      ['admin', 'supervisor', 'wuxing', 'ent1'],
    ],
    ['POST', '/api/v1/carbon/accounts/import', { csv: 'enterprise,month' }, ['admin', 'supervisor']],
    ['GET', '/api/v1/carbon/grades', undefined, ['admin', 'supervisor', 'wuxing', 'ent1']],
    ['GET', '/api/v1/carbon/overview', undefined, ['admin', 'supervisor', 'wuxing']],
    ['GET', '/api/v1/carbon/enterprises/E1', undefined, ['admin', 'supervisor', 'wuxing', 'ent1']],
    ['GET', '/api/v1/carbon/budgets', undefined, ['admin', 'supervisor', 'wuxing', 'ent1']],
    ['POST', '/api/v1/carbon/budgets/issue', { year: 2026 }, ['admin', 'supervisor']],
    [
      'POST',
      '/api/v1/carbon/budgets/transfers',
      { year: 2026, from: 'E1', to: 'E2', amountTce: 1, reason: 'x' },
      ['admin', 'supervisor'],
    ],
    ['GET', '/api/v1/carbon/two-high', undefined, ['admin', 'supervisor', 'wuxing']],
    ['GET', '/api/v1/carbon/indicators', undefined, ['admin', 'supervisor', 'wuxing']],
    // Hazardous waste (issue 22): parties and the directory for everyone logged in; manifests,
    // ledgers and plans signed by enterprises only (in the party each holds; the service scopes).
    [
      'GET',
      '/api/v1/waste/parties?role=carrier',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    ['PUT', '/api/v1/waste/parties', { site: 'NOPE', role: 'generator' }, ['admin', 'supervisor']],
    ['GET', '/api/v1/waste/catalogue', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['POST', '/api/v1/waste/catalogue/import', { edition: '2025', csv: 'code' }, ['admin']],
    ['GET', '/api/v1/waste/manifests', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    [
      'POST',
      '/api/v1/waste/manifests',
      { carrier: 'NOPE', receiver: 'NOPE', items: [{ code: '900-041-49', quantityT: 1 }] },
      ['ent1'],
    ],
    [
      'GET',
      '/api/v1/waste/manifests/999999',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    ['POST', '/api/v1/waste/manifests/999999/transitions', { to: 'submitted' }, ['ent1']],
    [
      'GET',
      '/api/v1/waste/enterprises/E1/file',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    [
      'POST',
      '/api/v1/waste/enterprises/E1/ledger',
      { kind: 'stocktake', code: '900-041-49', quantityT: 1 },
      ['ent1'],
    ],
    [
      'POST',
      '/api/v1/waste/enterprises/E1/facilities',
      { code: 'S1', name: 'n', capacityT: 1, location: 'l' },
      ['ent1'],
    ],
    [
      'POST',
      '/api/v1/waste/enterprises/E1/plan',
      { year: 2026, lines: [{ code: '900-041-49', quantityT: 1 }] },
      ['ent1'],
    ],
    ['POST', '/api/v1/waste/enterprises/E1/declarations', { kind: 'annual', period: '2025' }, ['ent1']],
    ['GET', '/api/v1/waste/figures', undefined, ['admin', 'supervisor', 'operator', 'wuxing']],
    [
      'POST',
      '/api/v1/waste/stats',
      { rows: [{ month: '2026-01', scope: 'city', key: 'x', value: 1 }] },
      ['admin', 'supervisor'],
    ],
    ['GET', '/api/v1/waste/indicators?year=2026', undefined, ['admin', 'supervisor', 'operator', 'wuxing']],
    ['GET', '/api/v1/waste/settings', undefined, ['admin', 'supervisor']],
    ['PUT', '/api/v1/waste/settings', { quantityTolerancePct: 5 }, ['admin']],
    ['GET', '/api/v1/response/alerts', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    [
      'POST',
      '/api/v1/response/alerts',
      { level: 'yellow', region: '999999', startsAt: '2026-03-14T00:00:00Z', basis: 'x' },
      ['admin', 'supervisor'],
    ],
    ['GET', '/api/v1/response/alerts/999', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['POST', '/api/v1/response/alerts/999/transitions', { to: 'lifted' }, ['admin', 'supervisor']],
    [
      'GET',
      '/api/v1/response/alerts/999/obligations',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    ['GET', '/api/v1/response/alerts/999/figures', undefined, ['admin', 'supervisor', 'operator', 'wuxing']],
    [
      'GET',
      '/api/v1/response/figures/year?year=2026',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing'],
    ],
    ['GET', '/api/v1/response/grades', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    [
      'GET',
      '/api/v1/response/grades/E1/history',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    [
      'PUT',
      '/api/v1/response/grades/NOPE',
      { grade: 'B', industry: 'x', gradedOn: '2026-01-01', evidence: 'e' },
      ['admin', 'supervisor'],
    ],
    ['POST', '/api/v1/response/grades/import', { csv: 'x' }, ['admin', 'supervisor']],
    [
      'GET',
      '/api/v1/response/enterprises/E1',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    [
      'GET',
      '/api/v1/response/enterprises/E1/plan',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    [
      'PUT',
      '/api/v1/response/enterprises/NOPE/plan/yellow',
      { kind: 'stop', cutPct: { so2: 0, nox: 0, pm: 0, vocs: 0 }, text: 't' },
      ['admin', 'supervisor'],
    ],
    ['GET', '/api/v1/response/rules', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['PUT', '/api/v1/response/rules', { rules: {}, note: '' }, ['admin', 'supervisor']],
    ['GET', '/api/v1/response/templates', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    [
      'PUT',
      '/api/v1/response/templates',
      { version: 'v', validFrom: 'x', items: [], note: '' },
      ['admin', 'supervisor'],
    ],
    [
      'POST',
      '/api/v1/response/forecasts',
      { items: [{ region: '999999', date: '2026-03-15', aqi: 100 }] },
      ['admin', 'supervisor', 'operator'],
    ],
    ['POST', '/api/v1/response/forecasts/import', { csv: 'x' }, ['admin', 'supervisor', 'operator']],
    ['POST', '/api/v1/response/forecasts/builtin', { region: '999999' }, ['admin', 'supervisor', 'operator']],
    [
      'GET',
      '/api/v1/response/proposal?region=999999',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing'],
    ],
    ['GET', '/api/v1/indicators?year=2026', undefined, ['admin', 'supervisor', 'operator', 'wuxing']],
    [
      'GET',
      '/api/v1/indicators/rankings?year=2026&key=air.pm25',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing'],
    ],
    [
      'GET',
      '/api/v1/indicators/entries?year=2026&key=air.pm25',
      undefined,
      ['admin', 'supervisor', 'operator', 'wuxing'],
    ],
    [
      'POST',
      '/api/v1/indicators/entries',
      { kind: 'target', key: 'air.pm25', year: 2026, scope: 'city', value: 30 },
      ['admin', 'supervisor'],
    ],
    ['GET', '/api/v1/reports', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    ['GET', '/api/v1/reports/999999/file', undefined, ['admin', 'supervisor', 'operator', 'wuxing', 'ent1']],
    [
      'POST',
      '/api/v1/reports',
      { kind: 'indicators-annual', period: 'bad', format: 'html' },
      ['admin', 'supervisor', 'operator', 'wuxing', 'ent1'],
    ],
    ['GET', '/api/v1/reports/schedule', undefined, ['admin', 'supervisor', 'operator']],
    [
      'PUT',
      '/api/v1/reports/schedule',
      {
        daily: { enabled: true, hour: 8, format: 'pdf' },
        monthly: { enabled: true, hour: 8, format: 'pdf' },
      },
      ['admin'],
    ],
  ];
  const callers: Caller[] = ['anonymous', 'admin', 'supervisor', 'operator', 'wuxing', 'ent1'];
  for (const [method, url, body, allowed] of cases) {
    it(`${method} ${url}: ${allowed.join(', ')}`, async () => {
      for (const caller of callers) {
        const res = await call(caller, method, url, body);
        const expected =
          caller === 'anonymous' ? [401] : allowed.includes(caller) ? [200, 201, 204, 400, 404, 409] : [403];
        expect(expected, `${caller} got ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 401) expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
        if (res.statusCode === 403) expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
      }
    });
  }
  it('public routes answer without a login', async () => {
    for (const url of [
      '/api/v1/health',
      '/api/v1/districts',
      '/api/v1/sites',
      '/api/v1/openapi.json',
      '/api/v1/air/comparability?from=2026-02&to=2026-03',
      '/docs',
      '/',
      '/api/v1/calc/carbon?electricity=1',
      '/api/v1/public/carbon-code/E1',
      '/api/v1/public/carbon-code/E1/qr.svg',
    ]) {
      expect((await call('anonymous', 'GET', url)).statusCode, url).toBe(200);
    }
  });

  it('readiness is public; metrics go to loopback or the metrics token, whatever the role', async () => {
    for (const caller of callers) {
      // 503 here: this app runs no HJ 212 listener (src/api/ops.routes.test.ts has a ready platform).
      expect((await call(caller, 'GET', '/api/v1/ready')).statusCode, caller).toBe(503);
      expect((await call(caller, 'GET', '/metrics')).statusCode, caller).toBe(200);
      const remote = await app.inject({
        url: '/metrics',
        remoteAddress: '192.0.2.7',
        headers: headers[caller],
      });
      expect(remote.statusCode, caller).toBe(403);
    }
  });
});

describe('scoping of sites, in the query', () => {
  async function codes(caller: Caller, query = ''): Promise<string[]> {
    const res = await call(caller, 'GET', `/api/v1/sites${query}`);
    expect(res.statusCode).toBe(200);
    return res
      .json<{ items: { code: string }[] }>()
      .items.map((s) => s.code)
      .sort();
  }

  it('anonymous callers see the published stations and sections only', async () => {
    expect(await codes('anonymous')).toEqual(['A1', 'W1']);
    expect(await codes('anonymous', '?kind=enterprise')).toEqual([]);
    expect(await codes('anonymous', '?kind=water_section')).toEqual(['W1']);
    expect((await call('anonymous', 'GET', '/api/v1/sites/E1')).statusCode).toBe(404);
    expect((await call('anonymous', 'GET', '/api/v1/sites?parent=E1')).statusCode).toBe(404);
    expect((await call('anonymous', 'GET', '/api/v1/sites/A1')).statusCode).toBe(200);
  });

  it('bureau roles see the whole city', async () => {
    for (const caller of ['admin', 'supervisor', 'operator'] as const) {
      expect(await codes(caller)).toEqual(['A1', 'E1', 'E1-G1', 'E2', 'E2-W1', 'W1']);
    }
  });

  it('a district officer sees the district; another district’s site is 404', async () => {
    expect(await codes('wuxing')).toEqual(['A1', 'E1', 'E1-G1']);
    expect(await codes('wuxing', '?district=330503')).toEqual([]);
    expect(await codes('wuxing', '?kind=outlet')).toEqual(['E1-G1']);
    const other = await call('wuxing', 'GET', '/api/v1/sites/E2');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ error: { code: 'not-found', message: 'site E2 not found' } });
    expect((await call('wuxing', 'GET', '/api/v1/sites/E1-G1')).statusCode).toBe(200);
  });

  it('an enterprise user sees the enterprise and its outlets; another enterprise is 404', async () => {
    expect(await codes('ent1')).toEqual(['E1', 'E1-G1']);
    expect(await codes('ent1', '?parent=E1')).toEqual(['E1-G1']);
    expect((await call('ent1', 'GET', '/api/v1/sites/E2')).statusCode).toBe(404);
    expect((await call('ent1', 'GET', '/api/v1/sites?parent=E2')).statusCode).toBe(404);
    expect((await call('ent1', 'GET', '/api/v1/sites/E1-G1')).statusCode).toBe(200);
  });

  it('scopes the corrections of a reading by the reading’s site', async () => {
    const url = (id: number) => `/api/v1/readings/${id}/corrections`;
    expect((await call('ent1', 'GET', url(fx.readings.e1))).statusCode).toBe(200);
    expect((await call('ent1', 'GET', url(fx.readings.e2))).statusCode).toBe(404);
    expect((await call('wuxing', 'GET', url(fx.readings.e1))).statusCode).toBe(200);
    expect((await call('wuxing', 'GET', url(fx.readings.e2))).statusCode).toBe(404);
    expect((await call('supervisor', 'GET', url(fx.readings.e2))).statusCode).toBe(200);
  });
});
