/**
 * `qingshan calc carbon`: one enterprise-period's CO2 (GB/T 32150-2015), tce (GB/T 2589-2020),
 * carbon intensity, level, K and grade (DB33/T 1347-2023), with the names of
 * `GET /api/v1/calc/carbon` (docs/carbon.md §9). Offline: the factor library as shipped and the
 * default factor choice; `--factor key=value` overrides a factor by name.
 */
import type { Command } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import { CarbonCalcError, runCarbonCalc, type CarbonCalcOutput } from '../carbon/carbon-calc.js';
import { DEFAULT_FACTOR_CHOICE, OVERRIDE_KEYS } from '../carbon/factor-choice.js';
import { ConfigError } from '../config/config.js';
import { CARBON_FACTOR_LIBRARY } from '../standards/carbon-factors.js';
import { chinaMonth } from '../standards/china-time.js';
import { CARRIER_UNITS, ENERGY_CARRIERS } from '../standards/energy-carriers.js';

const flagOf = (key: string): string => `--${key.replace(/_/g, '-')}`;
const optionKey = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function describe(r: CarbonCalcOutput): string[] {
  const lines = [
    `${r.year}: CO2 ${r.co2.total} t (scope 1 ${r.co2.scope1}, scope 2 ${r.co2.scope2}, net of own renewables ${r.co2.net}); ${r.tce} tce`,
  ];
  if (r.intensity !== null) {
    lines.push(
      `L ${r.intensity} t/10⁴ CNY (${r.level ?? '—'})` +
        (r.k === null ? '' : `; K ${r.k}, grade ${r.grade ?? '—'}`) +
        (r.energyIntensity === null ? '' : `; ${r.energyIntensity} tce/10⁴ CNY`),
    );
  }
  for (const f of r.factors) {
    lines.push(
      `  ${f.key.padEnd(20)} ${f.value} ${f.unit} — ${f.family}/${f.region}, ${f.sourceDoc} [${f.tag}]${f.stale ? ' (newest published)' : ''}`,
    );
  }
  return lines;
}

/** Adds `calc carbon` under the `calc` command. */
export function registerCalcCarbonCommand(
  calc: Command,
  out: (line: string) => void,
  clock: Clock = systemClock,
): void {
  const cmd = calc
    .command('carbon')
    .description(
      'CO2 (GB/T 32150-2015), tce (GB/T 2589-2020), intensity, K and grade (DB33/T 1347-2023) of one enterprise-period',
    );
  for (const c of ENERGY_CARRIERS) cmd.option(`${flagOf(c)} <n>`, `${c} (${CARRIER_UNITS[c]})`);
  cmd
    .option('--value-added <n>', 'value added, 10⁴ CNY')
    .option('--sector-intensity <n>', 'sector average L, t CO2 per 10⁴ CNY (gives K and the grade)')
    .option('--year <year>', 'year whose factors apply (default: this year, China time)')
    .option(
      '--factor <key=value>',
      `override a factor (repeatable): ${OVERRIDE_KEYS.join(', ')}; fuels as tCO2 per unit`,
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--json', 'one JSON object')
    .action((opts: Record<string, string | string[] | boolean | undefined>) => {
      const quantities: Record<string, string> = {};
      for (const c of ENERGY_CARRIERS) {
        const v = opts[optionKey(c)];
        if (typeof v === 'string') quantities[c] = v;
      }
      const factors: Record<string, string> = {};
      for (const f of (opts.factor as string[] | undefined) ?? []) {
        const m = /^([a-z_.]+)=(.+)$/.exec(f);
        if (m === null) throw new ConfigError('--factor', `"${f}" is not key=value`);
        factors[m[1] ?? ''] = m[2] ?? '';
      }
      const yearText = typeof opts.year === 'string' ? opts.year : chinaMonth(clock.now()).slice(0, 4);
      const year = Number(yearText);
      const rows = CARBON_FACTOR_LIBRARY.map((f, i) => ({ ...f, id: i + 1 }));
      let result: CarbonCalcOutput;
      try {
        result = runCarbonCalc(
          {
            quantities,
            valueAdded: typeof opts.valueAdded === 'string' ? opts.valueAdded : undefined,
            sectorIntensity: typeof opts.sectorIntensity === 'string' ? opts.sectorIntensity : undefined,
            year: Number.isInteger(year) ? year : NaN,
            factors,
          },
          rows,
          DEFAULT_FACTOR_CHOICE,
        );
      } catch (e) {
        if (e instanceof CarbonCalcError) throw new ConfigError(flagOf(e.field), e.detail);
        throw e;
      }
      if (opts.json === true) out(JSON.stringify(result));
      else for (const line of describe(result)) out(line);
    });
}
