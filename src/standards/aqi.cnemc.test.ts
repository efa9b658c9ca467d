import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calcAqi, CNEMC_POLLUTANT_NAMES_ZH, type AqiInput, type PollutantKey } from './aqi.js';
import { chinaLocalToUtc, HOUR_MS } from './china-time.js';

/** Minimal RFC 4180 reader: quoted fields may hold commas (tied primary pollutants). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (header === undefined) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const FILES = [
  'cnemc_realtime_2017-07-07T16.csv',
  'cnemc_realtime_2018-02-20T07.csv',
  'cnemc_realtime_2026-03-15T08_excerpt.csv',
] as const;

const read = (file: string): Record<string, string>[] =>
  parseCsv(readFileSync(new URL(`../../test/fixtures/cnemc/${file}`, import.meta.url), 'utf8'));

/** `2017-07-07T16:00:00` or `2026-03-15T0800` (hour-ending label, China time) → start of the hour. */
function hourStart(timepoint: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):?(\d{2})/.exec(timepoint);
  if (!m) throw new Error(`bad timepoint ${timepoint}`);
  const label = chinaLocalToUtc({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: 0,
    millisecond: 0,
  });
  return new Date(label.getTime() - HOUR_MS);
}

const isBlank = (v: string | undefined): boolean => v === undefined || v === '' || v === 'NA';
const NAME_TO_KEY = new Map(Object.entries(CNEMC_POLLUTANT_NAMES_ZH).map(([k, v]) => [v, k as PollutantKey]));

/**
 * CNEMC hides a PM10 hourly value lower than the PM2.5 one (in all 2,695 rows of these files with
 * both, PM10 ≥ PM2.5; every row with PM2.5 and no PM10 would have been such a row). Such a PM10 is
 * measured, not missing, and its IAQI cannot exceed PM2.5's (every PM10 breakpoint ≥ PM2.5's), so
 * it changes neither AQI nor primary pollutant. Under HJ 633-2026 §5 a truly missing PM10 would
 * withhold AQIs ≤ 100, yet CNEMC publishes them; so these PM10 blanks are treated as not monitored.
 */
const pm10Hidden = (r: Record<string, string>): boolean => isBlank(r.pm10) && !isBlank(r.pm2_5);

function inputOf(file: string, r: Record<string, string>): AqiInput {
  const notMonitored: PollutantKey[] = [];
  const value = (key: PollutantKey, column: string): number | null => {
    const v = r[column];
    if (v === '/') notMonitored.push(key);
    return isBlank(v) || v === '/' ? null : Number(v);
  };
  // In the 2017/2018 dumps `o3` is a 24-h running maximum and `o3_24h` the current hour (fixture README).
  const o3Column = file.startsWith('cnemc_realtime_2026') ? 'o3' : 'o3_24h';
  const input: AqiInput = {
    kind: 'realtime',
    at: hourStart(r.timepoint ?? ''),
    so2: value('so2', 'so2'),
    no2: value('no2', 'no2'),
    co: value('co', 'co'),
    o3: value('o3', o3Column),
    pm10: value('pm10', 'pm10'),
    pm25: value('pm25', 'pm2_5'),
    so2_24h: isBlank(r.so2_24h) || r.so2_24h === '/' ? null : Number(r.so2_24h),
  };
  if (pm10Hidden(r)) notMonitored.push('pm10');
  return { ...input, notMonitored };
}

describe('real-time AQI reproduces CNEMC publications (test/fixtures/cnemc)', () => {
  it.each(FILES)('%s: AQI, category and primary pollutants of every published row', (file) => {
    const rows = read(file).filter((r) => !isBlank(r.aqi));
    const mismatches: string[] = [];
    let matched = 0;
    for (const r of rows) {
      const result = calcAqi(inputOf(file, r));
      const expectedPrimary = isBlank(r.primarypollutant)
        ? []
        : (r.primarypollutant ?? '').split(',').map((name) => NAME_TO_KEY.get(name) ?? `?${name}`);
      const ok =
        result.aqi === Number(r.aqi) &&
        (r.quality === undefined || result.category === r.quality) &&
        JSON.stringify([...result.primary].sort()) === JSON.stringify([...expectedPrimary].sort());
      if (ok) matched += 1;
      else
        mismatches.push(
          `${r.stationcode}: published ${r.aqi} ${r.quality} ${r.primarypollutant}, got ${JSON.stringify(result)}`,
        );
    }
    console.log(`${file}: ${matched} / ${rows.length} published AQIs reproduced`);
    expect(mismatches).toEqual([]);
  });

  it('covers 3,089 published station-hours (1,462 + 1,475 + 152) with the standard chosen by date', () => {
    expect(read(FILES[0]).filter((r) => !isBlank(r.aqi))).toHaveLength(1462);
    expect(read(FILES[1]).filter((r) => !isBlank(r.aqi))).toHaveLength(1475);
    expect(read(FILES[2]).filter((r) => !isBlank(r.aqi))).toHaveLength(152);
    const first = read(FILES[0])[0];
    const last = read(FILES[2])[0];
    if (first === undefined || last === undefined) throw new Error('empty fixture');
    expect(calcAqi(inputOf(FILES[0], first)).standard).toBe('HJ 633-2012');
    expect(calcAqi(inputOf(FILES[2], last)).standard).toBe('HJ 633-2026');
  });

  it('lists the 2026 rows where CNEMC published an AQI ≤ 100 with PM10 blank (hidden, see pm10Hidden)', () => {
    const rows = read(FILES[2]).filter((r) => !isBlank(r.aqi) && pm10Hidden(r) && Number(r.aqi) <= 100);
    expect(rows.map((r) => `${r.stationcode} ${r.aqi}`)).toEqual([
      '3994A 13',
      '2630A 29',
      '4263A 17',
      '1727A 86',
    ]);
    // Read as truly missing, HJ 633-2026 §5 would withhold them:
    for (const r of rows) {
      const input = inputOf(FILES[2], r);
      const strict = calcAqi({ ...input, notMonitored: input.notMonitored?.filter((k) => k !== 'pm10') });
      expect(strict.aqi).toBeNull();
    }
  });

  it('withholds the AQI as CNEMC did for 2594A (SO2 and PM10 missing, AQI from the rest 25 ≤ 100, HJ 633-2026 §5)', () => {
    const r = read(FILES[2]).find((row) => row.stationcode === '2594A');
    if (r === undefined) throw new Error('2594A not in fixture');
    expect(r.aqi).toBe('NA');
    const result = calcAqi(inputOf(FILES[2], r));
    expect(result.aqi).toBeNull();
    expect(result.missing).toEqual(['so2']);
    expect(Math.max(...Object.values(result.iaqi))).toBe(25);
  });

  it('publishes 1957A (SO2 and CO not monitored, "/") as CNEMC did: AQI 130, PM10', () => {
    const r = read(FILES[2]).find((row) => row.stationcode === '1957A');
    if (r === undefined) throw new Error('1957A not in fixture');
    expect(calcAqi(inputOf(FILES[2], r))).toMatchObject({ aqi: 130, primary: ['pm10'], missing: [] });
  });
});
