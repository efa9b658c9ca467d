/** GB 18485-2014 生活垃圾焚烧污染控制标准, Table 4: 1-h and 24-h means, mg/m³ at 11 % O2. Pure. */
import { byAge, table, type EmissionLimit, type EmissionStandardInfo } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const GB18485_2014_STANDARD: EmissionStandardInfo = {
  zh: '生活垃圾焚烧污染控制标准',
  en: 'Municipal solid waste incineration',
  medium: 'gas',
};

const GB18485_NEW_FROM = '2014-07-01';
const GB18485_EXISTING_FROM = '2016-01-01';

/**
 * GB 18485-2014 Table 4, mg/m³ at 11 % O2: 1-hour and 24-hour means (docs/standards/emission-limits.md §2, §4
 * [unverified]). Start dates from memory. Start-up, shut-down and failure allowances (≤ 4 h each,
 * ≤ 60 h per furnace per year) are not modelled here.
 */
export const GB18485_2014_LIMITS_MG_M3: readonly EmissionLimit[] = table(
  'GB 18485-2014',
  GB18485_2014_STANDARD,
  [
    ...(
      [
        ['a34013', 30, 20],
        ['a21002', 300, 250],
        ['a21026', 100, 80],
        ['a21024', 60, 50],
        ['a21005', 100, 80],
      ] as const
    ).flatMap(([parameter, hour, day]) =>
      (
        [
          ['hour', hour],
          ['day', day],
        ] as const
      ).flatMap(([averaging, value]) =>
        byAge(
          {
            clause: `Table 4, ${averaging === 'hour' ? '1-hour' : '24-hour'} mean`,
            parameter,
            value,
            averaging,
            referenceO2Pct: 11,
            validTo: null,
            applicability: { unitType: 'incinerator' },
            evidence: 'unverified',
            note: 'validFrom from memory',
          },
          GB18485_NEW_FROM,
          GB18485_EXISTING_FROM,
        ),
      ),
    ),
  ],
);
