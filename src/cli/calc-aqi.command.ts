/**
 * `qingshan calc aqi`: the HJ 633 AQI of one set of concentrations (flags), or of many (`--input`, one
 * JSON object per line, one JSON result or error per line). A concentration above the top of its
 * column gives IAQI 500 and is listed in `beyondTable`, as CNEMC publishes; `--strict` refuses it
 * (single runs only: a batch always reports such rows).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CommanderError, type Command } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import { ConfigError } from '../config/config.js';
import { AQI_CALC_KEYS, AqiCalcError, runAqiCalc, type AqiCalcOutput } from '../monitor/air-calc.js';

interface CalcAqiFlags {
  kind?: string;
  standard?: string;
  at?: string;
  so2?: string;
  no2?: string;
  co?: string;
  o3?: string;
  o38h?: string;
  pm10?: string;
  pm25?: string;
  input?: string;
  json?: boolean;
  strict?: boolean;
}

/** One human-readable line. */
function describe(r: AqiCalcOutput): string {
  if (r.aqi === null) {
    return `${r.standard} ${r.kind}: AQI NA${r.missing.length > 0 ? ` (missing ${r.missing.join(', ')})` : ''}`;
  }
  const parts = [
    `${r.standard} ${r.kind}: AQI ${r.aqi}, level ${r.level} ${r.category} (${r.categoryEn}), ${r.color}`,
    `primary ${r.primary.length > 0 ? r.primary.join(', ') : '—'}`,
    `IAQI ${Object.entries(r.iaqi)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  if (r.exceeding !== undefined)
    parts.push(`exceeding ${r.exceeding.length > 0 ? r.exceeding.join(', ') : '—'}`);
  if (r.beyondTable.length > 0) parts.push(`above the table (IAQI 500) ${r.beyondTable.join(', ')}`);
  return parts.join('; ');
}

async function runBatch(file: string, out: (line: string) => void, clock: Clock): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let bad = 0;
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === '') continue;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (e) {
        throw new AqiCalcError('line', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new AqiCalcError('line', 'not a JSON object');
      }
      out(JSON.stringify(runAqiCalc(parsed as Record<string, unknown>, clock.now())));
    } catch (e) {
      if (!(e instanceof AqiCalcError)) throw e;
      bad += 1;
      out(JSON.stringify({ line: n, error: { field: e.field, message: e.message } }));
    }
  }
  return bad;
}

/** Adds `calc aqi` under the `calc` command. */
export function registerCalcAqiCommand(
  calc: Command,
  out: (line: string) => void,
  clock: Clock = systemClock,
): void {
  calc
    .command('aqi')
    .description(
      'air quality index per HJ 633-2012 / HJ 633-2026 (µg/m³, CO mg/m³; a pollutant left out is missing)',
    )
    .option('--kind <kind>', 'realtime (1-h values) or daily (24-h means, --o3-8h daily max 8-h)')
    .option('--standard <year>', '2012 or 2026 (default: chosen by --at, else the version in force now)')
    .option('--at <time>', 'start of the averaging period, ISO 8601 (no offset = China time)')
    .option('--so2 <n>', 'SO2 µg/m³')
    .option('--no2 <n>', 'NO2 µg/m³')
    .option('--co <n>', 'CO mg/m³')
    .option('--o3 <n>', 'O3 1-h µg/m³ (daily 2012: daily max 1-h)')
    .option('--o3-8h <n>', 'O3 8-h µg/m³ (daily: daily max 8-h)')
    .option('--pm10 <n>', 'PM10 µg/m³')
    .option('--pm25 <n>', 'PM2.5 µg/m³')
    .option(
      '--input <file>',
      'batch: JSON lines with keys kind, standard, at, so2, no2, co, o3, o3_8h, pm10, pm25; one JSON result or error per line',
    )
    .option('--json', 'one JSON object')
    .option(
      '--strict',
      'refuse a concentration above the top breakpoint of its column (exit 2) instead of IAQI 500; not with --input',
    )
    .addHelpText(
      'after',
      `
Above the table: a concentration above the top breakpoint of its column (dust storms, fireworks)
  gets IAQI 500 — AQI 500, 严重污染, that pollutant primary — and is listed in "beyondTable", as
  CNEMC publishes (SO2 1-h and O3 8-h above 800 keep HJ 633 notes 2 and 3). --strict refuses such
  a value instead: exit 2 and a message naming the pollutant, the value and the top breakpoint.
Batch (--input): every line is answered, in order. A row above the table is a result (AQI 500,
  "beyondTable"), never an error. A line that is not a JSON object or has a bad field (unknown key,
  kind or standard, a value that is negative or not a number, an unparseable at) is answered
  {"line": n, "error": {"field", "message"}} and the run goes on; the exit code is then 1.
  Exit 0 when every line gave a result.`,
    )
    .action(async (opts: CalcAqiFlags) => {
      if (opts.input !== undefined) {
        if (opts.strict === true) {
          throw new ConfigError(
            '--strict',
            'applies to a single run; with --input a row above the table is reported as AQI 500 with beyondTable',
          );
        }
        const bad = await runBatch(opts.input, out, clock);
        // Every line is answered first; the exit code then says that some failed.
        if (bad > 0) throw new CommanderError(1, 'qingshan.calcAqi.badLines', `${bad} line(s) failed`);
        return;
      }
      const input: Record<string, unknown> = { kind: opts.kind, standard: opts.standard, at: opts.at };
      for (const k of AQI_CALC_KEYS) {
        const v = k === 'o3_8h' ? opts.o38h : opts[k];
        if (v !== undefined) input[k] = v;
      }
      try {
        const result = runAqiCalc(input, clock.now(), { strict: opts.strict === true });
        out(opts.json === true ? JSON.stringify(result) : describe(result));
      } catch (e) {
        if (e instanceof AqiCalcError) {
          throw new ConfigError(e.field === 'o3_8h' ? '--o3-8h' : `--${e.field}`, e.detail);
        }
        throw e;
      }
    });
}
