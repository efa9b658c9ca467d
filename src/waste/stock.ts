/**
 * Stock, storage age and mass balance over a site's ledger (docs/waste.md §4, §6). Pure: ledger
 * records in, figures out, integer kilograms throughout.
 *
 * Mass balance per code and period: opening + generated + received + returned + corrections in −
 * shipped − self-utilised − utilised − disposed − corrections out = expected closing; a stocktake in
 * the period is the counted closing, and counted − expected is the gap.
 */
import type { LedgerKind, LedgerRecord } from '../store/waste.repository.js';
import { ledgerSign } from '../store/waste.repository.js';

/** Stock of one code (and facility, where given). */
export interface StockLine {
  code: string;
  facilityId: number | null;
  kg: number;
}

/** Stock now, by code and facility (movements only; stocktakes are counts, not movements). */
export function stockOf(
  records: readonly Pick<LedgerRecord, 'kind' | 'code' | 'facilityId' | 'quantityKg'>[],
): StockLine[] {
  const by = new Map<string, StockLine>();
  for (const r of records) {
    const sign = ledgerSign(r.kind);
    if (sign === 0) continue;
    const key = `${r.code}|${r.facilityId ?? ''}`;
    const line = by.get(key) ?? { code: r.code, facilityId: r.facilityId, kg: 0 };
    line.kg += sign * r.quantityKg;
    by.set(key, line);
  }
  return [...by.values()]
    .filter((l) => l.kg !== 0)
    .sort((a, b) => a.code.localeCompare(b.code) || (a.facilityId ?? 0) - (b.facilityId ?? 0));
}

/** The waste of one code still in store, and since when the oldest of it has been there. */
export interface StorageAge {
  code: string;
  stockKg: number;
  /** When the oldest kilogram still held came in (null when nothing is held). */
  oldestSince: Date | null;
}

/**
 * Storage age by code, first in first out: every outflow takes the oldest inflow first (a named
 * choice — the ledger does not tie a shipment to a generation batch; docs/waste.md §4).
 */
export function storageAges(
  records: readonly Pick<LedgerRecord, 'kind' | 'code' | 'quantityKg' | 'at'>[],
): StorageAge[] {
  const queues = new Map<string, { at: Date; kg: number }[]>();
  const sorted = [...records].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const r of sorted) {
    const sign = ledgerSign(r.kind);
    if (sign === 0) continue;
    const q = queues.get(r.code) ?? [];
    queues.set(r.code, q);
    if (sign > 0) {
      q.push({ at: r.at, kg: r.quantityKg });
      continue;
    }
    let left = r.quantityKg;
    while (left > 0 && q.length > 0) {
      const head = q[0]!;
      const take = Math.min(head.kg, left);
      head.kg -= take;
      left -= take;
      if (head.kg === 0) q.shift();
    }
  }
  return [...queues.entries()]
    .map(([code, q]) => ({
      code,
      stockKg: q.reduce((s, x) => s + x.kg, 0),
      oldestSince: q[0]?.at ?? null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** One code's balance over a period. */
export interface BalanceLine {
  code: string;
  openingKg: number;
  generatedKg: number;
  receivedKg: number;
  returnedKg: number;
  shippedKg: number;
  selfUtilisedKg: number;
  utilisedKg: number;
  disposedKg: number;
  /** Corrections in minus corrections out. */
  correctionsKg: number;
  expectedClosingKg: number;
  /** The last stocktake in the period, if any. */
  countedKg: number | null;
  /** Counted − expected at the stocktake's time; null without a stocktake. */
  gapKg: number | null;
}

const FIELD: Partial<Record<LedgerKind, keyof BalanceLine>> = {
  generated: 'generatedKg',
  received: 'receivedKg',
  returned: 'returnedKg',
  shipped: 'shippedKg',
  self_utilised: 'selfUtilisedKg',
  utilised: 'utilisedKg',
  disposed: 'disposedKg',
};

/**
 * The mass balance of a site over [from, to), by code. The gap compares the last stocktake in the
 * period with the stock the ledger gives at the stocktake's instant (movements after it do not count).
 */
export function massBalance(records: readonly LedgerRecord[], from: Date, to: Date): BalanceLine[] {
  const lines = new Map<string, BalanceLine>();
  const line = (code: string): BalanceLine => {
    let l = lines.get(code);
    if (l === undefined) {
      l = {
        code,
        openingKg: 0,
        generatedKg: 0,
        receivedKg: 0,
        returnedKg: 0,
        shippedKg: 0,
        selfUtilisedKg: 0,
        utilisedKg: 0,
        disposedKg: 0,
        correctionsKg: 0,
        expectedClosingKg: 0,
        countedKg: null,
        gapKg: null,
      };
      lines.set(code, l);
    }
    return l;
  };
  const running = new Map<string, number>();
  const sorted = [...records].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  for (const r of sorted) {
    if (r.at.getTime() >= to.getTime()) break;
    const l = line(r.code);
    const sign = ledgerSign(r.kind);
    if (r.at.getTime() < from.getTime()) {
      l.openingKg += sign * r.quantityKg;
      running.set(r.code, (running.get(r.code) ?? 0) + sign * r.quantityKg);
      continue;
    }
    if (r.kind === 'stocktake') {
      l.countedKg = r.quantityKg;
      l.gapKg = r.quantityKg - (running.get(r.code) ?? 0);
      continue;
    }
    running.set(r.code, (running.get(r.code) ?? 0) + sign * r.quantityKg);
    const field = FIELD[r.kind];
    if (field !== undefined) (l[field] as number) += r.quantityKg;
    else l.correctionsKg += sign * r.quantityKg;
  }
  for (const l of lines.values()) {
    l.expectedClosingKg =
      l.openingKg +
      l.generatedKg +
      l.receivedKg +
      l.returnedKg +
      l.correctionsKg -
      l.shippedKg -
      l.selfUtilisedKg -
      l.utilisedKg -
      l.disposedKg;
  }
  return [...lines.values()].sort((a, b) => a.code.localeCompare(b.code));
}
