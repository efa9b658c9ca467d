/**
 * Demo hazardous waste for the demo city (docs/waste.md): six generators among the demo enterprises,
 * two licensed carriers and two receivers (an incinerator and a recycler) added as demo enterprise
 * sites, a year of ledgers and manifests through the platform's waste service — each step dated in
 * the past and audited like any other — with a few discrepancies, a rejected load, a receipt left
 * overdue, a stocktake gap and one waste stored for over a year; plus a year of zero-waste statistics.
 * Deterministic (a fixed seed), marked demo; every name and figure is invented.
 */
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { chinaDate, chinaMonth, DAY_MS } from '../standards/china-time.js';
import type { WasteCaller, WasteService } from '../waste/waste.service.js';

/** The demo's carriers and receivers, added as enterprise sites. */
export const DEMO_WASTE_SITES = [
  {
    code: 'HZ-W-C01',
    name: '湖州安运危险品运输有限公司（演示）',
    districtCode: '330502',
    longitude: 120.12,
    latitude: 30.88,
    role: 'carrier',
  },
  {
    code: 'HZ-W-C02',
    name: '长兴顺达危货运输有限公司（演示）',
    districtCode: '330522',
    longitude: 119.93,
    latitude: 30.99,
    role: 'carrier',
  },
  {
    code: 'HZ-W-R01',
    name: '南浔绿洲危废焚烧处置有限公司（演示）',
    districtCode: '330503',
    longitude: 120.39,
    latitude: 30.86,
    role: 'receiver',
  },
  {
    code: 'HZ-W-R02',
    name: '长兴再生资源综合利用有限公司（演示）',
    districtCode: '330522',
    longitude: 119.85,
    latitude: 31.0,
    role: 'receiver',
  },
] as const;

const INCINERATED = ['900-041-49', '900-039-49', '264-012-12', '900-252-12', '900-047-49', '900-006-09'];
const RECYCLED = ['900-214-08', '900-249-08', '384-004-31', '900-052-31', '336-064-17'];

/** Generators: site, codes with monthly tonnes, and the facility capacity (t). */
const GENERATORS: { code: string; wastes: [string, number][]; capacityT: number }[] = [
  {
    code: 'HZ-E-001',
    wastes: [
      ['900-041-49', 1.2],
      ['900-039-49', 0.8],
    ],
    capacityT: 20,
  },
  {
    code: 'HZ-E-006',
    wastes: [
      ['900-252-12', 2.5],
      ['900-041-49', 0.6],
    ],
    capacityT: 25,
  },
  {
    code: 'HZ-E-010',
    wastes: [
      ['264-012-12', 6],
      ['900-041-49', 1.5],
    ],
    capacityT: 40,
  },
  { code: 'HZ-E-018', wastes: [['336-064-17', 3.2]], capacityT: 30 },
  {
    code: 'HZ-E-021',
    wastes: [
      ['900-047-49', 0.4],
      ['900-041-49', 0.3],
    ],
    capacityT: 10,
  },
  {
    code: 'HZ-E-029',
    wastes: [
      ['384-004-31', 9],
      ['900-249-08', 0.5],
    ],
    capacityT: 60,
  },
];

/** A small deterministic generator (LCG), so the demo is the same on every start. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ent = (siteId: number, code: string): WasteCaller => ({
  username: code === 'HZ-E-001' ? 'enterprise' : `demo-${code}`,
  role: 'enterprise',
  districtCode: null,
  enterpriseSiteId: siteId,
});
const BUREAU: WasteCaller = {
  username: 'supervisor',
  role: 'supervisor',
  districtCode: null,
  enterpriseSiteId: null,
};

/**
 * Loads the demo's waste (call once, after the demo city), ending with one timed pass at the
 * services' clock so that the alarms are there. Returns how many manifests it made.
 */
export async function loadDemoWaste(services: Pick<Services, 'store' | 'clock' | 'waste'>): Promise<number> {
  const { store } = services;
  const now = services.clock.now();
  const clock = new ManualClock(now);
  const waste: WasteService = services.waste.withClock(clock);
  const rand = seeded(20260101);
  const at = (daysAgo: number, hour = 10) => {
    const day = chinaDate(new Date(now.getTime() - daysAgo * DAY_MS));
    clock.set(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  };
  const round3 = (t: number) => Math.round(t * 1000) / 1000;

  at(400);
  const ids = new Map<string, number>();
  for (const s of DEMO_WASTE_SITES) {
    const site = await store.sites.create({
      kind: 'enterprise',
      code: s.code,
      name: s.name,
      districtCode: s.districtCode,
      longitude: s.longitude,
      latitude: s.latitude,
      attributes: { industry: s.role === 'carrier' ? '危险货物道路运输' : '危险废物治理' },
      demo: true,
    });
    ids.set(s.code, site.id);
  }
  await waste.setParty(BUREAU, {
    site: 'HZ-W-C01',
    role: 'carrier',
    permitNo: '浙交运管许可湖字330500001（演示）',
    vehicles: ['浙E·D1001', '浙E·D1002'],
    demo: true,
  });
  await waste.setParty(BUREAU, {
    site: 'HZ-W-C02',
    role: 'carrier',
    permitNo: '浙交运管许可湖字330522002（演示）',
    vehicles: ['浙E·D2001'],
    demo: true,
  });
  await waste.setParty(BUREAU, {
    site: 'HZ-W-R01',
    role: 'receiver',
    licenceCodes: INCINERATED,
    licenceMethods: ['D10'],
    annualCapacityT: 30_000,
    demo: true,
  });
  await waste.setParty(BUREAU, {
    site: 'HZ-W-R02',
    role: 'receiver',
    licenceCodes: RECYCLED,
    licenceMethods: ['R4', 'R9'],
    annualCapacityT: 50_000,
    demo: true,
  });
  const carrierOf = (i: number) =>
    i % 2 === 0 ? { code: 'HZ-W-C01', vehicle: '浙E·D1001' } : { code: 'HZ-W-C02', vehicle: '浙E·D2001' };
  const receiverOf = (code: string) => (RECYCLED.includes(code) ? 'HZ-W-R02' : 'HZ-W-R01');

  const gens: { id: number; code: string; wastes: [string, number][] }[] = [];
  for (const g of GENERATORS) {
    const site = await store.sites.getByCode(g.code);
    if (site === null) throw new Error(`demo waste: the demo city has no enterprise ${g.code}`);
    await waste.setParty(BUREAU, { site: g.code, role: 'generator', demo: true });
    const caller = ent(site.id, g.code);
    await waste.addFacility(caller, g.code, {
      code: 'WS-1',
      name: '危废贮存库',
      capacityT: g.capacityT,
      location: '厂区东北角',
    });
    gens.push({ id: site.id, code: g.code, wastes: g.wastes });
  }
  const recCaller = (code: string) => ent(ids.get(code) ?? -1, code);

  // One over-year storage: plating sludge of HZ-E-018 from 13 months ago, never shipped.
  const e18 = gens.find((g) => g.code === 'HZ-E-018');
  if (e18 !== undefined) {
    at(395);
    await waste.recordLedger(
      ent(e18.id, e18.code),
      e18.code,
      {
        kind: 'generated',
        code: '336-063-17',
        quantityT: 0.8,
        facility: 'WS-1',
        batch: 'B-OLD-1',
        container: '吨桶',
        note: '待鉴别',
      },
      true,
    );
  }

  let made = 0;
  let serial = 0;
  let codeSwapped = false;
  for (let month = 12; month >= 1; month -= 1) {
    const base = month * 30;
    // Generation, a few containers a month.
    for (const g of gens) {
      for (const [code, tPerMonth] of g.wastes) {
        for (const part of [0, 1]) {
          at(base - 2 - part * 12, 9 + part);
          const q = round3((tPerMonth / 2) * (0.8 + rand() * 0.4));
          await waste.recordLedger(
            ent(g.id, g.code),
            g.code,
            {
              kind: 'generated',
              code,
              quantityT: q,
              facility: 'WS-1',
              batch: `B${base}-${part}`,
              container: code.endsWith('-08') ? '油桶' : '吨袋',
              handler: '仓管员',
            },
            true,
          );
        }
      }
    }
    // Every other month each generator ships what it holds of each code.
    for (const [gi, g] of gens.entries()) {
      if ((month + gi) % 2 !== 0 || month === 12) continue;
      const caller = ent(g.id, g.code);
      for (const [code] of g.wastes) {
        const held = (await store.waste.ledger(g.id)).reduce(
          (s, r) =>
            r.code !== code
              ? s
              : r.kind === 'generated' || r.kind === 'returned'
                ? s + r.quantityKg
                : r.kind === 'shipped'
                  ? s - r.quantityKg
                  : s,
          0,
        );
        if (held <= 0) continue;
        const quantityT = held / 1000;
        const carrier = carrierOf(serial);
        const receiver = receiverOf(code);
        serial += 1;
        at(base - 16, 9);
        const m = await waste.createManifest(caller, {
          carrier: carrier.code,
          receiver,
          items: [
            {
              code,
              quantityT,
              facility: 'WS-1',
              form: code.endsWith('-08') ? '液态' : '固态',
              packaging: code.endsWith('-08') ? '油桶' : '吨袋',
            },
          ],
          demo: true,
        });
        made += 1;
        await waste.transition(caller, m.id, { to: 'submitted' });
        at(base - 17, 8);
        await waste.transition(recCaller(carrier.code), m.id, { to: 'in_transit', vehicle: carrier.vehicle });
        at(base - 17, 16);
        if (serial === 7) {
          await waste.transition(recCaller(receiver), m.id, {
            to: 'rejected',
            reason: '包装破损渗漏，退回产废单位重新包装（演示）',
          });
          continue;
        }
        // A few discrepancies: short receipts and one different code.
        const short = serial === 4 || serial === 15 ? 0.9 : 1;
        const otherCode = !codeSwapped && serial >= 10 && code === '900-041-49' ? '900-039-49' : undefined;
        if (otherCode !== undefined) codeSwapped = true;
        await waste.transition(recCaller(receiver), m.id, {
          to: 'received',
          received: [
            {
              line: 1,
              quantityT: round3(quantityT * short),
              ...(otherCode !== undefined ? { code: otherCode } : {}),
            },
          ],
        });
        if (month <= 1) continue;
        at(base - 24, 15);
        await waste.transition(recCaller(receiver), m.id, {
          to: 'disposed',
          method: receiver === 'HZ-W-R02' ? (code.endsWith('-08') ? 'R9' : 'R4') : 'D10',
          disposedOn: chinaDate(clock.now()),
        });
      }
    }
  }

  // A load picked up 12 days ago and never confirmed: its receipt is overdue.
  const e1 = gens[0];
  if (e1 !== undefined) {
    at(12, 9);
    await waste.recordLedger(
      ent(e1.id, e1.code),
      e1.code,
      { kind: 'generated', code: '900-039-49', quantityT: 1.6, facility: 'WS-1', batch: 'B-12' },
      true,
    );
    const m = await waste.createManifest(ent(e1.id, e1.code), {
      carrier: 'HZ-W-C01',
      receiver: 'HZ-W-R01',
      items: [{ code: '900-039-49', quantityT: 1.6, facility: 'WS-1', form: '固态', packaging: '吨袋' }],
      demo: true,
    });
    made += 1;
    await waste.transition(ent(e1.id, e1.code), m.id, { to: 'submitted' });
    at(11, 10);
    await waste.transition(recCaller('HZ-W-C01'), m.id, { to: 'in_transit', vehicle: '浙E·D1002' });
    // A draft waiting to be submitted.
    at(1, 11);
    await waste.createManifest(ent(e1.id, e1.code), {
      carrier: 'HZ-W-C02',
      receiver: 'HZ-W-R01',
      items: [{ code: '900-041-49', quantityT: 0.5, facility: 'WS-1' }],
      demo: true,
    });
    made += 1;
  }

  // A stocktake that finds less than the ledger says (HZ-E-010).
  const e10 = gens.find((g) => g.code === 'HZ-E-010');
  if (e10 !== undefined) {
    at(3, 17);
    const held = (await store.waste.ledger(e10.id))
      .filter((r) => r.code === '264-012-12')
      .reduce(
        (s, r) =>
          s +
          (r.kind === 'generated' || r.kind === 'returned'
            ? r.quantityKg
            : r.kind === 'shipped'
              ? -r.quantityKg
              : 0),
        0,
      );
    await waste.recordLedger(
      ent(e10.id, e10.code),
      e10.code,
      {
        kind: 'stocktake',
        code: '264-012-12',
        quantityT: round3(Math.max(held - 400, 1) / 1000),
        facility: 'WS-1',
        note: '月末盘点',
      },
      true,
    );
  }

  // Plans for this year and declarations filed, all but one generator's last monthly one.
  const year = Number(chinaDate(now).slice(0, 4));
  for (const [gi, g] of gens.entries()) {
    at(Math.max(1, Number(chinaDate(now).slice(5, 7)) * 30 - 60));
    await waste.filePlan(
      ent(g.id, g.code),
      g.code,
      year,
      g.wastes.map(([code, t]) => ({ code, quantityT: round3(t * 12) })),
    );
    at(1, 9);
    await waste.fileDeclaration(ent(g.id, g.code), g.code, 'annual', String(year - 1)).catch(() => undefined);
    if (gi === 2) continue;
    for (let k = 1; k <= 3; k += 1) {
      const month = chinaMonth(new Date(now.getTime() - k * 30 * DAY_MS));
      for (const kind of ['monthly', 'quarterly'] as const) {
        const period =
          kind === 'monthly' ? month : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
        await waste.fileDeclaration(ent(g.id, g.code), g.code, kind, period).catch(() => undefined);
      }
    }
  }

  // A year of city zero-waste statistics with targets.
  at(1, 12);
  const rows = [];
  for (let k = 12; k >= 1; k -= 1) {
    const month = chinaMonth(new Date(now.getTime() - k * 30 * DAY_MS));
    const r = () => 0.95 + rand() * 0.1;
    rows.push(
      { month, scope: 'city', key: 'industrial_generated_t', value: Math.round(98_000 * r()), target: null },
      { month, scope: 'city', key: 'industrial_utilised_t', value: Math.round(93_000 * r()), target: null },
      { month, scope: 'city', key: 'straw_utilisation_pct', value: round1(95 + rand() * 3), target: 96 },
      { month, scope: 'city', key: 'manure_utilisation_pct', value: round1(92 + rand() * 4), target: 93 },
      {
        month,
        scope: 'city',
        key: 'construction_utilisation_pct',
        value: round1(88 + rand() * 6),
        target: 90,
      },
      { month, scope: 'city', key: 'household_collected_t', value: Math.round(52_000 * r()), target: null },
      {
        month,
        scope: 'city',
        key: 'household_classification_coverage_pct',
        value: round1(97 + rand() * 3),
        target: 100,
      },
      {
        month,
        scope: 'city',
        key: 'household_resource_utilisation_pct',
        value: round1(62 + rand() * 6),
        target: 65,
      },
    );
  }
  await waste.enterStats(BUREAU, rows);

  clock.set(now);
  await waste.evaluate();
  return made;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
