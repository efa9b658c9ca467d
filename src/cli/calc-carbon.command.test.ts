import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

describe('qingshan calc carbon (docs/carbon.md §9)', () => {
  it('prints one JSON object with co2, tce, intensity, level, k, grade and the factors with their sources', async () => {
    // 1000 MWh × 0.5153 + 10 × 21.62188809 + 2 t diesel × 3.0959096… = 737.7107 t (see carbon-calc.test.ts)
    // diesel: 42.652 × 0.0202 × 0.98 × 44/12 = 3.0959096373 → × 2 = 6.1918192747
    // total = 515.3 + 216.2188809 + 6.1918192747 = 737.7107001747 → 737.7107
    const r = await runCli(
      'calc',
      'carbon',
      '--electricity',
      '1000',
      '--natural-gas',
      '10',
      '--diesel',
      '2',
      '--value-added',
      '1000',
      '--sector-intensity',
      '0.6',
      '--year',
      '2024',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    // L = 0.7377107… → medium; K = 0.7377107 / 0.6 = 1.2295… → grade 4
    expect(json).toMatchObject({
      co2: { total: 737.7107 },
      level: 'medium',
      k: 1.2295,
      grade: 4,
      intensity: 0.7377,
    });
    expect(json.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'co2.grid', value: '0.5153', tag: 'secondary' }),
        expect.objectContaining({ key: 'fuel.diesel.ncv', value: '42.652' }),
      ]),
    );
  });

  it('takes --factor overrides (grid=0.5703, natural_gas=21.62): 570.3 + 216.2 = 786.5 t', async () => {
    const r = await runCli(
      'calc',
      'carbon',
      '--electricity',
      '1000',
      '--natural-gas',
      '10',
      '--year',
      '2025',
      '--factor',
      'grid=0.5703',
      '--factor',
      'natural_gas=21.62',
      '--json',
    );
    expect((JSON.parse(r.out) as { co2: { total: number } }).co2.total).toBe(786.5);
  });

  it('names the bad flag', async () => {
    const r = await runCli('calc', 'carbon', '--diesel', '-3', '--year', '2024');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--diesel/);
    const f = await runCli('calc', 'carbon', '--factor', 'grid', '--year', '2024');
    expect(f.err).toMatch(/--factor/);
  });
});
