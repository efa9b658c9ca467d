import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { main } from '../cli/main.js';
import type { WaterService } from '../monitor/water.service.js';
import { createServices } from '../services.js';
import { importWaterLabCsv } from './water-lab-import.js';

const ACTOR = { username: 'alice', role: 'operator' };

describe('importWaterLabCsv', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let water: WaterService;

  beforeAll(async () => {
    t = await openTestStore(clock);
    water = createServices({ store: t.store, clock }).water;
    await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    for (const code of ['S1', 'S2']) {
      await t.store.sites.create({
        kind: 'water_section',
        code,
        name: code,
        districtCode: '330502',
        attributes: {
          waterType: 'river',
          targetClass: 'III',
          waterBody: '河',
          basin: '流域',
          automatic: false,
        },
      });
    }
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('stores good rows, reports bad ones by line, and audits each entry', async () => {
    const csv = [
      'Section,date,ph,do,codmn,nh3n,tp,hg,lab',
      'S1,2026-03-10,7.4,6.8,3.9,0.42,0.11,0.00004,市站',
      'S2,2026-03-10,7.1,,5.2,1.1,,,',
      'S2,2026-03-11,7.1,abc,5.2,1.1,,,',
      'S9,2026-03-10,7.1,6,5,1,,,',
      'S1,2026-03-10,7.0,,,,,,',
      'S1,2026-04-01,7.0,,,,,,',
      ',,,,,,,,',
    ].join('\r\n');
    const report = await importWaterLabCsv(water, csv, ACTOR);
    expect(report).toMatchObject({ rows: 6, entries: 2, values: 9 });
    expect(report.errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(report.errors[0]?.message).toContain('do: "abc" is not a number');
    expect(report.errors[1]?.message).toContain('section');
    expect(report.errors[2]?.message).toContain('values.ph');
    expect(report.errors[3]?.message).toContain('sampledOn');
    const s1 = await t.store.sites.getByCode('S1');
    const hg = (await t.store.readings.query({ siteId: s1?.id, parameter: 'w20111' })).items[0];
    expect(hg).toMatchObject({ value: 0.04, interval: 'day', source: 'lab:alice' });
    const audited = await t.store.audit.query({ action: 'water.lab_results_entered' });
    expect(audited.items.map((a) => a.targetId).sort()).toEqual(['S1', 'S2']);
    expect(audited.items.find((a) => a.targetId === 'S1')).toMatchObject({
      actor: 'alice',
      actorRole: 'operator',
      targetType: 'site',
    });
    expect(audited.items.find((a) => a.targetId === 'S1')?.details).toMatchObject({
      via: 'csv',
      line: 2,
      lab: '市站',
      note: null,
    });
  });

  it.each([
    ['', 'empty file'],
    ['section,ph\nS1,7', 'lacks column date'],
    ['section,date,zinc\nS1,2026-03-01,1', 'unknown column(s) zinc'],
    ['section,date,lab\nS1,2026-03-01,x', 'has no item column'],
  ])('refuses header %j', async (csv, message) => {
    const report = await importWaterLabCsv(water, csv, ACTOR);
    expect(report.entries).toBe(0);
    expect(report.errors[0]?.message).toContain(message);
  });

  it('runs as qingshan water import-lab, as a named account, exiting 1 on row errors', async () => {
    const file = join(t.dir, 'lab.csv');
    writeFileSync(file, 'section,date,nh3n\nS2,2026-03-01,0.5\nS2,2026-03-01,0.6\n');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['water', 'import-lab', file, '--db', `sqlite:${join(t.dir, 'test.db')}`],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toContain(
      '2 row(s): 1 lab result(s) stored (1 value(s)) as lab:system:cli, 1 error(s)',
    );
    expect(err.join('\n')).toContain(`${file}:3: values.nh3n: section S2 already has a daily value`);
    const unknown = await main(
      ['water', 'import-lab', file, '--db', `sqlite:${join(t.dir, 'test.db')}`, '--by', 'nobody'],
      () => undefined,
      (l) => err.push(l),
    );
    expect(unknown).toBe(2);
    expect(err.join('\n')).toContain('--by: no account "nobody"');
  });
});
