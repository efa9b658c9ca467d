/**
 * HJ 212 parameter codes ↔ GB 3838-2002 Table 1 items: the one table the water assessment reads
 * readings by, and the unit each code is stored in.
 *
 * Sources: HJ 212-2017 Table B.1 as summarised in docs/standards/hj212.md §8 (codes and units of
 * w01001 … w23002, w20111 … w20128); w19002 (anionic surfactant) and w02003 (fecal coliform, 个/L)
 * are the codes surface-water platforms use beyond App. B [secondary: third-party HJ 212 code lists].
 * Readings keep the unit of their code; `toGbFactor` converts a stored value into the GB 3838 unit
 * (mg/L, pH dimensionless, °C, 个/L).
 *
 * Pure: no I/O.
 */
import type { ItemKey } from '../standards/gb3838-2002.js';

/** One row of the code table. */
export interface WaterItemCode {
  item: ItemKey;
  /** HJ 212-2017 parameter code (the canonical reading name). */
  code: string;
  /** Unit of the stored reading (the code's unit in HJ 212-2017 Table B.1). */
  unit: string;
  /** Multiply a stored value by this to get the GB 3838-2002 unit. */
  toGbFactor: number;
}

const MG_L = { unit: 'mg/L', toGbFactor: 1 } as const;
const UG_L = { unit: 'µg/L', toGbFactor: 0.001 } as const;

/**
 * HJ 212 code of each GB 3838-2002 Table 1 item (Table 1 order). Metals Hg, Cd, Cr(VI), As, Pb are
 * µg/L in HJ 212-2017 Table B.1; Cu, Zn and Se are listed there as "mg/L or µg/L" — taken as mg/L
 * for Cu and Zn and µg/L for Se here [unverified: check the edition's Table B.1 before relying on
 * metal data from devices]. Lab results entered by item key are converted into these units.
 */
export const WATER_ITEM_CODES: readonly WaterItemCode[] = [
  { item: 'wt', code: 'w01010', unit: '°C', toGbFactor: 1 },
  { item: 'ph', code: 'w01001', unit: 'dimensionless', toGbFactor: 1 },
  { item: 'do', code: 'w01009', ...MG_L },
  { item: 'codmn', code: 'w01019', ...MG_L },
  { item: 'cod', code: 'w01018', ...MG_L },
  { item: 'bod5', code: 'w01017', ...MG_L },
  { item: 'nh3n', code: 'w21003', ...MG_L },
  { item: 'tp', code: 'w21011', ...MG_L },
  { item: 'tn', code: 'w21001', ...MG_L },
  { item: 'cu', code: 'w20122', ...MG_L },
  { item: 'zn', code: 'w20123', ...MG_L },
  { item: 'f', code: 'w21017', ...MG_L },
  { item: 'se', code: 'w20128', ...UG_L },
  { item: 'as', code: 'w20119', ...UG_L },
  { item: 'hg', code: 'w20111', ...UG_L },
  { item: 'cd', code: 'w20115', ...UG_L },
  { item: 'cr6', code: 'w20117', ...UG_L },
  { item: 'pb', code: 'w20120', ...UG_L },
  { item: 'cn', code: 'w21016', ...MG_L },
  { item: 'phenol', code: 'w23002', ...MG_L },
  { item: 'oil', code: 'w22001', ...MG_L },
  { item: 'las', code: 'w19002', ...MG_L },
  { item: 's2', code: 'w21019', ...MG_L },
  { item: 'fcoli', code: 'w02003', unit: '个/L', toGbFactor: 1 },
];

const BY_CODE: ReadonlyMap<string, WaterItemCode> = new Map(WATER_ITEM_CODES.map((c) => [c.code, c]));
const BY_ITEM: ReadonlyMap<ItemKey, WaterItemCode> = new Map(WATER_ITEM_CODES.map((c) => [c.item, c]));

/** Every HJ 212 code of the table. */
export const WATER_CODES: readonly string[] = WATER_ITEM_CODES.map((c) => c.code);

/** The table row of an HJ 212 code, or undefined when the code is no GB 3838 item. */
export function waterItemOfCode(code: string): WaterItemCode | undefined {
  return BY_CODE.get(code);
}

/** The table row of a GB 3838 item (every item has one). */
export function waterCodeOfItem(item: ItemKey): WaterItemCode {
  const row = BY_ITEM.get(item);
  if (row === undefined) throw new Error(`no HJ 212 code for water item ${item}`);
  return row;
}

/** A stored value in its code's unit → the GB 3838 unit, rounded off binary noise (12 significant digits). */
export function toGbUnit(row: WaterItemCode, stored: number): number {
  return row.toGbFactor === 1 ? stored : Number((stored * row.toGbFactor).toPrecision(12));
}

/** A value in the GB 3838 unit → the unit its code is stored in. */
export function fromGbUnit(row: WaterItemCode, gbValue: number): number {
  return row.toGbFactor === 1 ? gbValue : Number((gbValue / row.toGbFactor).toPrecision(12));
}
