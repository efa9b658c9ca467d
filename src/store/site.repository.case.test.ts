/**
 * Store cases of sites written inside a caller's transaction (as the site service does, to commit
 * a site with its audit entry), run inside the shared conformance suite (store.case.test.ts)
 * against SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import type { Store } from './store.js';
import { rolledBack } from './user.repository.case.test.js';

/** The cases; `getStore` returns the suite's store (with district 330502). */
export function runSiteStoreCases(getStore: () => Store): void {
  it('creates a site inside a transaction: nothing when it rolls back', async () => {
    const store = getStore();
    const site = { kind: 'outlet' as const, code: 'TRX-O1', name: '排口', districtCode: '330502' };
    await rolledBack(store, async (trx) => {
      expect((await store.sites.create(site, trx)).code).toBe('TRX-O1');
    });
    expect(await store.sites.getByCode('TRX-O1')).toBeNull();
    await store.db.transaction().execute((trx) => store.sites.create(site, trx));
    expect((await store.sites.getByCode('TRX-O1'))?.kind).toBe('outlet');
  });
}
