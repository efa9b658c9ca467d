import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

const run = runCli;

describe('qingshan calc water', () => {
  it('prints one JSON object with class, items, main pollutants, CWQI and target', async () => {
    const r = await run(
      'calc',
      'water',
      '--type',
      'river',
      '--target',
      'III',
      '--ph',
      '7.2',
      '--do',
      '6.1',
      '--codmn',
      '4.5',
      '--nh3n',
      '1.4',
      '--tp',
      '0.25',
      '--f',
      '0.4',
      '--s2',
      '0.01',
      '--cr6',
      '0.004',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({
      class: 'IV',
      meetsTarget: false,
      mainPollutants: [
        { item: 'nh3n', class: 'IV', multiple: 0.4 },
        { item: 'tp', class: 'IV', multiple: 0.2 },
      ],
      items: {
        f: { value: 0.4, class: 'I' },
        s2: { value: 0.01, class: 'I' },
        cr6: { value: 0.004, class: 'I' },
      },
    });
    expect(json.cwqi).toBeCloseTo(
      0.2 / 2 + 5 / 6.1 + 4.5 / 6 + 1.4 + 1.25 + 0.4 + 0.01 / 0.2 + 0.004 / 0.05,
      9,
    );
  });

  it('uses the lake limits with --type lake and prints a readable summary without --json', async () => {
    const r = await run('calc', 'water', '--type', 'lake', '--tp', '0.08', '--tn', '1.2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('class IV (轻度污染, lightly polluted)');
    expect(r.out).toMatch(/tn\s+1\.2 mg\/L\s+IV \(not in the class\)/);
    expect(r.out).toContain('main pollutants: tp (IV, 0.6×)');
  });

  it.each([
    [['--type', 'sea', '--ph', '7'], '--type'],
    [['--type', 'river', '--ph', 'seven'], '--ph'],
    [['--type', 'river', '--nh3n', '-1'], '--nh3n'],
    [['--type', 'river', '--target', 'VI', '--ph', '7'], '--target'],
    [['--type', 'river', '--wt', '12'], '--values'],
  ])('%j exits 2 naming %s', async (args, flag) => {
    const r = await run('calc', 'water', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`qingshan: ${flag}:`);
  });
});

describe('qingshan calc black-odorous', () => {
  it('grades a sample by the 2015 guide', async () => {
    const r = await run(
      'calc',
      'black-odorous',
      '--sd',
      '8',
      '--do',
      '1',
      '--orp',
      '-100',
      '--nh3n',
      '9',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      grade: 'heavy',
      gradeZh: '重度黑臭',
      items: {
        sd: { grade: 'heavy' },
        do: { grade: 'light' },
        orp: { grade: 'light' },
        nh3n: { grade: 'light' },
      },
    });
    const text = await run('calc', 'black-odorous', '--sd', '40', '--do', '5', '--orp', '100', '--nh3n', '1');
    expect(text.out).toContain('none (非黑臭)');
  });

  it('applies the shallow-water transparency rule with --depth and names a bad value', async () => {
    const shallow = await run(
      'calc',
      'black-odorous',
      '--sd',
      '9',
      '--do',
      '3',
      '--orp',
      '100',
      '--nh3n',
      '1',
      '--depth',
      '20',
      '--json',
    );
    expect(JSON.parse(shallow.out)).toMatchObject({
      grade: 'light',
      sdThresholdsCm: { heavyBelow: 8, shallow: true },
    });
    const bad = await run('calc', 'black-odorous', '--sd', '9', '--do', 'x', '--orp', '100', '--nh3n', '1');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--do');
    const missing = await run('calc', 'black-odorous', '--sd', '9');
    expect(missing.code).not.toBe(0);
  });
});
