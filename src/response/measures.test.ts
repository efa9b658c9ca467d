import { describe, expect, it } from 'vitest';
import type { MeasureTemplate } from './measures.js';
import { cityCut, DEFAULT_TEMPLATES, expandMeasure, expectedCutKg } from './measures.js';

const all = (pct: number) => ({ so2: pct, nox: pct, pm: pct, vocs: pct });
const cement: MeasureTemplate = {
  industry: '水泥熟料',
  grade: 'B',
  level: 'orange',
  kind: 'cut',
  cutPct: all(20),
  text: '限产 20%',
};

describe('expandMeasure — template expansion (一厂一策)', () => {
  const firm = (grade: 'A' | 'B' | 'C' | 'D' | 'leading', industry = '涂料制造') => ({
    industry,
    grade,
    protectedBasis: null,
  });

  it.each([
    ['A is voluntary at red', 'A', 'red', 'voluntary', 0],
    ['leading is voluntary at orange', 'leading', 'orange', 'voluntary', 0],
    ['B cuts 20 % at orange', 'B', 'orange', 'cut', 20],
    ['C cuts 50 % at red', 'C', 'red', 'cut', 50],
    ['D stops at orange (100 %)', 'D', 'orange', 'stop', 100],
  ] as const)('%s (default templates)', (_n, grade, level, kind, pct) => {
    const m = expandMeasure(firm(grade), level, DEFAULT_TEMPLATES);
    expect(m).toMatchObject({ kind, cutPct: all(pct), from: 'template' });
  });

  it('an industry row wins over the `*` row', () => {
    const m = expandMeasure(firm('B', '水泥熟料'), 'orange', [...DEFAULT_TEMPLATES, cement]);
    expect(m.text).toBe('限产 20%');
    expect(expandMeasure(firm('B', '水泥熟料'), 'red', [cement]).from).toBe('none');
  });

  it('the bureau’s own list for the firm wins over the templates', () => {
    const m = expandMeasure(firm('C'), 'orange', DEFAULT_TEMPLATES, [
      { level: 'orange', kind: 'stop', cutPct: all(0), text: '2号线停产' },
    ]);
    expect(m).toEqual({ level: 'orange', kind: 'stop', cutPct: all(100), text: '2号线停产', from: 'plan' });
  });

  it('a protected firm (heating) may not emit more than before', () => {
    const m = expandMeasure(
      { industry: '热电联产', grade: 'B', protectedBasis: 'heating' },
      'red',
      DEFAULT_TEMPLATES,
    );
    expect(m).toMatchObject({ kind: 'no-increase', cutPct: all(0), from: 'protected' });
  });
});

describe('expected cuts and the city target', () => {
  it('baseline × share, summed against the level target (orange 20 %)', () => {
    const b = { so2: 100, nox: 200, pm: 50, vocs: 0 };
    const cut = expandMeasure(
      { industry: 'x', grade: 'B', protectedBasis: null },
      'orange',
      DEFAULT_TEMPLATES,
    );
    const stop = expandMeasure(
      { industry: 'x', grade: 'D', protectedBasis: null },
      'orange',
      DEFAULT_TEMPLATES,
    );
    const a = { baselineKg: b, expectedCutKg: expectedCutKg(cut, b) };
    const d = {
      baselineKg: { so2: 100, nox: 0, pm: 50, vocs: 40 },
      expectedCutKg: expectedCutKg(stop, { so2: 100, nox: 0, pm: 50, vocs: 40 }),
    };
    expect(a.expectedCutKg).toEqual({ so2: 20, nox: 40, pm: 10, vocs: 0 });
    const city = cityCut([a, d], 20);
    // so2: (20 + 100) / 200 = 60 %; nox: 40 / 200 = 20 %; pm: (10 + 50) / 100 = 60 %; vocs 40 / 40 = 100 %.
    expect(city.expectedPct).toEqual({ so2: 60, nox: 20, pm: 60, vocs: 100 });
    expect(city.shortOf).toEqual([]);
    expect(cityCut([a], 30).shortOf).toEqual(['so2', 'nox', 'pm']);
  });
});
