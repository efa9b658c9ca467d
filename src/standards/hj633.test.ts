import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HJ633_2012, iaqi2012 } from './hj633-2012.js';
import { HJ633_2026, iaqi2026 } from './hj633-2026.js';
import { aqiLevelInfo, columnDecimals, type Hj633Column, type Hj633Standard } from './hj633-common.js';

interface BoundaryVector {
  standard: 'HJ633-2012' | 'HJ633-2026';
  table: Hj633Column;
  conc: string;
  iaqi: number | null;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/fixtures/aqi/boundary-vectors.json', import.meta.url), 'utf8'),
) as BoundaryVector[];

const iaqiOf = (std: Hj633Standard, column: Hj633Column, c: number | string): number | null =>
  std.version === '2012' ? iaqi2012(column, c) : iaqi2026(column, c);

const COLUMNS = Object.keys(HJ633_2012.columns) as Hj633Column[];
const STANDARDS = [HJ633_2012, HJ633_2026];

/** Every breakpoint of every column of both tables, with its neighbours one reporting step away. */
const edges = STANDARDS.flatMap((std) =>
  COLUMNS.flatMap((column) => {
    const rows = std.columns[column];
    return rows.map((bp, i) => ({
      name: std.name,
      std,
      column,
      c: bp[0],
      index: bp[1],
      prev: rows[i - 1]?.[1],
      next: rows[i + 1]?.[1],
      step: columnDecimals(column) === 1 ? 0.1 : 1,
    }));
  }),
);

describe('HJ 633 breakpoint tables', () => {
  it('2012 Table 1 and 2026 Table 3 differ only in the PM10 and PM2.5 columns (docs/standards/hj633-aqi.md §2)', () => {
    for (const column of COLUMNS) {
      const same = JSON.stringify(HJ633_2012.columns[column]) === JSON.stringify(HJ633_2026.columns[column]);
      expect(same, column).toBe(column !== 'pm10_24h' && column !== 'pm25_24h');
    }
    expect(HJ633_2026.columns.pm10_24h[2]).toEqual([120, 100]);
    expect(HJ633_2026.columns.pm25_24h[2]).toEqual([60, 100]);
  });

  it.each(edges)(
    '$name $column at $c gives exactly $index, and one step either side stays in its segments',
    (e) => {
      expect(iaqiOf(e.std, e.column, e.c)).toBe(e.index);
      const above = iaqiOf(e.std, e.column, Number((e.c + e.step).toFixed(1)));
      if (e.next === undefined) {
        expect(above).toBeNull();
      } else {
        expect(above).toBeGreaterThan(e.index);
        expect(above).toBeLessThanOrEqual(e.next);
      }
      if (e.prev !== undefined) {
        const below = iaqiOf(e.std, e.column, Number((e.c - e.step).toFixed(1)));
        expect(below).toBeLessThanOrEqual(e.index);
        expect(below).toBeGreaterThan(e.prev);
      }
    },
  );
});

describe('HJ 633 IAQI boundary vectors (test/fixtures/aqi, 430 cases)', () => {
  it('has all 430 vectors', () => {
    expect(vectors).toHaveLength(430);
  });

  it.each(vectors)('$standard $table $conc → $iaqi', (v) => {
    const std = v.standard === 'HJ633-2012' ? HJ633_2012 : HJ633_2026;
    expect(iaqiOf(std, v.table, v.conc)).toBe(v.iaqi);
  });
});

describe('HJ 633 IAQI invariants', () => {
  it.each(STANDARDS.flatMap((std) => COLUMNS.map((column) => ({ name: std.name, std, column }))))(
    '$name $column never falls as concentration rises and stays within 0–500',
    ({ std, column }) => {
      const decimals = columnDecimals(column);
      const top = std.columns[column].at(-1)?.[0] ?? 0;
      const steps = top * 10 ** decimals;
      let last = -1;
      for (let i = 0; i <= steps; i += 1) {
        const value = iaqiOf(std, column, decimals === 1 ? `${Math.floor(i / 10)}.${i % 10}` : String(i));
        expect(value).not.toBeNull();
        const v = value ?? -1;
        expect(v).toBeGreaterThanOrEqual(last);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(500);
        last = v;
      }
    },
  );

  it('ceils the exact value: CO 2.2 mg/m³ → 55, not 56 as the float formula gives (docs/standards/hj633-aqi.md §3)', () => {
    expect(iaqi2012('co_24h', 2.2)).toBe(55);
    expect(Math.ceil(50 + (50 * (2.2 - 2)) / 2)).toBe(56);
  });

  it('rounds concentrations per GB/T 8170 before the IAQI, never truncating', () => {
    expect(iaqi2026('pm25_24h', 35.5)).toBe(52); // → 36
    expect(iaqi2026('pm25_24h', 34.5)).toBe(49); // → 34 (4 is even): 50 × 34 / 35 = 48.57 → 49
    expect(iaqi2026('co_1h', 2.55)).toBe(26); // → 2.6, 50 × 2.6 / 5 = 26
    expect(iaqi2026('co_24h', 2.55)).toBe(65);
    expect(iaqi2026('co_24h', 2.45)).toBe(60); // → 2.4
  });

  it('rejects negative concentrations with the value in the message', () => {
    expect(() => iaqi2012('so2_1h', -1)).toThrow(/-1 is negative/);
    expect(() => iaqi2026('pm25_24h', Number.NaN)).toThrow(RangeError);
  });
});

describe('HJ 633 levels (2012 Table 2 / 2026 Table 1)', () => {
  it.each([
    [0, 1, '优', '#00E400'],
    [50, 1, '优', '#00E400'],
    [51, 2, '良', '#FFFF00'],
    [100, 2, '良', '#FFFF00'],
    [101, 3, '轻度污染', '#FF7E00'],
    [150, 3, '轻度污染', '#FF7E00'],
    [151, 4, '中度污染', '#FF0000'],
    [200, 4, '中度污染', '#FF0000'],
    [201, 5, '重度污染', '#99004C'],
    [300, 5, '重度污染', '#99004C'],
    [301, 6, '严重污染', '#7E0023'],
    [500, 6, '严重污染', '#7E0023'],
  ])('AQI %i → level %i %s %s', (aqi, level, category, color) => {
    expect(aqiLevelInfo(aqi)).toMatchObject({ level, category, color });
  });

  it('rejects a non-integer AQI', () => {
    expect(() => aqiLevelInfo(50.5)).toThrow(RangeError);
  });
});
