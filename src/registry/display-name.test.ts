import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX_CHARS, displayNameProblem } from './display-name.js';

describe('displayNameProblem (docs/security.md §5)', () => {
  it.each([
    ['湖州市监测站', null],
    ['Huzhou (No. 2) – east', null],
    ['-10 ℃ 冷库', null],
    ['x'.repeat(DISPLAY_NAME_MAX_CHARS), null],
    ['', 'must not be empty'],
    ['x'.repeat(DISPLAY_NAME_MAX_CHARS + 1), `at most ${DISPLAY_NAME_MAX_CHARS} characters`],
    ['<img src=x onerror=alert(1)>', 'must not contain < or >'],
    ['=HYPERLINK("http://x")', 'must not start with = + or @ (a spreadsheet formula)'],
    ['@SUM(A1)', 'must not start with = + or @ (a spreadsheet formula)'],
    ['a\u0000b', 'must not contain control characters'],
  ])('%j → %s', (name, problem) => {
    expect(displayNameProblem(name)?.en ?? null).toBe(problem);
  });
});
