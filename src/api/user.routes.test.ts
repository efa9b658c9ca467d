import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import {
  FIXTURE_PASSWORDS,
  loginAll,
  loginHeaders,
  openTestStore,
  seedAccessFixture,
  testApp,
} from '../../test/helpers.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let admin: { authorization: string };

beforeAll(async () => {
  t = await openTestStore();
  await seedAccessFixture(t.store);
  app = await testApp(t.store);
  admin = (await loginAll(app)).admin;
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const asAdmin = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });

describe('account administration', () => {
  it('creates accounts bound to a district or an enterprise, naming what is wrong', async () => {
    const created = await asAdmin('POST', '/api/v1/users', {
      username: 'nanxun',
      password: 'nanxun-password',
      role: 'district',
      district: '330503',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'nanxun',
      role: 'district',
      districtCode: '330503',
      demo: false,
    });
    const dup = await asAdmin('POST', '/api/v1/users', {
      username: 'nanxun',
      password: 'nanxun-password',
      role: 'admin',
    });
    expect(dup.statusCode).toBe(409);
    const cases: [object, RegExp][] = [
      [{ username: 'ent9', password: 'long enough pw', role: 'enterprise' }, /enterprise: required/],
      [
        { username: 'ent9', password: 'long enough pw', role: 'enterprise', enterprise: 'A1' },
        /no enterprise has code "A1"/,
      ],
      [
        { username: 'dis9', password: 'long enough pw', role: 'district', district: '999999' },
        /no district has code/,
      ],
      [{ username: 'pwd9', password: 'short', role: 'admin' }, /password: at least 10/],
      [{ username: 'rol9', password: 'long enough pw', role: 'root' }, /role/],
    ];
    for (const [payload, message] of cases) {
      const res = await asAdmin('POST', '/api/v1/users', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    const list = await asAdmin('GET', '/api/v1/users');
    expect(list.json<{ items: { username: string }[] }>().items.map((u) => u.username)).toContain('nanxun');
    expect(list.body).not.toMatch(/scrypt|password/i);
  });

  it('changes a role; the change applies to the live session at the next request', async () => {
    const wuxing = await loginHeaders(app, 'wuxing', FIXTURE_PASSWORDS.wuxing);
    const before = await app.inject({ url: '/api/v1/sites', headers: wuxing });
    expect(before.json<{ total: number }>().total).toBe(3);
    const res = await asAdmin('PATCH', '/api/v1/users/wuxing', { role: 'supervisor' });
    expect(res.json()).toMatchObject({ role: 'supervisor', districtCode: null });
    const after = await app.inject({ url: '/api/v1/sites', headers: wuxing });
    expect(after.json<{ total: number }>().total).toBe(6);
    const back = await asAdmin('PATCH', '/api/v1/users/wuxing', { role: 'district', district: '330502' });
    expect(back.json()).toMatchObject({ role: 'district', districtCode: '330502' });
    const audit = await t.store.audit.query({ action: 'user.updated', targetId: 'wuxing' });
    expect(audit.items.at(-1)?.details).toEqual({
      changes: { role: { from: 'district', to: 'supervisor' }, districtCode: { from: '330502', to: null } },
    });
  });

  it('disables an account (its sessions end) and enables it again', async () => {
    const op = await loginHeaders(app, 'operator', FIXTURE_PASSWORDS.operator);
    expect((await asAdmin('PATCH', '/api/v1/users/operator', { enabled: false })).json()).toMatchObject({
      enabled: false,
    });
    expect((await app.inject({ url: '/api/v1/auth/me', headers: op })).statusCode).toBe(401);
    await expect(loginHeaders(app, 'operator', FIXTURE_PASSWORDS.operator)).rejects.toThrow(/401/);
    await asAdmin('PATCH', '/api/v1/users/operator', { enabled: true });
    // a session ended by disabling stays ended
    expect((await app.inject({ url: '/api/v1/auth/me', headers: op })).statusCode).toBe(401);
    await loginHeaders(app, 'operator', FIXTURE_PASSWORDS.operator);
  });

  it('will not let an admin demote or disable their own account', async () => {
    expect((await asAdmin('PATCH', '/api/v1/users/admin', { enabled: false })).statusCode).toBe(409);
    expect((await asAdmin('PATCH', '/api/v1/users/admin', { role: 'operator' })).statusCode).toBe(409);
    expect((await asAdmin('PATCH', '/api/v1/users/ghost', { enabled: false })).statusCode).toBe(404);
    expect((await asAdmin('PATCH', '/api/v1/users/ent1', {})).statusCode).toBe(400);
  });

  it('resets a password: the old one and the old sessions stop working; audited without the password', async () => {
    const ent = await loginHeaders(app, 'ent1', FIXTURE_PASSWORDS.ent1);
    const res = await asAdmin('PUT', '/api/v1/users/ent1/password', { password: 'reset-by-admin-1' });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: ent })).statusCode).toBe(401);
    await loginHeaders(app, 'ent1', 'reset-by-admin-1');
    const [entry] = (await t.store.audit.query({ action: 'user.password_reset' })).items;
    expect(entry).toMatchObject({ actor: 'admin', targetId: 'ent1', details: { sessionsEnded: 2 } });
    expect(JSON.stringify(entry)).not.toContain('reset-by-admin-1');
    expect(
      (await asAdmin('PUT', '/api/v1/users/ghost/password', { password: 'whatever-long' })).statusCode,
    ).toBe(404);
  });
});
