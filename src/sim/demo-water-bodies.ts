/**
 * Demo surface water beyond the automatic stations: three urban black-odorous water bodies
 * (城市黑臭水体) with sampling points and a few weeks of samples — one light, one heavy with a heavy
 * stretch, one rectified — and monthly lab results for the demo city's manual sections. The rivers'
 * names are invented and marked （演示）; coordinates lie in the districts of the demo city.
 */
import type { AuditActor } from '../audit/audit.service.js';
import type { WaterService } from '../monitor/water.service.js';
import { CHINA_OFFSET_MS, chinaDate, DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { ItemKey } from '../standards/gb3838-2002.js';
import type { Store } from '../store/store.js';

/** Values of one demo sample profile (SD cm, DO mg/L, ORP mV, NH3-N mg/L). */
interface Profile {
  sd: number;
  do: number;
  orp: number;
  nh3n: number;
}

const LIGHT: Profile = { sd: 18, do: 1.2, orp: -60, nh3n: 9.5 };
const HEAVY: Profile = { sd: 8, do: 0.12, orp: -240, nh3n: 17 };
const CLEAR: Profile = { sd: 42, do: 4.6, orp: 120, nh3n: 1.3 };

interface DemoBody {
  code: string;
  name: string;
  districtCode: string;
  location: string;
  lengthM: number;
  points: { code: string; name: string; longitude: number; latitude: number; profile: Profile }[];
}

/** The demo black-odorous water bodies: points in order along each water body. */
const DEMO_BLACK_ODOROUS_BODIES: readonly DemoBody[] = [
  {
    code: 'HZ-BO-01',
    name: '西山漾支浜（演示）',
    districtCode: '330502',
    location: '吴兴区西山漾北岸支浜，自环城西路至入漾口（演示）',
    lengthM: 1200,
    points: [
      { code: 'P1', name: '环城西路桥', longitude: 120.05, latitude: 30.868, profile: LIGHT },
      { code: 'P2', name: '居民区中段', longitude: 120.054, latitude: 30.865, profile: LIGHT },
      { code: 'P3', name: '入漾口', longitude: 120.058, latitude: 30.862, profile: LIGHT },
    ],
  },
  {
    code: 'HZ-BO-02',
    name: '织里轧村支河（演示）',
    districtCode: '330502',
    location: '吴兴区织里镇轧村段，自童装园区至轧村港（演示）',
    lengthM: 2100,
    points: [
      { code: 'P1', name: '园区北桥', longitude: 120.25, latitude: 30.852, profile: LIGHT },
      { code: 'P2', name: '印花厂后', longitude: 120.254, latitude: 30.849, profile: HEAVY },
      { code: 'P3', name: '村口埠头', longitude: 120.258, latitude: 30.846, profile: HEAVY },
      { code: 'P4', name: '排涝站', longitude: 120.262, latitude: 30.843, profile: HEAVY },
      { code: 'P5', name: '入轧村港口', longitude: 120.266, latitude: 30.84, profile: LIGHT },
    ],
  },
  {
    code: 'HZ-BO-03',
    name: '画溪后漾浜（演示）',
    districtCode: '330522',
    location: '长兴县画溪街道，自后漾村至泗安塘（演示，已整治）',
    lengthM: 900,
    points: [
      { code: 'P1', name: '后漾村桥', longitude: 119.85, latitude: 31.005, profile: CLEAR },
      { code: 'P2', name: '中段', longitude: 119.853, latitude: 31.002, profile: CLEAR },
      { code: 'P3', name: '入塘口', longitude: 119.856, latitude: 30.999, profile: CLEAR },
    ],
  },
];

/** Monthly lab results of the demo city's manual sections (GB 3838-2002 units). */
const DEMO_LAB_RESULTS: Readonly<Record<string, Partial<Record<ItemKey, number>>>> = {
  'HZ-W-07': { ph: 7.4, do: 8.1, codmn: 2.6, cod: 10, bod5: 1.8, nh3n: 0.12, tp: 0.018, tn: 0.82, f: 0.31 },
  'HZ-W-12': { ph: 7.2, do: 5.6, codmn: 5.8, cod: 21, bod5: 3.9, nh3n: 0.92, tp: 0.21, f: 0.48 },
  'HZ-W-15': { ph: 7.6, do: 6.4, codmn: 4.9, cod: 17, bod5: 3.1, nh3n: 0.58, tp: 0.17, f: 0.42 },
};

/** Samples per point, every `SAMPLE_STEP_DAYS` days ending yesterday (the 2015 guide asks for ≥ 3). */
const SAMPLES_PER_POINT = 4;
const SAMPLE_STEP_DAYS = 5;
/** Lab results: three months, a sample every 30 days ending five days ago. */
const LAB_MONTHS = 3;
/** Who entered the demo samples and lab results (readings' source `lab:demo`). */
const DEMO_ACTOR: AuditActor = { username: 'demo', role: null };

/**
 * Loads the demo black-odorous water bodies, and their samples and the lab results of the manual
 * sections that exist in the store through the water service (audited, entered by `demo`; all
 * marked demo: bodies by their flag, readings by source `lab:demo`). Does nothing when
 * black-odorous bodies exist already. Returns what it wrote.
 */
export async function loadDemoWaterBodies(
  store: Pick<Store, 'blackOdorous' | 'districts'>,
  water: WaterService,
  now: Date,
): Promise<{ bodies: number; samples: number; labResults: number }> {
  if ((await store.blackOdorous.countBodies()) > 0) return { bodies: 0, samples: 0, labResults: 0 };
  const origin = { via: 'demo' } as const;
  let samples = 0;
  for (const body of DEMO_BLACK_ODOROUS_BODIES) {
    if ((await store.districts.get(body.districtCode)) === null) continue;
    await store.blackOdorous.createBody({
      code: body.code,
      name: body.name,
      districtCode: body.districtCode,
      location: body.location,
      lengthM: body.lengthM,
      demo: true,
      points: body.points.map(({ profile: _profile, ...p }) => p),
    });
    for (const [i, p] of body.points.entries()) {
      for (let k = 0; k < SAMPLES_PER_POINT; k += 1) {
        // 10:00 China time on each sampling day; a small deterministic wobble per point and day.
        const day = Math.floor(now.getTime() / DAY_MS) - 1 - k * SAMPLE_STEP_DAYS;
        const wobble = 1 + 0.06 * Math.sin(i * 1.7 + k * 2.3);
        await water.enterBlackOdorousSample(
          {
            bodyCode: body.code,
            pointCode: p.code,
            sampledAt: new Date(day * DAY_MS + 10 * HOUR_MS - CHINA_OFFSET_MS),
            sd: Math.round(p.profile.sd * wobble),
            do: Number((p.profile.do * wobble).toFixed(2)),
            orp: Math.round(p.profile.orp * wobble),
            nh3n: Number((p.profile.nh3n * wobble).toFixed(2)),
          },
          DEMO_ACTOR,
          origin,
        );
        samples += 1;
      }
    }
  }
  let labResults = 0;
  for (const [code, values] of Object.entries(DEMO_LAB_RESULTS)) {
    if ((await water.section(code)) === null) continue;
    for (let m = 0; m < LAB_MONTHS; m += 1) {
      const sampledOn = chinaDate(new Date(now.getTime() - (5 + 30 * m) * DAY_MS));
      const wobble = 1 + 0.05 * Math.sin(m * 1.3 + code.length);
      const scaled = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, k === 'ph' ? v : Number((v * wobble).toPrecision(3))]),
      );
      await water.enterLabResults({ sectionCode: code, sampledOn, values: scaled }, DEMO_ACTOR, origin);
      labResults += 1;
    }
  }
  return { bodies: DEMO_BLACK_ODOROUS_BODIES.length, samples, labResults };
}
