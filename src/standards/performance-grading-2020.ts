/**
 * Enterprise performance grading for heavy-pollution responses: 《重污染天气重点行业应急减排措施制定技术指南
 * （2020年修订版）》 (环办大气函〔2020〕340号), 39 key industries [secondary] — the grades, the kinds of
 * measure and the four pollutants a response cuts (docs/standards/heavy-pollution-alert.md §3). Pure.
 */

/** Grades in use: A, B, B-, C, D; 引领性 (leading) and non-leading "other" where an industry has no A–D [secondary]. */
export const PERFORMANCE_GRADES = ['A', 'B', 'B-', 'C', 'D', 'leading', 'other'] as const;
export type Grade = (typeof PERFORMANCE_GRADES)[number];

/** The four pollutants a response cuts (≥ 10 / 20 / 30 % at yellow / orange / red [secondary]). */
export const RESPONSE_POLLUTANTS = ['so2', 'nox', 'pm', 'vocs'] as const;
export type ResponsePollutant = (typeof RESPONSE_POLLUTANTS)[number];

/**
 * What a measure asks: `voluntary` (A / leading: 自主减排), `cut` (output cut by a share), `stop`
 * (production stopped), `no-increase` (a protected or still-producing firm may not emit more than
 * before the alert [secondary: practice rule]).
 */
export const MEASURE_KINDS = ['voluntary', 'cut', 'stop', 'no-increase'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
