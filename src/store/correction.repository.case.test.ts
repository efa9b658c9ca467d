/**
 * Store cases of corrections written inside a caller's transaction (as the correction service
 * does, to commit a correction with its audit entry), run inside the shared conformance suite
 * (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import type { Store } from './store.js';
import { rolledBack } from './user.repository.case.test.js';

const T0 = new Date('2026-03-15T00:00:00Z');

/** The cases; `getStore` returns the suite's store and `siteId` a site of it. */
export function runCorrectionStoreCases(getStore: () => Store, siteId: () => number): void {
  it('adds a correction inside a transaction: nothing when it rolls back', async () => {
    const store = getStore();
    await store.readings.insertBatch([
      {
        siteId: siteId(),
        parameter: 'trx01',
        interval: 'hour',
        periodStart: T0,
        value: 1,
        valueText: '1',
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source: 'test',
        receivedAt: T0,
      },
    ]);
    const [r] = (await store.readings.query({ siteId: siteId(), parameter: 'trx01' })).items;
    if (!r) throw new Error('no reading');
    const correction = { readingId: r.id, value: 2, reason: 'r', correctedBy: 'op', correctedAt: T0 };
    await rolledBack(store, async (trx) => {
      await store.corrections.add(correction, trx);
    });
    expect(await store.corrections.listForReading(r.id)).toEqual([]);
    await store.db.transaction().execute((trx) => store.corrections.add(correction, trx));
    expect((await store.corrections.listForReading(r.id)).map((c) => c.value)).toEqual([2]);
  });
}
