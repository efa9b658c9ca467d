import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import {
  FIXTURE_PASSWORDS,
  loginHeaders,
  openTestStore,
  seedAccessFixture,
  testApp,
} from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { App } from './app.js';
import { REDACTED_HEADERS } from './app.js';

const T0 = '2026-03-15T00:00:00Z';
let t: TestStore;
let clock: ManualClock;
let app: App;
/** The slowdowns logins waited, ms (recorded instead of slept). */
let pauses: number[];

beforeEach(async () => {
  clock = new ManualClock(T0);
  t = await openTestStore(clock);
  await seedAccessFixture(t.store);
  pauses = [];
  app = await testApp(t.store, clock, {
    authPause: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
  });
});
afterEach(async () => {
  await app.close();
  await t.cleanup();
});

function login(username: string, password: string, remoteAddress = '127.0.0.1') {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

describe('POST /api/v1/auth/login', () => {
  it('returns a token, its expiry and the account, never a password hash', async () => {
    const res = await login('wuxing', FIXTURE_PASSWORDS.wuxing);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; expiresAt: string; user: Record<string, unknown> }>();
    expect(body.token).toMatch(/^qs_[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe('2026-03-15T08:00:00.000Z');
    expect(body.user).toMatchObject({
      username: 'wuxing',
      role: 'district',
      districtCode: '330502',
      demo: false,
    });
    expect(res.body).not.toMatch(/scrypt|password/i);
    // only the token's hash is stored
    const rows = await t.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(body.token);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await login('wuxing', 'not the password');
    const unknown = await login('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'unauthorized', message: 'wrong username or password' } });
  });

  it('refuses a disabled account, and its live token stops working', async () => {
    const headers = await loginHeaders(app, 'operator', FIXTURE_PASSWORDS.operator);
    await t.store.users.setEnabled('operator', false);
    expect((await login('operator', FIXTURE_PASSWORDS.operator)).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('refuses a bad body with 400 and an oversized one with 413', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(bad.statusCode).toBe(400);
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x', password: 'y'.repeat(5000) },
    });
    expect(big.statusCode).toBe(413);
  });
});

describe('login rate limit (per user and address; slowdown, never a lock of the right password elsewhere)', () => {
  it('locks a username for the address that guessed wrong 5 times, not for the user at another address', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock.advance(60_000);
      expect((await login('supervisor', `wrong guess ${i}`, '203.0.113.7')).statusCode).toBe(401);
    }
    const locked = await login('supervisor', FIXTURE_PASSWORDS.supervisor, '203.0.113.7');
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('too-many-requests');
    // the first failure was at T0+1 min; it leaves the window at T0+16 min, now is T0+5 min
    expect(locked.headers['retry-after']).toBe('660');
    // the real user, from the office, gets in with the right password (slowed, not refused)
    pauses.length = 0;
    expect((await login('supervisor', FIXTURE_PASSWORDS.supervisor, '10.9.9.9')).statusCode).toBe(200);
    expect(pauses).toEqual([500]);
    // another user from the attacker's address is not affected
    expect((await login('operator', FIXTURE_PASSWORDS.operator, '203.0.113.7')).statusCode).toBe(200);
    clock.advance(11 * 60_000);
    expect((await login('supervisor', FIXTURE_PASSWORDS.supervisor, '203.0.113.7')).statusCode).toBe(200);
  });

  it('slows every attempt on a username guessed from many addresses, doubling up to 8 s, and never refuses it', async () => {
    for (let i = 0; i < 12; i += 1) {
      expect((await login('admin', `wrong guess ${i}`, `198.51.100.${i}`)).statusCode).toBe(401);
    }
    // failures 5..11 before attempts 6..12: 0.5, 1, 2, 4, 8, 8, 8 s
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect((await login('admin', FIXTURE_PASSWORDS.admin, '192.0.2.1')).statusCode).toBe(200);
  });

  it('slows, but does not block, an address after 10 failures across usernames', async () => {
    for (let i = 0; i < 12; i += 1) {
      expect((await login(`guess${i}`, 'wrong password', '203.0.113.9')).statusCode).toBe(401);
    }
    expect(pauses).toEqual([500, 1000]);
    expect((await login('admin', FIXTURE_PASSWORDS.admin, '203.0.113.9')).statusCode).toBe(200);
    expect(pauses).toEqual([500, 1000, 2000]);
    expect((await login('admin', FIXTURE_PASSWORDS.admin, '198.51.100.1')).statusCode).toBe(200);
    expect(pauses).toHaveLength(3);
  });

  it('forgets a username’s failures after a successful login', async () => {
    for (let i = 0; i < 4; i += 1) await login('admin', 'wrong password');
    expect((await login('admin', FIXTURE_PASSWORDS.admin)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) await login('admin', 'wrong password');
    expect((await login('admin', FIXTURE_PASSWORDS.admin)).statusCode).toBe(200);
    expect(pauses).toEqual([]);
  });
});

describe('sessions', () => {
  it('GET /auth/me answers the account; the token expires after 8 hours (ManualClock)', async () => {
    const headers = await loginHeaders(app, 'ent1', FIXTURE_PASSWORDS.ent1);
    const me = await app.inject({ url: '/api/v1/auth/me', headers });
    expect(me.json()).toMatchObject({
      user: { username: 'ent1', role: 'enterprise' },
      expiresAt: '2026-03-15T08:00:00.000Z',
    });
    clock.advance(8 * 3_600_000 - 1);
    expect((await app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    clock.advance(1);
    const expired = await app.inject({ url: '/api/v1/auth/me', headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer');
    expect(expired.json<{ error: { message: string } }>().error.message).toMatch(/expired/);
  });

  it('logout ends the session and only that one', async () => {
    const a = await loginHeaders(app, 'admin', FIXTURE_PASSWORDS.admin);
    const b = await loginHeaders(app, 'admin', FIXTURE_PASSWORDS.admin);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a })).statusCode).toBe(
      204,
    );
    expect((await app.inject({ url: '/api/v1/auth/me', headers: a })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: b })).statusCode).toBe(200);
  });

  it('answers 401 to a malformed or unknown token', async () => {
    for (const authorization of [
      'Bearer nonsense',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer qs_${'A'.repeat(43)}`,
    ]) {
      expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization } })).statusCode).toBe(401);
    }
  });
});

describe('demo accounts', () => {
  it('are refused in serve mode, accepted in demo mode, and a demo-mode token is refused by serve', async () => {
    const refused = await login('demoadmin', FIXTURE_PASSWORDS.demoadmin);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/qingshan demo/);
    const demoApp = await testApp(t.store, clock, { mode: 'demo' });
    try {
      const headers = await loginHeaders(demoApp, 'demoadmin', FIXTURE_PASSWORDS.demoadmin);
      expect((await demoApp.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    } finally {
      await demoApp.close();
    }
    const audit = await t.store.audit.query({ action: 'auth.login_failed' });
    expect(audit.items[0]?.details).toEqual({ reason: 'demo_account_in_serve_mode' });
  });
});

describe('PUT /api/v1/auth/password', () => {
  it('checks the current password, the new one’s length, ends the other sessions and is audited', async () => {
    const mine = await loginHeaders(app, 'wuxing', FIXTURE_PASSWORDS.wuxing);
    const other = await loginHeaders(app, 'wuxing', FIXTURE_PASSWORDS.wuxing);
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/api/v1/auth/password', headers: mine, payload });
    expect(
      (await put({ currentPassword: 'wrong one!', newPassword: 'a brand new password' })).statusCode,
    ).toBe(403);
    const short = await put({ currentPassword: FIXTURE_PASSWORDS.wuxing, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ error: { message: string } }>().error.message).toMatch(/at least 10/);
    expect(
      (await put({ currentPassword: FIXTURE_PASSWORDS.wuxing, newPassword: 'a brand new password' }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: mine })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: other })).statusCode).toBe(401);
    expect((await login('wuxing', FIXTURE_PASSWORDS.wuxing)).statusCode).toBe(401);
    expect((await login('wuxing', 'a brand new password')).statusCode).toBe(200);
    const entries = await t.store.audit.query({ action: 'auth.password_changed' });
    expect(entries.items[0]).toMatchObject({ actor: 'wuxing', details: { otherSessionsEnded: 1 } });
  });
});

describe('the audit trail of logins', () => {
  it('records logins, failed logins and logouts with the address', async () => {
    await login('admin', 'wrong password', '192.0.2.1');
    const headers = await loginHeaders(app, 'admin', FIXTURE_PASSWORDS.admin);
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    const items = (await t.store.audit.query({})).items.reverse();
    expect(items.map((e) => [e.action, e.actor, e.targetId])).toEqual([
      ['auth.login_failed', null, 'admin'],
      ['auth.login', 'admin', 'admin'],
      ['auth.logout', 'admin', 'admin'],
    ]);
    expect(items[0]?.address).toBe('192.0.2.1');
  });
});

describe('secrets never reach the log', () => {
  it('logs requests at trace level without any password or token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ level: 'trace', redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } }, sink);
    const logged = await testApp(t.store, clock, { logger });
    try {
      const secrets: [string, ...string[]] = [
        'wrong-password-xyz',
        FIXTURE_PASSWORDS.admin,
        'new-user-password-1',
        'new-admin-password',
        'devpw42',
      ];
      await logged.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: secrets[0] },
      });
      const res = await logged.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: FIXTURE_PASSWORDS.admin },
      });
      const token = res.json<{ token: string }>().token;
      const headers = { authorization: `Bearer ${token}` };
      await logged.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers,
        payload: { username: 'newbie', password: secrets[2], role: 'supervisor' },
      });
      await logged.inject({
        method: 'PUT',
        url: '/api/v1/auth/password',
        headers,
        payload: { currentPassword: FIXTURE_PASSWORDS.admin, newPassword: secrets[3] },
      });
      await logged.inject({
        method: 'PUT',
        url: '/api/v1/devices/MN-E1/password',
        headers,
        payload: { password: secrets[4] },
      });
      // a failure path logs too: a body too large for the login route
      await logged.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: `${secrets[0]} `.repeat(400) },
      });
      // and were a body ever logged, its password fields are censored
      logger.info({ body: { password: 'logged-by-mistake' } }, 'a careless line');
      const output = lines.join('');
      expect(output).toContain('[redacted]');
      expect(output).not.toContain('logged-by-mistake');
      expect(output).toMatch(/incoming request/);
      expect(output).toMatch(/request completed/);
      for (const secret of [...secrets, token]) expect(output).not.toContain(secret);
      // nor the audit trail
      const audit = JSON.stringify(await t.store.db.selectFrom('audit_log').selectAll().execute());
      for (const secret of [...secrets, token]) expect(audit).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});
