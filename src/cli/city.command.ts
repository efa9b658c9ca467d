/**
 * `qingshan city import|template|export`: a city's master data as a package of files
 * (docs/city-package.md). `import` prints the report — every rejection and warning with file, sheet,
 * line and column, then the counts per entity — and exits 1 when any row was rejected.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ConfigFlags } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type { CityImportReport, IssueLang } from '../registry/city-import.service.js';
import { PACKAGE_ENTITIES } from '../registry/city-package/format.js';
import { packageXlsx, templateXlsx, writePackageFolder } from '../registry/city-package/template.js';
import type { Services } from '../services.js';
import { CLI_ACTOR } from './audit.command.js';

export interface CityCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** Opens the store the options name, builds the services over it, and closes it after `use`. */
  withServices: <T>(opts: ConfigFlags, use: (services: Services) => Promise<T>) => Promise<T>;
  /** The error that ends the command with an exit code after it has printed why. */
  exit: (code: number) => Error;
}

/** The language of the messages: --lang, else the environment's (zh for a zh_* locale), else en. */
function langOf(flag: string | undefined): IssueLang {
  if (flag === 'zh' || flag === 'en') return flag;
  const env = process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '';
  return env.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The report as lines for a person. */
export function reportLines(r: CityImportReport): { out: string[]; err: string[] } {
  const zh = r.lang === 'zh';
  const err = r.rejections.map((i) => `${zh ? '错误' : 'error'}: ${i.text}`);
  const out = r.warnings.map((i) => `${zh ? '警告' : 'warning'}: ${i.text}`);
  const would = !r.applied && (r.dryRun || r.rejections.length > 0);
  for (const e of PACKAGE_ENTITIES) {
    if (!r.present.includes(e)) continue;
    const c = r.entities[e];
    out.push(
      zh
        ? `${e}：${would ? '将' : ''}新建 ${c.created}，${would ? '将' : ''}更新 ${c.updated}，未变 ${c.unchanged}，拒绝 ${c.rejected}`
        : `${e}: ${c.created} ${would ? 'to create' : 'created'}, ${c.updated} ${would ? 'to update' : 'updated'}, ${c.unchanged} unchanged, ${c.rejected} rejected`,
    );
  }
  out.push(...r.notes);
  return { out, err };
}

/** Adds `city import`, `city template` and `city export` to the program. */
export function addCityCommand(program: Command, io: CityCommandIo): void {
  const city = program
    .command('city')
    .description("the city's master data as a package of files (docs/city-package.md)");

  io.withCommon(
    city
      .command('import')
      .description(
        'check and load a city package (a folder of CSV files with boundaries.geojson, or one .xlsx) in one transaction',
      )
      .argument('<path>', 'a package folder or an .xlsx workbook')
      .option('--partial', 'import the rows that pass even when others are rejected')
      .option('--dry-run', 'check and compare only; write nothing')
      .option(
        '--boundaries <file>',
        'the boundaries GeoJSON of an .xlsx package (default: boundaries.geojson beside it)',
      )
      .addOption(new Option('--lang <lang>', 'language of the messages').choices(['zh', 'en']))
      .option('--json', 'print the report as one JSON object'),
  ).action(
    async (
      path: string,
      opts: ConfigFlags & {
        partial?: boolean;
        dryRun?: boolean;
        boundaries?: string;
        lang?: string;
        json?: boolean;
      },
    ) => {
      if (!existsSync(path)) throw new ConfigError('<path>', `${path} does not exist`);
      if (opts.boundaries !== undefined && !existsSync(opts.boundaries)) {
        throw new ConfigError('--boundaries', `${opts.boundaries} does not exist`);
      }
      const report = await io.withServices(opts, ({ cityImport }) =>
        cityImport.importPackage(path, {
          actor: CLI_ACTOR,
          partial: opts.partial === true,
          dryRun: opts.dryRun === true,
          boundariesFile: opts.boundaries,
          lang: langOf(opts.lang),
        }),
      );
      if (opts.json === true) io.out(JSON.stringify(report));
      else {
        const lines = reportLines(report);
        for (const l of lines.err) io.err(l);
        for (const l of lines.out) io.out(l);
      }
      if (report.rejections.length > 0) throw io.exit(1);
    },
  );

  city
    .command('template')
    .description(
      'write the empty package workbook: a sheet per table with its header, drop-down lists and instructions',
    )
    .requiredOption('--out <file.xlsx>', 'the workbook to write')
    .action(async (opts: { out: string }) => {
      if (!opts.out.toLowerCase().endsWith('.xlsx'))
        throw new ConfigError('--out', `${opts.out} must end in .xlsx`);
      await writeFile(opts.out, await templateXlsx());
      io.out(
        `wrote ${opts.out}: the sheets of a city package with their headers, drop-down lists and an instructions sheet`,
      );
    });

  io.withCommon(
    city
      .command('export')
      .description('write the master data in service as a city package (importing it again changes nothing)')
      .requiredOption(
        '--out <folder|file.xlsx>',
        'a folder (CSV files) or an .xlsx workbook (boundaries.geojson beside it)',
      ),
  ).action(async (opts: ConfigFlags & { out: string }) => {
    const pkg = await io.withServices(opts, ({ cityImport }) => cityImport.exportPackage());
    if (opts.out.toLowerCase().endsWith('.xlsx')) {
      await writeFile(opts.out, await packageXlsx(pkg.tables));
      const beside = join(dirname(opts.out), 'boundaries.geojson');
      await writeFile(beside, pkg.boundaries, 'utf8');
      io.out(`wrote ${opts.out} and ${beside}`);
    } else {
      const files = await writePackageFolder(opts.out, pkg);
      io.out(`wrote ${files.length} files to ${opts.out}: ${files.join(', ')}`);
    }
    const rows = pkg.tables.map((t) => `${t.title.en} ${t.rows.length}`).join(', ');
    io.out(`rows: ${rows}`);
  });
}
