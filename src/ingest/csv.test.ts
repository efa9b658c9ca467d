import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, naming each row’s first line', () => {
    const rows = [...readCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\n3,4\n')];
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('flags a quote never closed instead of swallowing the lines after it (docs/security.md §10)', () => {
    const rows = [...readCsv('mn,password,site\nMN1,"secret,S1\nMN2,pw2,S2\n')];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ line: 2, problem: 'a quoted field opened on line 2 is never closed' });
  });

  it('flags text after a closing quote, and goes on with the next line', () => {
    const rows = [...readCsv('a,b\n"x"y,2\n3,4\n')];
    expect(rows[1]?.line).toBe(2);
    expect(rows[1]?.problem).toMatch(/text after a closing quote/);
    expect(rows[2]).toEqual({ line: 3, fields: ['3', '4'] });
  });
});
