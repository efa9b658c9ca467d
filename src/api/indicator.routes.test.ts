/** The indicator routes in-process: the board, entries, rankings, bad input; the comparability bound. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, openTestStore, seedAccessFixture, testApp, type TestStore } from '../../test/helpers.js';
import type { App } from './app.js';
import type { IndicatorBoardDto } from './indicator.schemas.js';

let t: TestStore;
let app: App;
let headers: Awaited<ReturnType<typeof loginAll>>;

beforeAll(async () => {
  t = await openTestStore();
  await seedAccessFixture(t.store);
  app = await testApp(t.store);
  headers = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('/api/v1/indicators', () => {
  it('sets a target and shows it on the board with the items the issue names', async () => {
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/entries',
      headers: headers.supervisor,
      payload: {
        kind: 'target',
        key: 'air.good-day-ratio',
        year: 2026,
        scope: 'district',
        code: '330502',
        value: 88,
      },
    });
    expect(post.statusCode).toBe(201);
    expect(post.json()).toMatchObject({ enteredBy: 'supervisor', code: '330502', value: 88 });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators?year=2026&scope=district&code=330502',
      headers: headers.wuxing,
    });
    expect(res.statusCode).toBe(200);
    const board = res.json<IndicatorBoardDto>();
    const good = board.items.find((i) => i.key === 'air.good-day-ratio');
    expect(good).toMatchObject({ target: 88, unit: '%', source: { kind: 'computed' } });
    for (const i of board.items) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining(['key', 'name', 'unit', 'value', 'target', 'status', 'asOf', 'source']),
      );
    }
  });

  it('answers 400 naming the field for a district board without a code, 404 for an unknown key', async () => {
    const noCode = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators?year=2026&scope=district',
      headers: headers.admin,
    });
    expect(noCode.statusCode).toBe(400);
    const envelope = noCode.json<{ error: { code: string; message: string } }>();
    expect(envelope.error.code).toBe('bad-request');
    expect(envelope.error.message).toMatch(/^code:/);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators/rankings?year=2026&key=nope',
      headers: headers.admin,
    });
    expect(unknown.statusCode).toBe(404);
    const badYear = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators?year=99999',
      headers: headers.admin,
    });
    expect(badYear.statusCode).toBe(400);
  });

  it('refuses a value for a computed indicator with 409', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/entries',
      headers: headers.admin,
      payload: { kind: 'value', key: 'air.pm25', year: 2026, scope: 'city', value: 30 },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('/api/v1/air/comparability', () => {
  it('answers per month, and refuses more than 36 months or a malformed month (400)', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/v1/air/comparability?from=2026-02&to=2026-03' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ comparableStandard: 'HJ 633-2026', switchDate: '2026-03-01' });
    const long = await app.inject({
      method: 'GET',
      url: '/api/v1/air/comparability?from=2023-01&to=2026-01',
    });
    expect(long.statusCode).toBe(400);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/air/comparability?from=2026-1&to=2026-02' });
    expect(bad.statusCode).toBe(400);
  });
});
