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
      beyondTable: [],
      notes: [],
    });
  });

  const DUST = ['calc', 'aqi', '--kind', 'realtime', '--standard', '2026', '--pm10', '800', '--pm25', '90'];

  it('above the table by default: AQI 500, that pollutant primary and listed in beyondTable (exit 0)', async () => {
    const r = await run([...DUST, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0] ?? '')).toMatchObject({
      standard: 'HJ 633-2026',
      aqi: 500,
      level: 6,
      category: '严重污染',
      categoryEn: 'Severely polluted',
      primary: ['pm10'],
      iaqi: { pm10: 500, pm25: 128 },
      beyondTable: ['pm10'],
    });
    const text = await run(DUST);
    expect(text.out).toEqual([
      'HJ 633-2026 realtime: AQI 500, level 6 严重污染 (Severely polluted), #7E0023; primary pm10; IAQI pm10 500, pm25 128; above the table (IAQI 500) pm10',
    ]);
  });

  it('--strict refuses a value above the table, naming the pollutant, the value and the top breakpoint (exit 2)', async () => {
    const r = await run([...DUST, '--strict', '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(
      /^qingshan: --pm10: 800 µg\/m³ is above the top breakpoint 600 µg\/m³ of HJ 633-2026 Table 3 \(pm10_24h\)/,
    );
    const onTable = await run([...DUST.slice(0, -4), '--pm10', '600', '--strict', '--json']);
    expect(onTable.code).toBe(0);
    expect(JSON.parse(onTable.out[0] ?? '')).toMatchObject({ aqi: 500, beyondTable: [] });
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

  it('--input: a row above the table is a result (AQI 500, beyondTable), not an error, and the run exits 0', async () => {
    const file = join(dir, 'dust.jsonl');
    writeFileSync(
      file,
      [
        '{"kind":"realtime","standard":"2026","pm25":70}',
        '{"kind":"realtime","standard":"2026","so2":8,"no2":20,"co":0.4,"o3":60,"pm10":1800,"pm25":320}',
        '{"kind":"daily","standard":"2012","so2":10,"no2":30,"co":61,"o3":50,"o3_8h":40,"pm10":120,"pm25":600}',
      ].join('\n'),
    );
    const r = await run(['calc', 'aqi', '--input', file]);
    expect(r.code).toBe(0);
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ aqi: 110, beyondTable: [] });
    expect(lines[1]).toMatchObject({
      aqi: 500,
      category: '严重污染',
      primary: ['pm10'],
      beyondTable: ['pm10'],
    });
    expect(lines[2]).toMatchObject({ aqi: 500, primary: ['co', 'pm25'], beyondTable: ['co', 'pm25'] });
  });

  it('--strict is for single runs: with --input it is refused before any line is read (exit 2)', async () => {
    const file = join(dir, 'strict.jsonl');
    writeFileSync(file, '{"kind":"realtime","standard":"2026","pm10":800}\n');
    const r = await run(['calc', 'aqi', '--input', file, '--strict']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(/--strict: applies to a single run/);
  });

  it('--help says the default above the table, --strict and the batch exit codes', async () => {
    const r = await run(['calc', 'aqi', '--help']);
    const help = [...r.out, ...r.err].join('\n');
    expect(help).toMatch(/--strict/);
    expect(help).toMatch(/gets IAQI 500/);
    expect(help).toMatch(/never an error/);
    expect(help).toMatch(/the exit code is then 1/);
  });
});
