/**
 * History for the demo city, written straight into an empty store on the first `qingshan demo`,
 * so that the dashboard has a year of air quality, three months of water and two weeks of outlet
 * data to show from the first minute. The values come from the same models the live simulator
 * plays over HJ 212; they are demo data, marked with source `demo-history`.
 */
import type { UploadMeasurement } from '../hj212/index.js';
import type { DemoCity } from '../sim/demo-city.js';
import { PERIOD_MS, SiteModel, periodStart } from '../sim/models.js';
import { demoCitySimDevices } from '../sim/simulator.js';
import type { Store } from '../store/store.js';
import type { Reading } from '../store/types.js';

export interface DemoHistoryOptions {
  /** Days of hourly history per site kind. */
  airDays?: number;
  waterDays?: number;
  outletDays?: number;
  /** Called after each stored batch with the rows stored so far. */
  onProgress?: (rows: number) => void;
  /**
   * Shapes an hourly packet of a site before it is stored (the demo response's cuts); null drops it.
   * Default: every packet as the model made it.
   */
  adjust?: (
    siteCode: string,
    at: Date,
    measurements: readonly UploadMeasurement[],
  ) => readonly UploadMeasurement[] | null;
}

const SOURCE = 'demo-history';

/** One hourly packet's measurements as readings (Avg/Min/Max/Cou, and Zs values as `<code>-Zs`). */
export function readingsFromMeasurements(
  siteId: number,
  at: Date,
  measurements: readonly UploadMeasurement[],
  receivedAt: Date,
): Reading[] {
  const out: Reading[] = [];
  for (const m of measurements) {
    const v = m.values;
    const num = (k: string): number | null => (v[k] === undefined ? null : Number(v[k]));
    const base = {
      siteId,
      interval: 'hour' as const,
      periodStart: at,
      flag: m.flag ?? null,
      source: SOURCE,
      receivedAt,
    };
    out.push({
      ...base,
      parameter: m.code,
      value: num('Avg'),
      valueText: v.Avg === undefined ? null : String(v.Avg),
      min: num('Min'),
      max: num('Max'),
      cumulative: num('Cou'),
    });
    if (v.ZsAvg !== undefined) {
      out.push({
        ...base,
        parameter: `${m.code}-Zs`,
        value: num('ZsAvg'),
        valueText: String(v.ZsAvg),
        min: num('ZsMin'),
        max: num('ZsMax'),
        cumulative: null,
      });
    }
  }
  return out;
}

/** Writes the demo city's hourly history up to the last full hour before `now`; returns rows stored. */
export async function writeDemoHistory(
  store: Store,
  city: DemoCity,
  now: Date,
  options: DemoHistoryOptions = {},
): Promise<number> {
  const days: Record<string, number> = {
    air_station: options.airDays ?? 365,
    water_section: options.waterDays ?? 90,
    outlet: options.outletDays ?? 14,
  };
  const lastHour = periodStart('hour', now).getTime() - PERIOD_MS.hour;
  let stored = 0;
  let batch: Reading[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const res = await store.readings.insertBatch(batch);
    stored += res.inserted;
    batch = [];
    options.onProgress?.(stored);
  };
  for (const device of demoCitySimDevices(city)) {
    const site = await store.sites.getByCode(device.site.code);
    if (!site) continue;
    const model = new SiteModel(device.site);
    const hours = (days[site.kind] ?? 0) * 24;
    for (let h = hours; h >= 1; h -= 1) {
      const at = new Date(lastHour - (h - 1) * PERIOD_MS.hour);
      const sample = model.sample('hour', at);
      if (sample.offline) continue;
      const measurements = options.adjust
        ? options.adjust(site.code, at, sample.measurements)
        : sample.measurements;
      if (measurements === null) continue;
      batch.push(
        ...readingsFromMeasurements(site.id, at, measurements, new Date(at.getTime() + PERIOD_MS.hour)),
      );
      if (batch.length >= 20_000) await flush();
    }
  }
  await flush();
  return stored;
}
