/** GB 13271-2014 锅炉大气污染物排放标准, Tables 1 (existing), 2 (new), 3 (special limits), mg/m³. Pure. */
import { table, type EmissionLimit, type EmissionStandardInfo, type RowSpec } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const GB13271_2014_STANDARD: EmissionStandardInfo = {
  zh: '锅炉大气污染物排放标准',
  en: 'Boilers, air pollutants',
  medium: 'gas',
};

const GB13271_NEW_FROM = '2014-07-01';
const GB13271_EXISTING_FROM = '2015-10-01';

/**
 * GB 13271-2014, mg/m³: Table 2 new boilers and Table 3 special limits (docs/standards/emission-limits.md §4
 * [unverified]); Table 1 existing boilers from memory (`inReference: false`). Reference O2: coal 9 %,
 * oil and gas 3.5 % (docs/standards/emission-limits.md §2 [unverified]). Dates from memory: new boilers 2014-07-01,
 * existing 2015-10-01 (existing boilers ≤ 10 t/h or ≤ 7 MW from 2016-07-01, not modelled).
 */
export const GB13271_2014_LIMITS_MG_M3: readonly EmissionLimit[] = table(
  'GB 13271-2014',
  GB13271_2014_STANDARD,
  [
    ...(
      [
        ['coal', 9, 50, 300, 300, 30, 200, 200, 80, 400, 400],
        ['oil', 3.5, 30, 200, 250, 30, 100, 200, 60, 300, 400],
        ['gas', 3.5, 20, 50, 200, 20, 50, 150, 30, 100, 400],
      ] as const
    ).flatMap(([fuel, o2, pmNew, so2New, noxNew, pmSp, so2Sp, noxSp, pmEx, so2Ex, noxEx]): RowSpec[] => {
      const rows: RowSpec[] = [];
      const params = ['a34013', 'a21026', 'a21002'] as const;
      const sets = [
        ['new', [pmNew, so2New, noxNew]],
        ['special', [pmSp, so2Sp, noxSp]],
        ['existing', [pmEx, so2Ex, noxEx]],
      ] as const;
      for (const [set, values] of sets) {
        params.forEach((parameter, i) => {
          const value = values[i];
          if (value === undefined) throw new Error('GB 13271 row out of step');
          switch (set) {
            case 'new':
              rows.push({
                clause: 'Table 2, new boilers',
                parameter,
                value,
                referenceO2Pct: o2,
                validFrom: GB13271_NEW_FROM,
                validTo: null,
                applicability: { fuel, unitType: 'boiler', tier: 'general', unitAge: 'new' },
                evidence: 'unverified',
                note: 'validFrom from memory',
              });
              break;
            case 'special':
              rows.push({
                clause: 'Table 3, special limits',
                parameter,
                value,
                referenceO2Pct: o2,
                validFrom: GB13271_NEW_FROM,
                validTo: null,
                applicability: { fuel, unitType: 'boiler', tier: 'special' },
                evidence: 'unverified',
                note: 'start in key regions is set by the authority; validFrom from memory',
              });
              break;
            case 'existing':
              rows.push({
                clause: 'Table 1, existing boilers',
                parameter,
                value,
                referenceO2Pct: o2,
                validFrom: GB13271_EXISTING_FROM,
                validTo: null,
                applicability: { fuel, unitType: 'boiler', tier: 'general', unitAge: 'existing' },
                evidence: 'unverified',
                inReference: false,
                note: 'not in the reference: value and date from memory; Guangxi/Chongqing/Sichuan/Guizhou coal SO2 differs',
              });
              break;
            default: {
              const impossible: never = set;
              throw new Error(`unknown GB 13271 set ${String(impossible)}`);
            }
          }
        });
      }
      return rows;
    }),
  ],
);
