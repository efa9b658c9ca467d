import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { autoCaseHandler, opensCase } from './auto-case.js';

const clock = new ManualClock('2026-03-15T02:00:00Z');
let t: TestStore;
let services: Services;
let outletId = 0;
let enterpriseId = 0;

beforeAll(async () => {
  t = await openTestStore(clock);
  services = createServices({ store: t.store, clock });
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const e = await t.store.sites.create({
    kind: 'enterprise',
    code: 'E1',
    name: '某印染企业',
    districtCode: '330502',
  });
  enterpriseId = e.id;
  outletId = (
    await t.store.sites.create({
      kind: 'outlet',
      code: 'E1-G1',
      name: '1#锅炉',
      districtCode: '330502',
      parentId: e.id,
    })
  ).id;
});
afterAll(() => t.cleanup());

describe('cases opened by alarms', () => {
  it('opens for critical exceedances only, by default', () => {
    expect(
      opensCase({ rule: 'exceedance', severity: 'critical' }, [
        { rule: 'exceedance', minSeverity: 'critical' },
      ]),
    ).toBe(true);
    expect(
      opensCase({ rule: 'exceedance', severity: 'warning' }, [
        { rule: 'exceedance', minSeverity: 'critical' },
      ]),
    ).toBe(false);
    expect(
      opensCase({ rule: 'sudden-step', severity: 'critical' }, [
        { rule: 'exceedance', minSeverity: 'critical' },
      ]),
    ).toBe(false);
  });

  it('opens one case per live alarm, links it, and ignores alarms from before the start', async () => {
    const handle = autoCaseHandler(services.cases, {
      since: new Date('2026-03-15T01:00:00Z'),
    });
    const alarm = {
      id: 41,
      siteId: outletId,
      parameter: 'a21026',
      rule: 'exceedance',
      severity: 'critical',
      message: '二氧化硫小时均值 120 mg/m³ 超过限值 100 mg/m³',
      openedAt: new Date('2026-03-15T01:30:00Z'),
    };
    await handle(alarm);
    await handle(alarm); // the same alarm again joins its open case
    await handle({ ...alarm, id: 42, openedAt: new Date('2026-03-14T20:00:00Z') }); // history replay
    const cases = await t.store.db.selectFrom('cases').selectAll().execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ source: 'alarm', alarm_id: 41, state: 'discovered' });
  });

  it('audits the opening and each escalation step as the system actor, in one intact chain', async () => {
    const [opened] = await t.store.cases.all({ alarmId: 41 });
    const supervisor = {
      username: 'supervisor',
      role: 'supervisor' as const,
      districtCode: null,
      enterpriseSiteId: null,
      scope: { kind: 'all' as const },
    };
    await services.cases.transition(supervisor, opened!.id, { to: 'verified' });
    await services.cases.transition(supervisor, opened!.id, {
      to: 'assigned',
      deadline: new Date('2026-03-20T00:00:00Z'),
    });
    clock.set('2026-04-05T00:00:00Z');
    expect((await services.escalator.tick()).steps).toEqual([
      { caseId: opened!.id, level: 'warning' },
      { caseId: opened!.id, level: 'listed' },
    ]);
    const system = await t.store.audit.query({ actor: 'system' });
    expect(system.items.reverse()).toMatchObject([
      {
        action: 'case.transition',
        actorRole: null,
        targetType: 'case',
        targetId: String(opened!.id),
        details: { from: null, to: 'discovered', source: 'alarm', alarmId: 41 },
      },
      { action: 'case.escalated', actorRole: null, details: { level: 'warning', daysOverdue: 16 } },
      { action: 'case.escalated', actorRole: null, details: { level: 'listed', daysOverdue: 16 } },
    ]);
    expect(opened!.responsibleSiteId).toBe(enterpriseId);
    expect(await services.audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });
});
