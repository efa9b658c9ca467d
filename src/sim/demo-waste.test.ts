import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import type { TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { seedCity } from '../store/seed.js';
import { DEMO_CITY } from './demo-city.js';
import { loadDemoWaste } from './demo-waste.js';

const NOW = new Date('2026-12-07T02:00:00Z');
let ts: TestStore;
let services: Services;
const BUREAU = {
  username: 'supervisor',
  role: 'supervisor' as const,
  districtCode: null,
  enterpriseSiteId: null,
};

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  ts = await openTestStore(clock);
  services = createServices({ store: ts.store, clock });
  await seedCity(ts.store, DEMO_CITY, { demo: true });
});
afterAll(async () => {
  await ts.cleanup();
});

describe('demo waste', () => {
  it('loads a year of manifests with discrepancies, a rejection, an overdue receipt and an over-year storage', async () => {
    const started = Date.now();
    const made = await loadDemoWaste(services);
    expect(made).toBeGreaterThan(20);
    const all = await services.waste.manifests(BUREAU, { limit: 500, offset: 0 });
    expect(all.total).toBe(made);
    const states = new Set(all.items.map((v) => v.manifest.state));
    for (const s of ['draft', 'in_transit', 'received', 'disposed', 'rejected']) expect(states).toContain(s);
    const kinds = all.items.flatMap((v) => v.manifest.discrepancies.map((d) => d.kind));
    expect(kinds).toContain('quantity');
    expect(kinds).toContain('code');
    expect(kinds).toContain('receipt_overdue');
    const e18 = await ts.store.sites.getByCode('HZ-E-018');
    expect(
      (await ts.store.alarms.findOpen(e18?.id ?? -1, 'storage:336-063-17', 'waste-storage'))?.severity,
    ).toBe('critical');
    const e10 = await ts.store.sites.getByCode('HZ-E-010');
    expect(
      await ts.store.alarms.findOpen(e10?.id ?? -1, 'balance:264-012-12', 'waste-balance'),
    ).not.toBeNull();
    const figures = await services.waste.figures(BUREAU, 2026);
    expect(figures.flows.some((f) => f.crossDistrict)).toBe(true);
    expect((await services.waste.indicators(2026, 'city', 'straw_utilisation_pct'))[0]?.value).not.toBeNull();
    // Keep the demo start fast.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
