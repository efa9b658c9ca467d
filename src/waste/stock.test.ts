import { describe, expect, it } from 'vitest';
import type { LedgerKind, LedgerRecord } from '../store/waste.repository.js';
import { massBalance, stockOf, storageAges } from './stock.js';

let nextId = 1;
function rec(
  kind: LedgerKind,
  date: string,
  code: string,
  kg: number,
  facilityId: number | null = 1,
): LedgerRecord {
  return {
    id: nextId++,
    siteId: 1,
    kind,
    at: new Date(`${date}T08:00:00+08:00`),
    code,
    quantityKg: kg,
    facilityId,
    batch: '',
    container: '',
    handler: '',
    manifestId: null,
    note: '',
    recordedAt: new Date(0),
    recordedBy: 'u',
    demo: false,
  };
}

const OIL = '900-214-08';
const BAG = '900-041-49';

// A hand-made year of one generator: two codes, a shipment, self-utilisation, a correction and a stocktake.
const ledger: LedgerRecord[] = [
  rec('generated', '2025-11-10', OIL, 400),
  rec('generated', '2026-01-05', OIL, 1000),
  rec('generated', '2026-02-01', BAG, 300, 2),
  rec('shipped', '2026-03-01', OIL, 900),
  rec('self_utilised', '2026-03-10', BAG, 50, 2),
  rec('correction_out', '2026-03-11', BAG, 10, 2),
  rec('generated', '2026-04-01', OIL, 200),
  rec('stocktake', '2026-04-02', OIL, 650), // ledger says 400 + 1000 − 900 + 200 = 700: 50 kg missing
  rec('generated', '2026-04-20', OIL, 100),
  rec('generated', '2026-07-01', OIL, 999), // after the period
];

describe('mass balance on a hand-made ledger', () => {
  const [bag, oil] = massBalance(
    ledger,
    new Date('2026-01-01T00:00:00+08:00'),
    new Date('2026-07-01T00:00:00+08:00'),
  );
  it('opening + in − out = expected closing, by code', () => {
    // OIL: opening 400 (2025) + generated 1000 + 200 + 100 − shipped 900 = 800.
    expect(oil).toMatchObject({
      code: OIL,
      openingKg: 400,
      generatedKg: 1300,
      shippedKg: 900,
      expectedClosingKg: 800,
    });
    // BAG: 300 − self-utilised 50 − correction 10 = 240.
    expect(bag).toMatchObject({
      code: BAG,
      openingKg: 0,
      selfUtilisedKg: 50,
      correctionsKg: -10,
      expectedClosingKg: 240,
      gapKg: null,
    });
  });
  it('names the gap at the stocktake: counted 650 against 700 in the ledger then', () => {
    expect(oil).toMatchObject({ countedKg: 650, gapKg: -50 });
  });
  it('balances when nothing happened', () => {
    expect(massBalance([], new Date(0), new Date(1))).toEqual([]);
  });
});

describe('stock and storage age', () => {
  it('sums movements by code and facility, ignoring counts', () => {
    expect(stockOf(ledger)).toEqual([
      { code: BAG, facilityId: 2, kg: 240 },
      { code: OIL, facilityId: 1, kg: 1799 },
    ]);
  });
  it('ages stock first in, first out: the 2025 oil left with the March shipment', () => {
    const ages = storageAges(ledger.slice(0, 4));
    // 400 (2025-11-10) + 1000 (2026-01-05) − 900: the oldest 400 and 500 of January went; 500 of January remain.
    expect(ages.find((a) => a.code === OIL)).toEqual({
      code: OIL,
      stockKg: 500,
      oldestSince: new Date('2026-01-05T08:00:00+08:00'),
    });
  });
  it('keeps the oldest date while nothing is shipped', () => {
    const ages = storageAges([
      rec('generated', '2025-01-01', OIL, 10),
      rec('generated', '2026-01-01', OIL, 10),
    ]);
    expect(ages[0]?.oldestSince).toEqual(new Date('2025-01-01T08:00:00+08:00'));
  });
  it('has no age once everything has left', () => {
    const ages = storageAges([
      rec('generated', '2025-01-01', OIL, 10),
      rec('shipped', '2025-02-01', OIL, 10),
    ]);
    expect(ages[0]).toEqual({ code: OIL, stockKg: 0, oldestSince: null });
  });
});
