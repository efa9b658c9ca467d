/**
 * The bureau's waste settings (docs/waste.md §7), kept as a versioned named setting: storage time
 * limits per party type, the receipt-quantity tolerance, the receipt deadline in working days, the
 * mass-balance and plan tolerances, and the holiday years loaded after 2026. Pure parsing.
 */
import type { HolidayYear } from '../standards/china-holidays.js';
import { parseHolidayYear } from '../standards/china-holidays.js';

/** Name of the setting in the bureau settings store. */
export const WASTE_SETTINGS_NAME = 'waste.settings';

export interface WasteSettings {
  /**
   * Longest storage, days: licensed receivers 365 (Solid Waste Law 2020 Art. 81, one year); the law
   * names no limit for generators — default also 365, a setting because local rules differ.
   */
  storageLimitDays: { generator: number; receiver: number };
  /** A storage warning this many days before the limit ("one month": 30, a named choice). */
  storageWarningDays: number;
  /** Received quantity may differ from the shipped one by this share, per cent (default 5). */
  quantityTolerancePct: number;
  /** Receipt must be confirmed within this many working days of pickup (2021 measures: 5) [unverified]. */
  receiptWorkingDays: number;
  /** A stocktake gap up to this share of the expected stock, per cent, is no alarm (default 1). */
  balanceTolerancePct: number;
  /** Generation this far from the plan's pro-rata figure, per cent, raises an alarm (default 50). */
  planDeviationPct: number;
  /** Holiday notices loaded for years after 2026. */
  holidayYears: HolidayYear[];
}

export const DEFAULT_WASTE_SETTINGS: WasteSettings = {
  storageLimitDays: { generator: 365, receiver: 365 },
  storageWarningDays: 30,
  quantityTolerancePct: 5,
  receiptWorkingDays: 5,
  balanceTolerancePct: 1,
  planDeviationPct: 50,
  holidayYears: [],
};

function num(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new RangeError(`${field} = ${JSON.stringify(v)}: must be a number ${min}–${max}`);
  }
  return v;
}

/** Reads settings (a partial object over the defaults); errors name the field. */
export function parseWasteSettings(
  value: unknown,
  base: WasteSettings = DEFAULT_WASTE_SETTINGS,
): WasteSettings {
  if (value === null || typeof value !== 'object') throw new RangeError('waste settings must be an object');
  const v = value as Record<string, unknown>;
  const limits = (v.storageLimitDays ?? {}) as Record<string, unknown>;
  return {
    storageLimitDays: {
      generator:
        limits.generator === undefined
          ? base.storageLimitDays.generator
          : num(limits.generator, 'storageLimitDays.generator', 1, 3650),
      receiver:
        limits.receiver === undefined
          ? base.storageLimitDays.receiver
          : num(limits.receiver, 'storageLimitDays.receiver', 1, 3650),
    },
    storageWarningDays:
      v.storageWarningDays === undefined
        ? base.storageWarningDays
        : num(v.storageWarningDays, 'storageWarningDays', 0, 365),
    quantityTolerancePct:
      v.quantityTolerancePct === undefined
        ? base.quantityTolerancePct
        : num(v.quantityTolerancePct, 'quantityTolerancePct', 0, 100),
    receiptWorkingDays:
      v.receiptWorkingDays === undefined
        ? base.receiptWorkingDays
        : Math.round(num(v.receiptWorkingDays, 'receiptWorkingDays', 1, 60)),
    balanceTolerancePct:
      v.balanceTolerancePct === undefined
        ? base.balanceTolerancePct
        : num(v.balanceTolerancePct, 'balanceTolerancePct', 0, 100),
    planDeviationPct:
      v.planDeviationPct === undefined
        ? base.planDeviationPct
        : num(v.planDeviationPct, 'planDeviationPct', 1, 1000),
    holidayYears:
      v.holidayYears === undefined
        ? base.holidayYears
        : Array.isArray(v.holidayYears)
          ? v.holidayYears.map((y) => parseHolidayYear(y))
          : (() => {
              throw new RangeError('holidayYears: must be a list of holiday years');
            })(),
  };
}
