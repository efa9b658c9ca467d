/**
 * Demo data of the heavy-pollution response (docs/response.md §7): grades and industries of the demo
 * enterprises with gas outlets, cement templates, and one past orange alert whose obligations are
 * judged from the demo history — which the history writer shapes through {@link demoResponseAdjust}
 * so that most listed firms cut, two do not, and one CEMS falls silent. Deterministic; marked demo.
 */
import type { UploadMeasurement } from '../hj212/index.js';
import type { Services } from '../services.js';
import { HOUR_MS } from '../standards/china-time.js';
import type { Grade } from '../standards/performance-grading-2020.js';
import type { EnterpriseAttributes } from '../store/types.js';
import type { DemoCity } from './demo-city.js';

/** The actor of what the demo loader writes. */
const DEMO_CALLER = {
  actor: { username: 'demo', role: null },
  scope: { kind: 'all' as const },
  address: null,
};

/** Demo firms that do not cut during the past alert. */
const NOT_CUTTING = new Set(['HZ-E-012', 'HZ-E-020']);
/** A demo firm whose CEMS falls silent for a few hours of the alert. */
const SILENT = 'HZ-E-014';
/** Industries produced by heat or power demand: protected (以热定产). */
const PROTECTED_INDUSTRIES: Readonly<Record<string, string>> = {
  热电联产: '供热保障 heating supply (以热定产)',
  火力发电: '民生保障 power supply (livelihood)',
  生物质能发电: '民生保障 waste disposal and power (livelihood)',
};

/** The past alert's window: starts three days before the last full hour, lasts 48 h. */
export function demoAlertWindow(now: Date): { from: Date; to: Date } {
  const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = last - 72 * HOUR_MS;
  return { from: new Date(from), to: new Date(from + 48 * HOUR_MS) };
}

/** The share of production a listed demo firm keeps during the alert (flow scale), by enterprise code. */
function keepShare(grade: string, industry: string): number {
  if (grade === 'A') return 0.95;
  if (industry in PROTECTED_INDUSTRIES) return 0.85;
  if (grade === 'B') return 0.6;
  return 0.45;
}

/**
 * Shapes one hourly demo packet of an outlet inside the alert window: a cutting firm's flow is
 * scaled down (its loads follow), a non-cutting firm's is left alone, and the silent firm's packets
 * are dropped for six hours. Outside the window, and for other sites, the packet is unchanged.
 */
export function demoResponseAdjust(
  city: DemoCity,
  now: Date,
): (siteCode: string, at: Date, m: readonly UploadMeasurement[]) => readonly UploadMeasurement[] | null {
  const window = demoAlertWindow(now);
  const enterprises = new Map(
    city.sites
      .filter((s) => s.kind === 'enterprise')
      .map((s) => [s.code, s.attributes as EnterpriseAttributes]),
  );
  return (siteCode, at, m) => {
    if (at < window.from || at >= window.to) return m;
    const code = siteCode.replace(/-G\d+$/, '');
    if (code === siteCode) return m;
    const attrs = enterprises.get(code);
    if (attrs === undefined || NOT_CUTTING.has(code)) return m;
    const offset = (at.getTime() - window.from.getTime()) / HOUR_MS;
    if (code === SILENT && offset >= 20 && offset < 26) return null;
    const share = keepShare(String(attrs.performanceGrade), String(attrs.industry));
    return m.map((x) =>
      x.code === 'a00000' && x.values.Avg !== undefined
        ? { ...x, values: { ...x.values, Avg: (Number(x.values.Avg) * share).toFixed(3) } }
        : x,
    );
  };
}

/** Grades of the demo enterprises with gas outlets ('none' becomes non-leading "other"), and cement templates. */
export async function loadDemoGrades(services: Services, city: DemoCity): Promise<void> {
  const gasParents = new Set(
    city.sites
      .filter((s) => s.kind === 'outlet' && 'medium' in s.attributes && s.attributes.medium === 'gas')
      .map((s) => s.code.replace(/-G\d+$/, '')),
  );
  const items = city.sites
    .filter((s) => s.kind === 'enterprise' && gasParents.has(s.code))
    .map((s) => {
      const a = s.attributes as EnterpriseAttributes;
      const industry = String(a.industry ?? '其他');
      const grade =
        a.performanceGrade === 'none' || a.performanceGrade === undefined
          ? 'other'
          : String(a.performanceGrade);
      return {
        code: s.code,
        grade: grade as Grade,
        industry,
        gradedOn: '2026-06-30',
        reviewDue: '2027-06-30',
        evidence: '演示：2026 年度绩效分级评定（虚构） demo grading, fictional',
        protectedBasis: PROTECTED_INDUSTRIES[industry] ?? null,
      };
    });
  await services.response.setGrades(DEMO_CALLER, items, 'demo');
}

/** Records the past orange alert over the demo history, lifted at its planned end; its hours are judged at once. */
export async function loadDemoAlert(services: Services, city: DemoCity, now: Date): Promise<void> {
  const window = demoAlertWindow(now);
  await services.response.issue(DEMO_CALLER, {
    level: 'orange',
    region: city.adminCode,
    startsAt: window.from,
    endsAt: window.to,
    basis: '演示：预报连续 3 天 AQI > 150（虚构） demo forecast: three days above 150',
    demo: true,
    liftedAt: window.to,
  });
}
