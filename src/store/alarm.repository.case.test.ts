/**
 * Store cases of limits and alarms, run inside the shared conformance suite (store.case.test.ts)
 * against SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import type { NewAlarm } from './alarm.repository.js';
import { AlarmStateError } from './alarm.repository.js';
import type { NewOutletLimit } from './limit.repository.js';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const HOUR = 3_600_000;

function limit(siteId: number, extra: Partial<NewOutletLimit> = {}): NewOutletLimit {
  return {
    siteId,
    parameter: 'a21026',
    value: 100,
    lowerValue: null,
    unit: 'mg/m3',
    averaging: 'hour',
    referenceO2Pct: 3.5,
    standard: 'GB 13271-2014',
    clause: 'Table 1',
    validFrom: null,
    validTo: null,
    source: 'bureau',
    createdBy: 'admin1',
    ...extra,
  };
}

function alarm(siteId: number, parameter: string, extra: Partial<NewAlarm> = {}): NewAlarm {
  return {
    siteId,
    parameter,
    rule: 'exceedance',
    openedAt: T0,
    severity: 'warning',
    lastSeenAt: T0,
    window: { from: new Date(T0.getTime() - HOUR), to: T0 },
    limit: 100,
    message: { zh: '超标', en: 'above' },
    evidence: [
      { at: new Date(T0.getTime() - HOUR), value: 120.5, flag: 'N' },
      { at: T0, value: 7, siteId: 3, note: 'x' },
    ],
    ...extra,
  };
}

/** The cases; `getStore` returns the suite's store and `siteIds` two outlets of it. */
export function runAlarmStoreCases(getStore: () => Store, siteIds: () => [number, number]): void {
  describe('limits', () => {
    it('appends rows and picks the newest in force per (site, parameter, averaging) on a day', async () => {
      const store = getStore();
      const [a] = siteIds();
      await store.limits.add([limit(a), limit(a, { parameter: 'a34013', value: 30 })]);
      await store.limits.add([limit(a, { value: 50, validFrom: '2026-04-01' })]);
      const march = await store.limits.inForce([a], '2026-03-20');
      expect(march.map((l) => [l.parameter, l.value])).toEqual([
        ['a21026', 100],
        ['a34013', 30],
      ]);
      const april = await store.limits.inForce([a], '2026-04-01');
      expect(april.find((l) => l.parameter === 'a21026')?.value).toBe(50);
      expect((await store.limits.listForSite(a)).map((l) => l.value)).toEqual([100, 30, 50]);
      expect(await store.limits.sitesWithLimits()).toEqual([a]);
      expect(march[0]).toMatchObject({
        referenceO2Pct: 3.5,
        lowerValue: null,
        source: 'bureau',
        createdBy: 'admin1',
      });
    });
    it('refuses malformed rows, naming the field', async () => {
      const store = getStore();
      const [a] = siteIds();
      await expect(store.limits.add([limit(a, { validFrom: '2026-4-1' })])).rejects.toThrow(/YYYY-MM-DD/);
      await expect(store.limits.add([limit(a, { lowerValue: 200 })])).rejects.toThrow(/lowerValue/);
    });
    it("adds inside the caller's transaction: a failure after it leaves no row", async () => {
      const store = getStore();
      const [a] = siteIds();
      const before = await store.limits.listForSite(a);
      await expect(
        store.db.transaction().execute(async (trx) => {
          const added = await store.limits.add([limit(a, { value: 7 })], trx);
          expect(added.map((l) => l.value)).toEqual([7]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.limits.listForSite(a)).toEqual(before);
    });
  });

  describe('alarm windows', () => {
    it('reads readings of sites and intervals in bulk, with the newest correction applied', async () => {
      const store = getStore();
      const [a, b] = siteIds();
      const r = (siteId: number, interval: 'hour' | 'min', h: number, value: number) => ({
        siteId,
        parameter: 'a21026',
        interval,
        periodStart: new Date(T0.getTime() + h * HOUR),
        value,
        valueText: String(value),
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source: 'window-test',
        receivedAt: T0,
      });
      await store.readings.insertBatch([
        r(a, 'hour', 100, 1),
        r(a, 'hour', 101, 2),
        r(a, 'min', 100, 3),
        r(b, 'hour', 100, 4),
      ]);
      const stored = await store.readings.query({
        siteId: a,
        interval: 'hour',
        from: new Date(T0.getTime() + 100 * HOUR),
      });
      const second = stored.items[1]!;
      await store.corrections.add({
        readingId: second.id,
        invalid: true,
        reason: 'r',
        correctedBy: 'op',
        correctedAt: T0,
      });
      const got = await store.alarmWindows.readings({
        siteIds: [a],
        intervals: ['hour'],
        from: new Date(T0.getTime() + 100 * HOUR),
        to: new Date(T0.getTime() + 102 * HOUR),
      });
      expect(got.map((x) => [x.value, x.flag])).toEqual([
        [1, 'N'],
        [null, 'D'],
      ]);
    });
  });

  describe('alarms', () => {
    it('opens with an event, keeps one open alarm per key, and round-trips evidence', async () => {
      const store = getStore();
      const [a] = siteIds();
      const { alarm: opened, event } = await store.alarms.open(alarm(a, 'a21026'), { note: 'first' });
      expect(event).toMatchObject({
        kind: 'opened',
        alarmId: opened.id,
        severity: 'warning',
        details: { note: 'first' },
      });
      await expect(store.alarms.open(alarm(a, 'a21026'))).rejects.toThrow();
      const got = await store.alarms.getById(opened.id);
      expect(got?.evidence).toEqual([
        { at: new Date(T0.getTime() - HOUR), value: 120.5, flag: 'N' },
        { at: T0, value: 7, siteId: 3, note: 'x' },
      ]);
      expect((await store.alarms.findOpen(a, 'a21026', 'exceedance'))?.id).toBe(opened.id);
    });
    it('opens unhandled with an active condition', async () => {
      const store = getStore();
      const [a] = siteIds();
      const open = (await store.alarms.findOpen(a, 'a21026', 'exceedance'))!;
      expect(open).toMatchObject({
        state: 'open',
        condition: 'active',
        clearedAt: null,
        handling: 'unhandled',
        disposition: null,
        dispositionCaseId: null,
        handledAt: null,
        handledBy: null,
        explanation: null,
      });
    });
    it('changes only from the allowed handlings; clearing the condition frees the key, not the handling', async () => {
      const store = getStore();
      const [a] = siteIds();
      const open = (await store.alarms.findOpen(a, 'a21026', 'exceedance'))!;
      const at = new Date(T0.getTime() + HOUR);
      const acked = await store.alarms.change(
        open.id,
        { handling: ['unhandled'] },
        { handling: { to: 'acknowledged', at, by: 'sup' }, updatedAt: at },
        { at, kind: 'acknowledged', actor: 'sup', comment: 'seen' },
      );
      expect(acked.alarm).toMatchObject({
        state: 'acknowledged',
        handling: 'acknowledged',
        acknowledgedBy: 'sup',
      });
      await expect(
        store.alarms.change(open.id, { handling: ['unhandled'] }, { updatedAt: at }),
      ).rejects.toBeInstanceOf(AlarmStateError);
      await store.alarms.change(open.id, { condition: ['active'] }, { clearedSince: T0, updatedAt: at });
      expect((await store.alarms.listCleared(T0)).map((x) => x.id)).toEqual([open.id]);
      const explained = await store.alarms.change(
        open.id,
        { handling: ['unhandled', 'acknowledged'] },
        { explanation: { text: '停产检修', by: 'ent', at }, updatedAt: at },
        { at, kind: 'explanation-submitted', actor: 'ent', comment: '停产检修' },
      );
      expect(explained.alarm.explanation).toEqual({ text: '停产检修', by: 'ent', at });
      const cleared = await store.alarms.change(
        open.id,
        { condition: ['active'] },
        { cleared: { at: T0 }, updatedAt: at },
        { at, kind: 'cleared' },
      );
      expect(cleared.alarm).toMatchObject({ condition: 'cleared', clearedAt: T0, handling: 'acknowledged' });
      expect(await store.alarms.findOpen(a, 'a21026', 'exceedance')).toBeNull();
      expect(await store.alarms.listCleared(at)).toEqual([]);
      const again = await store.alarms.open(alarm(a, 'a21026', { window: { from: T0, to: at } }));
      expect(again.alarm.id).not.toBe(open.id);
      const known = await store.alarms.lastWindowTos([a]);
      expect(known.get(`${a}|a21026|exceedance`)).toBe(at.getTime());
      const handled = await store.alarms.change(
        open.id,
        { handling: ['unhandled', 'acknowledged'] },
        {
          handling: { to: 'handled', at, by: 'sup', disposition: 'case_opened', reason: 'case 7', caseId: 7 },
          explanation: null,
          updatedAt: at,
        },
        { at, kind: 'handled', actor: 'sup', details: { disposition: 'case_opened', caseId: 7 } },
      );
      expect(handled.alarm).toMatchObject({
        state: 'closed',
        handling: 'handled',
        disposition: 'case_opened',
        dispositionCaseId: 7,
        dispositionReason: 'case 7',
        handledAt: at,
        handledBy: 'sup',
        closedAt: at,
        closedBy: 'sup',
        closeReason: 'case 7',
        explanation: null,
      });
      expect((await store.alarms.getById(open.id))?.events.map((e) => e.kind)).toEqual([
        'opened',
        'acknowledged',
        'explanation-submitted',
        'cleared',
        'handled',
      ]);
    });
    it('lists with filters (state, handling, condition, rules, district, scope) newest first, and streams events after an id', async () => {
      const store = getStore();
      const [a, b] = siteIds();
      await store.alarms.open(alarm(b, 'w01018', { rule: 'missing-data', severity: 'critical' }));
      const all = await store.alarms.list({});
      expect(all.total).toBe(3);
      expect(all.items.map((x) => x.siteId)).toEqual([b, a, a]);
      expect((await store.alarms.list({ active: true })).total).toBe(2);
      expect((await store.alarms.list({ state: 'closed' })).total).toBe(1);
      expect((await store.alarms.list({ handling: 'handled' })).total).toBe(1);
      expect((await store.alarms.list({ handling: 'unhandled' })).total).toBe(2);
      expect((await store.alarms.list({ condition: 'cleared' })).total).toBe(1);
      expect((await store.alarms.list({ condition: 'active' })).total).toBe(2);
      expect((await store.alarms.list({ rules: ['missing-data', 'device-offline'] })).total).toBe(1);
      expect((await store.alarms.list({ rules: [] })).total).toBe(0);
      expect((await store.alarms.list({ severity: 'critical' })).items.map((x) => x.rule)).toEqual([
        'missing-data',
      ]);
      expect((await store.alarms.list({ siteIds: [a] })).total).toBe(2);
      expect((await store.alarms.list({ siteIds: [] })).total).toBe(0);
      const page = await store.alarms.list({ limit: 2 });
      const next = await store.alarms.list({ limit: 2, cursor: page.nextCursor ?? undefined });
      expect(next.items).toHaveLength(1);
      const events = await store.alarms.eventsAfter(0, 100);
      expect(events.map((e) => e.kind)).toEqual([
        'opened',
        'acknowledged',
        'explanation-submitted',
        'cleared',
        'opened',
        'handled',
        'opened',
      ]);
      expect(events[6]?.alarm.siteId).toBe(b);
      expect((await store.alarms.eventsAfter(events[4]?.id ?? 0, 100, [a])).map((e) => e.kind)).toEqual([
        'handled',
      ]);
      expect(await store.alarms.lastEventId()).toBe(events[6]?.id);
      expect((await store.alarms.countBy()).reduce((n, c) => n + c.n, 0)).toBe(3);
    });
    it('sorts by priority (unhandled critical first, then newest opened) and by time, with stable cursors', async () => {
      const store = getStore();
      const [a] = siteIds();
      const later = new Date(T0.getTime() + 3 * HOUR);
      const newest = await store.alarms.open(
        alarm(a, 'a34013', { rule: 'sudden-step', severity: 'warning', openedAt: later }),
      );
      const byTime = await store.alarms.list({ sort: 'time' });
      expect(byTime.items[0]?.id).toBe(newest.alarm.id);
      const byPriority = await store.alarms.list({ sort: 'priority' });
      expect(byPriority.items[0]).toMatchObject({ rule: 'missing-data', severity: 'critical' });
      expect(byPriority.items[1]?.id).toBe(newest.alarm.id);
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.alarms.list({ sort: 'priority', limit: 1, cursor });
        ids.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(ids).toEqual(byPriority.items.map((x) => x.id));
    });
    it("opens and changes inside the caller's transaction: a failure after it leaves no row", async () => {
      const store = getStore();
      const [a] = siteIds();
      const lastEvent = await store.alarms.lastEventId();
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.alarms.open(alarm(a, 'a05002'), {}, trx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.alarms.findOpen(a, 'a05002', 'exceedance')).toBeNull();
      const open = (await store.alarms.findOpen(a, 'a21026', 'exceedance'))!;
      const at = new Date(T0.getTime() + 2 * HOUR);
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.alarms.change(
            open.id,
            { handling: ['unhandled'] },
            { handling: { to: 'acknowledged', at, by: 'sup' }, updatedAt: at },
            { at, kind: 'acknowledged', actor: 'sup' },
            trx,
          );
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await store.alarms.getById(open.id))?.state).toBe('open');
      expect(await store.alarms.lastEventId()).toBe(lastEvent);
    });
    it('a change from a state that does not allow it is a conflict naming the state', async () => {
      const store = getStore();
      const [a] = siteIds();
      const open = (await store.alarms.findOpen(a, 'a21026', 'exceedance'))!;
      const refused = store.alarms.change(open.id, { handling: ['acknowledged'] }, { updatedAt: T0 });
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toMatchObject({
        status: 409,
        details: { state: 'open', handling: 'unhandled', condition: 'active' },
      });
      await expect(store.alarms.change(999_999, {}, { updatedAt: T0 })).rejects.toMatchObject({
        details: { state: null },
      });
    });
    it("keeps an explanation's evidence files with the alarm, bytes by checksum", async () => {
      const store = getStore();
      const [a] = siteIds();
      const open =
        (await store.alarms.findOpen(a, 'w01018', 'missing-data')) ?? (await store.alarms.list({})).items[0]!;
      const bytes = Buffer.from('%PDF-1.4 evidence');
      const stored = await store.attachments.addForAlarm({
        alarmId: open.id,
        filename: '检修记录.pdf',
        mediaType: 'application/pdf',
        bytes,
        uploadedBy: 'ent1',
        uploadedAt: T0,
      });
      expect(stored).toMatchObject({ alarmId: open.id, filename: '检修记录.pdf', sizeBytes: bytes.length });
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.attachments.listForAlarm(open.id)).map((x) => x.id)).toEqual([stored.id]);
      expect(await store.attachments.getAlarmAttachment(stored.id)).toEqual(stored);
      expect(await store.attachments.getAlarmAttachment(999_999)).toBeNull();
      expect((await store.attachments.content(stored))?.equals(bytes)).toBe(true);
      const usageBefore = await store.attachments.usage({ alarmId: open.id });
      await store.attachments.addForAlarm({
        alarmId: open.id,
        filename: '照片.png',
        mediaType: 'image/png',
        bytes: Buffer.from('png bytes'),
        uploadedBy: 'usage-probe',
        uploadedAt: T0,
      });
      expect(await store.attachments.usage({ alarmId: open.id })).toEqual({
        files: usageBefore.files + 1,
        bytes: usageBefore.bytes + 9,
      });
      expect(await store.attachments.usage({ uploadedBy: 'usage-probe', since: T0 })).toEqual({
        files: 1,
        bytes: 9,
      });
      expect(
        await store.attachments.usage({ uploadedBy: 'usage-probe', since: new Date(T0.getTime() + 1) }),
      ).toEqual({ files: 0, bytes: 0 });
    });
    it('keeps the event history append-only', async () => {
      const store = getStore();
      await expect(store.db.deleteFrom('alarm_events').execute()).rejects.toThrow(/append-only/);
    });
  });
}
