import { describe, expect, it } from 'vitest';
import { values } from '../../../test/emission-limits.js';
import { EmissionLimitError, limitFor, limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
describe('GB 13223-2011 (docs/standards/emission-limits.md §4)', () => {
  const coal = { fuel: 'coal', unitType: 'boiler', tier: 'general' } as const;

  it('new coal boiler, general region: PM 30, SO2 100, NOx 100, Hg 0.03 at 6 %', () => {
    const rows = limitsFor(
      'GB 13223-2011',
      { ...coal, unitAge: 'new', sulfurRegion: 'general', noxGroup: 'general' },
      '2016-01-01',
    );
    expect(values(rows)).toEqual({
      'a34013/hour': 30,
      'a21026/hour': 100,
      'a21002/hour': 100,
      'a20057/hour': 0.03,
    });
  });

  it('existing coal boiler in the southwest, W-flame: SO2 400, NOx 200', () => {
    const rows = limitsFor(
      'GB 13223-2011',
      { ...coal, unitAge: 'existing', sulfurRegion: 'southwest', noxGroup: 'relaxed' },
      '2016-01-01',
    );
    expect(values(rows)).toMatchObject({ 'a21026/hour': 400, 'a21002/hour': 200 });
  });

  it('Hg only from 2015-01-01; existing units only from 2014-07-01 (dates from memory)', () => {
    const q = { ...coal, unitAge: 'existing', sulfurRegion: 'general', noxGroup: 'general' } as const;
    expect(limitsFor('GB 13223-2011', q, '2014-06-30')).toEqual([]);
    expect(values(limitsFor('GB 13223-2011', q, '2014-07-01'))).not.toHaveProperty('a20057/hour');
    expect(values(limitsFor('GB 13223-2011', q, '2015-01-01'))).toHaveProperty('a20057/hour', 0.03);
  });

  it('gas boiler 5/35/100 at 3 %; gas turbine 5/35/50 at 15 %; key-region coal 20/50/100', () => {
    const gasBoiler = limitsFor(
      'GB 13223-2011',
      { fuel: 'gas', unitType: 'boiler', tier: 'general', unitAge: 'new' },
      '2020-01-01',
    );
    expect(values(gasBoiler)).toEqual({ 'a34013/hour': 5, 'a21026/hour': 35, 'a21002/hour': 100 });
    expect(gasBoiler[0]?.referenceO2Pct).toBe(3);
    const turbine = limitFor(
      'GB 13223-2011',
      'a21002',
      'hour',
      { unitType: 'gas-turbine', tier: 'general', unitAge: 'new' },
      '2020-01-01',
    );
    expect(turbine?.value).toBe(50);
    expect(turbine?.referenceO2Pct).toBe(15);
    const special = limitsFor(
      'GB 13223-2011',
      { fuel: 'coal', unitType: 'boiler', tier: 'special' },
      '2020-01-01',
    );
    expect(values(special)).toEqual({
      'a34013/hour': 20,
      'a21026/hour': 50,
      'a21002/hour': 100,
      'a20057/hour': 0.03,
    });
  });

  it('an under-specified query names what to add', () => {
    try {
      limitsFor('GB 13223-2011', { ...coal, unitAge: 'new' }, '2020-01-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EmissionLimitError);
      const err = e as EmissionLimitError;
      expect(err.code).toBe('EMISSION_LIMIT_AMBIGUOUS');
      expect(err.dimensions.length).toBeGreaterThan(0);
      expect(['sulfurRegion', 'noxGroup']).toContain(err.dimensions[0]);
    }
  });
});
