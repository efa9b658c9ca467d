/**
 * Store cases of indicator entries and stored reports (migration 0013), run inside the shared
 * conformance suite (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const T1 = new Date('2026-03-16T00:00:00Z');

/** The cases; `getStore` returns the suite's store. */
export function runIndicatorStoreCases(getStore: () => Store): void {
  describe('indicator entries', () => {
    it('keeps every entry and puts the newest of a key, year, scope and code in force', async () => {
      const store = getStore();
      const base = { kind: 'target' as const, year: 2027, note: null, enteredBy: 'admin1' };
      await store.indicators.append({
        ...base,
        key: 'pm25',
        scope: 'city',
        code: 'city',
        value: 30,
        enteredAt: T0,
      });
      await store.indicators.append({
        ...base,
        key: 'pm25',
        scope: 'district',
        code: '330502',
        value: 31,
        enteredAt: T0,
      });
      await store.indicators.append({
        ...base,
        key: 'pm25',
        scope: 'city',
        code: 'city',
        value: 29.5,
        enteredAt: T1,
      });
      await store.indicators.append({
        ...base,
        kind: 'value',
        key: 'pv',
        scope: 'city',
        code: 'city',
        value: 120,
        enteredAt: T1,
      });
      const targets = await store.indicators.inForce(2027, 'target');
      expect(targets.map((e) => [e.key, e.scope, e.code, e.value])).toEqual([
        ['pm25', 'city', 'city', 29.5],
        ['pm25', 'district', '330502', 31],
      ]);
      expect((await store.indicators.inForce(2027, 'target', 'district')).length).toBe(1);
      expect((await store.indicators.inForce(2027, 'value'))[0]).toMatchObject({
        key: 'pv',
        value: 120,
        enteredBy: 'admin1',
        enteredAt: T1,
      });
      expect((await store.indicators.history('pm25', 2027)).map((e) => e.value)).toEqual([30, 31, 29.5]);
    });

    it('refuses to change or delete an entry', async () => {
      const store = getStore();
      await expect(sql`update indicator_entries set value = 0`.execute(store.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from indicator_entries`.execute(store.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('stored reports', () => {
    it('keeps a report record and its bytes by SHA-256, lists newest first and by enterprise', async () => {
      const store = getStore();
      const bytes = Buffer.from('%PDF-1.7 test report');
      const a = await store.reports.add({
        kind: 'air-daily',
        period: '2026-03-14',
        format: 'pdf',
        enterpriseCode: null,
        filename: 'air-daily-2026-03-14.pdf',
        mediaType: 'application/pdf',
        bytes,
        createdBy: 'admin1',
        createdAt: T0,
      });
      const b = await store.reports.add({
        kind: 'enterprise-monthly',
        period: '2026-02',
        format: 'xlsx',
        enterpriseCode: 'E1',
        filename: 'e.xlsx',
        mediaType: 'application/octet-stream',
        bytes: Buffer.from('xlsx'),
        createdBy: 'ent1',
        createdAt: T1,
      });
      expect(a).toMatchObject({
        kind: 'air-daily',
        sizeBytes: bytes.length,
        createdAt: T0,
        enterpriseCode: null,
      });
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.reports.content(a)).toEqual(bytes);
      expect(await store.reports.getById(a.id)).toEqual(a);
      expect((await store.reports.list({ limit: 10, offset: 0 })).map((r) => r.id)).toEqual([b.id, a.id]);
      expect(
        (await store.reports.list({ enterpriseCodes: ['E1'], limit: 10, offset: 0 })).map((r) => r.id),
      ).toEqual([b.id]);
      expect(await store.reports.list({ enterpriseCodes: [], limit: 10, offset: 0 })).toEqual([]);
      expect(
        (await store.reports.list({ enterpriseCodes: [], withCityReports: true, limit: 10, offset: 0 })).map(
          (r) => r.id,
        ),
      ).toEqual([a.id]);
      expect(await store.reports.exists('air-daily', '2026-03-14', 'admin1')).toBe(true);
      expect(await store.reports.exists('air-daily', '2026-03-15', 'admin1')).toBe(false);
      await expect(sql`delete from reports`.execute(store.db)).rejects.toThrow(/append-only/);
    });
  });
}
