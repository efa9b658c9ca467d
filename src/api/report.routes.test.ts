/** The report routes in-process: generate, list, download with its digest, scoping, the schedule. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, openTestStore, seedAccessFixture, testApp, type TestStore } from '../../test/helpers.js';
import type { App } from './app.js';
import type { ReportListDto, ReportRecordDto } from './report.schemas.js';

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

describe('/api/v1/reports', () => {
  it('generates a stored report, lists it and serves the same bytes with their SHA-256', async () => {
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: headers.supervisor,
      payload: { kind: 'air-daily', period: '2026-03-14', format: 'xlsx' },
    });
    expect(post.statusCode).toBe(201);
    const rec = post.json<ReportRecordDto>();
    expect(rec).toMatchObject({
      kind: 'air-daily',
      period: '2026-03-14',
      format: 'xlsx',
      createdBy: 'supervisor',
    });
    const list = await app.inject({ method: 'GET', url: '/api/v1/reports', headers: headers.wuxing });
    expect(list.json<ReportListDto>().items.map((r) => r.id)).toContain(rec.id);
    const file = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${rec.id}/file`,
      headers: headers.admin,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(rec.sha256);
    const ent = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${rec.id}/file`,
      headers: headers.ent1,
    });
    expect(ent.statusCode).toBe(404);
  });

  it('lets an enterprise account make its own enterprise-monthly and nothing else (403)', async () => {
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: headers.ent1,
      payload: { kind: 'air-daily', period: '2026-03-14', format: 'html' },
    });
    expect(other.statusCode).toBe(403);
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: headers.ent1,
      payload: { kind: 'enterprise-monthly', period: '2026-03', format: 'html' },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ enterpriseCode: 'E1' });
  });

  it('answers 400 naming the period for a malformed one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: headers.admin,
      payload: { kind: 'environment-monthly', period: '2026-3', format: 'html' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/^period:/);
  });

  it('reads and sets the schedule (admin), refusing an hour out of range', async () => {
    const get = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/schedule',
      headers: headers.supervisor,
    });
    expect(get.json()).toMatchObject({ daily: { enabled: true, hour: 8, format: 'pdf' }, changedBy: null });
    const body = {
      daily: { enabled: false, hour: 7, format: 'html' },
      monthly: { enabled: true, hour: 9, format: 'xlsx' },
    };
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/reports/schedule',
      headers: headers.admin,
      payload: body,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ ...body, changedBy: 'admin' });
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/reports/schedule',
      headers: headers.admin,
      payload: { ...body, daily: { ...body.daily, hour: 24 } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
