/**
 * What a name shown to people may be: the names of the city, districts, stations, sections and
 * enterprises arrive from imports and forms and end up in pages, tooltips, reports and spreadsheets,
 * so they are checked where they enter (docs/security.md §5). Pure.
 */

/** Longest name, in characters. */
export const DISPLAY_NAME_MAX_CHARS = 128;

/** Characters that start a formula in a spreadsheet (CSV and XLSX exports of rankings). */
const FORMULA_START = /^[=+@]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `name` cannot be a display name, in Chinese and English; null when it can. */
export function displayNameProblem(name: string): { zh: string; en: string } | null {
  const v = name.trim();
  if (v.length === 0) return { zh: '不能为空', en: 'must not be empty' };
  if ([...v].length > DISPLAY_NAME_MAX_CHARS) {
    return {
      zh: `最多 ${DISPLAY_NAME_MAX_CHARS} 个字符`,
      en: `at most ${DISPLAY_NAME_MAX_CHARS} characters`,
    };
  }
  if (CONTROL.test(v)) return { zh: '不能含控制字符', en: 'must not contain control characters' };
  if (/[<>]/.test(v)) return { zh: '不能含 < 或 >', en: 'must not contain < or >' };
  if (FORMULA_START.test(v)) {
    return {
      zh: '不能以 = + @ 开头（表格公式）',
      en: 'must not start with = + or @ (a spreadsheet formula)',
    };
  }
  return null;
}
