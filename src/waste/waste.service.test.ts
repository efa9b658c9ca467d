/**
 * The waste service over a real SQLite store and the real alarm service, with a ManualClock and the
 * 2026 holiday calendar: every allowed and refused manifest move, stock moving with the manifest,
 * discrepancies, the receipt deadline in working days, storage limits, balance gaps, declarations,
 * and role scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { DomainError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import type { ManifestState } from './manifest-machine.js';
import { MANIFEST_STATES, MANIFEST_TRANSITIONS, nextManifestStates } from './manifest-machine.js';
import type { TransitionInput, WasteCaller } from './waste.service.js';
import { receiptDiscrepancies } from './waste.service.js';
import { stockOf } from './stock.js';
import { chinaDate } from '../standards/china-time.js';

const clock = new ManualClock('2026-09-01T02:00:00Z');
let t: TestStore;
let s: Services;
const ids: Record<string, number> = {};

const ADMIN: WasteCaller = { username: 'admin', role: 'admin', districtCode: null, enterpriseSiteId: null };
const ent = (code: string): WasteCaller => ({
  username: `u-${code}`,
  role: 'enterprise',
  districtCode: null,
  enterpriseSiteId: ids[code] ?? -1,
});
const officer = (districtCode: string): WasteCaller => ({
  username: `o-${districtCode}`,
  role: 'district',
  districtCode,
  enterpriseSiteId: null,
});
const OIL = '900-214-08';
const BAG = '900-041-49';

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function stockKg(code: string, siteCode: string): Promise<number> {
  return stockOf(await t.store.waste.ledger(ids[siteCode] ?? -1))
    .filter((l) => l.code === code)
    .reduce((sum, l) => sum + l.kg, 0);
}

beforeAll(async () => {
  t = await openTestStore(clock);
  s = createServices({ store: t.store, clock });
  await t.store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  for (const [code, district] of [
    ['GEN', '330502'],
    ['CAR', '330503'],
    ['REC', '330503'],
    ['OTHER', '330502'],
  ] as const) {
    ids[code] = (
      await t.store.sites.create({ kind: 'enterprise', code, name: code, districtCode: district })
    ).id;
  }
  await s.waste.setParty(ADMIN, { site: 'GEN', role: 'generator' });
  await s.waste.setParty(ADMIN, { site: 'OTHER', role: 'generator' });
  await s.waste.setParty(ADMIN, {
    site: 'CAR',
    role: 'carrier',
    permitNo: '浙交运危 001',
    vehicles: ['浙E·A0001'],
  });
  await s.waste.setParty(ADMIN, {
    site: 'REC',
    role: 'receiver',
    licenceCodes: [OIL, BAG],
    licenceMethods: ['R9', 'D10'],
    annualCapacityT: 20_000,
  });
  await s.waste.addFacility(ent('GEN'), 'GEN', {
    code: 'S1',
    name: '危废仓库',
    capacityT: 100,
    location: '厂区东',
  });
  await s.waste.recordLedger(ent('GEN'), 'GEN', {
    kind: 'generated',
    code: OIL,
    quantityT: 500,
    facility: 'S1',
  });
  await s.waste.recordLedger(ent('GEN'), 'GEN', {
    kind: 'generated',
    code: BAG,
    quantityT: 50,
    facility: 'S1',
  });
});
afterAll(async () => {
  await t.cleanup();
});

async function newManifest(quantityT = 2): Promise<number> {
  const m = await s.waste.createManifest(ent('GEN'), {
    carrier: 'CAR',
    receiver: 'REC',
    items: [{ code: OIL, quantityT, facility: 'S1', form: '液态', packaging: '桶' }],
  });
  return m.id;
}

/** The request that makes a move, by the party allowed to. */
const MOVE: Record<Exclude<ManifestState, 'draft'>, { by: string; body: TransitionInput }> = {
  submitted: { by: 'GEN', body: { to: 'submitted' } },
  void: { by: 'GEN', body: { to: 'void', reason: 'plan changed' } },
  in_transit: { by: 'CAR', body: { to: 'in_transit', vehicle: '浙E·A0001' } },
  received: { by: 'REC', body: { to: 'received', received: [{ line: 1, quantityT: 2 }] } },
  rejected: { by: 'REC', body: { to: 'rejected', reason: 'leaking drums' } },
  disposed: { by: 'REC', body: { to: 'disposed', method: 'R9', disposedOn: '2026-09-01' } },
};

/** A fresh manifest brought to `state` along the main path. */
async function manifestIn(state: ManifestState): Promise<number> {
  const id = await newManifest();
  const path: Record<ManifestState, Exclude<ManifestState, 'draft'>[]> = {
    draft: [],
    submitted: ['submitted'],
    void: ['void'],
    in_transit: ['submitted', 'in_transit'],
    received: ['submitted', 'in_transit', 'received'],
    rejected: ['submitted', 'in_transit', 'rejected'],
    disposed: ['submitted', 'in_transit', 'received', 'disposed'],
  };
  for (const step of path[state]) await s.waste.transition(ent(MOVE[step].by), id, MOVE[step].body);
  return id;
}

describe('manifest transitions: every allowed move by its party', () => {
  for (const rule of MANIFEST_TRANSITIONS) {
    it(`${rule.from} → ${rule.to} by the ${rule.by}`, async () => {
      const id = await manifestIn(rule.from);
      const move = MOVE[rule.to as Exclude<ManifestState, 'draft'>];
      const view = await s.waste.transition(ent(move.by), id, move.body);
      expect(view.manifest.state).toBe(rule.to);
      const last = view.events.at(-1);
      expect(last).toMatchObject({
        fromState: rule.from,
        toState: rule.to,
        actor: `u-${move.by}`,
        actorRole: 'enterprise',
      });
    });
  }
});

describe('manifest transitions: every refused move', () => {
  for (const from of MANIFEST_STATES) {
    const illegal = MANIFEST_STATES.filter((to) => !nextManifestStates(from).includes(to));
    it(`${from} → ${illegal.join(' / ')}: 409 naming the allowed states`, async () => {
      const id = await manifestIn(from);
      for (const to of illegal) {
        const err = await refusal(s.waste.transition(ent('GEN'), id, { to, reason: 'x' }));
        expect(err.status, `${from} → ${to}`).toBe(409);
        expect(err.details).toEqual({ state: from, allowed: nextManifestStates(from) });
      }
    });
  }
  for (const rule of MANIFEST_TRANSITIONS) {
    it(`${rule.from} → ${rule.to} by another party: 403`, async () => {
      const id = await manifestIn(rule.from);
      const move = MOVE[rule.to as Exclude<ManifestState, 'draft'>];
      for (const other of ['GEN', 'CAR', 'REC'].filter((p) => p !== move.by)) {
        const err = await refusal(s.waste.transition(ent(other), id, move.body));
        expect(err.status, `${other} moving ${rule.from} → ${rule.to}`).toBe(403);
      }
      // The bureau supervises; it does not sign.
      expect((await refusal(s.waste.transition(ADMIN, id, move.body))).status).toBe(403);
    });
  }
  it('an enterprise that is no party does not see the manifest (404)', async () => {
    const id = await newManifest();
    expect((await refusal(s.waste.transition(ent('OTHER'), id, { to: 'submitted' }))).status).toBe(404);
    expect((await refusal(s.waste.manifest(officer('999999'), id))).status).toBe(404);
    expect((await s.waste.manifest(officer('330503'), id)).allowedMoves).toEqual([]);
  });
  it('an unknown state is a 400 naming the field', async () => {
    const id = await newManifest();
    const err = await refusal(s.waste.transition(ent('GEN'), id, { to: 'approved' }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^to = approved/);
  });
});

describe('checks on the way', () => {
  it('refuses submission when the receiver’s licence does not cover a code', async () => {
    await s.waste.recordLedger(ent('GEN'), 'GEN', { kind: 'generated', code: '900-039-49', quantityT: 1 });
    const m = await s.waste.createManifest(ent('GEN'), {
      carrier: 'CAR',
      receiver: 'REC',
      items: [{ code: '900-039-49', quantityT: 1 }],
    });
    const err = await refusal(s.waste.transition(ent('GEN'), m.id, { to: 'submitted' }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/does not cover 900-039-49/);
  });
  it('refuses a vehicle the carrier does not have, and a receiver that is not licensed', async () => {
    const id = await manifestIn('submitted');
    const err = await refusal(s.waste.transition(ent('CAR'), id, { to: 'in_transit', vehicle: '浙E·X9999' }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^vehicle/);
    const bad = await refusal(
      s.waste.createManifest(ent('GEN'), {
        carrier: 'CAR',
        receiver: 'OTHER',
        items: [{ code: OIL, quantityT: 1 }],
      }),
    );
    expect(bad.message).toMatch(/^receiver: OTHER is not a licensed receiver/);
  });
  it('refuses a bad code or quantity, naming the field', async () => {
    const err = await refusal(
      s.waste.createManifest(ent('GEN'), {
        carrier: 'CAR',
        receiver: 'REC',
        items: [{ code: '900-041-08x', quantityT: 1 }],
      }),
    );
    expect(err.message).toMatch(/^items\[0\]\.code/);
    const q = await refusal(
      s.waste.createManifest(ent('GEN'), {
        carrier: 'CAR',
        receiver: 'REC',
        items: [{ code: OIL, quantityT: -1 }],
      }),
    );
    expect(q.message).toMatch(/^items\[0\]\.quantityT = -1/);
  });
  it('numbers manifests year + province + city + serial (14 digits)', async () => {
    const m = await s.waste.createManifest(ent('GEN'), {
      carrier: 'CAR',
      receiver: 'REC',
      items: [{ code: OIL, quantityT: 1 }],
    });
    expect(m.number).toMatch(/^20263305\d{6}$/);
  });
});

describe('stock moves with the manifest', () => {
  it('out at pickup, into the receiver at receipt, out of it at utilisation', async () => {
    const gen0 = await stockKg(OIL, 'GEN');
    const rec0 = await stockKg(OIL, 'REC');
    const id = await manifestIn('submitted');
    expect(await stockKg(OIL, 'GEN')).toBe(gen0);
    await s.waste.transition(ent('CAR'), id, MOVE.in_transit.body);
    expect(await stockKg(OIL, 'GEN')).toBe(gen0 - 2000);
    await s.waste.transition(ent('REC'), id, MOVE.received.body);
    expect(await stockKg(OIL, 'REC')).toBe(rec0 + 2000);
    const view = await s.waste.transition(ent('REC'), id, MOVE.disposed.body);
    expect(await stockKg(OIL, 'REC')).toBe(rec0);
    expect(view.events.map((e) => e.toState)).toEqual([
      'draft',
      'submitted',
      'in_transit',
      'received',
      'disposed',
    ]);
  });
  it('a refused load returns to the consignor’s stock', async () => {
    const gen0 = await stockKg(OIL, 'GEN');
    const id = await manifestIn('in_transit');
    expect(await stockKg(OIL, 'GEN')).toBe(gen0 - 2000);
    await s.waste.transition(ent('REC'), id, MOVE.rejected.body);
    expect(await stockKg(OIL, 'GEN')).toBe(gen0);
  });
  it('cannot ship more than the consignor holds', async () => {
    const id = await newManifest(10_000);
    await s.waste.transition(ent('GEN'), id, { to: 'submitted' });
    const err = await refusal(s.waste.transition(ent('CAR'), id, MOVE.in_transit.body));
    expect(err.status).toBe(409);
  });
});

describe('discrepancies at receipt', () => {
  const items = [{ line: 1, code: OIL, quantityKg: 2000 }] as never;
  const at = new Date('2026-09-01T00:00:00Z');
  it.each([
    [2000, OIL, []],
    [1900, OIL, []], // exactly 5 %: within the tolerance
    [1899, OIL, ['quantity']],
    [2101, OIL, ['quantity']],
    [2000, BAG, ['code']],
  ])('received %i kg of %s → %j', (kg, code, kinds) => {
    const found = receiptDiscrepancies({ items }, [{ line: 1, receivedKg: kg, receivedCode: code }], 5, at);
    expect(found.map((d) => d.kind)).toEqual(kinds);
  });
  it('a short receipt raises a waste-manifest alarm on the consignor', async () => {
    const id = await manifestIn('in_transit');
    const view = await s.waste.transition(ent('REC'), id, {
      to: 'received',
      received: [{ line: 1, quantityT: 1.8 }],
    });
    expect(view.manifest.discrepancies.map((d) => d.kind)).toEqual(['quantity']);
    const alarm = await t.store.alarms.findOpen(
      ids.GEN ?? -1,
      `manifest:${view.manifest.number}`,
      'waste-manifest',
    );
    expect(alarm?.severity).toBe('warning');
  });
});

describe('receipt deadline: 5 working days on the holiday calendar, judged by the timed pass', () => {
  it('picked up Mon 2026-09-28: due end of Sat 2026-10-10 (National Day off, make-up Saturday works)', async () => {
    clock.set('2026-09-28T02:00:00Z');
    const id = await manifestIn('in_transit');
    const m = (await s.waste.manifest(ADMIN, id)).manifest;
    expect(m.receiptDueAt?.toISOString()).toBe('2026-10-10T15:59:59.999Z');
    clock.set('2026-10-10T15:00:00Z'); // 23:00 China time on the last day
    await s.waste.evaluate(); // (older manifests of this file left in transit are overdue by now)
    expect((await s.waste.manifest(ADMIN, id)).manifest.discrepancies).toEqual([]);
    clock.set('2026-10-10T16:30:00Z'); // 00:30 on Sunday 11 October
    const pass = await s.waste.evaluate();
    expect(pass.overdueReceipts).toBeGreaterThanOrEqual(1);
    const view = await s.waste.manifest(ADMIN, id);
    expect(view.manifest.discrepancies.map((d) => d.kind)).toEqual(['receipt_overdue']);
    expect(view.events.at(-1)).toMatchObject({ kind: 'discrepancy', actor: 'system' });
    expect(
      await t.store.alarms.findOpen(ids.REC ?? -1, `manifest:${m.number}`, 'waste-manifest'),
    ).not.toBeNull();
    // Once flagged, a second pass does not flag it again.
    const again = await s.waste.evaluate();
    expect(again.overdueReceipts).toBe(0);
    expect((await s.waste.manifest(ADMIN, id)).events.filter((e) => e.kind === 'discrepancy')).toHaveLength(
      1,
    );
  });
});

describe('storage, balance and declarations in the timed pass', () => {
  beforeAll(async () => {
    clock.set('2025-07-01T02:00:00Z');
    await s.waste.recordLedger(ent('OTHER'), 'OTHER', { kind: 'generated', code: OIL, quantityT: 1 });
    clock.set('2025-08-10T02:00:00Z');
    await s.waste.recordLedger(ent('OTHER'), 'OTHER', { kind: 'generated', code: BAG, quantityT: 1 });
    await s.waste.addFacility(ent('OTHER'), 'OTHER', {
      code: 'T1',
      name: '小仓',
      capacityT: 0.5,
      location: '西',
    });
    await s.waste.recordLedger(ent('OTHER'), 'OTHER', {
      kind: 'generated',
      code: '900-039-49',
      quantityT: 0.8,
      facility: 'T1',
    });
    await s.waste.recordLedger(ent('OTHER'), 'OTHER', {
      kind: 'stocktake',
      code: '900-039-49',
      quantityT: 0.7,
      facility: 'T1',
    });
    clock.set('2026-07-20T02:00:00Z');
    await s.waste.evaluate();
  });
  const open = (parameter: string, rule: 'waste-storage' | 'waste-balance' | 'waste-declaration') =>
    t.store.alarms.findOpen(ids.OTHER ?? -1, parameter, rule);
  it('over the one-year limit: critical; within a month of it: warning', async () => {
    // 2025-07-01 → 2026-07-20: 384 days; 2025-08-10 → 2026-07-20: 344 days (> 365 − 30).
    expect((await open(`storage:${OIL}`, 'waste-storage'))?.severity).toBe('critical');
    expect((await open(`storage:${BAG}`, 'waste-storage'))?.severity).toBe('warning');
  });
  it('a facility over capacity', async () => {
    expect((await open('capacity:T1', 'waste-storage'))?.severity).toBe('critical');
  });
  it('a stocktake gap', async () => {
    expect(await open('balance:900-039-49', 'waste-balance')).not.toBeNull();
  });
  it('an annual declaration not filed by 31 March', async () => {
    expect(await open('declaration:annual', 'waste-declaration')).not.toBeNull();
    expect(await open('declaration:monthly', 'waste-declaration')).toBeNull(); // registration tier owes no monthly
  });
});

describe('waste file, figures and indicators', () => {
  it('shows one enterprise its file; another enterprise gets 404; its district sees it', async () => {
    // Nothing generated last year; the 2026 plan of 200 t makes it a key unit (≥ 100 t).
    expect((await s.waste.wasteFile(ent('GEN'), 'GEN', 2026)).tier).toBe('registration');
    await s.waste.filePlan(ent('GEN'), 'GEN', 2026, [{ code: OIL, quantityT: 200 }]);
    const file = await s.waste.wasteFile(ent('GEN'), 'GEN', 2026);
    expect(file.tier).toBe('key');
    expect(file.declarationsOwed).toEqual(['monthly', 'annual']);
    expect(file.roles.map((r) => r.role)).toEqual(['generator']);
    expect(file.facilities[0]?.code).toBe('S1');
    expect((await refusal(s.waste.wasteFile(ent('OTHER'), 'GEN', 2026))).status).toBe(404);
    expect((await s.waste.wasteFile(officer('330502'), 'GEN', 2026)).site.code).toBe('GEN');
    expect((await refusal(s.waste.wasteFile(officer('330503'), 'GEN', 2026))).status).toBe(404);
  });
  it('city figures by category and district, and flows', async () => {
    const f = await s.waste.figures(ADMIN, 2026);
    expect(f.byCategory.find((c) => c.category === 'HW08')?.transferredKg).toBeGreaterThan(0);
    expect(f.flows[0]).toMatchObject({ from: { code: 'GEN' }, to: { code: 'REC' }, crossDistrict: true });
    const district = await s.waste.figures(officer('330503'), 2026);
    expect(district.byDistrict.map((d) => d.districtCode)).toEqual(['330503']);
  });
  it('indicators for the board: entered statistics and the hazardous-waste utilisation share', async () => {
    await s.waste.enterStats(ADMIN, [
      { month: '2026-01', scope: 'city', key: 'industrial_generated_t', value: 1000, target: null },
      { month: '2026-01', scope: 'city', key: 'industrial_utilised_t', value: 900 },
      { month: '2026-02', scope: 'city', key: 'straw_utilisation_pct', value: 95.5, target: 96 },
    ]);
    const all = await s.waste.indicators(2026);
    expect(all.find((i) => i.key === 'industrial_utilisation_pct')).toMatchObject({ value: 90, unit: '%' });
    expect(all.find((i) => i.key === 'straw_utilisation_pct')).toMatchObject({ value: 95.5, target: 96 });
    expect((await s.waste.indicators(2026, 'city', 'hazardous_utilisation_pct'))[0]?.value).toBe(100);
    const bad = await refusal(
      s.waste.enterStats(ADMIN, [{ month: '2026-13', scope: 'city', key: 'x', value: 1 }]),
    );
    expect(bad.message).toMatch(/^rows\[0\]\.month/);
  });
});

describe('settings: tolerances and later holiday years are data', () => {
  it('refuses a bad setting, naming the field', async () => {
    const err = await refusal(s.waste.changeSettings(ADMIN, { quantityTolerancePct: 250 }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^quantityTolerancePct = 250/);
  });
  it('a loaded 2027 notice moves a receipt deadline', async () => {
    clock.set('2026-12-30T02:00:00Z');
    const before = await s.waste.calendar();
    // Wed 2026-12-30 + 5 working days without a 2027 table: Dec 31, Jan 1 (weekday), 4, 5, 6.
    expect(chinaDate(before.addWorkingDays(clock.now(), 5))).toBe('2027-01-06');
    await s.waste.changeSettings(ADMIN, {
      holidayYears: [
        {
          year: 2027,
          holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
          workdays: [],
          source: 'test',
        },
      ],
    });
    const after = await s.waste.calendar();
    expect(chinaDate(after.addWorkingDays(clock.now(), 5))).toBe('2027-01-07');
    expect((await s.waste.settings()).holidayYears.map((y) => y.year)).toEqual([2027]);
  });
});

describe('the directory as CSV', () => {
  it('imports a file all or nothing, naming every bad line', async () => {
    const good = '\uFEFFcode,name,hazards\r\n900-041-49,"包装物,容器（导入）",T/In\r\n772-002-18,飞灰,T\r\n';
    expect(await s.waste.importCatalogue(ADMIN, '2025', good)).toEqual({ imported: 2 });
    const entry = (await s.waste.catalogue(new Date('2026-06-01T00:00:00Z'))).find(
      (e) => e.code === '900-041-49',
    );
    expect(entry).toMatchObject({ name: '包装物,容器（导入）', tag: 'text' });
    const err = await refusal(
      s.waste.importCatalogue(ADMIN, '2025', 'code,name,hazards\n900-41-49,x,T\n900-039-49,y,Q\n'),
    );
    expect(err.status).toBe(400);
    expect(err.details).toEqual([
      { line: 2, problem: '"900-41-49" is not a hazardous-waste code III-SSS-CC (e.g. 900-041-49)' },
      { line: 3, problem: 'hazards of 900-039-49: "Q" unknown; use T, C, I, R, In' },
    ]);
  });
});
