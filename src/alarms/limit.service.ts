/**
 * Applying limit presets to outlets: each outlet without limit rows gets the rows of the preset its
 * attributes select (limit-presets.ts), tagged `preset:<id>` and with the preset's assumptions in
 * the note. The bureau then corrects or extends them through `POST /api/v1/limits`.
 */
import { chinaDate } from '../standards/china-time.js';
import type { OutletLimit } from '../store/limit.repository.js';
import type { Store } from '../store/store.js';
import { presetForOutlet, presetLimitsFor } from './limit-presets.js';

export interface PresetApplication {
  /** Outlets that got rows, by site code, with the preset id. */
  applied: { siteId: number; code: string; preset: string; rows: number }[];
  /** Outlets whose standard no built-in table covers. */
  uncovered: { siteId: number; code: string; emissionStandard: string }[];
}

/**
 * Applies presets to every outlet that has no limit rows yet (all outlets, or `siteIds`), with
 * the rows in force on `at`'s China-local day.
 */
export async function applyOutletPresets(
  store: Pick<Store, 'sites' | 'limits'>,
  options: { by: string; at: Date; siteIds?: readonly number[] },
): Promise<PresetApplication> {
  const result: PresetApplication = { applied: [], uncovered: [] };
  const withRows = new Set(await store.limits.sitesWithLimits());
  const day = chinaDate(options.at);
  for (let offset = 0; ;) {
    const page = await store.sites.list({
      kind: 'outlet',
      limit: 1000,
      offset,
      ...(options.siteIds ? { ids: options.siteIds } : {}),
    });
    for (const site of page.items) {
      if (withRows.has(site.id)) continue;
      const preset = presetForOutlet(site.attributes);
      if (preset === null) {
        const standard = site.attributes.emissionStandard;
        result.uncovered.push({
          siteId: site.id,
          code: site.code,
          emissionStandard: typeof standard === 'string' ? standard : '',
        });
        continue;
      }
      const rows: OutletLimit[] = await store.limits.add(presetLimitsFor(preset, site.id, day, options.by));
      result.applied.push({ siteId: site.id, code: site.code, preset: preset.id, rows: rows.length });
    }
    offset += page.items.length;
    if (page.nextCursor === null || page.items.length === 0) break;
  }
  return result;
}
