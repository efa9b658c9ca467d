import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import type { ScopedCaller } from '../auth/scope.js';
import { ManualClock } from '../clock.js';
import { createServices, type Services } from '../services.js';
import { ratFromDecimal as d, ratToNumber, type Rational } from '../standards/rational.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
let t: TestStore;
let services: Services;
const ids: Record<string, number> = {};

const bureau: ScopedCaller = {
  actor: { username: 'sup', role: 'supervisor' },
  scope: { kind: 'all' },
  address: null,
};
const ent = (): ScopedCaller => ({
  actor: { username: 'e1user', role: 'enterprise' },
  scope: { kind: 'sites', siteIds: [ids.E1 ?? -1] },
  address: null,
});
const num = (r: Rational | null): number | null => (r === null ? null : ratToNumber(r));

beforeAll(async () => {
  t = await openTestStore(clock);
  services = createServices({ store: t.store, clock });
  await t.store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  for (const [code, district, industryCode] of [
    ['E1', '330502', '1752'],
    ['E2', '330503', '1713'],
    ['E3', '330502', '2641'],
  ] as const) {
    ids[code] = (
      await t.store.sites.create({
        kind: 'enterprise',
        code,
        name: code,
        districtCode: district,
        attributes: { industryCode },
      })
    ).id;
  }
  const record = (code: string, month: string, electricity: number) =>
    services.carbon.recordAccount(
      bureau,
      { enterprise: code, month, quantities: { electricity }, valueAdded: 100 },
      'bureau',
    );
  for (const m of ['10', '11', '12']) {
    await record('E2', `2025-${m}`, 200);
  }
  for (let m = 1; m <= 12; m += 1) await record('E1', `2025-${String(m).padStart(2, '0')}`, 100);
});
afterAll(() => t.cleanup());

describe('carbon service: grades, corrections, scope (docs/carbon.md §4–§5)', () => {
  it('grades a quarter against the division average, and a corrected month moves both to the boundaries', async () => {
    // 2025 grid factor: Zhejiang 2022, 0.5153 t/MWh (newest published, docs/carbon.md §3).
    // E1: 3 × 100 MWh × 0.5153 = 154.59 t over 300 × 10⁴ CNY → L = 0.5153
    // E2: 3 × 200 MWh × 0.5153 = 309.18 t over 300 → L = 1.0306
    // division 17: (154.59 + 309.18) / 600 = 0.77295 → K1 = 2/3 (grade 2), K2 = 4/3 (grade 4)
    const before = await services.carbon.grades({ kind: 'all' }, '2025-Q4');
    const g = (rows: typeof before, code: string) => rows.find((r) => r.enterprise.code === code);
    expect(num(g(before, 'E1')?.intensity ?? null)).toBe(0.5153);
    expect(num(g(before, 'E1')?.sectorIntensity ?? null)).toBe(0.77295);
    expect(g(before, 'E1')?.k).toEqual({ num: 2n, den: 3n });
    expect(g(before, 'E1')?.grade).toBe(2);
    expect(g(before, 'E2')?.grade).toBe(4);
    const correctedAt = new Date('2026-03-15T01:00:00Z');
    clock.set(correctedAt);
    await expect(
      services.carbon.recordAccount(
        bureau,
        { enterprise: 'E2', month: '2025-12', quantities: { electricity: 50 }, valueAdded: 100 },
        'bureau',
      ),
    ).rejects.toThrow(/a correction needs a reason/);
    const { outcome, view } = await services.carbon.recordAccount(
      bureau,
      {
        enterprise: 'E2',
        month: '2025-12',
        quantities: { electricity: 50 },
        valueAdded: 100,
        reason: 'meter misread',
      },
      'bureau',
    );
    expect(outcome).toBe('replaced');
    expect(view.version.version).toBe(2);
    // E2: 2 × 103.06 + 50 × 0.5153 = 231.885 t → L = 0.77295; division: (154.59 + 231.885) / 600 = 0.644125
    // K1 = 0.5153 / 0.644125 = 0.8 exactly → grade 2 (boundary to the better grade)
    // K2 = 0.77295 / 0.644125 = 1.2 exactly → grade 3 (boundary to the better grade)
    const after = await services.carbon.grades({ kind: 'all' }, '2025-Q4');
    expect(g(after, 'E1')?.k).toEqual(d('0.8'));
    expect(g(after, 'E1')?.grade).toBe(2);
    expect(g(after, 'E2')?.k).toEqual(d('1.2'));
    expect(g(after, 'E2')?.grade).toBe(3);
    // As of before the correction, the original grades come back.
    const then = await services.carbon.grades({ kind: 'all' }, '2025-Q4', new Date('2026-03-15T00:30:00Z'));
    expect(g(then, 'E2')?.grade).toBe(4);
    const versions = await services.carbon.accountVersions({ kind: 'all' }, 'E2', '2025-12');
    expect(versions.map((v) => [v.version.version, v.version.reason, v.version.recordedBy])).toEqual([
      [1, null, 'sup'],
      [2, 'meter misread', 'sup'],
    ]);
  });

  it('records which factor rows each figure used', async () => {
    const [a] = await services.carbon.accounts({ kind: 'all' }, 'E1', '2025-01', '2025-01');
    const rows = await services.carbon.factors();
    const grid = rows.find(
      (r) => r.key === 'co2.grid' && r.region === '330000' && r.validFrom === '2022-01-01',
    );
    expect(a?.figures.factorIds).toContain(grid?.id);
  });

  it('an enterprise user sees and enters only its own accounts', async () => {
    await expect(services.carbon.accounts(ent().scope, 'E2', '2025-01', '2025-12')).rejects.toThrow(
      /not found/,
    );
    await expect(
      services.carbon.recordAccount(
        ent(),
        { enterprise: 'E2', month: '2026-01', quantities: {} },
        'enterprise',
      ),
    ).rejects.toThrow(/not found/);
    const own = await services.carbon.recordAccount(
      ent(),
      { enterprise: 'E1', month: '2026-02', quantities: { electricity: '1000' }, valueAdded: '100' },
      'enterprise',
    );
    expect(own.view.version.source).toBe('enterprise');
    expect((await services.carbon.grades(ent().scope, '2025-Q4')).map((r) => r.enterprise.code)).toEqual([
      'E1',
    ]);
  });

  it('refuses a negative quantity, an unknown carrier and a future month, naming the field', async () => {
    const entry = (quantities: Record<string, number>, month = '2026-01') =>
      services.carbon.recordAccount(bureau, { enterprise: 'E3', month, quantities }, 'bureau');
    await expect(entry({ diesel: -1 })).rejects.toThrow(/quantities.diesel/);
    await expect(entry({ coke: 1 })).rejects.toThrow(/quantities.coke: not an energy carrier/);
    await expect(entry({ diesel: 1 }, '2026-05')).rejects.toThrow(/month: 2026-05 is in the future/);
  });
});

describe('energy budgets (docs/carbon.md §7)', () => {
  it('issues a budget from the baseline year and raises an energy-budget alarm on a projected overrun', async () => {
    // E1 2025: 12 × 100 MWh × 0.1229 = 147.48 tce, 1,200 × 10⁴ CNY: below 1,000 tce and 3,000 MWh → not covered.
    // Raise E1's 2025 to 1,000 MWh a month: 12 × 122.9 = 1,474.8 tce > 1,000 in division 17 → covered;
    // intensity 1,474.8 / 1,200 = 1.229 → tier 4 (cut 5 %) → budget 1,474.8 × 0.95 = 1,401.06 tce.
    for (let m = 1; m <= 12; m += 1) {
      await services.carbon.recordAccount(
        bureau,
        {
          enterprise: 'E1',
          month: `2025-${String(m).padStart(2, '0')}`,
          quantities: { electricity: 1000 },
          valueAdded: 100,
          reason: 'annual audit',
        },
        'bureau',
      );
    }
    const { issued } = await services.carbon.issueBudgets(bureau, 2026);
    expect(issued).toEqual(['E1']);
    // 2026: Feb 1,000 MWh (entered above by the enterprise) + Jan 1,000 MWh → 245.8 tce in 2 months
    // projected 245.8 × 12 / 2 = 1,474.8 > 1,401.06 → projected overrun (17.5 % used: no level yet).
    await services.carbon.recordAccount(
      bureau,
      { enterprise: 'E1', month: '2026-01', quantities: { electricity: 1000 }, valueAdded: 100 },
      'bureau',
    );
    const [s] = await services.carbon.budgets({ kind: 'all' }, 2026);
    expect(num(s?.budgetTce ?? null)).toBe(1401.06);
    expect(num(s?.usedTce ?? null)).toBe(245.8);
    expect(num(s?.projectedTce ?? null)).toBe(1474.8);
    expect(s?.projectedOverrun).toBe(true);
    expect(s?.alert).toBeNull();
    const alarm = await t.store.alarms.findOpen(ids.E1 ?? -1, 'energy-budget', 'energy-budget');
    expect(alarm).toMatchObject({ rule: 'energy-budget', severity: 'warning', limit: 1401 });
  });

  it('a transfer larger than the unused budget is refused', async () => {
    await expect(
      services.carbon.transferBudget(bureau, {
        year: 2026,
        from: 'E1',
        to: 'E2',
        amountTce: 10,
        reason: 'lease',
      }),
    ).rejects.toThrow(/has no budget|unused budget/);
  });
});

describe('dual-control indicators (docs/carbon.md §8)', () => {
  it('sums the city for a year with the month of the newest data', async () => {
    const ind = await services.carbon.indicators(2026, 'city', '');
    const energy = ind.find((i) => i.key === 'energy_tce');
    // E1 Jan + Feb 2026: 2 × 1,000 MWh × 0.1229 = 245.8 tce
    expect(energy).toMatchObject({ value: 245.8, unit: 'tce', asOf: '2026-02', target: null });
    expect(ind.map((i) => i.key)).toEqual([
      'energy_tce',
      'energy_intensity',
      'co2_t',
      'carbon_intensity',
      'non_fossil_share',
      'pv_capacity_kw',
    ]);
  });
});
