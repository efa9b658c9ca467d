import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import type { TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { seedCity } from '../store/seed.js';
import { DEMO_CITY } from './demo-city.js';
import { loadDemoCarbon } from './demo-carbon.js';

const NOW = new Date('2026-12-07T02:00:00Z');
let ts: TestStore;
let services: Services;
let written = 0;
let ms = 0;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  ts = await openTestStore(clock);
  services = createServices({ store: ts.store, clock });
  await seedCity(ts.store, DEMO_CITY, { demo: true });
  const t0 = performance.now();
  written = await loadDemoCarbon(services);
  ms = performance.now() - t0;
});
afterAll(async () => {
  await ts.cleanup();
});

describe('demo carbon data (docs/carbon.md §11)', () => {
  it('writes 2024-01 to 2026-11 for every enterprise, quickly', async () => {
    const enterprises = await services.carbon.enterprises();
    expect(written).toBe(enterprises.length * 35);
    const rows = await ts.store.carbon.accounts({ from: '2024-01', to: '2026-12' });
    expect(rows.map((r) => r.month).sort()[0]).toBe('2024-01');
    expect(
      rows
        .map((r) => r.month)
        .sort()
        .at(-1),
    ).toBe('2026-11');
    expect(ms).toBeLessThan(15_000);
  });

  it('grades every enterprise of the latest quarter, with more than one grade in use', async () => {
    const grades = await services.carbon.grades({ kind: 'all' }, '2026-Q3');
    expect(grades.length).toBeGreaterThan(10);
    expect(new Set(grades.map((g) => g.grade)).size).toBeGreaterThan(2);
  });

  it('has budgets for 2026 with some overruns raising energy-budget alarms', async () => {
    const budgets = await services.carbon.budgets({ kind: 'all' }, 2026);
    expect(budgets.length).toBeGreaterThan(3);
    expect(budgets.some((b) => b.projectedOverrun)).toBe(true);
    expect(budgets.some((b) => !b.projectedOverrun)).toBe(true);
    const alarms = await ts.store.db
      .selectFrom('alarms')
      .select('rule')
      .where('rule', '=', 'energy-budget')
      .execute();
    expect(alarms.length).toBeGreaterThan(0);
  });

  it('sets this year’s targets and has a corrected month', async () => {
    const city = await services.carbon.indicators(2026, 'city', '');
    expect(city.find((i) => i.key === 'energy_tce')?.target).not.toBeNull();
    expect(city.find((i) => i.key === 'pv_capacity_kw')?.value).toBeGreaterThan(0);
    const versions = await ts.store.db
      .selectFrom('energy_accounts')
      .select('reason')
      .where('version', '=', 2)
      .execute();
    expect(versions).toHaveLength(1);
  });
});
