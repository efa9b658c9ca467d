import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import type { AuditEvent } from '../audit/audit.service.js';
import type { AuditRecord } from '../store/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { ManualClock } from '../clock.js';
import { writeDemoHistory } from '../cli/demo-history.js';
import { createServices } from '../services.js';
import { DEMO_CITY } from '../sim/demo-city.js';
import { loadDemoWaterBodies } from '../sim/demo-water-bodies.js';
import { HOUR_MS, parseChinaPeriod } from '../standards/china-time.js';
import type { Database } from '../store/schema.js';
import { seedCity } from '../store/seed.js';
import type { Reading } from '../store/types.js';
import { LabEntryError } from './water-lab.js';
import { WaterService } from './water.service.js';

const ALICE = { username: 'alice', role: 'operator' };
const BOB = { username: 'bob', role: 'supervisor' };
const API = { via: 'api', address: '192.0.2.1' } as const;

/** An audit trail that fails after writing its entry: the entry must roll back with the change. */
class FailingAudit extends AuditService {
  override async record(event: AuditEvent, trx?: Transaction<Database>): Promise<AuditRecord> {
    await super.record(event, trx);
    throw new Error('audit failed after writing');
  }
}

function hourly(siteId: number, parameter: string, at: string, value: number): Reading {
  return {
    siteId,
    parameter,
    interval: 'hour',
    periodStart: new Date(at),
    value,
    valueText: String(value),
    min: null,
    max: null,
    cumulative: null,
    flag: 'N',
    source: 'hj212',
    receivedAt: new Date(at),
  };
}

describe('WaterService on hand-built readings', () => {
  const clock = new ManualClock('2026-03-20T04:00:00Z');
  let t: TestStore;
  let water: WaterService;
  let a1 = 0;
  let b1 = 0;

  beforeAll(async () => {
    t = await openTestStore(clock);
    const { store } = t;
    water = createServices({ store, clock }).water;
    await store.districts.upsertMany([
      { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
      { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
    ]);
    const mk = async (code: string, districtCode: string, targetClass: string, automatic: boolean) =>
      (
        await store.sites.create({
          kind: 'water_section',
          code,
          name: code,
          districtCode,
          attributes: { waterType: 'river', targetClass, waterBody: '河', basin: '流域', automatic },
        })
      ).id;
    a1 = await mk('A1', '330502', 'III', true);
    b1 = await mk('B1', '330503', 'II', false);
    // A1 in March: two days of hourly NH3-N, 1.2 and 1.6 on average (China days 03-01 and 03-02).
    const rows: Reading[] = [];
    for (let h = 0; h < 24; h += 1) {
      const day1 = new Date(Date.parse('2026-02-28T16:00:00Z') + h * HOUR_MS).toISOString();
      const day2 = new Date(Date.parse('2026-03-01T16:00:00Z') + h * HOUR_MS).toISOString();
      rows.push(hourly(a1, 'w21003', day1, 1.2), hourly(a1, 'w21003', day2, 1.6));
      rows.push(hourly(a1, 'w01019', day1, 3), hourly(a1, 'w01019', day2, 3));
    }
    // February data must not reach March.
    rows.push(hourly(a1, 'w21003', '2026-02-27T04:00:00Z', 50));
    await store.readings.insertBatch(rows);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('assesses a month from daily means: class, target, main pollutants', async () => {
    const [a] = await water.assess(parseChinaPeriod('month', '2026-03'), [
      (await water.section('A1')) ?? (undefined as never),
    ]);
    expect(a?.items.find((i) => i.item === 'nh3n')).toMatchObject({ value: 1.4, days: 2, class: 'IV' });
    expect(a).toMatchObject({ class: 'IV', meetsTarget: false, days: 2, latestDay: '2026-03-02' });
    expect(a?.mainPollutants).toEqual([{ item: 'nh3n', class: 'IV', multiple: 0.4 }]);
  });

  it('applies corrections: a reading marked invalid leaves the mean', async () => {
    const { store } = t;
    const day2 = (await store.readings.query({ siteId: a1, parameter: 'w21003', limit: 1000 })).items.filter(
      (r) => r.periodStart >= new Date('2026-03-01T16:00:00Z'),
    );
    for (const r of day2) {
      await store.corrections.add({
        readingId: r.id,
        invalid: true,
        reason: 'analyser fault',
        correctedBy: 'op',
        correctedAt: clock.now(),
      });
    }
    const section = await water.section('A1');
    const [a] = await water.assess(parseChinaPeriod('month', '2026-03'), section ? [section] : []);
    expect(a?.items.find((i) => i.item === 'nh3n')).toMatchObject({ value: 1.2, days: 1 });
  });

  it('stores a lab result as daily readings by the entering user, converted into the code unit', async () => {
    const r = await water.enterLabResults(
      {
        sectionCode: 'B1',
        sampledOn: '2026-03-10',
        values: { nh3n: 0.4, codmn: 3.5, hg: 0.00004, ph: 7.3 },
        lab: '市站',
      },
      ALICE,
      API,
    );
    expect(r).toMatchObject({ section: 'B1', source: 'lab:alice' });
    expect(r.stored.map((s) => s.code).sort()).toEqual(['w01001', 'w01019', 'w20111', 'w21003']);
    const hg = (await t.store.readings.query({ siteId: b1, parameter: 'w20111' })).items[0];
    expect(hg).toMatchObject({ interval: 'day', value: 0.04, source: 'lab:alice', flag: 'N' });
    expect(hg?.periodStart).toEqual(new Date('2026-03-09T16:00:00Z'));
    const section = await water.section('B1');
    const [a] = await water.assess(parseChinaPeriod('month', '2026-03'), section ? [section] : []);
    expect(a).toMatchObject({ class: 'II', meetsTarget: true, latestDay: '2026-03-10' });
    expect(a?.items.find((i) => i.item === 'hg')).toMatchObject({ value: 0.00004, class: 'I' });
  });

  it('audits a lab result with its actor, target and values', async () => {
    const logged = await t.store.audit.query({ action: 'water.lab_results_entered' });
    expect(logged.items).toHaveLength(1);
    expect(logged.items[0]).toMatchObject({
      actor: 'alice',
      actorRole: 'operator',
      targetType: 'site',
      targetId: 'B1',
      address: '192.0.2.1',
    });
    expect(logged.items[0]?.details).toEqual({
      sampledOn: '2026-03-10',
      source: 'lab:alice',
      values: { nh3n: 0.4, codmn: 3.5, hg: 0.00004, ph: 7.3 },
      lab: '市站',
      note: null,
      via: 'api',
    });
  });

  it('stores neither the readings nor the audit entry when the audit fails inside the transaction', async () => {
    const failing = new WaterService(t.store, clock, new FailingAudit(t.store.audit, clock));
    const before = await t.store.audit.query({ action: 'water.lab_results_entered' });
    await expect(
      failing.enterLabResults(
        { sectionCode: 'B1', sampledOn: '2026-03-12', values: { tp: 0.05 } },
        ALICE,
        API,
      ),
    ).rejects.toThrow('audit failed after writing');
    expect((await t.store.readings.query({ siteId: b1, parameter: 'w21011' })).items).toEqual([]);
    const after = await t.store.audit.query({ action: 'water.lab_results_entered' });
    expect(after.items).toHaveLength(before.items.length);
    expect(await new AuditService(t.store.audit, clock).verify()).toMatchObject({ ok: true });
  });

  it('refuses a second value of an item on the same day, naming it', async () => {
    const err = await water
      .enterLabResults(
        { sectionCode: 'B1', sampledOn: '2026-03-10', values: { tp: 0.05, nh3n: 0.5 } },
        BOB,
        API,
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabEntryError);
    expect(err).toMatchObject({ code: 'conflict', status: 409, field: 'values.nh3n' });
    expect((await t.store.readings.query({ siteId: b1, parameter: 'w21011' })).items).toEqual([]);
  });

  it.each([
    [{ sectionCode: 'NOPE', sampledOn: '2026-03-10', values: { ph: 7 } }, 'not-found', 'section'],
    [{ sectionCode: 'B1', sampledOn: '2026-03-21', values: { ph: 7 } }, 'bad-request', 'sampledOn'],
    [{ sectionCode: 'B1', sampledOn: '2026-02-30', values: { ph: 7 } }, 'bad-request', 'sampledOn'],
    [{ sectionCode: 'B1', sampledOn: '2026-03-11', values: { ph: 15 } }, 'bad-request', 'values.ph'],
    [{ sectionCode: 'B1', sampledOn: '2026-03-11', values: { hg: 500 } }, 'bad-request', 'values.hg'],
    [{ sectionCode: 'B1', sampledOn: '2026-03-11', values: { zinc: 1 } }, 'bad-request', 'values.zinc'],
    [{ sectionCode: 'B1', sampledOn: '2026-03-11', values: {} }, 'bad-request', 'values'],
  ])('rejects %j naming the field', async (entry, code, field) => {
    await expect(water.enterLabResults(entry, ALICE, API)).rejects.toMatchObject({ code, field });
  });

  it('gives a monthly history ending with the current month', async () => {
    const h = await water.sectionHistory('A1', 3);
    expect(h.section.code).toBe('A1');
    expect(h.months.map((m) => [m.period.label, m.class])).toEqual([
      ['2026-01', null],
      ['2026-02', '劣V'],
      ['2026-03', 'IV'],
    ]);
  });

  it('reports the city, districts and ranking of a period', async () => {
    const r = await water.cityReport(parseChinaPeriod('month', '2026-03'));
    expect(r.city).toMatchObject({
      sections: 2,
      assessed: 2,
      targetsMet: 1,
      complianceRate: 0.5,
      shareGoodIToIII: 0.5,
    });
    expect(r.districts.map((d) => d.districtCode).sort()).toEqual(['330502', '330503']);
    expect(r.ranking.map((x) => x.code)).toHaveLength(2);
    expect(r.rivers).toEqual([expect.objectContaining({ name: '河', method: 'mean', sections: 2 })]);
  });
});

describe('WaterService on the demo city', () => {
  const now = new Date('2026-03-15T08:30:00Z');
  const clock = new ManualClock(now);
  let t: TestStore;
  let water: WaterService;

  beforeAll(async () => {
    t = await openTestStore(clock);
    await seedCity(t.store, DEMO_CITY, { demo: true });
    await writeDemoHistory(t.store, DEMO_CITY, now, { airDays: 0, waterDays: 3, outletDays: 0 });
    water = createServices({ store: t.store, clock }).water;
    const loaded = await loadDemoWaterBodies(t.store, water, now);
    expect(loaded).toMatchObject({ bodies: 3, samples: 44, labResults: 9 });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('classes every one of the 15 sections for the month: automatic from hourly data, manual from lab results', async () => {
    const month = water.currentPeriod('month');
    expect(month.label).toBe('2026-03');
    const all = await water.assess(month);
    expect(all).toHaveLength(15);
    for (const a of all) {
      expect(a.class, a.section.code).not.toBeNull();
      expect(a.cwqi, a.section.code).toBeGreaterThan(0);
    }
    const automatic = all.filter((a) => a.section.automatic);
    expect(automatic).toHaveLength(12);
    for (const a of automatic) {
      expect(a.days).toBeGreaterThanOrEqual(3);
      expect(a.items.map((i) => i.item).sort()).toEqual(
        expect.arrayContaining(['codmn', 'do', 'nh3n', 'ph', 'tp', 'wt']),
      );
    }
    expect(all.find((a) => a.section.code === 'HZ-W-12')?.class).toBe('IV');
  });

  it('summarises the city and its districts consistently', async () => {
    const r = await water.cityReport(water.currentPeriod('month'));
    expect(r.city.assessed).toBe(15);
    const counted = Object.values(r.city.classCounts).reduce((s, n) => s + n, 0);
    expect(counted).toBe(15);
    expect(r.districts.reduce((s, d) => s + d.sections, 0)).toBe(15);
    expect(r.districts.map((d) => d.cwqiRank)).toEqual(
      [...r.districts.map((d) => d.cwqiRank)].sort((x, y) => (x ?? 0) - (y ?? 0)),
    );
    expect(r.ranking).toHaveLength(15);
    expect(r.basins.map((b) => b.name)).toContain('运河');
  });

  it('grades the demo black-odorous water bodies: light, heavy with a heavy stretch, rectified', async () => {
    const { window, items: bodies } = await water.blackOdorousList();
    expect(window).toEqual({ from: new Date('2026-02-13T08:30:00Z'), to: now });
    const byCode = new Map(bodies.map((b) => [b.code, b]));
    expect(byCode.get('HZ-BO-01')).toMatchObject({ grade: 'light', gradeZh: '轻度黑臭' });
    expect(byCode.get('HZ-BO-02')).toMatchObject({
      grade: 'heavy',
      heavyPointShare: 0.6,
      heavyStretches: [{ fromPoint: 'P2', toPoint: 'P4' }],
    });
    expect(byCode.get('HZ-BO-03')?.grade).toBe('none');
    expect(byCode.get('HZ-BO-02')?.points.map((p) => p.samples)).toEqual([4, 4, 4, 4, 4]);
    expect(await loadDemoWaterBodies(t.store, water, now)).toMatchObject({ bodies: 0 });
  });

  it('enters the demo samples and lab results through the service, audited as demo', async () => {
    const samples = await t.store.audit.query({ action: 'water.black_odorous_sample_entered', limit: 100 });
    expect(samples.items).toHaveLength(44);
    expect(samples.items[0]).toMatchObject({ actor: 'demo', targetType: 'black_odorous_body' });
    expect(samples.items[0]?.details).toMatchObject({ via: 'demo' });
    const lab = await t.store.audit.query({ action: 'water.lab_results_entered', limit: 100 });
    expect(lab.items).toHaveLength(9);
    expect(lab.items[0]?.details).toMatchObject({ via: 'demo', source: 'lab:demo' });
  });

  it('shows one body with the samples of the window, and answers 404 for an unknown one', async () => {
    const body = await water.blackOdorousBody('HZ-BO-02', 7);
    expect(body.window).toEqual({ from: new Date('2026-03-08T08:30:00Z'), to: now });
    // Samples every 5 days ending yesterday: two of the four in the last 7 days, at each of 5 points.
    expect(body.samples).toHaveLength(10);
    expect(new Set(body.samples.map((s) => s.point))).toEqual(new Set(['P1', 'P2', 'P3', 'P4', 'P5']));
    expect(body.samples.every((s) => s.enteredBy === 'demo')).toBe(true);
    await expect(water.blackOdorousBody('NOPE')).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });
});

describe('WaterService black-odorous samples', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let water: WaterService;

  beforeAll(async () => {
    t = await openTestStore(clock);
    await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    await t.store.blackOdorous.createBody({
      code: 'BO-1',
      name: '黑臭河',
      districtCode: '330502',
      points: [{ code: 'P1', name: '上游' }],
    });
    water = createServices({ store: t.store, clock }).water;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const entry = {
    bodyCode: 'BO-1',
    pointCode: 'P1',
    sampledAt: new Date('2026-03-14T02:00:00Z'),
    sd: 8,
    do: 0.1,
    orp: -250,
    nh3n: 16,
  };

  it('stores a sample with its grade and audits it in the same transaction', async () => {
    const s = await water.enterBlackOdorousSample(entry, ALICE, API);
    expect(s).toMatchObject({ body: 'BO-1', point: 'P1', grade: 'heavy', gradeZh: '重度黑臭', depth: null });
    const logged = await t.store.audit.query({ action: 'water.black_odorous_sample_entered' });
    expect(logged.items).toHaveLength(1);
    expect(logged.items[0]).toMatchObject({
      actor: 'alice',
      actorRole: 'operator',
      targetType: 'black_odorous_body',
      targetId: 'BO-1',
      address: '192.0.2.1',
    });
    expect(logged.items[0]?.details).toEqual({
      point: 'P1',
      sampledAt: '2026-03-14T02:00:00.000Z',
      sd: 8,
      do: 0.1,
      orp: -250,
      nh3n: 16,
      depth: null,
      grade: 'heavy',
      via: 'api',
    });
  });

  it('refuses a second sample at the same time as a conflict naming sampledAt, auditing nothing', async () => {
    await expect(water.enterBlackOdorousSample(entry, BOB, API)).rejects.toMatchObject({
      code: 'conflict',
      field: 'sampledAt',
    });
    const logged = await t.store.audit.query({ action: 'water.black_odorous_sample_entered' });
    expect(logged.items).toHaveLength(1);
  });

  it('stores neither the sample nor the audit entry when the audit fails inside the transaction', async () => {
    const failing = new WaterService(t.store, clock, new FailingAudit(t.store.audit, clock));
    const later = { ...entry, sampledAt: new Date('2026-03-14T06:00:00Z') };
    await expect(failing.enterBlackOdorousSample(later, ALICE, API)).rejects.toThrow(
      'audit failed after writing',
    );
    const detail = await water.blackOdorousBody('BO-1');
    expect(detail.samples.map((s) => s.sampledAt)).toEqual([entry.sampledAt]);
    const logged = await t.store.audit.query({ action: 'water.black_odorous_sample_entered' });
    expect(logged.items).toHaveLength(1);
    expect(await new AuditService(t.store.audit, clock).verify()).toMatchObject({ ok: true });
  });

  it.each([
    [{ pointCode: 'P9' }, 'not-found', 'point'],
    [{ bodyCode: 'NOPE' }, 'not-found', 'code'],
    [{ sampledAt: new Date('2026-03-16T00:00:00Z') }, 'bad-request', 'sampledAt'],
    [{ sd: -1 }, 'bad-request', 'sd'],
    [{ depth: 0 }, 'bad-request', 'depth'],
  ])('refuses %j naming the field', async (change, code, field) => {
    await expect(water.enterBlackOdorousSample({ ...entry, ...change }, ALICE, API)).rejects.toMatchObject({
      code,
      field,
    });
  });
});
