/**
 * Demo energy accounts for the demo city (docs/carbon.md §11): three years of monthly accounts
 * (from January two years back to the month before the clock's) for every demo enterprise,
 * plausible for its GB/T 4754 division, deterministic (seeded by the enterprise code), marked demo.
 * About a third improve year on year, a third stay level and a third use more; budgets are issued
 * for the last two years, so the growing ones overrun and raise energy-budget alarms. Some
 * enterprises have rooftop PV (a registered capacity and self-used power), one month carries a
 * correction, and the year's city and district targets are set from last year's figures.
 */
import type { ScopedCaller } from '../auth/scope.js';
import type { IndicatorTarget } from '../carbon/carbon-settings.js';
import type { Services } from '../services.js';
import { chinaMonth } from '../standards/china-time.js';
import type { EnergyAccountDraft } from '../store/carbon.repository.js';
import { createPrng } from './models.js';

const DEMO_CALLER: ScopedCaller = {
  actor: { username: 'demo', role: null },
  scope: { kind: 'all' },
  address: null,
};

/** Monthly quantities and value added of a typical enterprise of a division (10⁴ CNY, MWh, t, 10⁴ Nm³, GJ). */
interface Profile {
  electricity: number;
  naturalGas?: number;
  rawCoal?: number;
  diesel?: number;
  heat?: number;
  valueAdded: number;
}

const PROFILES: Readonly<Record<string, Profile>> = {
  '17': { electricity: 650, naturalGas: 14, heat: 5200, valueAdded: 1100 },
  '20': { electricity: 160, diesel: 4, valueAdded: 420 },
  '21': { electricity: 120, valueAdded: 380 },
  '23': { electricity: 90, naturalGas: 1.2, valueAdded: 350 },
  '24': { electricity: 140, valueAdded: 520 },
  '26': { electricity: 820, naturalGas: 18, heat: 4200, valueAdded: 1500 },
  '27': { electricity: 520, naturalGas: 7, heat: 2600, valueAdded: 2800 },
  '30': { electricity: 5200, rawCoal: 6800, diesel: 20, valueAdded: 3600 },
  '33': { electricity: 260, naturalGas: 2, valueAdded: 1300 },
  '38': { electricity: 310, valueAdded: 1900 },
  '44': { electricity: 900, rawCoal: 4200, valueAdded: 2400 },
  '46': { electricity: 380, valueAdded: 220 },
};
const DEFAULT_PROFILE: Profile = { electricity: 200, naturalGas: 1, valueAdded: 700 };

/** Spring Festival and summer cooling, as multipliers of a month's energy use. */
const SEASON = [1.0, 0.72, 1.0, 1.0, 1.0, 1.04, 1.1, 1.12, 1.03, 1.0, 1.0, 1.02];

function hashOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const fixed = (x: number, digits: number): string => x.toFixed(digits);

/** The months from January two years before the last month to the last month, YYYY-MM. */
function demoMonths(lastMonth: string): string[] {
  const lastYear = Number(lastMonth.slice(0, 4));
  const out: string[] = [];
  for (let y = lastYear - 2; y <= lastYear; y += 1) {
    for (let m = 1; m <= 12; m += 1) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      if (month > lastMonth) return out;
      out.push(month);
    }
  }
  return out;
}

/** Loads the demo carbon data through the store and the carbon service; returns the accounts written. */
export async function loadDemoCarbon(services: Services): Promise<number> {
  const { store, carbon } = services;
  const now = services.clock.now();
  const current = chinaMonth(now);
  const lastMonth = (() => {
    const [y, m] = [Number(current.slice(0, 4)), Number(current.slice(5, 7))];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const months = demoMonths(lastMonth);
  const firstYear = Number(months[0]?.slice(0, 4));
  const enterprises = await carbon.enterprises();
  const drafts: EnergyAccountDraft[] = [];
  for (const e of enterprises) {
    const seed = hashOf(e.code);
    const rand = createPrng(seed);
    const profile = PROFILES[e.industryCode.slice(0, 2)] ?? DEFAULT_PROFILE;
    const size = 0.6 + rand() * 0.9;
    // −1: improving, 0: level, +1: using more (docs/carbon.md §11).
    const trend = (seed % 3) - 1;
    const hasPv = seed % 4 === 0;
    if (hasPv) {
      const site = await store.sites.getByCode(e.code);
      if (site !== null) {
        await store.sites.update(site.id, {
          attributes: { ...site.attributes, pvCapacityKw: Math.round(profile.electricity * size * 1.2) * 10 },
        });
      }
    }
    for (const month of months) {
      const year = Number(month.slice(0, 4)) - firstYear + (Number(month.slice(5, 7)) - 1) / 12;
      const energy =
        size * SEASON[Number(month.slice(5, 7)) - 1]! * (1 + trend * 0.07 * year) * (0.96 + rand() * 0.08);
      const value = size * (1 + 0.04 * year) * (0.95 + rand() * 0.1);
      const q: Record<string, string> = {};
      const pvShare = hasPv && month >= `${firstYear + 1}-01` ? 0.12 : 0;
      q.electricity = fixed(profile.electricity * energy * (1 - pvShare), 1);
      if (pvShare > 0) {
        q.pv_self_use = fixed(profile.electricity * energy * pvShare, 1);
        q.pv_export = fixed(profile.electricity * energy * 0.02, 1);
      }
      if (profile.naturalGas !== undefined) q.natural_gas = fixed(profile.naturalGas * energy, 2);
      if (profile.rawCoal !== undefined) q.raw_coal = fixed(profile.rawCoal * energy, 1);
      if (profile.diesel !== undefined) q.diesel = fixed(profile.diesel * energy, 2);
      if (profile.heat !== undefined) q.heat = fixed(profile.heat * energy, 0);
      const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
      drafts.push({
        siteId: e.id,
        month,
        quantities: q,
        valueAdded: fixed(profile.valueAdded * value, 1),
        outputValue: fixed(profile.valueAdded * value * 3.6, 1),
        sector: e.industryCode === '' ? '0000' : e.industryCode,
        source: 'demo',
        recordedBy: 'demo',
        // Entered on the 10th of the next month (China), as an enterprise would.
        recordedAt: new Date(
          Math.min(now.getTime(), Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 10, 2)),
        ),
        reason: null,
        demo: true,
      });
    }
  }
  await store.carbon.insertAccounts(drafts);

  // A corrected month: the grid company's reading replaced the enterprise's own.
  const corrected = enterprises.find((e) => e.industryCode.startsWith('17'));
  const correctedMonth = months.at(-3);
  if (corrected !== undefined && correctedMonth !== undefined) {
    const [previous] = await store.carbon.accounts({
      siteIds: [corrected.id],
      from: correctedMonth,
      to: correctedMonth,
    });
    if (previous !== undefined) {
      await carbon.recordAccount(
        { ...DEMO_CALLER, actor: { username: 'supervisor', role: 'supervisor' } },
        {
          enterprise: corrected.code,
          month: correctedMonth,
          quantities: {
            ...previous.quantities,
            electricity: fixed(Number(previous.quantities.electricity) * 1.08, 1),
          },
          valueAdded: previous.valueAdded,
          outputValue: previous.outputValue,
          reason: '以电网公司月度电量为准（演示）/ grid company meter reading (demo)',
        },
        'bureau',
      );
    }
  }

  // Budgets for the last two years, then the year's alarms; targets from last year's figures.
  const lastYear = Number(lastMonth.slice(0, 4));
  for (const year of [lastYear - 1, lastYear]) await carbon.issueBudgets(DEMO_CALLER, year, { demo: true });
  await carbon.checkBudgets(lastYear);
  const settings = await carbon.settings();
  const targets: IndicatorTarget[] = [];
  for (const scope of [
    { scope: 'city' as const, code: '' },
    ...(await store.districts.list()).map((d) => ({ scope: 'district' as const, code: d.code })),
  ]) {
    const before = await carbon.indicators(lastYear - 1, scope.scope, scope.code);
    const of = (key: string): number | null => before.find((i) => i.key === key)?.value ?? null;
    const add = (
      key: 'energy_tce' | 'carbon_intensity' | 'energy_intensity' | 'non_fossil_share',
      value: number | null,
      digits: number,
    ) => {
      if (value !== null) targets.push({ year: lastYear, ...scope, key, value: value.toFixed(digits) });
    };
    add('energy_tce', of('energy_tce') === null ? null : (of('energy_tce') ?? 0) * 1.02, 0);
    add(
      'energy_intensity',
      of('energy_intensity') === null ? null : (of('energy_intensity') ?? 0) * 0.975,
      4,
    );
    add(
      'carbon_intensity',
      of('carbon_intensity') === null ? null : (of('carbon_intensity') ?? 0) * 0.961,
      4,
    );
    add('non_fossil_share', of('non_fossil_share') === null ? null : (of('non_fossil_share') ?? 0) + 1, 2);
  }
  await carbon.putSettings(DEMO_CALLER, { ...settings, targets });
  return drafts.length;
}
