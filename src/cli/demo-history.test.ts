import { describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import { DEMO_CITY } from '../sim/demo-city.js';
import { seedCity } from '../store/seed.js';
import { writeDemoHistory } from './demo-history.js';

describe('demo history', () => {
  it('writes hourly history for stations, sections and outlets, ending at the last full hour', async () => {
    const t = await openTestStore();
    try {
      await seedCity(t.store, DEMO_CITY, { demo: true });
      const now = new Date('2026-03-15T08:30:00Z');
      const started = Date.now();
      const rows = await writeDemoHistory(t.store, DEMO_CITY, now, {
        airDays: 30,
        waterDays: 7,
        outletDays: 2,
      });
      console.log(`demo history: ${rows} rows in ${Date.now() - started} ms`);
      expect(rows).toBeGreaterThan(30_000);
      const station = await t.store.sites.getByCode('HZ-AIR-01');
      const pm25 = await t.store.readings.query({
        siteId: station?.id,
        parameter: 'a34004',
        interval: 'hour',
        limit: 1000,
      });
      expect(pm25.items.length).toBeGreaterThan(600);
      const last = pm25.items[pm25.items.length - 1];
      expect(last?.periodStart.toISOString()).toBe('2026-03-15T07:00:00.000Z');
      expect(last?.source).toBe('demo-history');
      // A second run stores nothing new (idempotent by key).
      expect(
        await writeDemoHistory(t.store, DEMO_CITY, now, { airDays: 1, waterDays: 1, outletDays: 1 }),
      ).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});
