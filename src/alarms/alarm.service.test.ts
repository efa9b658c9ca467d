import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmServiceOver, bureauCaller } from '../../test/alarm-service.js';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import type { AuditEvent } from '../audit/audit.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ManualClock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { HOUR_MS as HOUR } from '../standards/china-time.js';
import type { Database } from '../store/schema.js';
import type { Transaction } from 'kysely';
import { AlarmSignal } from './alarm-signal.js';
import type { AlarmChange, AlarmService, SiteFinding } from './alarm.service.js';
import { AlarmStateError } from './alarm.service.js';

const T0 = new Date('2026-03-15T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestStore;
let siteId = 0;
let service: AlarmService;
const changes: AlarmChange[] = [];
const signal = new AlarmSignal();
let rings = 0;

function finding(fromH: number, toH: number, extra: Partial<SiteFinding> = {}): SiteFinding {
  return {
    rule: 'exceedance',
    severity: 'warning',
    siteId,
    parameter: 'a21026',
    window: { from: new Date(T0.getTime() + fromH * HOUR), to: new Date(T0.getTime() + toH * HOUR) },
    values: [{ at: new Date(T0.getTime() + fromH * HOUR), value: 120, flag: 'N' }],
    limit: 100,
    message: { zh: '超标', en: 'above the limit' },
    ...extra,
  };
}

beforeAll(async () => {
  t = await openTestStore(clock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  siteId = (
    await t.store.sites.create({ kind: 'outlet', code: 'E1-G1', name: '排口', districtCode: '330502' })
  ).id;
  signal.subscribe(() => (rings += 1));
  service = alarmServiceOver(t.store, clock, {
    autoCloseAfterMs: HOUR,
    signal,
    onChange: (c) => changes.push(c),
  });
});
afterAll(() => t.cleanup());

describe('alarm lifecycle (open → acknowledged → closed, with history)', () => {
  let id = 0;

  it('opens one alarm for a finding, with evidence and an opened event', async () => {
    const r = await service.record(finding(0, 1));
    expect(r.changes.map((c) => c.kind)).toEqual(['opened']);
    id = r.alarm?.id ?? 0;
    const stored = await service.get(id);
    expect(stored).toMatchObject({
      state: 'open',
      severity: 'warning',
      count: 1,
      limit: 100,
      evidence: [{ value: 120, flag: 'N' }],
      events: [{ kind: 'opened', actor: null }],
    });
    expect(stored?.openedAt.toISOString()).toBe(T0.toISOString());
    expect(rings).toBe(1);
  });

  it('updates rather than duplicates: later evidence, count, and severity escalates but never falls', async () => {
    clock.advance(HOUR);
    const r = await service.record(finding(0, 2, { severity: 'critical' }));
    expect(r.changes.map((c) => c.kind)).toEqual(['updated']);
    expect(r.alarm).toMatchObject({ id, severity: 'critical', count: 2 });
    clock.advance(HOUR);
    const later = await service.record(finding(0, 3, { severity: 'warning' }));
    expect(later.alarm).toMatchObject({ id, severity: 'critical', count: 3 });
    const { items } = await t.store.alarms.list({ siteId });
    expect(items).toHaveLength(1);
    const events = (await service.get(id))?.events ?? [];
    expect(events.map((e) => e.kind)).toEqual(['opened', 'updated', 'updated']);
    expect(events[1]?.details).toMatchObject({ escalatedFrom: 'warning' });
  });

  it('ignores a finding that adds nothing (same evidence again)', async () => {
    const r = await service.record(finding(0, 3));
    expect(r.changes).toEqual([]);
    expect(r.alarm?.count).toBe(3);
  });

  it('is acknowledged once, with who and a comment; a second acknowledge is a state conflict', async () => {
    clock.advance(60_000);
    const c = await service.acknowledge(bureauCaller('supervisor'), id, '已通知企业');
    expect(c.alarm).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'supervisor' });
    expect(c.event).toMatchObject({ kind: 'acknowledged', actor: 'supervisor', comment: '已通知企业' });
    await expect(service.acknowledge(bureauCaller('operator', 'operator'), id, null)).rejects.toBeInstanceOf(
      AlarmStateError,
    );
  });

  it('auto-closes only after the condition has been clear for the configured time', async () => {
    const alarm = (await service.get(id))!;
    await service.markClear(alarm, alarm.window.to);
    expect((await service.get(id))?.clearedSince?.toISOString()).toBe(alarm.window.to.toISOString());
    clock.set(new Date(alarm.window.to.getTime() + HOUR - 1));
    expect(await service.closeDue()).toEqual([]);
    clock.advance(1);
    const closed = await service.closeDue();
    expect(closed.map((c) => c.kind)).toEqual(['auto-closed']);
    expect(closed[0]?.alarm).toMatchObject({ state: 'closed', closedBy: null });
    expect(closed[0]?.event.at.toISOString()).toBe(new Date(alarm.window.to.getTime() + HOUR).toISOString());
    const events = (await service.get(id))?.events.map((e) => e.kind);
    expect(events).toEqual(['opened', 'updated', 'updated', 'acknowledged', 'auto-closed']);
  });

  it('a condition seen again before the auto-close clears the pending close', async () => {
    const opened = await service.record(finding(10, 11));
    const a = opened.alarm!;
    expect(a.id).not.toBe(id);
    await service.markClear(a, a.window.to);
    const again = await service.record(finding(10, 12));
    expect(again.alarm?.clearedSince).toBeNull();
    clock.set(new Date(T0.getTime() + 20 * HOUR));
    expect(await service.closeDue()).toEqual([]);
  });

  it('a finding after a clear gap of at least the auto-close time closes the old alarm and opens a new one', async () => {
    const before = (await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))!;
    const r = await service.record(finding(13, 14));
    expect(r.changes.map((c) => c.kind)).toEqual(['auto-closed', 'opened']);
    expect(r.changes[0]?.alarm.id).toBe(before.id);
    expect(r.changes[0]?.alarm.closedAt?.toISOString()).toBe(
      new Date(before.window.to.getTime() + HOUR).toISOString(),
    );
  });

  it('is closed by a person with a reason; closing again or with a blank reason is refused', async () => {
    const open = (await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))!;
    const admin = bureauCaller('admin', 'admin');
    await expect(service.close(admin, open.id, '  ')).rejects.toThrow(BadInputError);
    await expect(service.close(admin, open.id, '  ')).rejects.toThrow(/reason/);
    const c = await service.close(admin, open.id, '企业已整改 fixed');
    expect(c.alarm).toMatchObject({ state: 'closed', closedBy: 'admin', closeReason: '企业已整改 fixed' });
    expect(c.event).toMatchObject({ kind: 'closed', actor: 'admin', comment: '企业已整改 fixed' });
    await expect(service.close(admin, open.id, 'again')).rejects.toBeInstanceOf(AlarmStateError);
    expect(await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance')).toBeNull();
  });

  it('keeps the history append-only in the database', async () => {
    await expect(t.store.db.deleteFrom('alarm_events').execute()).rejects.toThrow(/append-only/);
    await expect(t.store.db.updateTable('alarm_events').set({ comment: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('reported every stored change to its listeners', () => {
    expect(changes.map((c) => c.kind)).toEqual([
      'opened',
      'updated',
      'updated',
      'acknowledged',
      'auto-closed',
      'opened',
      'updated',
      'auto-closed',
      'opened',
      'closed',
    ]);
  });
});

describe('audit, in the same transaction as the change', () => {
  const trail = async () =>
    (await t.store.audit.query({ limit: 1000 })).items
      .map((e) => [e.action, e.actor, e.actorRole, e.targetType, e.targetId])
      .reverse();

  it('records acknowledging and closing as the person, auto-closing as the system actor', async () => {
    const alarmIds = (await t.store.alarms.list({ siteId })).items.map((a) => String(a.id)).reverse();
    const [first, second, third] = alarmIds;
    expect(await trail()).toEqual([
      ['alarm.acknowledged', 'supervisor', 'supervisor', 'alarm', first],
      ['alarm.auto_closed', 'system', null, 'alarm', first],
      ['alarm.auto_closed', 'system', null, 'alarm', second],
      ['alarm.closed', 'admin', 'admin', 'alarm', third],
    ]);
    const closed = await t.store.audit.query({ action: 'alarm.closed' });
    expect(closed.items[0]?.details).toMatchObject({
      siteCode: 'E1-G1',
      parameter: 'a21026',
      rule: 'exceedance',
      reason: '企业已整改 fixed',
    });
    const auto = await t.store.audit.query({ action: 'alarm.auto_closed', targetId: first });
    expect(auto.items[0]?.details).toMatchObject({ siteId, parameter: 'a21026', clearForMinutes: 60 });
    expect((await new AuditService(t.store.audit, clock).verify()).ok).toBe(true);
  });

  it('a caller outside the scope finds no alarm to handle', async () => {
    const a = (await service.record(finding(30, 31))).alarm!;
    const elsewhere = { ...bureauCaller('other'), scope: { kind: 'sites' as const, siteIds: [] } };
    await expect(service.acknowledge(elsewhere, a.id, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.close(elsewhere, a.id, 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.visible(elsewhere.scope, a.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await service.visible({ kind: 'all' }, a.id)).site.code).toBe('E1-G1');
  });

  it('a failure inside the transaction leaves neither the change nor its audit entry', async () => {
    /** Writes the entry, then fails: the change and the entry must both roll back. */
    class FailingAudit extends AuditService {
      override async record(event: AuditEvent, trx?: Transaction<Database>) {
        const written = await super.record(event, trx);
        if (trx !== undefined) throw new Error('audit store down');
        return written;
      }
    }
    const failing = alarmServiceOver(
      t.store,
      clock,
      { autoCloseAfterMs: HOUR },
      new FailingAudit(t.store.audit, clock),
    );
    const open = (await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))!;
    const before = { trail: await trail(), events: (await service.get(open.id))!.events.length };
    await expect(failing.acknowledge(bureauCaller('supervisor'), open.id, 'x')).rejects.toThrow(
      /audit store down/,
    );
    await expect(failing.close(bureauCaller('admin', 'admin'), open.id, 'y')).rejects.toThrow(
      /audit store down/,
    );
    await failing.markClear(open, open.window.to);
    clock.set(new Date(open.window.to.getTime() + 2 * HOUR));
    await expect(failing.closeDue()).rejects.toThrow(/audit store down/);
    const after = (await service.get(open.id))!;
    expect(after).toMatchObject({ state: 'open', acknowledgedBy: null, closedAt: null });
    expect(after.events).toHaveLength(before.events);
    expect(await trail()).toEqual(before.trail);
  });
});
