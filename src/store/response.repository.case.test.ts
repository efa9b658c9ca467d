/**
 * The response tables' part of the store conformance suite (run on SQLite and PostgreSQL from
 * store.case.test.ts): versions, grade history, alerts and their append-only history, obligations
 * with judged hours kept once, forecasts (newest of each date).
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const H = 3_600_000;

export function runResponseStoreCases(get: () => { store: Store; enterpriseId: number }): void {
  describe('heavy-pollution response', () => {
    it('keeps rule versions, newest valid-from first', async () => {
      const { store } = get();
      await store.response.addRuleVersion({
        kind: 'alert-rules',
        version: 'v1',
        validFrom: '2024-01-23',
        body: { a: 1 },
        note: 'default',
        createdAt: T0,
        createdBy: 'system',
      });
      await store.response.addRuleVersion({
        kind: 'alert-rules',
        version: 'v2',
        validFrom: '2026-01-01',
        body: { a: 2 },
        note: 'edit',
        createdAt: T0,
        createdBy: 'admin1',
      });
      const versions = await store.response.ruleVersions('alert-rules');
      expect(versions.map((v) => [v.version, v.body])).toEqual([
        ['v2', { a: 2 }],
        ['v1', { a: 1 }],
      ]);
      expect(await store.response.ruleVersions('templates')).toEqual([]);
    });

    it('keeps the grade history; rows cannot be changed', async () => {
      const { store, enterpriseId } = get();
      const g = {
        siteId: enterpriseId,
        industry: '涂料制造',
        gradedOn: '2025-10-01',
        reviewDue: '2026-10-01',
        evidence: 'review 2025',
        protectedBasis: null,
        source: 'bureau',
        recordedAt: T0,
        recordedBy: 'admin1',
      };
      await store.response.addGrades([{ ...g, grade: 'C' }]);
      await store.response.addGrades([{ ...g, grade: 'B', protectedBasis: 'export orders' }]);
      const rows = await store.response.grades([enterpriseId]);
      expect(rows.map((r) => [r.grade, r.protectedBasis])).toEqual([
        ['C', null],
        ['B', 'export orders'],
      ]);
      await expect(store.db.updateTable('enterprise_grades').set({ grade: 'A' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(store.db.deleteFrom('enterprise_grades').execute()).rejects.toThrow(/append-only/);
    });

    it('creates an alert with its history; the history is append-only', async () => {
      const { store, enterpriseId } = get();
      const alert = await store.response.transaction((trx) =>
        store.response.createAlert(
          {
            level: 'yellow',
            state: 'active',
            regionCode: '330500',
            startsAt: T0,
            endsAt: null,
            basis: 'forecast',
            rulesVersion: 'v1',
            createdAt: T0,
            createdBy: 'admin1',
            demo: false,
          },
          { kind: 'issued', level: 'yellow', at: T0, actor: 'admin1', note: 'forecast' },
          trx,
        ),
      );
      await store.response.transaction(async (trx) => {
        await store.response.appendEvent(
          alert.id,
          { kind: 'upgraded', level: 'orange', at: new Date(T0.getTime() + H), actor: 'admin1', note: '' },
          trx,
        );
        await store.response.setAlertStatus(
          alert.id,
          { level: 'orange', state: 'active', liftedAt: null, at: new Date(T0.getTime() + H) },
          trx,
        );
      });
      expect(await store.response.getAlert(alert.id)).toMatchObject({
        level: 'orange',
        state: 'active',
        regionCode: '330500',
        startsAt: T0,
      });
      expect((await store.response.events(alert.id)).map((e) => e.kind)).toEqual(['issued', 'upgraded']);
      await expect(store.db.deleteFrom('response_alert_events').execute()).rejects.toThrow(/append-only/);
      expect((await store.response.listAlerts({ state: 'active', limit: 10 })).map((a) => a.id)).toContain(
        alert.id,
      );

      await store.response.transaction((trx) =>
        store.response.addObligations(
          [
            {
              alertId: alert.id,
              siteId: enterpriseId,
              grade: 'B',
              industry: 'x',
              protectedBasis: null,
              measure: { kind: 'cut' },
              baseline: { so2: 1 },
              expectedCut: { so2: 0.2 },
              status: 'pending',
              updatedAt: T0,
            },
          ],
          trx,
        ),
      );
      const [ob] = await store.response.obligations(alert.id);
      if (ob === undefined) throw new Error('no obligation');
      const hour = {
        obligationId: ob.id,
        hour: T0,
        level: 'orange',
        verdict: 'compliant',
        evidence: { a: 1 },
        judgedAt: T0,
      };
      expect(await store.response.addHours([hour])).toBe(1);
      // An hour judged once stays as judged.
      await store.response.addHours([{ ...hour, verdict: 'non_compliant' }]);
      expect((await store.response.hours([ob.id])).map((h) => h.verdict)).toEqual(['compliant']);
      await store.response.updateObligation(ob.id, { status: 'compliant', at: T0 });
      expect((await store.response.obligationsOfSite(enterpriseId, 5))[0]).toMatchObject({
        status: 'compliant',
        measure: { kind: 'cut' },
      });
      expect(await store.response.obligations(alert.id, [])).toEqual([]);
    });

    it('answers the newest forecast of each date', async () => {
      const { store } = get();
      const f = {
        regionCode: '330502',
        aqi: 120,
        primaryPollutant: 'PM2.5',
        source: 'csv',
        issuedAt: T0,
        createdBy: 'admin1',
      };
      await store.response.addForecasts([
        { ...f, date: '2026-03-15' },
        { ...f, date: '2026-03-16' },
      ]);
      await store.response.addForecasts([
        { ...f, date: '2026-03-16', aqi: 180, issuedAt: new Date(T0.getTime() + H) },
      ]);
      expect((await store.response.forecasts('330502', '2026-03-15')).map((r) => [r.date, r.aqi])).toEqual([
        ['2026-03-15', 120],
        ['2026-03-16', 180],
      ]);
    });
  });
}
