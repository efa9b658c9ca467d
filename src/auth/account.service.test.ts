import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { FIXTURE_PASSWORDS, openTestStore, seedAccessFixture } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
const admin = { username: 'admin', role: 'admin' };
let t: TestStore;
let services: Services;

beforeEach(async () => {
  t = await openTestStore(clock);
  await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

const entries = async (action: string) => (await t.store.audit.query({ action })).items;
const auditDown = () => vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));

describe('AccountService', () => {
  it('creates an account with its audit entry, naming the actor and the binding', async () => {
    const u = await services.accounts.create(
      admin,
      { username: 'nanxun', password: 'nanxun-password', role: 'district', district: '330503' },
      '10.0.0.9',
    );
    expect(u).toMatchObject({ role: 'district', districtCode: '330503' });
    const [entry] = await entries('user.created');
    expect(entry).toMatchObject({
      actor: 'admin',
      actorRole: 'admin',
      targetType: 'user',
      targetId: 'nanxun',
      address: '10.0.0.9',
      details: { role: 'district', districtCode: '330503', enterpriseSiteId: null },
    });
  });

  it('creates nothing when the audit entry cannot be written, and writes no entry for a refused account', async () => {
    auditDown();
    await expect(
      services.accounts.create(
        admin,
        { username: 'ghost1', password: 'ghost-password', role: 'admin' },
        null,
      ),
    ).rejects.toThrow(/audit down/);
    expect(await t.store.users.getByUsername('ghost1')).toBeNull();
    await expect(
      services.accounts.create(admin, { username: 'ghost2', password: 'short', role: 'admin' }, null),
    ).rejects.toBeInstanceOf(BadInputError);
    await expect(
      services.accounts.create(admin, { username: 'admin', password: 'long enough pw', role: 'admin' }, null),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await entries('user.created')).toEqual([]);
  });

  it('changes a role and disables an account in one audited transaction, or not at all', async () => {
    await t.store.sessions.create({
      tokenHash: 'h-op',
      userId: (await services.accounts.get('operator')).id,
      createdAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 3_600_000),
      address: null,
    });
    auditDown();
    await expect(
      services.accounts.update(admin, 'operator', { role: 'supervisor', enabled: false }, null),
    ).rejects.toThrow(/audit down/);
    expect(await services.accounts.get('operator')).toMatchObject({ role: 'operator', enabled: true });
    expect(await t.store.sessions.findActive('h-op', clock.now())).not.toBeNull();

    const after = await services.accounts.update(
      admin,
      'operator',
      { role: 'supervisor', enabled: false },
      null,
    );
    expect(after).toMatchObject({ role: 'supervisor', enabled: false });
    expect(await t.store.sessions.findActive('h-op', clock.now())).toBeNull();
    const [entry] = await entries('user.updated');
    expect(entry).toMatchObject({
      actor: 'admin',
      targetId: 'operator',
      details: {
        changes: { role: { from: 'operator', to: 'supervisor' }, enabled: { from: true, to: false } },
      },
    });
    // nothing changes: nothing written
    await services.accounts.update(admin, 'operator', { role: 'supervisor' }, null);
    expect(await entries('user.updated')).toHaveLength(1);
    await expect(services.accounts.update(admin, 'nobody', { enabled: false }, null)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(services.accounts.update(admin, 'admin', { enabled: false }, null)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('resets a password with its audit entry, or keeps the old one', async () => {
    auditDown();
    await expect(services.accounts.resetPassword(admin, 'ent1', 'reset-password-1', null)).rejects.toThrow(
      /audit down/,
    );
    expect(await t.store.users.verify('ent1', FIXTURE_PASSWORDS.ent1)).not.toBeNull();
    await services.accounts.resetPassword(admin, 'ent1', 'reset-password-1', null);
    expect(await t.store.users.verify('ent1', 'reset-password-1')).not.toBeNull();
    const [entry] = await entries('user.password_reset');
    expect(entry).toMatchObject({ actor: 'admin', targetType: 'user', targetId: 'ent1' });
    expect(JSON.stringify(entry)).not.toContain('reset-password-1');
  });
});
