/**
 * Store cases of devices written inside a caller's transaction (as the device service does, to
 * commit a change with its audit entry), run inside the shared conformance suite
 * (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import type { Store } from './store.js';
import { rolledBack } from './user.repository.case.test.js';

/** The cases; `getStore` returns the suite's store and `siteId` a site of it. */
export function runDeviceStoreCases(getStore: () => Store, siteId: () => number): void {
  it('registers and changes a device inside a transaction: nothing when it rolls back, all when it commits', async () => {
    const store = getStore();
    const device = { mn: 'MN-TRX', password: 'trx-pw', siteId: siteId(), protocol: '2017' as const };
    await rolledBack(store, async (trx) => {
      await store.devices.add(device, trx);
    });
    expect(await store.devices.getByMn('MN-TRX')).toBeNull();

    await store.db.transaction().execute((trx) => store.devices.add(device, trx));
    await rolledBack(store, async (trx) => {
      expect(await store.devices.setPassword('MN-TRX', 'other-pw', trx)).toBe(true);
      expect(await store.devices.setEnabled('MN-TRX', false, trx)).toBe(true);
      expect(await store.devices.setAllowedAddresses('MN-TRX', ['10.0.0.9'], trx)).toBe(true);
    });
    expect(await store.devices.getByMn('MN-TRX')).toMatchObject({ enabled: true, allowedAddresses: [] });
    expect((await store.devices.authenticate('MN-TRX', 'trx-pw')).ok).toBe(true);

    await store.db.transaction().execute(async (trx) => {
      await store.devices.setPassword('MN-TRX', 'other-pw', trx);
      await store.devices.setAllowedAddresses('MN-TRX', ['10.0.0.9'], trx);
      await store.devices.setEnabled('MN-TRX', false, trx);
    });
    expect(await store.devices.getByMn('MN-TRX')).toMatchObject({
      enabled: false,
      allowedAddresses: ['10.0.0.9'],
    });
    expect(await store.devices.authenticate('MN-TRX', 'other-pw', '10.0.0.9')).toEqual({
      ok: false,
      reason: 'disabled',
    });
  });

  it('moves a device to another site and protocol, and tells its own password from another', async () => {
    const store = getStore();
    await store.devices.add({ mn: 'MN-MOVE', password: 'move-pw', siteId: siteId(), protocol: '2017' });
    await store.db.transaction().execute(async (trx) => {
      expect(await store.devices.update('MN-MOVE', { protocol: '2025' }, trx)).toBe(true);
    });
    expect(await store.devices.getByMn('MN-MOVE')).toMatchObject({ protocol: '2025', siteId: siteId() });
    expect(await store.devices.update('MN-NONE', { protocol: '2025' })).toBe(false);
    expect(await store.devices.passwordMatches('MN-MOVE', 'move-pw')).toBe(true);
    expect(await store.devices.passwordMatches('MN-MOVE', 'other-pw')).toBe(false);
    expect(await store.devices.passwordMatches('MN-NONE', 'move-pw')).toBe(false);
  });
}
