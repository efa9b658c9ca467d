import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-calc-aqi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const r = await runCli(...args);
  return { code: r.code, out: r.outLines, err: r.errLines };
}

describe('qingshan calc aqi', () => {
  it('prints one line for one set of concentrations', async () => {
    const r = await run([
      'calc',
      'aqi',
      '--kind',
      'realtime',
      '--standard',
      '2026',
      '--so2',
      '10',
      '--no2',
      '40',
      '--co',
      '0.8',
      '--o3',
      '100',
      '--pm10',
      '80',
      '--pm25',
      '70',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'HJ 633-2026 realtime: AQI 110, level 3 轻度污染 (Lightly polluted), #FF7E00; primary pm25; IAQI so2 4, no2 20, co 8, o3 32, pm10 72, pm25 110',
    ]);
  });

  it('--json: one object with standard, aqi, level, category, color, primary, iaqi (and exceeding under 2012)', async () => {
    const r = await run([
      'calc',
      'aqi',
      '--kind',
      'daily',
      '--at',
      '2026-02-10',
      '--so2',
      '10',
      '--no2',
      '30',
      '--co',
      '1',
      '--o3',
      '80',
      '--o3-8h',
      '80',
      '--pm10',
      '70',
      '--pm25',
      '40',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0] ?? '')).toEqual({
      standard: 'HJ 633-2012',
      kind: 'daily',
      at: '2026-02-09T16:00:00.000Z',
      // 2012 Table 1: PM10 70 → 50 + 50·20/100 = 60; PM2.5 40 → ⌈56.25⌉ = 57; NO2 30 → ⌈37.5⌉ = 38.
      aqi: 60,
      level: 2,
      category: '良',
      categoryEn: 'Good',
      color: '#FFFF00',
      primary: ['pm10'],
      iaqi: { so2: 10, no2: 38, co: 25, o3: 25, o3_8h: 40, pm10: 60, pm25: 57 },
      exceeding: [],
      missing: [],
      unused: [],
      notes: [],
    });
  });

  it('names the bad flag and exits 2', async () => {
    const r = await run(['calc', 'aqi', '--kind', 'realtime', '--standard', '2026', '--pm25', '-3']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/--pm25: "-3" is not a non-negative number/);
  });

  it('--input: one JSON result per line, a JSON error naming the field for a bad line, and goes on', async () => {
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      [
        '{"kind":"realtime","standard":"2026","pm25":70}',
        '{"kind":"realtime","standard":"2026","pm10":"lots"}',
        'not json',
        '{"kind":"daily","at":"2017-01-01T00:00","pm25":300,"so2":10,"no2":30,"co":1,"o3":50,"o3_8h":40,"pm10":250}',
        '',
      ].join('\n'),
    );
    const r = await run(['calc', 'aqi', '--input', file]);
    expect(r.code).toBe(1);
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ standard: 'HJ 633-2026', aqi: 110, primary: ['pm25'] });
    expect(lines[1]).toEqual({
      line: 2,
      error: { field: 'pm10', message: 'pm10: "lots" is not a non-negative number' },
    });
    expect(lines[2]).toMatchObject({ line: 3, error: { field: 'line' } });
    // 2012 daily: PM2.5 300 → ⌈300 + 100·50/100⌉ = 350 严重污染; PM10 250 → 150; exceeding PM10 and PM2.5.
    expect(lines[3]).toMatchObject({
      standard: 'HJ 633-2012',
      aqi: 350,
      category: '严重污染',
      primary: ['pm25'],
      exceeding: ['pm10', 'pm25'],
    });
  });
});
