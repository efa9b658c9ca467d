/**
 * Store cases of accounts and sessions written inside a caller's transaction (as the account and
 * auth services do, to commit a change with its audit entry), run inside the shared conformance
 * suite (store.case.test.ts) against SQLite and PostgreSQL.
 */
import type { Transaction } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from './schema.js';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const IN_1H = new Date(T0.getTime() + 3_600_000);

class RolledBack extends Error {}

/** Runs `write` in a transaction that is then rolled back. */
export async function rolledBack(
  store: Store,
  write: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  await expect(
    store.db.transaction().execute(async (trx) => {
      await write(trx);
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
}

/** The cases; `getStore` returns the suite's store. */
export function runUserStoreCases(getStore: () => Store): void {
  it('writes an account and its changes inside a transaction: nothing when it rolls back, all when it commits', async () => {
    const store = getStore();
    await rolledBack(store, async (trx) => {
      await store.users.add({ username: 'trx-user', password: 'trx password 1', role: 'admin' }, trx);
    });
    expect(await store.users.getByUsername('trx-user')).toBeNull();

    const u = await store.db
      .transaction()
      .execute((trx) =>
        store.users.add({ username: 'trx-user', password: 'trx password 1', role: 'admin' }, trx),
      );
    await rolledBack(store, async (trx) => {
      expect(
        await store.users.setRole('trx-user', { role: 'district', districtCode: '330502' }, trx),
      ).toMatchObject({
        role: 'district',
      });
      expect(await store.users.setEnabled('trx-user', false, trx)).toBe(true);
      expect(await store.users.setPassword('trx-user', 'trx password 2', trx)).toBe(true);
    });
    expect(await store.users.getByUsername('trx-user')).toMatchObject({
      id: u.id,
      role: 'admin',
      enabled: true,
    });
    expect((await store.users.verify('trx-user', 'trx password 1'))?.id).toBe(u.id);

    await store.db.transaction().execute(async (trx) => {
      await store.users.setRole('trx-user', { role: 'supervisor' }, trx);
      await store.users.setPassword('trx-user', 'trx password 2', trx);
    });
    expect((await store.users.verify('trx-user', 'trx password 2'))?.role).toBe('supervisor');
  });

  it('writes sessions and failed logins inside a transaction: nothing when it rolls back', async () => {
    const store = getStore();
    const u = await store.users.getByUsername('trx-user');
    if (u === null) throw new Error('no trx-user');
    const session = { tokenHash: 'trx-h1', userId: u.id, createdAt: T0, expiresAt: IN_1H, address: null };
    await rolledBack(store, async (trx) => {
      await store.sessions.create(session, trx);
      await store.sessions.recordFailure('trx-user', '10.9.9.9', T0, trx);
    });
    expect(await store.sessions.findActive('trx-h1', T0)).toBeNull();
    expect(await store.sessions.countFailures({ address: '10.9.9.9' }, T0)).toBe(0);

    await store.db.transaction().execute(async (trx) => {
      await store.sessions.create(session, trx);
      await store.sessions.create({ ...session, tokenHash: 'trx-h2' }, trx);
      await store.sessions.recordFailure('trx-user', '10.9.9.9', T0, trx);
    });
    expect(await store.sessions.countFailures({ address: '10.9.9.9' }, T0)).toBe(1);
    await rolledBack(store, async (trx) => {
      expect(await store.sessions.revoke('trx-h1', T0, trx)).toBe(true);
      expect(await store.sessions.revokeAllOf(u.id, T0, undefined, trx)).toBe(1);
      await store.sessions.clearFailures('trx-user', trx);
      expect(await store.sessions.pruneFailures(IN_1H, trx)).toBe(0);
      expect(await store.sessions.pruneSessions(IN_1H, trx)).toBe(2);
    });
    expect(await store.sessions.findActive('trx-h1', T0)).not.toBeNull();
    expect(await store.sessions.findActive('trx-h2', T0)).not.toBeNull();
    expect(await store.sessions.countFailures({ address: '10.9.9.9' }, T0)).toBe(1);

    await store.db.transaction().execute(async (trx) => {
      await store.sessions.revokeAllOf(u.id, T0, 'trx-h2', trx);
      await store.sessions.clearFailures('trx-user', trx);
    });
    expect(await store.sessions.findActive('trx-h1', T0)).toBeNull();
    expect(await store.sessions.findActive('trx-h2', T0)).not.toBeNull();
    expect(await store.sessions.countFailures({ address: '10.9.9.9' }, T0)).toBe(0);
  });
}
