/**
 * Store cases of hazardous waste (parties, catalogue, facilities, append-only ledger, manifests with
 * append-only events, plans, declarations, statistics), run inside the shared conformance suite
 * (store.case.test.ts) against SQLite and PostgreSQL.
 */
import { beforeAll, expect, it } from 'vitest';
import type { ManifestCache, ManifestEvent } from './waste.repository.js';
import { ManifestWriteConflictError } from './waste.repository.js';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');
const T1 = new Date('2026-03-16T00:00:00Z');

function cache(state: string, seq: number, extra: Partial<ManifestCache> = {}): ManifestCache {
  return {
    state,
    lastSeq: seq,
    vehicle: null,
    pickedUpAt: null,
    receiptDueAt: null,
    receivedAt: null,
    disposedAt: null,
    method: null,
    discrepancies: [],
    updatedAt: T0,
    ...extra,
  };
}

function event(seq: number, to: string, from: string | null): ManifestEvent {
  return {
    seq,
    kind: 'transition',
    fromState: from,
    toState: to,
    actor: 'u',
    actorRole: 'enterprise',
    at: T0,
    comment: '',
    data: { n: seq },
  };
}

/** The cases; `getStore` returns the suite's store. */
export function runWasteStoreCases(getStore: () => Store): void {
  let gen = 0;
  let car = 0;
  let rec = 0;
  beforeAll(async () => {
    const store = getStore();
    const site = async (code: string, district: string): Promise<number> =>
      (await store.sites.create({ kind: 'enterprise', code, name: code, districtCode: district })).id;
    gen = await site('W-GEN', '330502');
    car = await site('W-CAR', '330503');
    rec = await site('W-REC', '330503');
  });

  it('sets and lists waste roles with their site, replacing a role', async () => {
    const store = getStore();
    const base = {
      permitNo: null,
      vehicles: [],
      licenceCodes: [],
      licenceMethods: [],
      annualCapacityKg: null,
      demo: false,
      updatedAt: T0,
      updatedBy: 'a',
    };
    await store.waste.putParty({ ...base, siteId: gen, role: 'generator' });
    await store.waste.putParty({ ...base, siteId: car, role: 'carrier', permitNo: 'P1', vehicles: ['浙E1'] });
    await store.waste.putParty({ ...base, siteId: car, role: 'carrier', permitNo: 'P2', vehicles: ['浙E2'] });
    await store.waste.putParty({
      ...base,
      siteId: rec,
      role: 'receiver',
      licenceCodes: ['900-041-49'],
      licenceMethods: ['D10'],
      annualCapacityKg: 5_000_000,
    });
    const carriers = await store.waste.parties({ role: 'carrier' });
    expect(carriers).toHaveLength(1);
    expect(carriers[0]).toMatchObject({
      siteCode: 'W-CAR',
      permitNo: 'P2',
      vehicles: ['浙E2'],
      districtCode: '330503',
    });
    expect((await store.waste.parties({ districtCode: '330503' })).map((p) => p.role)).toEqual([
      'carrier',
      'receiver',
    ]);
    expect(await store.waste.parties({ siteIds: [] })).toEqual([]);
    expect((await store.waste.parties({ role: 'receiver' }))[0]?.annualCapacityKg).toBe(5_000_000);
  });

  it('keeps catalogue entries per edition, replacing by code', async () => {
    const store = getStore();
    const e = {
      edition: '2025',
      code: '900-041-49',
      category: 'HW49',
      name: 'a',
      hazards: ['T', 'In'],
      tag: 'secondary',
    };
    await store.waste.putCatalogue([e], 'admin', T0);
    await store.waste.putCatalogue([{ ...e, name: 'b' }], 'admin', T1);
    expect(await store.waste.catalogue('2025')).toEqual([{ ...e, name: 'b' }]);
    expect(await store.waste.catalogue('2021')).toEqual([]);
  });

  it('appends ledger records and refuses to change or delete one', async () => {
    const store = getStore();
    const f = await store.waste.addFacility({
      siteId: gen,
      code: 'S1',
      name: '仓库',
      capacityKg: 10_000,
      location: '东',
    });
    expect(await store.waste.facilities(gen)).toEqual([f]);
    const [r] = await store.waste.appendLedger([
      {
        siteId: gen,
        kind: 'generated',
        at: T0,
        code: '900-041-49',
        quantityKg: 1234,
        facilityId: f.id,
        batch: 'B1',
        container: 'C1',
        handler: 'h',
        manifestId: null,
        note: '',
        recordedAt: T0,
        recordedBy: 'u',
        demo: false,
      },
    ]);
    expect(r).toMatchObject({ kind: 'generated', quantityKg: 1234, at: T0 });
    expect((await store.waste.ledger(gen)).map((x) => x.id)).toEqual([r?.id]);
    expect(await store.waste.ledger(gen, { from: T1 })).toEqual([]);
    await expect(store.db.updateTable('waste_ledger').set({ quantity_kg: 1 }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom('waste_ledger').execute()).rejects.toThrow(/append-only/);
    expect(await store.waste.ledgerSites()).toEqual([gen]);
    expect(await store.waste.ledgerTotals({ from: T0, to: T1 })).toEqual([
      { siteId: gen, code: '900-041-49', kind: 'generated', kg: 1234 },
    ]);
  });

  it('creates manifests, appends events from the expected number only, scopes lists', async () => {
    const store = getStore();
    const id = await store.db.transaction().execute((trx) =>
      store.waste.createManifest(
        {
          number: '20263305000001',
          consignorSiteId: gen,
          carrierSiteId: car,
          receiverSiteId: rec,
          createdAt: T0,
          createdBy: 'u',
          demo: false,
        },
        [
          {
            line: 1,
            code: '900-041-49',
            name: 'n',
            form: '固态',
            hazard: 'T',
            packaging: '袋',
            quantityKg: 500,
            facilityId: null,
          },
        ],
        event(1, 'draft', null),
        cache('draft', 1),
        trx,
      ),
    );
    expect(await store.waste.lastManifestNumber('20263305')).toBe('20263305000001');
    expect(await store.waste.lastManifestNumber('20273305')).toBeNull();
    await store.db
      .transaction()
      .execute((trx) =>
        store.waste.appendManifestEvent(id, 1, event(2, 'submitted', 'draft'), cache('submitted', 2), trx),
      );
    await expect(
      store.db
        .transaction()
        .execute((trx) =>
          store.waste.appendManifestEvent(id, 1, event(2, 'void', 'draft'), cache('void', 2), trx),
        ),
    ).rejects.toBeInstanceOf(ManifestWriteConflictError);
    await store.db
      .transaction()
      .execute((trx) =>
        store.waste.appendManifestEvent(
          id,
          2,
          event(3, 'in_transit', 'submitted'),
          cache('in_transit', 3, { receiptDueAt: T0 }),
          trx,
        ),
      );
    await store.db
      .transaction()
      .execute((trx) =>
        store.waste.setReceived(id, [{ line: 1, receivedKg: 480, receivedCode: '900-041-49' }], trx),
      );
    const m = await store.waste.manifest(id);
    expect(m).toMatchObject({ state: 'in_transit', lastSeq: 3, receiptDueAt: T0 });
    expect(m?.items[0]).toMatchObject({ quantityKg: 500, receivedKg: 480 });
    expect((await store.waste.manifestEvents(id)).map((e) => [e.seq, e.toState, e.data])).toEqual([
      [1, 'draft', { n: 1 }],
      [2, 'submitted', { n: 2 }],
      [3, 'in_transit', { n: 3 }],
    ]);
    await expect(store.db.deleteFrom('waste_manifest_events').execute()).rejects.toThrow(/append-only/);
    expect((await store.waste.receiptsOverdue(T1)).map((x) => x.id)).toEqual([id]);
    expect((await store.waste.manifests({ partySiteIds: [car], limit: 10, offset: 0 })).total).toBe(1);
    expect((await store.waste.manifests({ partySiteIds: [], limit: 10, offset: 0 })).total).toBe(0);
    expect(
      (await store.waste.manifests({ districtCode: '330502', limit: 10, offset: 0 })).items[0]?.items,
    ).toHaveLength(1);
    expect((await store.waste.manifests({ state: 'void', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('keeps plan filings and statistics, the latest counting; declarations once per period', async () => {
    const store = getStore();
    await store.waste.filePlan({
      siteId: gen,
      year: 2026,
      code: '900-041-49',
      plannedKg: 1000,
      filedAt: T0,
      filedBy: 'u',
    });
    await store.waste.filePlan({
      siteId: gen,
      year: 2026,
      code: '900-041-49',
      plannedKg: 2000,
      filedAt: T1,
      filedBy: 'u',
    });
    expect(await store.waste.plan(gen, 2026)).toEqual([{ code: '900-041-49', plannedKg: 2000, filedAt: T1 }]);
    expect(
      await store.waste.fileDeclaration({
        siteId: gen,
        kind: 'monthly',
        period: '2026-02',
        filedAt: T0,
        filedBy: 'u',
      }),
    ).toBe(true);
    expect(
      await store.waste.fileDeclaration({
        siteId: gen,
        kind: 'monthly',
        period: '2026-02',
        filedAt: T1,
        filedBy: 'u',
      }),
    ).toBe(false);
    expect(await store.waste.declarations(gen)).toEqual([
      { kind: 'monthly', period: '2026-02', filedAt: T0 },
    ]);
    const s = {
      month: '2026-02',
      scope: 'city',
      key: 'industrial_utilisation_pct',
      value: 90.5,
      target: 95,
      enteredAt: T0,
      enteredBy: 'a',
    };
    await store.waste.enterStats([s, { ...s, value: 91.25, enteredAt: T1 }]);
    expect(await store.waste.stats('city', '2026-01', '2026-12')).toEqual([
      { ...s, value: 91.25, enteredAt: T1 },
    ]);
  });
}
