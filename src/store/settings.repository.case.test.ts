/**
 * Store cases of bureau settings (threshold overrides, append-only named settings), run inside the
 * shared conformance suite (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const T1 = new Date('2026-03-16T00:00:00Z');

/** The cases; `getStore` returns the suite's store. */
export function runSettingsStoreCases(getStore: () => Store): void {
  describe('threshold overrides', () => {
    it('sets, replaces and removes the overrides of an industry or a site', async () => {
      const store = getStore();
      await store.settings.putThresholdOverride({
        scope: 'industry',
        key: '4411',
        overrides: { constantMinPointsHour: 4 },
        updatedBy: 'admin1',
        updatedAt: T0,
      });
      await store.settings.putThresholdOverride({
        scope: 'site',
        key: '7',
        overrides: { instrumentRanges: { a19001: { min: 0, max: 21 } }, flagAbuseFlags: ['M'] },
        updatedBy: 'admin1',
        updatedAt: T0,
      });
      expect(await store.settings.thresholdOverrides()).toEqual([
        {
          scope: 'industry',
          key: '4411',
          overrides: { constantMinPointsHour: 4 },
          updatedBy: 'admin1',
          updatedAt: T0,
        },
        {
          scope: 'site',
          key: '7',
          overrides: { instrumentRanges: { a19001: { min: 0, max: 21 } }, flagAbuseFlags: ['M'] },
          updatedBy: 'admin1',
          updatedAt: T0,
        },
      ]);
      await store.settings.putThresholdOverride({
        scope: 'industry',
        key: '4411',
        overrides: { constantMinPointsHour: 5, zeroMinPoints: 2 },
        updatedBy: 'admin2',
        updatedAt: T1,
      });
      expect(await store.settings.thresholdOverride('industry', '4411')).toEqual({
        scope: 'industry',
        key: '4411',
        overrides: { constantMinPointsHour: 5, zeroMinPoints: 2 },
        updatedBy: 'admin2',
        updatedAt: T1,
      });
      expect(await store.settings.thresholdOverride('site', '4411')).toBeNull();
      await store.settings.putThresholdOverride({
        scope: 'industry',
        key: '4411',
        overrides: {},
        updatedBy: 'admin2',
        updatedAt: T1,
      });
      await store.settings.putThresholdOverride({
        scope: 'site',
        key: '7',
        overrides: {},
        updatedBy: 'admin2',
        updatedAt: T1,
      });
      expect(await store.settings.thresholdOverrides()).toEqual([]);
    });
    it('writes inside the caller’s transaction: a failure later in it leaves no row', async () => {
      const store = getStore();
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.settings.putThresholdOverride(
            {
              scope: 'industry',
              key: '1752',
              overrides: { zeroMinPoints: 3 },
              updatedBy: 'a',
              updatedAt: T0,
            },
            trx,
          );
          expect(await store.settings.thresholdOverride('industry', '1752', trx)).not.toBeNull();
          throw new Error('later step failed');
        }),
      ).rejects.toThrow(/later step failed/);
      expect(await store.settings.thresholdOverride('industry', '1752')).toBeNull();
    });
    it('refuses a row without a scope or key, naming the field', async () => {
      const store = getStore();
      await expect(
        store.settings.putThresholdOverride({
          scope: 'district' as 'site',
          key: '1',
          overrides: { zeroMinPoints: 1 },
          updatedBy: 'a',
          updatedAt: T0,
        }),
      ).rejects.toThrow(/scope/);
      await expect(
        store.settings.putThresholdOverride({
          scope: 'site',
          key: '',
          overrides: { zeroMinPoints: 1 },
          updatedBy: 'a',
          updatedAt: T0,
        }),
      ).rejects.toThrow(/key/);
    });
  });

  describe('named settings', () => {
    it('keeps every version; the newest is in force', async () => {
      const store = getStore();
      expect(await store.settings.current('test.rules')).toBeNull();
      const v1 = await store.settings.append({
        name: 'test.rules',
        value: [{ rule: 'exceedance', minSeverity: 'critical' }],
        changedBy: 'admin1',
        changedAt: T0,
      });
      const v2 = await store.settings.append({
        name: 'test.rules',
        value: [],
        changedBy: 'admin2',
        changedAt: T1,
      });
      await store.settings.append({ name: 'test.other', value: { a: 1 }, changedBy: 'x', changedAt: T1 });
      expect(v2.id).toBeGreaterThan(v1.id);
      expect(await store.settings.current('test.rules')).toEqual({
        id: v2.id,
        name: 'test.rules',
        value: [],
        changedBy: 'admin2',
        changedAt: T1,
      });
      expect(await store.settings.history('test.rules', 10)).toEqual([v2, v1]);
      expect(await store.settings.history('test.rules', 1)).toEqual([v2]);
      expect(v1.value).toEqual([{ rule: 'exceedance', minSeverity: 'critical' }]);
    });
    it('appends inside the caller’s transaction: a failure later in it leaves no version', async () => {
      const store = getStore();
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.settings.append(
            { name: 'test.rolled-back', value: [], changedBy: 'a', changedAt: T0 },
            trx,
          );
          expect(await store.settings.current('test.rolled-back', trx)).not.toBeNull();
          throw new Error('later step failed');
        }),
      ).rejects.toThrow(/later step failed/);
      expect(await store.settings.current('test.rolled-back')).toBeNull();
    });
    it('is append-only in the database too', async () => {
      const store = getStore();
      await expect(
        store.db.updateTable('bureau_settings').set({ changed_by: 'mallory' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(store.db.deleteFrom('bureau_settings').execute()).rejects.toThrow(/append-only/);
    });
    it('refuses a version without a name or value', async () => {
      const store = getStore();
      await expect(
        store.settings.append({ name: '', value: 1, changedBy: 'a', changedAt: T0 }),
      ).rejects.toThrow(/name/);
      await expect(
        store.settings.append({ name: 'test.x', value: undefined, changedBy: 'a', changedAt: T0 }),
      ).rejects.toThrow(/no value/);
    });
  });
}
