/**
 * `qingshan calc water` and `qingshan calc black-odorous`: the surface-water calculators from the
 * command line, with the names of `GET /api/v1/calc/water` and `GET /api/v1/calc/black-odorous`.
 */
import type { Command } from 'commander';
import { ConfigError } from '../config/config.js';
import { GB3838_ITEMS, ITEM_KEYS, WaterInputError } from '../standards/gb3838-2002.js';
import { calcBlackOdorous, calcWater, type ItemKey, type LimitedClass } from '../standards/water.js';

function numberOf(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new ConfigError(flag, `"${text}" is not a number`);
  return n;
}

function asConfigError(e: unknown): unknown {
  return e instanceof WaterInputError ? new ConfigError(`--${e.item}`, e.message) : e;
}

/** Adds `water` and `black-odorous` to the `calc` command. */
export function registerCalcWaterCommand(calc: Command, out: (line: string) => void): void {
  const water = calc
    .command('water')
    .description(
      'GB 3838-2002 class of a section or lake point by the 2011 method, main pollutants, CWQI and target (values in GB 3838 units)',
    )
    .requiredOption('--type <type>', 'river or lake')
    .option('--target <class>', 'target class: I, II, III, IV or V');
  for (const k of ITEM_KEYS) {
    const spec = GB3838_ITEMS[k];
    water.option(`--${k} <n>`, `${spec.nameEn} ${spec.nameZh} (${spec.unit})`);
  }
  water.option('--json', 'one JSON object').action((opts: Record<string, string | boolean | undefined>) => {
    const values: Partial<Record<ItemKey, number>> = {};
    for (const k of ITEM_KEYS) {
      const v = opts[k];
      if (typeof v === 'string') values[k] = numberOf(v, `--${k}`);
    }
    const type = opts.type;
    if (type !== 'river' && type !== 'lake') {
      throw new ConfigError('--type', `"${String(type)}" must be river or lake`);
    }
    const target = typeof opts.target === 'string' ? opts.target : undefined;
    let result;
    try {
      result = calcWater({
        type,
        ...(target === undefined ? {} : { target: target as LimitedClass }),
        values,
      });
    } catch (e) {
      throw asConfigError(e);
    }
    if (opts.json === true) {
      out(JSON.stringify(result));
      return;
    }
    out(
      `class ${result.class} (${result.status.zh}, ${result.status.en})` +
        (target === undefined ? '' : `; target ${target} ${result.meetsTarget === true ? 'met' : 'not met'}`),
    );
    out(`CWQI ${result.cwqi.toFixed(4)}`);
    if (result.mainPollutants.length > 0) {
      out(
        `main pollutants: ${result.mainPollutants
          .map((p) => `${p.item} (${p.class}${p.multiple === null ? '' : `, ${p.multiple}×`})`)
          .join(', ')}`,
      );
    }
    for (const [item, r] of Object.entries(result.items)) {
      const spec = GB3838_ITEMS[item as ItemKey];
      out(
        `  ${item.padEnd(7)} ${String(r.value).padStart(10)} ${spec.unit.padEnd(13)} ${r.class ?? '—'}${r.used ? '' : ' (not in the class)'}`,
      );
    }
  });

  calc
    .command('black-odorous')
    .description('black-odorous grade of one sample (城市黑臭水体整治工作指南, 2015)')
    .requiredOption('--sd <cm>', 'transparency, cm')
    .requiredOption('--do <n>', 'dissolved oxygen, mg/L')
    .requiredOption('--orp <mv>', 'oxidation-reduction potential, mV')
    .requiredOption('--nh3n <n>', 'ammonia nitrogen, mg/L')
    .option('--depth <cm>', 'water depth, cm (SD thresholds change below 25 cm)')
    .option('--json', 'one JSON object')
    .action((opts: { sd: string; do: string; orp: string; nh3n: string; depth?: string; json?: boolean }) => {
      let result;
      try {
        result = calcBlackOdorous({
          sd: numberOf(opts.sd, '--sd'),
          do: numberOf(opts.do, '--do'),
          orp: numberOf(opts.orp, '--orp'),
          nh3n: numberOf(opts.nh3n, '--nh3n'),
          ...(opts.depth === undefined ? {} : { depth: numberOf(opts.depth, '--depth') }),
        });
      } catch (e) {
        throw asConfigError(e);
      }
      if (opts.json === true) {
        out(JSON.stringify(result));
        return;
      }
      out(`${result.grade} (${result.gradeZh})`);
      for (const [k, v] of Object.entries(result.items))
        out(`  ${k.padEnd(5)} ${String(v.value).padStart(8)} ${v.grade}`);
    });
}
