/** The report chart layout (docs/reports.md §3) and the font search (§4). */
import { describe, expect, it } from 'vitest';
import { chartShapes, chartSvg, niceMax } from './chart.js';
import { CJK_FONT_CANDIDATES, findCjkFont } from './cjk-font.js';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [7, 10],
    [100, 100],
    [137, 200],
    [230, 250],
    [420, 500],
  ])('%d → %d', (max, nice) => expect(niceMax(max)).toBe(nice));
});

describe('chartShapes', () => {
  const chart = {
    kind: 'bar' as const,
    title: 'AQI',
    unit: 'AQI',
    labels: ['01', '02', '03'],
    series: [{ name: 'AQI', values: [50, null, 100], color: '#000000' }],
    barColors: ['#00e400', null, '#ffff00'],
  };

  it('draws one bar per value in its level colour, none for a missing value, inside the box', () => {
    const bars = chartShapes(chart, { x: 0, y: 0, w: 300, h: 200 }).filter((s) => s.t === 'rect');
    expect(bars.map((b) => (b.t === 'rect' ? b.fill : ''))).toEqual(['#00e400', '#ffff00']);
    for (const b of bars) {
      if (b.t !== 'rect') continue;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.h).toBeLessThanOrEqual(200);
    }
    // 100 is the axis top (niceMax 100): the second bar is twice as tall as the first.
    const [a, c] = bars;
    if (a?.t === 'rect' && c?.t === 'rect') expect(c.h).toBeCloseTo(2 * a.h, 6);
  });

  it('breaks a line at a missing value and escapes text in SVG', () => {
    const line = { ...chart, kind: 'line' as const, title: 'a<b', values: undefined };
    const shapes = chartShapes(
      {
        ...line,
        series: [{ name: 's', values: [1, 2, null, 3, 4], color: '#111111' }],
        labels: ['a', 'b', 'c', 'd', 'e'],
      },
      { x: 0, y: 0, w: 300, h: 200 },
    );
    expect(shapes.filter((s) => s.t === 'polyline')).toHaveLength(2);
    expect(chartSvg(line)).toContain('a&lt;b');
  });
});

describe('findCjkFont', () => {
  it('takes the first installed Noto Sans CJK, with its bold face when present', () => {
    const debian = CJK_FONT_CANDIDATES[0];
    expect(findCjkFont((p) => p === debian?.regular)).toEqual({
      path: debian?.regular,
      regular: 'NotoSansCJKsc-Regular',
      bold: null,
    });
    expect(findCjkFont(() => false)).toBeNull();
  });
});
