import { describe, expect, it } from 'vitest';
import {
  directoryEditionOn,
  HW_CATEGORY_NAMES,
  HW_CATEGORY_NUMBERS,
  HW_DIRECTORY_2025_SHIPPED,
  hwCodeProblem,
  parseDirectoryCsv,
  parseHwCode,
} from './hw-directory-2025.js';

describe('code format III-SSS-CC (2025 directory)', () => {
  it('takes a code apart: 900-041-49 is non-specific source, HW49', () => {
    expect(parseHwCode('900-041-49')).toEqual({
      code: '900-041-49',
      industry: '900',
      sequence: '041',
      category: 'HW49',
    });
  });
  it.each([
    ['900-041-49', null],
    ['772-007-50', null],
    ['900-041-41', /HW41 does not exist/], // HW41–44 unused
    ['900-041-51', /HW51 does not exist/],
    ['900-041-00', /HW00 does not exist/],
    ['90004149', /not a hazardous-waste code/],
    ['HW08', /not a hazardous-waste code/],
  ])('%s → %s', (code, problem) => {
    const p = hwCodeProblem(code);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
  it('has 46 categories, each named', () => {
    expect(HW_CATEGORY_NUMBERS).toHaveLength(46);
    for (const n of HW_CATEGORY_NUMBERS)
      expect(HW_CATEGORY_NAMES[`HW${String(n).padStart(2, '0')}`]).toBeDefined();
  });
  it('ships valid, tagged, unique entries; waste mineral oil is HW08, not HW48', () => {
    const codes = HW_DIRECTORY_2025_SHIPPED.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of HW_DIRECTORY_2025_SHIPPED) expect(hwCodeProblem(e.code)).toBeNull();
    expect(HW_DIRECTORY_2025_SHIPPED.find((e) => e.code === '900-214-08')?.category).toBe('HW08');
    expect(codes).not.toContain('900-041-08');
  });
  it('versions by date: the 2025 edition from 2025-01-01', () => {
    expect(directoryEditionOn('2024-12-31')).toBe('2021');
    expect(directoryEditionOn('2025-01-01')).toBe('2025');
    expect(directoryEditionOn('2020-06-01')).toBeNull();
  });
});

describe('CSV import of the full directory', () => {
  it('reads good lines and names each bad one', () => {
    // Records as a CSV reader yields them (quotes already resolved).
    const csv = [
      ['code', 'category', 'name', 'hazards'],
      ['900-041-49', 'HW49', '包装物,容器', 'T/In'],
      ['900-41-08', 'HW08', 'wrong', 'T'],
      ['900-214-08', 'HW48', 'mismatch', 'T'],
      ['900-249-08', '', '废矿物油', 'X'],
      [''],
      ['900-041-49', 'HW49', 'again', 'T'],
    ].map((fields, i) => ({ line: i + 1, fields }));
    const lines = parseDirectoryCsv(csv);
    expect(lines[0]).toEqual({
      line: 2,
      ok: true,
      entry: { code: '900-041-49', category: 'HW49', name: '包装物,容器', hazards: ['T', 'In'] },
    });
    expect(lines.slice(1).map((l) => (l.ok ? 'ok' : `${l.line}: ${l.problem}`))).toEqual([
      '3: "900-41-08" is not a hazardous-waste code III-SSS-CC (e.g. 900-041-49)',
      '4: category HW48 does not match code 900-214-08 (HW08)',
      '5: hazards of 900-249-08: "X" unknown; use T, C, I, R, In',
      '7: 900-041-49 appears twice',
    ]);
  });
  it('refuses a file without the needed columns', () => {
    const records = [
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['900-041-49', 'x'] },
    ];
    expect(parseDirectoryCsv(records)).toEqual([
      { line: 1, ok: false, problem: 'header: no column "hazards"' },
    ]);
  });
});

describe('parseDirectoryCsv on rows the CSV reader could not read (docs/security.md §10)', () => {
  it('rejects the row with the reader’s reason', () => {
    const lines = parseDirectoryCsv([
      { line: 1, fields: ['code', 'name', 'hazards'] },
      { line: 2, fields: ['900-041-49'], problem: 'a quoted field opened on line 2 is never closed' },
    ]);
    expect(lines).toEqual([
      {
        line: 2,
        ok: false,
        problem: 'not a well-formed CSV row: a quoted field opened on line 2 is never closed',
      },
    ]);
  });
});
