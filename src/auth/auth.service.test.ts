import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { FIXTURE_PASSWORDS, openTestStore, seedAccessFixture } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError, ForbiddenError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { TooManyAttemptsError, UnauthorizedError } from './auth.service.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
let t: TestStore;
let services: Services;

beforeEach(async () => {
  t = await openTestStore(clock);
  await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock, authSettings: { maxFailuresPerUserAddress: 2 } });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

const entries = async (action: string) => (await t.store.audit.query({ action })).items;
const sessionCount = async () => (await t.store.db.selectFrom('sessions').selectAll().execute()).length;

describe('AuthService', () => {
  it('opens a session with its audit entry, or neither', async () => {
    vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(services.auth.login('admin', FIXTURE_PASSWORDS.admin, '10.0.0.1')).rejects.toThrow(
      /audit down/,
    );
    expect(await sessionCount()).toBe(0);
    const login = await services.auth.login('admin', FIXTURE_PASSWORDS.admin, '10.0.0.1');
    expect(await sessionCount()).toBe(1);
    const principal = await services.auth.authenticate(login.token);
    expect(principal).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await entries('auth.login'))[0]).toMatchObject({
      actor: 'admin',
      targetId: 'admin',
      address: '10.0.0.1',
    });
    if (principal === null) throw new Error('no principal');
    expect((await services.auth.me(principal)).username).toBe('admin');
    await services.auth.logout(principal, '10.0.0.1');
    expect(await services.auth.authenticate(login.token)).toBeNull();
    expect((await entries('auth.logout'))[0]).toMatchObject({ actor: 'admin', targetId: 'admin' });
  });

  it('refuses a wrong password (counted and audited together), then that address on that username', async () => {
    for (let i = 0; i < 2; i += 1) {
      await expect(services.auth.login('supervisor', 'wrong guess', '10.0.0.2')).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
    }
    expect(await entries('auth.login_failed')).toHaveLength(2);
    expect(await t.store.sessions.countFailures({ username: 'supervisor' }, new Date(0))).toBe(2);
    const locked = await services.auth
      .login('supervisor', FIXTURE_PASSWORDS.supervisor, '10.0.0.2')
      .catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(TooManyAttemptsError);
    expect(locked).toMatchObject({ status: 429, retryAfterSeconds: 900 });
  });

  it('changes the own password with its audit entry; names a short or a wrong one', async () => {
    const login = await services.auth.login('wuxing', FIXTURE_PASSWORDS.wuxing, '10.0.0.3');
    const p = await services.auth.authenticate(login.token);
    if (p === null) throw new Error('no principal');
    await expect(
      services.auth.changePassword(p, FIXTURE_PASSWORDS.wuxing, 'short', 'a'),
    ).rejects.toBeInstanceOf(BadInputError);
    await expect(
      services.auth.changePassword(p, 'not my password', 'a new long password', 'a'),
    ).rejects.toBeInstanceOf(ForbiddenError);
    vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(
      services.auth.changePassword(p, FIXTURE_PASSWORDS.wuxing, 'a new long password', 'a'),
    ).rejects.toThrow(/audit down/);
    expect(await t.store.users.verify('wuxing', FIXTURE_PASSWORDS.wuxing)).not.toBeNull();
    await services.auth.changePassword(p, FIXTURE_PASSWORDS.wuxing, 'a new long password', 'a');
    expect(await t.store.users.verify('wuxing', 'a new long password')).not.toBeNull();
    expect((await entries('auth.password_changed'))[0]).toMatchObject({
      actor: 'wuxing',
      targetId: 'wuxing',
    });
  });
});
