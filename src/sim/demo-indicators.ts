/**
 * Demo targets and statistics for the indicator board: annual targets of the current year for the
 * city and each district, and the entered statistics (carbon, waste) the platform does not compute —
 * deterministic, plausible and marked demo in their note. Entered through the indicator service, so
 * each is audited like any other.
 */
import type { AuditActor } from '../audit/audit.service.js';
import type { Services } from '../services.js';
import { chinaDate } from '../standards/china-time.js';

/** The note every demo entry carries. */
export const DEMO_INDICATOR_NOTE = '演示数据 demo';

/** City targets; districts get the same (PM2.5 one µg/m³ looser in odd-numbered districts). */
const CITY_TARGETS: Readonly<Record<string, number>> = {
  'air.pm25': 30,
  'air.pm10': 55,
  'air.o3-p90': 160,
  'air.good-day-ratio': 85,
  'air.days-above-150': 6,
  'air.days-above-200': 0,
  'water.share-i-iii': 90,
  'water.worse-than-v': 0,
  'water.target-met': 90,
  'water.black-odorous': 0,
  'sources.compliance': 95,
  'sources.transmission-rate': 95,
  'sources.validity-rate': 95,
  'enforcement.closure-rate': 90,
  'enforcement.on-time-rate': 90,
  'carbon.energy-intensity-drop': 3.5,
  'carbon.carbon-intensity-drop': 4,
  'carbon.non-fossil-share': 25,
  'carbon.pv-capacity': 2500,
  'carbon.new-energy-bus-share': 95,
  'carbon.green-building-share': 100,
  'waste.hazardous-utilisation': 100,
  'waste.industrial-solid-utilisation': 95,
};

/** City statistics as a bureau would enter them from the statistics bureau's year book. */
const CITY_STATISTICS: Readonly<Record<string, number>> = {
  'carbon.energy-intensity-drop': 3.1,
  'carbon.carbon-intensity-drop': 4.2,
  'carbon.non-fossil-share': 23.6,
  'carbon.pv-capacity': 2140,
  'carbon.new-energy-bus-share': 96.5,
  'carbon.green-building-share': 100,
  'waste.hazardous-utilisation': 99.2,
  'waste.industrial-solid-utilisation': 93.8,
};

const DEMO_ACTOR: AuditActor = { username: 'demo', role: null };

/** Enters the demo targets and statistics of the current year; returns how many entries. */
export async function loadDemoIndicators(
  services: Pick<Services, 'store' | 'clock' | 'indicators'>,
): Promise<number> {
  const year = Number(chinaDate(services.clock.now()).slice(0, 4));
  const districts = await services.store.districts.list();
  let n = 0;
  const enter = async (
    kind: 'target' | 'value',
    key: string,
    scope: 'city' | 'district',
    value: number,
    code?: string,
  ): Promise<void> => {
    await services.indicators.enter(DEMO_ACTOR, {
      kind,
      key,
      year,
      scope,
      code,
      value,
      note: DEMO_INDICATOR_NOTE,
    });
    n += 1;
  };
  for (const [key, value] of Object.entries(CITY_TARGETS)) await enter('target', key, 'city', value);
  for (const [key, value] of Object.entries(CITY_STATISTICS)) await enter('value', key, 'city', value);
  for (const [i, d] of districts.entries()) {
    for (const key of ['air.pm25', 'air.good-day-ratio', 'air.days-above-200', 'water.target-met']) {
      const base = CITY_TARGETS[key] ?? 0;
      await enter('target', key, 'district', key === 'air.pm25' ? base + (i % 2) : base, d.code);
    }
  }
  return n;
}
