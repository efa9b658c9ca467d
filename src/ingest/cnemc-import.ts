/**
 * History import of CNEMC (中国环境监测总站) station-hour CSVs — the real-time feed as archived by
 * geoinsights/ChinaAQIData (2017/2018 layout) and HeQinWill/CNEMC (2022– layout, used for the 2026
 * file); see test/fixtures/cnemc/README.md for the columns.
 *
 * - Time: `timepoint` is the CNEMC hour-ENDING label in China time; a reading is stored at the START
 *   of its hour (docs/standards/china-time.md §3), converted here once by {@link cnemcHourStart}.
 * - Hourly O3: the `o3` column in the 2022– layout; `o3_24h` in the 2017/2018 layout (there `o3` is a
 *   24-h running maximum — the fixture README's caveat). The layout is told by its header: `ispublish`
 *   or `lon` means 2017/2018.
 * - Missing: empty and `NA`; `/` = not monitored at the station (recorded in the station's
 *   `notMonitored` attribute, HJ 633-2026 §5). A PM10 left blank next to a PM2.5 value is the feed
 *   hiding a PM10 below PM2.5 (fixture README, aqi.cnemc.test.ts): it is stored as value null with
 *   text `<pm25` so that the evaluation knows its bound.
 * - Unknown stations become air stations (network national) with the file's code, name and position;
 *   their district is the city (`area`): an existing district of that exact name, else one created
 *   with the derived code `cn-` + 8 hex digits of SHA-256(name) — stable across imports, and plainly
 *   not a GB/T 2260 code (the feed gives none).
 * - Idempotent: readings are keyed (site, parameter, hour); a re-import reports duplicates.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from '../clock.js';
import { AIR_PARAMETER_CODES } from '../monitor/air-assessment.js';
import { chinaLocalToUtc, HOUR_MS } from '../standards/china-time.js';
import type { Hj663Pollutant } from '../standards/hj663.js';
import type { Store } from '../store/store.js';
import type { Reading, Site } from '../store/types.js';
import { displayNameProblem } from '../registry/display-name.js';
import { readCsv } from './csv.js';

const BATCH_READINGS = 5_000;

/** A rejected row: where, which field, why. */
export interface RejectedRow {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export interface CnemcImportReport {
  files: number;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows with at least one reading newly stored. */
  stored: number;
  /** Rows all of whose readings were stored before. */
  duplicated: number;
  /** Rows without any value (every pollutant missing). */
  empty: number;
  rejected: RejectedRow[];
  readingsStored: number;
  readingsDuplicated: number;
  stationsCreated: string[];
  districtsCreated: { code: string; name: string }[];
}

export interface CnemcImportOptions {
  clock: Clock;
  /** Called after each stored batch and at the end of a file. */
  onProgress?: (done: { rows: number; bytes: number; totalBytes: number }) => void;
}

/**
 * `2017-07-07T16:00:00` or `2026-03-15T0800` (CNEMC hour-ending label, China time) → the UTC start
 * of the hour it averages (one hour earlier). Hour 24 is not used by the feed; `00` is midnight.
 */
export function cnemcHourStart(timepoint: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(timepoint.trim());
  if (m === null || m[5] !== '00' || (m[6] !== undefined && m[6] !== '00')) {
    throw new RangeError(
      `"${timepoint}" is not an hour label such as 2026-03-15T0800 or 2017-07-07T16:00:00`,
    );
  }
  const label = chinaLocalToUtc({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  return new Date(label.getTime() - HOUR_MS);
}

/** The district code derived for a CNEMC city name (see the module comment). */
export function cnemcDistrictCode(area: string): string {
  return `cn-${createHash('sha256').update(area.trim(), 'utf8').digest('hex').slice(0, 8)}`;
}

/** Pollutant → column of the hourly value, by layout. */
function valueColumns(legacy: boolean): Record<Hj663Pollutant, string> {
  return { so2: 'so2', no2: 'no2', co: 'co', o3: legacy ? 'o3_24h' : 'o3', pm10: 'pm10', pm25: 'pm2_5' };
}

const MISSING = new Set(['', 'NA', 'N/A', '-', '—']);

/** CSV files of a path: the file itself, or every `.csv` under a folder (recursively, sorted). */
export async function cnemcFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await cnemcFiles(full)));
    else if (entry.name.toLowerCase().endsWith('.csv')) out.push(full);
  }
  return out;
}

interface Station {
  site: Site;
  notMonitored: Set<string>;
  changed: boolean;
}

/** Imports CNEMC station-hour CSV files (a file or a folder) into the store. */
export async function importCnemc(
  store: Store,
  path: string,
  options: CnemcImportOptions,
): Promise<CnemcImportReport> {
  const files = await cnemcFiles(path);
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const report: CnemcImportReport = {
    files: files.length,
    rows: 0,
    stored: 0,
    duplicated: 0,
    empty: 0,
    rejected: [],
    readingsStored: 0,
    readingsDuplicated: 0,
    stationsCreated: [],
    districtsCreated: [],
  };
  const stations = new Map<string, Station>();
  const districts = new Map((await store.districts.list()).map((d) => [d.name, d.code]));
  let bytesDone = 0;

  const stationFor = async (code: string, get: (c: string) => string): Promise<Station | string> => {
    const known = stations.get(code);
    if (known !== undefined) return known;
    let site = await store.sites.getByCode(code);
    if (site !== null && site.kind !== 'air_station')
      return `site ${code} exists as a ${site.kind}, not an air station`;
    if (site === null) {
      const area = get('area') || '未知城市';
      const name = get('positionname') || code;
      // names reach pages, tooltips and spreadsheets: refuse markup and formulas here (docs/security.md §5)
      const areaProblem = displayNameProblem(area);
      if (areaProblem !== null) return `area "${area.slice(0, 40)}": a name ${areaProblem.en}`;
      const nameProblem = displayNameProblem(name);
      if (nameProblem !== null) return `positionname "${name.slice(0, 40)}": a name ${nameProblem.en}`;
      let districtCode = districts.get(area);
      if (districtCode === undefined) {
        districtCode = cnemcDistrictCode(area);
        await store.districts.upsertMany([{ code: districtCode, name: area, nameEn: area }]);
        districts.set(area, districtCode);
        report.districtsCreated.push({ code: districtCode, name: area });
      }
      const coord = (a: string, b: string): number | null => {
        const n = Number(get(a) || get(b) || 'x');
        return Number.isFinite(n) ? n : null;
      };
      site = await store.sites.create({
        kind: 'air_station',
        code,
        name,
        districtCode,
        longitude: coord('longitude', 'lon'),
        latitude: coord('latitude', 'lat'),
        attributes: { network: 'national', source: 'CNEMC', area },
      });
      report.stationsCreated.push(code);
    }
    const raw = site.attributes.notMonitored;
    const station: Station = {
      site,
      notMonitored: new Set(Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : []),
      changed: false,
    };
    stations.set(code, station);
    return station;
  };

  for (const [index, file] of files.entries()) {
    const name = basename(file);
    const source = `csv:${name}`;
    const text = await readFile(file, 'utf8');
    const rows = readCsv(text);
    const header = rows.next();
    if (header.done === true) {
      report.rejected.push({ file: name, line: 1, field: 'header', reason: 'empty file' });
      continue;
    }
    const columns = header.value.fields.map((f) => f.trim().toLowerCase());
    const legacy = columns.includes('ispublish') || columns.includes('lon');
    const valueColumn = valueColumns(legacy);
    const needed = ['timepoint', 'stationcode', ...Object.values(valueColumn)];
    const lacking = needed.filter((c) => !columns.includes(c));
    if (lacking.length > 0) {
      report.rejected.push({
        file: name,
        line: 1,
        field: lacking.join(','),
        reason: 'header lacks the column(s)',
      });
      continue;
    }

    let batch: { reading: Reading; row: number }[] = [];
    const rowState = new Map<number, { stored: number; duplicates: number }>();
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const res = await store.readings.insertBatch(batch.map((b) => b.reading));
      const dup = new Set(res.duplicates);
      for (const b of batch) {
        const s = rowState.get(b.row) ?? { stored: 0, duplicates: 0 };
        if (dup.has(b.reading)) s.duplicates += 1;
        else s.stored += 1;
        rowState.set(b.row, s);
      }
      report.readingsStored += res.inserted;
      report.readingsDuplicated += res.duplicates.length;
      batch = [];
      options.onProgress?.({ rows: report.rows, bytes: bytesDone, totalBytes });
    };

    for (const row of rows) {
      report.rows += 1;
      const get = (c: string): string => (row.fields[columns.indexOf(c)] ?? '').trim();
      const reject = (field: string, reason: string): void => {
        report.rejected.push({ file: name, line: row.line, field, reason });
      };
      if (row.problem !== undefined) {
        reject('csv', row.problem);
        continue;
      }
      const code = get('stationcode');
      if (!/^[0-9A-Za-z-]{1,32}$/.test(code)) {
        reject('stationcode', code === '' ? 'missing' : `"${code}" is not a station code`);
        continue;
      }
      let hourStart: Date;
      try {
        hourStart = cnemcHourStart(get('timepoint'));
      } catch (e) {
        reject('timepoint', e instanceof Error ? e.message : String(e));
        continue;
      }
      const values = new Map<Hj663Pollutant, { value: number; text: string }>();
      const notMonitored: Hj663Pollutant[] = [];
      let bad: { field: string; reason: string } | null = null;
      for (const [p, column] of Object.entries(valueColumn) as [Hj663Pollutant, string][]) {
        const text = get(column);
        if (text === '/') notMonitored.push(p);
        else if (!MISSING.has(text.toUpperCase())) {
          const n = Number(text);
          if (!Number.isFinite(n) || n < 0 || !/^\d+(\.\d+)?$/.test(text)) {
            bad = { field: column, reason: `"${text}" is not a non-negative number` };
            break;
          }
          values.set(p, { value: n, text });
        }
      }
      if (bad !== null) {
        reject(bad.field, bad.reason);
        continue;
      }
      const station = await stationFor(code, get);
      if (typeof station === 'string') {
        reject('stationcode', station);
        continue;
      }
      for (const p of notMonitored) {
        if (!station.notMonitored.has(p)) {
          station.notMonitored.add(p);
          station.changed = true;
        }
      }
      const base = {
        siteId: station.site.id,
        interval: 'hour' as const,
        periodStart: hourStart,
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source,
        receivedAt: options.clock.now(),
      };
      const readings: Reading[] = [...values].map(([p, v]) => ({
        ...base,
        parameter: AIR_PARAMETER_CODES[p],
        value: v.value,
        valueText: v.text,
      }));
      const pm25 = values.get('pm25');
      if (pm25 !== undefined && !values.has('pm10') && !notMonitored.includes('pm10')) {
        readings.push({
          ...base,
          parameter: AIR_PARAMETER_CODES.pm10,
          value: null,
          valueText: `<${pm25.text}`,
        });
      }
      if (readings.length === 0) {
        report.empty += 1;
        continue;
      }
      for (const reading of readings) batch.push({ reading, row: row.line });
      if (batch.length >= BATCH_READINGS) await flush();
    }
    await flush();
    for (const s of rowState.values()) {
      if (s.stored > 0) report.stored += 1;
      else report.duplicated += 1;
    }
    bytesDone += sizes[index] ?? 0;
    options.onProgress?.({ rows: report.rows, bytes: bytesDone, totalBytes });
  }

  for (const s of stations.values()) {
    if (s.changed) {
      await store.air.setSiteAttributes(s.site.id, {
        ...s.site.attributes,
        notMonitored: [...s.notMonitored].sort(),
      });
    }
  }
  return report;
}
