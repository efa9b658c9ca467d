/**
 * `qingshan import <file|folder> --format cnemc`: history import of CNEMC station-hour CSVs
 * (ingest/cnemc-import.ts), with a progress bar on a terminal and a report of rows read, stored,
 * duplicated and rejected (with reasons).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { ConfigError } from '../config/config.js';
import type { ConfigFlags } from '../config/config.js';
import { importCnemc } from '../ingest/cnemc-import.js';
import type { Store } from '../store/store.js';

export interface ImportCommandDeps {
  err: (line: string) => void;
  withCommon: (cmd: Command) => Command;
  open: (opts: ConfigFlags) => Promise<Store>;
  clock?: Clock;
  /** Where the progress bar is drawn; null for none (default: stderr when it is a terminal). */
  progress?: NodeJS.WriteStream | null;
}

/** Rejections listed one by one before the rest is summed up. */
const MAX_LISTED_REJECTIONS = 50;

function bar(done: number, total: number): string {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(share * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%`;
}

export function registerImportCommand(
  program: Command,
  out: (line: string) => void,
  deps: ImportCommandDeps,
): void {
  const clock = deps.clock ?? systemClock;
  deps
    .withCommon(
      program
        .command('import')
        .description('import monitoring history from files')
        .argument('<path>', 'a CSV file, or a folder whose .csv files (recursively) are imported')
        .addOption(new Option('--format <format>', 'file layout').choices(['cnemc']).makeOptionMandatory())
        .addHelpText(
          'after',
          `
Formats:
  cnemc  CNEMC real-time station-hour CSV (columns timepoint, stationcode, area, positionname,
         so2, no2, co, o3, pm10, pm2_5, lon/lat or longitude/latitude, …; the 2017/2018 layout with
         ispublish and the 2022– layout). timepoint is the hour-ENDING label in China time; readings
         are stored at the start of the hour. NA, empty and / are missing (/ = not monitored).
         Unknown stations are created as air stations; each city (area) becomes a district with
         the code cn-<8 hex of SHA-256(name)> unless a district of that name exists.
Re-importing a file stores nothing twice: its rows are reported as duplicated.
Exit status 1 when no row was read or any row was rejected (the rows stored stay stored).`,
        ),
    )
    .action(async (path: string, opts: ConfigFlags & { format: string }) => {
      if (opts.format !== 'cnemc') throw new ConfigError('--format', `"${opts.format}" is not supported`);
      const tty =
        deps.progress === undefined ? (process.stderr.isTTY ? process.stderr : null) : deps.progress;
      const store = await deps.open(opts);
      let failed: string | null;
      try {
        const started = Date.now();
        const report = await importCnemc(store, path, {
          clock,
          onProgress: ({ rows, bytes, totalBytes }) => {
            tty?.write(`\r${bar(bytes, totalBytes)} ${rows.toLocaleString('en')} rows`);
          },
        }).catch((e: unknown) => {
          if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
            throw new ConfigError('<path>', `${path} does not exist`);
          }
          throw e;
        });
        tty?.write('\n');
        for (const r of report.rejected.slice(0, MAX_LISTED_REJECTIONS)) {
          deps.err(`${r.file}:${r.line}: rejected (${r.field}): ${r.reason}`);
        }
        if (report.rejected.length > MAX_LISTED_REJECTIONS) {
          deps.err(`… and ${report.rejected.length - MAX_LISTED_REJECTIONS} more rejected row(s)`);
        }
        const reasons = new Map<string, number>();
        for (const r of report.rejected) reasons.set(r.field, (reasons.get(r.field) ?? 0) + 1);
        out(
          `${report.files} file(s), ${report.rows} row(s) read: ${report.stored} stored, ${report.duplicated} duplicated, ` +
            `${report.rejected.length} rejected, ${report.empty} without values ` +
            `(${report.readingsStored} readings stored, ${report.readingsDuplicated} already stored) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        if (reasons.size > 0) {
          out(`rejected by field: ${[...reasons].map(([f, n]) => `${f} ${n}`).join(', ')}`);
        }
        if (report.stationsCreated.length > 0 || report.districtsCreated.length > 0) {
          out(
            `created ${report.stationsCreated.length} air station(s) and ${report.districtsCreated.length} district(s) ` +
              '(district codes derived: cn-<8 hex of SHA-256(city name)>)',
          );
        }
        failed = importFailure(report.rows, report.rejected.length);
      } finally {
        await store.close();
      }
      // main() prints it as `qingshan: …` and exits 1
      if (failed !== null) throw new Error(failed);
    });
}

/**
 * Why an import run counts as failed (exit 1), or null: no row read at all, or rows rejected — the
 * rows that were stored stay stored, and a rerun stores nothing twice (docs/security.md §10).
 */
export function importFailure(rows: number, rejected: number): string | null {
  if (rows === 0) return 'no data rows were read';
  if (rejected === rows) return `every one of the ${rows} row(s) was rejected; nothing was imported`;
  if (rejected > 0) return `${rejected} of ${rows} row(s) were rejected; the others were imported`;
  return null;
}
