/**
 * Store cases of the carbon records (factor library, energy accounts, budgets, transfers), run inside
 * the shared conformance suite (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CARBON_FACTOR_LIBRARY } from '../standards/carbon-factors.js';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const T1 = new Date('2026-03-16T00:00:00Z');
const T2 = new Date('2026-03-17T00:00:00Z');

/** The cases; `getStore` returns the suite's store, `enterpriseId` an enterprise site of it. */
export function runCarbonStoreCases(getStore: () => Store, enterpriseId: () => number): void {
  describe('factor library', () => {
    it('is seeded with the shipped rows and takes new rows without changing old ones', async () => {
      const store = getStore();
      const before = await store.carbon.factors();
      expect(before.length).toBeGreaterThanOrEqual(CARBON_FACTOR_LIBRARY.length);
      expect(
        before.find((f) => f.key === 'co2.grid' && f.region === '330000' && f.validFrom === '2022-01-01'),
      ).toMatchObject({ value: '0.5153', unit: 'tCO2/MWh', tag: 'secondary', createdBy: 'migration 0010' });
      const added = await store.carbon.addFactor({
        key: 'co2.grid',
        family: 'mee-nbs-average',
        region: '330000',
        value: '0.5001',
        unit: 'tCO2/MWh',
        sourceDoc: 'test',
        clause: 'test',
        validFrom: '2023-01-01',
        validTo: '2023-12-31',
        tag: 'unverified',
        createdBy: 'admin1',
        createdAt: T1,
      });
      expect((await store.carbon.factors()).at(-1)).toEqual(added);
      expect((await store.carbon.factors(T0)).some((f) => f.id === added.id)).toBe(false);
      await expect(sql`delete from carbon_factors where id = ${added.id}`.execute(store.db)).rejects.toThrow(
        /append-only/,
      );
    });
  });

  describe('energy accounts', () => {
    it('appends versions; the newest is in force, an earlier instant reads the older one', async () => {
      const store = getStore();
      const siteId = enterpriseId();
      const first = await store.carbon.appendAccount({
        siteId,
        month: '2026-02',
        quantities: { electricity: '100.5', natural_gas: '2' },
        valueAdded: '300',
        outputValue: '1200',
        sector: '1752',
        source: 'enterprise',
        recordedBy: 'ent1',
        recordedAt: T0,
        reason: null,
        demo: false,
      });
      expect(first.version).toBe(1);
      const second = await store.carbon.appendAccount({
        ...first,
        quantities: { electricity: '120.5', natural_gas: '2' },
        source: 'bureau',
        recordedBy: 'supervisor1',
        recordedAt: T2,
        reason: 'meter reading corrected',
      });
      expect(second).toMatchObject({
        version: 2,
        reason: 'meter reading corrected',
        recordedBy: 'supervisor1',
      });
      const now = await store.carbon.accounts({ siteIds: [siteId], from: '2026-01', to: '2026-03' });
      expect(now).toHaveLength(1);
      expect(now[0]?.quantities).toEqual({ electricity: '120.5', natural_gas: '2' });
      const then = await store.carbon.accounts({ from: '2026-02', to: '2026-02', asOf: T1 });
      expect(then.map((a) => a.version)).toEqual([1]);
      expect((await store.carbon.accountVersions(siteId, '2026-02')).map((a) => a.version)).toEqual([1, 2]);
      expect(await store.carbon.accounts({ siteIds: [], from: '2026-01', to: '2026-12' })).toEqual([]);
      await expect(
        sql`update energy_accounts set value_added = '1' where id = ${first.id}`.execute(store.db),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses a month that is not YYYY-MM', async () => {
      await expect(
        getStore().carbon.appendAccount({
          siteId: enterpriseId(),
          month: '2026-13',
          quantities: {},
          valueAdded: null,
          outputValue: null,
          sector: '1752',
          source: 'api',
          recordedBy: 'x',
          recordedAt: T0,
          reason: null,
          demo: false,
        }),
      ).rejects.toThrow(/month/);
    });
  });

  describe('energy budgets and transfers', () => {
    it('keeps budget versions (newest in force) and transfers by year', async () => {
      const store = getStore();
      const siteId = enterpriseId();
      await store.carbon.appendBudget({
        siteId,
        year: 2026,
        budgetTce: '1000',
        basis: { baselineTce: '1020' },
        issuedBy: 'admin1',
        issuedAt: T0,
        reason: null,
        demo: false,
      });
      await store.carbon.appendBudget({
        siteId,
        year: 2026,
        budgetTce: '990',
        basis: { baselineTce: '1010' },
        issuedBy: 'admin1',
        issuedAt: T1,
        reason: 'baseline corrected',
        demo: false,
      });
      const budgets = await store.carbon.budgets(2026);
      expect(budgets.map((b) => b.budgetTce)).toEqual(['990']);
      expect(budgets[0]?.basis).toEqual({ baselineTce: '1010' });
      const t = await store.carbon.addTransfer({
        year: 2026,
        fromSiteId: siteId,
        toSiteId: siteId,
        amountTce: '10.5',
        reason: 'test',
        recordedBy: 'admin1',
        recordedAt: T1,
        demo: false,
      });
      expect(await store.carbon.transfers(2026)).toEqual([t]);
      expect(await store.carbon.transfers(2025)).toEqual([]);
    });
  });
}
