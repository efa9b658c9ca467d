/**
 * Test data for the air indicators, comparability and reports: a city with two districts and three
 * stations, and whole days of constant hourly values (24 valid hours, so each daily value equals the
 * hourly value and the max 8-h O3 equals the O3 value).
 */
import { AIR_PARAMETER_CODES } from '../src/monitor/air-assessment.js';
import { chinaLocalToUtc } from '../src/standards/china-time.js';
import type { Hj663Pollutant } from '../src/standards/hj663.js';
import type { Store } from '../src/store/store.js';
import type { Reading } from '../src/store/types.js';

export type AirValues = Partial<Record<Hj663Pollutant, number>>;

/** Clean background: SO2 10, NO2 30, CO 0.5, O3 80 (IAQI ≤ 40 under both HJ 633 versions). */
export const CLEAN_AIR: AirValues = { so2: 10, no2: 30, co: 0.5, o3: 80, pm10: 40 };

/** Creates districts 330502 吴兴区 and 330503 南浔区 and stations S1, S2 (吴兴) and S3 (南浔). */
export async function airCity(store: Store): Promise<Record<'S1' | 'S2' | 'S3', number>> {
  await store.districts.upsertMany([
    { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
    { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
  ]);
  const station = async (code: string, districtCode: string): Promise<number> =>
    (
      await store.sites.create({
        kind: 'air_station',
        code,
        name: `站点${code}`,
        districtCode,
        attributes: { network: 'national' },
      })
    ).id;
  return {
    S1: await station('S1', '330502'),
    S2: await station('S2', '330502'),
    S3: await station('S3', '330503'),
  };
}

/** 24 hourly readings of a China-local date (`YYYY-MM-DD`) with constant values. */
export function airDay(siteId: number, date: string, values: AirValues): Reading[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const rows: Reading[] = [];
  for (let h = 0; h < 24; h += 1) {
    const at = chinaLocalToUtc({ year: y, month: m, day: d, hour: h, minute: 0, second: 0, millisecond: 0 });
    for (const [p, v] of Object.entries(values)) {
      rows.push({
        siteId,
        parameter: AIR_PARAMETER_CODES[p as Hj663Pollutant],
        interval: 'hour',
        periodStart: at,
        value: v,
        valueText: String(v),
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source: 'test',
        receivedAt: at,
      });
    }
  }
  return rows;
}

/** Inserts whole days at several stations: `days` maps a date to each station's values. */
export async function insertAirDays(
  store: Store,
  days: readonly { siteId: number; date: string; values: AirValues }[],
): Promise<void> {
  await store.readings.insertBatch(days.flatMap((d) => airDay(d.siteId, d.date, d.values)));
}
