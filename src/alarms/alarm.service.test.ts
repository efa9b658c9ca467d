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

describe('alarm lifecycle (condition active → cleared; handling unhandled → acknowledged → handled)', () => {
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

  it('clears the condition only after it has been clear for the configured time; the handling stays', async () => {
    const alarm = (await service.get(id))!;
    await service.markClear(alarm, alarm.window.to);
    expect((await service.get(id))?.clearedSince?.toISOString()).toBe(alarm.window.to.toISOString());
    clock.set(new Date(alarm.window.to.getTime() + HOUR - 1));
    expect(await service.closeDue()).toEqual([]);
    clock.advance(1);
    const cleared = await service.closeDue();
    expect(cleared.map((c) => c.kind)).toEqual(['cleared']);
    expect(cleared[0]?.alarm).toMatchObject({
      condition: 'cleared',
      clearedAt: alarm.window.to,
      handling: 'acknowledged',
      state: 'acknowledged',
      handledAt: null,
    });
    expect(cleared[0]?.event.at.toISOString()).toBe(new Date(alarm.window.to.getTime() + HOUR).toISOString());
    const events = (await service.get(id))?.events.map((e) => e.kind);
    expect(events).toEqual(['opened', 'updated', 'updated', 'acknowledged', 'cleared']);
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

  it('a finding after a clear gap of at least the clearing time clears the old alarm and opens a new one; the old exceedance stays unhandled', async () => {
    const before = (await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))!;
    const r = await service.record(finding(13, 14));
    expect(r.changes.map((c) => c.kind)).toEqual(['cleared', 'opened']);
    expect(r.changes[0]?.alarm).toMatchObject({
      id: before.id,
      condition: 'cleared',
      clearedAt: before.window.to,
      handling: 'unhandled',
      state: 'open',
    });
    expect(r.changes[0]?.event.at.toISOString()).toBe(
      new Date(before.window.to.getTime() + HOUR).toISOString(),
    );
  });

  it('is dismissed (the old close) by a person with a reason; again or with a blank reason is refused', async () => {
    const open = (await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))!;
    const admin = bureauCaller('admin', 'admin');
    await expect(service.close(admin, open.id, '  ')).rejects.toThrow(BadInputError);
    await expect(service.close(admin, open.id, '  ')).rejects.toThrow(/reason/);
    const c = await service.close(admin, open.id, '企业已整改 fixed');
    expect(c.alarm).toMatchObject({
      state: 'closed',
      handling: 'handled',
      disposition: 'dismissed',
      dispositionReason: '企业已整改 fixed',
      handledBy: 'admin',
      closedBy: 'admin',
      closeReason: '企业已整改 fixed',
      condition: 'active',
    });
    expect(c.event).toMatchObject({ kind: 'handled', actor: 'admin', comment: '企业已整改 fixed' });
    await expect(service.close(admin, open.id, 'again')).rejects.toBeInstanceOf(AlarmStateError);
    // The condition is still followed: the same alarm, not a new one, while it lasts.
    expect((await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))?.id).toBe(open.id);
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
      'cleared',
      'opened',
      'updated',
      'cleared',
      'opened',
      'handled',
    ]);
  });
});

describe('audit, in the same transaction as the change', () => {
  const trail = async () =>
    (await t.store.audit.query({ limit: 1000 })).items
      .map((e) => [e.action, e.actor, e.actorRole, e.targetType, e.targetId])
      .reverse();

  it("records people's acknowledging and handling; clearing a condition is no decision and is not audited", async () => {
    const alarmIds = (await t.store.alarms.list({ siteId })).items.map((a) => String(a.id)).reverse();
    const [first, , third] = alarmIds;
    expect(await trail()).toEqual([
      ['alarm.acknowledged', 'supervisor', 'supervisor', 'alarm', first],
      ['alarm.handled', 'admin', 'admin', 'alarm', third],
    ]);
    const handled = await t.store.audit.query({ action: 'alarm.handled' });
    expect(handled.items[0]?.details).toMatchObject({
      siteCode: 'E1-G1',
      parameter: 'a21026',
      rule: 'exceedance',
      comment: '企业已整改 fixed',
      disposition: 'dismissed',
      handlingBefore: 'unhandled',
      handlingAfter: 'handled',
    });
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
    const open = (
      await service.record(finding(40, 41, { rule: 'sudden-step', parameter: 'a34013', severity: 'warning' }))
    ).alarm!;
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
    expect(after).toMatchObject({
      state: 'open',
      handling: 'unhandled',
      acknowledgedBy: null,
      closedAt: null,
    });
    expect(after.condition).toBe('active');
    expect(after.events).toHaveLength(before.events);
    expect(await trail()).toEqual(before.trail);
  });
});

describe('handling separate from condition (issue 23, item 1)', () => {
  let B = 0;
  let enterpriseId = 0;
  let outletId = 0;
  let otherOutletId = 0;
  const at = (h: number) => new Date(B + h * HOUR);
  const on = (site: number, fromH: number, toH: number, extra: Partial<SiteFinding> = {}): SiteFinding => ({
    ...finding(0, 0),
    siteId: site,
    window: { from: at(fromH), to: at(toH) },
    values: [{ at: at(fromH), value: 0.561296980621902 }],
    ...extra,
  });
  const enterpriseCaller = (ids: number[]) => ({
    actor: { username: 'ent1', role: 'enterprise' },
    scope: { kind: 'sites' as const, siteIds: ids },
    address: null,
  });
  const auto = new Map<string, boolean>();
  let svc: AlarmService;
  const opened: { caller: string; alarmId: number }[] = [];

  beforeAll(async () => {
    B = Math.ceil((clock.now().getTime() + 100 * HOUR) / HOUR) * HOUR;
    clock.set(new Date(B));
    enterpriseId = (
      await t.store.sites.create({ kind: 'enterprise', code: 'E9', name: '某印染厂', districtCode: '330502' })
    ).id;
    outletId = (
      await t.store.sites.create({
        kind: 'outlet',
        code: 'E9-W1',
        name: '废水排口',
        districtCode: '330502',
        parentId: enterpriseId,
      })
    ).id;
    otherOutletId = (
      await t.store.sites.create({ kind: 'outlet', code: 'E8-W1', name: '别家排口', districtCode: '330502' })
    ).id;
    svc = alarmServiceOver(t.store, clock, {
      autoCloseAfterMs: HOUR,
      autoResolve: (rule) => Promise.resolve(auto.get(rule) ?? rule !== 'aqi-high'),
      cases: {
        previewFromAlarm: () =>
          Promise.resolve({
            subjectName: '废水排口',
            category: 'emission_exceedance',
            responsible: { type: 'enterprise', siteId: enterpriseId, code: 'E9', name: '某印染厂' },
            existingCaseId: null,
          }),
        openForAlarm: (caller, alarmId) => {
          opened.push({ caller: caller.actor.username, alarmId });
          return Promise.resolve({ id: 77 });
        },
      },
    });
  });

  it('a critical exceedance stays unhandled however long ago its condition cleared', async () => {
    const a = (await svc.record(on(outletId, 0, 1, { severity: 'critical', parameter: 'w01018' }))).alarm!;
    await svc.markClear(a, a.window.to);
    clock.set(at(24 * 30));
    const changes = await svc.closeDue();
    expect(changes.filter((c) => c.alarm.id === a.id).map((c) => c.kind)).toEqual(['cleared']);
    expect(await svc.get(a.id)).toMatchObject({ condition: 'cleared', handling: 'unhandled', state: 'open' });
    const unhandled = await svc.list({ kind: 'all' }, { handling: 'unhandled', sort: 'priority' });
    expect(unhandled.items[0]?.alarm.id).toBe(a.id);
  });

  it('a data-quality warning resolves itself when its rule allows it, audited as the system', async () => {
    B = clock.now().getTime();
    const a = (
      await svc.record(on(outletId, 0, 1, { rule: 'sudden-step', severity: 'warning', parameter: 'w01018' }))
    ).alarm!;
    await svc.markClear(a, a.window.to);
    clock.set(at(2));
    const changes = await svc.closeDue();
    expect(changes.map((c) => c.kind)).toEqual(['cleared', 'auto-resolved']);
    expect(await svc.get(a.id)).toMatchObject({
      condition: 'cleared',
      handling: 'handled',
      disposition: 'auto_resolved',
      handledBy: null,
      state: 'closed',
    });
    const audit = await t.store.audit.query({ action: 'alarm.auto_resolved', targetId: String(a.id) });
    expect(audit.items[0]).toMatchObject({ actor: 'system' });
  });

  it('a warning whose rule is set not to auto-resolve, and any critical warning rule, waits for a person', async () => {
    B = clock.now().getTime();
    auto.set('missing-data', false);
    const a = (
      await svc.record(on(outletId, 0, 1, { rule: 'missing-data', severity: 'warning', parameter: 'w01018' }))
    ).alarm!;
    const c = (
      await svc.record(
        on(outletId, 0, 1, { rule: 'device-offline', severity: 'critical', parameter: 'device' }),
      )
    ).alarm!;
    await svc.markClear(a, a.window.to);
    await svc.markClear(c, c.window.to);
    clock.set(at(3));
    await svc.closeDue();
    expect((await svc.get(a.id))?.handling).toBe('unhandled');
    expect((await svc.get(c.id))?.handling).toBe('unhandled');
  });

  it('an escalation puts a handled alarm back to unhandled', async () => {
    B = clock.now().getTime();
    const a = (await svc.record(on(outletId, 0, 1, { parameter: 'w21003' }))).alarm!;
    await svc.handle(bureauCaller('sup'), a.id, { disposition: 'data_quality_confirmed', reason: null });
    const r = await svc.record(on(outletId, 0, 2, { parameter: 'w21003', severity: 'critical' }));
    expect(r.alarm).toMatchObject({
      id: a.id,
      handling: 'unhandled',
      disposition: null,
      severity: 'critical',
    });
    expect(r.changes[0]?.event.details).toMatchObject({
      escalatedFrom: 'warning',
      handlingBefore: 'handled',
    });
  });

  it('an enterprise explains its own alarm (another is not found); the supervisor rejects, then accepts', async () => {
    B = clock.now().getTime();
    const own = (await svc.record(on(outletId, 0, 1, { parameter: 'w01001' }))).alarm!;
    const other = (await svc.record(on(otherOutletId, 0, 1, { parameter: 'w01001' }))).alarm!;
    const ent = enterpriseCaller([enterpriseId, outletId]);
    await expect(svc.explain(ent, other.id, '不是我们')).rejects.toBeInstanceOf(NotFoundError);
    await expect(svc.explain(ent, own.id, '  ')).rejects.toBeInstanceOf(BadInputError);
    const sup = bureauCaller('sup');
    await expect(svc.decideExplanation(sup, own.id, { accept: true, comment: null })).rejects.toBeInstanceOf(
      AlarmStateError,
    );
    const e = await svc.explain(ent, own.id, '10:00 停产检修，仪表校准');
    expect(e.alarm.explanation).toMatchObject({ text: '10:00 停产检修，仪表校准', by: 'ent1' });
    expect(e.event).toMatchObject({ kind: 'explanation-submitted', actor: 'ent1' });
    await expect(svc.decideExplanation(sup, own.id, { accept: false, comment: ' ' })).rejects.toBeInstanceOf(
      BadInputError,
    );
    const rejected = await svc.decideExplanation(sup, own.id, { accept: false, comment: '缺少检修记录' });
    expect(rejected.alarm).toMatchObject({ handling: 'unhandled', explanation: null });
    expect(rejected.event).toMatchObject({ kind: 'explanation-rejected', comment: '缺少检修记录' });
    await svc.explain(ent, own.id, '附检修记录');
    const accepted = await svc.decideExplanation(sup, own.id, { accept: true, comment: null });
    expect(accepted.alarm).toMatchObject({
      handling: 'handled',
      disposition: 'explained',
      dispositionReason: '附检修记录',
      handledBy: 'sup',
      explanation: null,
    });
    await expect(svc.explain(ent, own.id, 'again')).rejects.toBeInstanceOf(AlarmStateError);
    const actions = (await t.store.audit.query({ targetId: String(own.id), limit: 10 })).items.map(
      (i) => i.action,
    );
    expect(actions.sort()).toEqual([
      'alarm.explanation_decided',
      'alarm.explanation_decided',
      'alarm.explanation_submitted',
      'alarm.explanation_submitted',
    ]);
  });

  it('立案 opens the case through the case opener and handles the alarm as case_opened', async () => {
    B = clock.now().getTime();
    const a = (await svc.record(on(outletId, 0, 1, { parameter: 'w00000', severity: 'critical' }))).alarm!;
    const sup = bureauCaller('sup');
    expect(await svc.casePreview(sup, a.id)).toMatchObject({
      responsible: { type: 'enterprise', code: 'E9' },
    });
    const r = await svc.openCase(sup, a.id);
    expect(r.caseId).toBe(77);
    expect(opened).toEqual([{ caller: 'sup', alarmId: a.id }]);
    expect(r.change.alarm).toMatchObject({
      handling: 'handled',
      disposition: 'case_opened',
      dispositionCaseId: 77,
    });
    expect(r.change.event).toMatchObject({
      kind: 'handled',
      details: { disposition: 'case_opened', caseId: 77 },
    });
    await expect(svc.openCase(sup, a.id)).rejects.toBeInstanceOf(AlarmStateError);
    const elsewhere = { ...sup, scope: { kind: 'sites' as const, siteIds: [] } };
    await expect(svc.openCase(elsewhere, a.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('filters by enterprise (its outlets), kind (rules), condition and handling', async () => {
    const all = { kind: 'all' } as const;
    const ofEnterprise = await svc.list(all, { enterpriseCode: 'E9' });
    expect(ofEnterprise.items.every((x) => x.site?.code === 'E9-W1')).toBe(true);
    expect(ofEnterprise.total).toBeGreaterThan(3);
    expect((await svc.list(all, { enterpriseCode: 'E9-W1' })).total).toBe(0);
    expect((await svc.list(enterpriseCallerScope(), { enterpriseCode: 'E9' })).total).toBe(0);
    const dq = await svc.list(all, { enterpriseCode: 'E9', rules: ['sudden-step', 'missing-data'] });
    expect(dq.items.map((x) => x.alarm.rule).sort()).toEqual(['missing-data', 'sudden-step']);
    const cleared = await svc.list(all, { enterpriseCode: 'E9', condition: 'cleared', handling: 'handled' });
    expect(cleared.items.map((x) => x.alarm.disposition)).toEqual(['auto_resolved']);
  });

  const enterpriseCallerScope = () => ({ kind: 'sites' as const, siteIds: [otherOutletId] });
});
