/**
 * Display names of the HJ 212-2017 parameter codes the demo outlets report, and how an O2-corrected
 * series is named: the `-Zs` suffix (折算值), HJ 212-2017 §6.6.3.
 */

/** Suffix of the O2-corrected value of a parameter. */
export const CORRECTED_SUFFIX = '-Zs';

/** Names of source parameters by HJ 212-2017 code, Chinese and English (Appendix B). */
const PARAMETER_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  a00000: ['废气流量', 'Flue gas flow'],
  a01011: ['烟气流速', 'Flue gas velocity'],
  a01012: ['烟气温度', 'Flue gas temperature'],
  a01013: ['烟气压力', 'Flue gas pressure'],
  a01014: ['烟气湿度', 'Flue gas humidity'],
  a19001: ['氧含量', 'O₂'],
  a21002: ['氮氧化物', 'NOx'],
  a21026: ['二氧化硫', 'SO₂'],
  a24088: ['非甲烷总烃', 'NMHC'],
  a34013: ['颗粒物', 'Particulate'],
  w00000: ['废水流量', 'Wastewater flow'],
  w01001: ['pH值', 'pH'],
  w01018: ['化学需氧量', 'COD'],
  w21001: ['总氮', 'Total nitrogen'],
  w21003: ['氨氮', 'Ammonia nitrogen'],
  w21011: ['总磷', 'Total phosphorus'],
};

/** `二氧化硫 (a21026)`; the code alone when unknown. A `-Zs` code is named as corrected. */
export function parameterName(code: string, english: boolean): string {
  const base = code.endsWith(CORRECTED_SUFFIX) ? code.slice(0, -CORRECTED_SUFFIX.length) : code;
  const names = PARAMETER_NAMES[base];
  if (names === undefined) return code;
  const name = english ? names[1] : names[0];
  return base === code ? name : `${name} (${english ? 'corrected' : '折算'})`;
}

/** The unit as printed: `mg/m3` → `mg/m³`. */
export function unitText(unit: string): string {
  return unit.replace(/m3\b/g, 'm³');
}
