/**
 * `qingshan report <kind> --period … --format pdf|xlsx|html --out <file> [--enterprise <code>]`:
 * renders a report from the database (docs/reports.md) and writes it to a file, printing its size
 * and SHA-256. The report is not stored in the platform (generate through the API to keep a record).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Clock } from '../clock.js';
import type { ConfigFlags } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../reports/report-doc.js';
import { createServices } from '../services.js';
import type { Store } from '../store/store.js';
import { CLI_ACTOR } from './audit.command.js';

export interface ReportCommandIo {
  out: (line: string) => void;
  clock: Clock;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** Opens the store the options name. */
  open: (opts: ConfigFlags) => Promise<Store>;
  /** A service's refusal as the setting it names (main.ts). */
  asSettingError: (err: unknown) => unknown;
}

function choice<T extends string>(value: string, choices: readonly T[], setting: string): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new ConfigError(setting, `"${value}" is not one of ${choices.join(', ')}`);
  return found;
}

/** Adds `report` to the program. */
export function addReportCommand(program: Command, io: ReportCommandIo): void {
  io.withCommon(
    program
      .command('report')
      .description(`write a report to a file: ${REPORT_KINDS.join(', ')}`)
      .argument('<kind>', REPORT_KINDS.join(' | '))
      .requiredOption(
        '--period <period>',
        'YYYY-MM-DD (air-daily), YYYY-MM (monthly), YYYY (indicators-annual)',
      )
      .option('--format <format>', REPORT_FORMATS.join(' | '), 'pdf')
      .requiredOption('--out <file>', 'the file to write')
      .option('--enterprise <code>', 'enterprise-monthly: the enterprise code'),
  ).action(
    async (
      kindText: string,
      opts: ConfigFlags & { period: string; format: string; out: string; enterprise?: string },
    ) => {
      const kind: ReportKind = choice(kindText, REPORT_KINDS, '<kind>');
      const format: ReportFormat = choice(opts.format, REPORT_FORMATS, '--format');
      const store = await io.open(opts);
      try {
        const { reports } = createServices({ store, clock: io.clock });
        const rendered = await reports
          .render(
            { kind, period: opts.period, enterprise: opts.enterprise },
            format,
            { kind: 'all' },
            CLI_ACTOR.username,
          )
          .catch((e: unknown) => {
            throw io.asSettingError(e);
          });
        await writeFile(opts.out, rendered.bytes);
        const sha = createHash('sha256').update(rendered.bytes).digest('hex');
        io.out(
          `wrote ${opts.out}: ${kind} ${opts.period} ${format}, ${rendered.bytes.length} bytes, sha256 ${sha}`,
        );
      } finally {
        await store.close();
      }
    },
  );

  io.withCommon(
    program
      .command('indicator-import')
      .description('enter indicator targets and statistics from CSV: kind,key,year,scope,code,value,note')
      .argument('<file>', 'CSV file with a header row'),
  ).action(async (file: string, opts: ConfigFlags) => {
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new ConfigError('<file>', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const store = await io.open(opts);
    try {
      const { indicators } = createServices({ store, clock: io.clock });
      const r = await indicators.importCsv(CLI_ACTOR, text);
      for (const e of r.errors) io.out(`${file}:${e.line}: ${e.message}`);
      io.out(`${r.stored} entr${r.stored === 1 ? 'y' : 'ies'} stored, ${r.errors.length} error(s)`);
      if (r.errors.length > 0) throw new ConfigError('<file>', `${r.errors.length} row(s) were not entered`);
    } finally {
      await store.close();
    }
  });
}
