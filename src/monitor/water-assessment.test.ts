import { describe, expect, it } from 'vitest';
import { chinaDayNumber, parseChinaPeriod } from '../standards/china-time.js';
import type { ItemKey, LimitedClass } from '../standards/gb3838-2002.js';
import {
  assessSection,
  dailyItemValues,
  districtSummaries,
  riverStatusByShares,
  sectionCwqiRanking,
  sectionInfoOf,
  summarizeArea,
  waterBodyStatuses,
  type DailyItemValue,
  type DailySum,
  type SectionAssessment,
  type WaterSectionInfo,
} from './water-assessment.js';

const MARCH = parseChinaPeriod('month', '2026-03');
const D = (date: string): number => chinaDayNumber(new Date(`${date}T12:00:00+08:00`));

function section(code: string, extra: Partial<WaterSectionInfo> = {}): WaterSectionInfo {
  return {
    siteId: code.length * 1000 + code.charCodeAt(code.length - 1),
    code,
    name: code,
    districtCode: '330502',
    waterType: 'river',
    targetClass: 'III',
    waterBody: 'R',
    basin: 'B',
    automatic: true,
    ...extra,
  };
}

function days(values: Partial<Record<ItemKey, number[]>>, firstDay = '2026-03-01'): DailyItemValue[] {
  const out: DailyItemValue[] = [];
  for (const [item, list] of Object.entries(values)) {
    list.forEach((value, i) =>
      out.push({ day: D(firstDay) + i, item: item as ItemKey, value, origin: 'hourly-mean', samples: 24 }),
    );
  }
  return out;
}

/** A section of the given class in March: one item set to a value of that class (river limits). */
function ofClass(
  code: string,
  cls: LimitedClass | '劣V',
  extra: Partial<WaterSectionInfo> = {},
): SectionAssessment {
  const nh3n: Record<string, number> = { I: 0.1, II: 0.4, III: 0.9, IV: 1.4, V: 1.9, 劣V: 3 };
  return assessSection(section(code, extra), days({ nh3n: [nh3n[cls] ?? 0], ph: [7.5], do: [8] }), MARCH);
}

describe('day values from day sums', () => {
  const sum = (extra: Partial<DailySum>): DailySum => ({
    siteId: 1,
    parameter: 'w21003',
    interval: 'hour',
    origin: 'device',
    day: D('2026-03-02'),
    flag: 'N',
    sum: 12,
    count: 24,
    ...extra,
  });

  it('takes the lab result over the device day value over the hourly mean', () => {
    const lab = sum({ interval: 'day', origin: 'lab', sum: 0.7, count: 1 });
    const deviceDay = sum({ interval: 'day', sum: 0.6, count: 1 });
    const hours = sum({});
    expect(dailyItemValues([hours, deviceDay, lab]).get(1)).toEqual([
      { day: D('2026-03-02'), item: 'nh3n', value: 0.7, origin: 'lab', samples: 1 },
    ]);
    expect(dailyItemValues([hours, deviceDay]).get(1)?.[0]?.origin).toBe('device-day');
    expect(dailyItemValues([hours]).get(1)?.[0]).toMatchObject({
      value: 0.5,
      origin: 'hourly-mean',
      samples: 24,
    });
  });

  it('leaves out invalid flags, keeps over-range (T), ignores minute data and unknown codes', () => {
    const values = dailyItemValues([
      sum({ flag: 'N', sum: 10, count: 20 }),
      sum({ flag: 'T', sum: 3, count: 1 }),
      sum({ flag: 'D', sum: 99, count: 3 }),
      sum({ flag: 'M', sum: 99, count: 3 }),
      sum({ interval: 'min', sum: 99, count: 60 }),
      sum({ parameter: 'a34004', sum: 99, count: 1 }),
    ]).get(1);
    expect(values).toHaveLength(1);
    expect(values?.[0]?.value).toBeCloseTo(13 / 21, 12);
  });

  it('converts µg/L metals into the mg/L of GB 3838', () => {
    const [hg] = dailyItemValues([sum({ parameter: 'w20111', sum: 0.2, count: 2 })]).get(1) ?? [];
    expect(hg).toMatchObject({ item: 'hg', value: 0.0001 });
  });
});

describe('section assessment over a period', () => {
  it('classes the period means of the items and finds the main pollutants', () => {
    const s = section('S1', { targetClass: 'III' });
    const daily = [
      ...days({ codmn: [4, 8], nh3n: [1.2, 1.6], tp: [0.25, 0.25], ph: [7.2, 7.4], do: [6, 7] }),
      // Outside March: ignored.
      ...days({ nh3n: [9] }, '2026-04-01'),
    ];
    const a = assessSection(s, daily, MARCH);
    expect(a.days).toBe(2);
    expect(a.latestDay).toBe('2026-03-02');
    expect(a.items.find((i) => i.item === 'codmn')).toMatchObject({ value: 6, class: 'III', days: 2 });
    expect(a.items.find((i) => i.item === 'nh3n')).toMatchObject({ value: 1.4, class: 'IV' });
    expect(a.class).toBe('IV');
    expect(a.meetsTarget).toBe(false);
    expect(a.status?.zh).toBe('轻度污染');
    expect(a.mainPollutants).toEqual([
      { item: 'nh3n', class: 'IV', multiple: 0.4 },
      // (0.25 − 0.2) / 0.2 = 0.25 → 0.2 by GB/T 8170 (an exact half goes to the even digit).
      { item: 'tp', class: 'IV', multiple: 0.2 },
    ]);
    expect(a.cwqiItems).toBe(5);
    // CWQI: pH 0.2/2 + DO 5/6.5 + CODMn 6/6 + NH3-N 1.4/1 + TP 0.25/0.2.
    expect(a.cwqi).toBeCloseTo(0.3 / 2 + 5 / 6.5 + 1 + 1.4 + 1.25, 9);
  });

  it('meets its target at the target class and has no main pollutants at III or better', () => {
    const a = assessSection(section('S2', { targetClass: 'II' }), days({ nh3n: [0.5], do: [6] }), MARCH);
    expect(a.class).toBe('II');
    expect(a.meetsTarget).toBe(true);
    expect(a.mainPollutants).toEqual([]);
  });

  it('uses the lake limits of total phosphorus for a lake point', () => {
    const river = assessSection(section('R'), days({ tp: [0.08] }), MARCH);
    const lake = assessSection(section('L', { waterType: 'lake' }), days({ tp: [0.08] }), MARCH);
    expect([river.class, lake.class]).toEqual(['II', 'IV']);
  });

  it('gives no class without an evaluation item, and rejects a mean the calculators refuse', () => {
    const onlyTemperature = assessSection(section('T'), days({ wt: [12] }), MARCH);
    expect(onlyTemperature).toMatchObject({ class: null, meetsTarget: null, cwqi: null, days: 1 });
    const negative = assessSection(section('N'), days({ nh3n: [-0.2], codmn: [3], do: [0] }), MARCH);
    expect(negative.rejected.map((r) => r.item).sort()).toEqual(['do', 'nh3n']);
    expect(negative.class).toBe('II');
  });

  it('reads section attributes, refusing other kinds and missing targets', () => {
    const site = {
      id: 7,
      kind: 'water_section',
      code: 'W',
      name: 'W',
      districtCode: '330502',
      attributes: { waterType: 'lake', targetClass: 'II', waterBody: '湖', basin: '流域', automatic: false },
    };
    expect(sectionInfoOf(site)).toMatchObject({
      siteId: 7,
      waterType: 'lake',
      targetClass: 'II',
      automatic: false,
    });
    expect(sectionInfoOf({ ...site, kind: 'air_station' })).toBeNull();
    expect(sectionInfoOf({ ...site, attributes: { waterType: 'lake' } })).toBeNull();
  });
});

describe('city and district summaries', () => {
  const a = [
    ofClass('A', 'II', { districtCode: '330502' }),
    ofClass('B', 'III', { districtCode: '330502' }),
    ofClass('C', '劣V', { districtCode: '330503' }),
    ofClass('D', 'IV', { districtCode: '330503', targetClass: 'IV' }),
    assessSection(section('E', { districtCode: '330503' }), [], MARCH),
  ];

  it('counts shares at I–III and 劣V, compliance and the mean CWQI over assessed sections', () => {
    const city = summarizeArea(a);
    expect(city).toMatchObject({ sections: 5, assessed: 4, targetsMet: 3 });
    expect(city.classCounts).toMatchObject({ II: 1, III: 1, IV: 1, 劣V: 1, I: 0, V: 0 });
    expect(city.shareGoodIToIII).toBe(0.5);
    expect(city.shareWorseThanV).toBe(0.25);
    expect(city.complianceRate).toBe(0.75);
    const cwqis = a.flatMap((x) => (x.cwqi === null ? [] : [x.cwqi]));
    expect(city.cwqi).toBeCloseTo(cwqis.reduce((s, c) => s + c, 0) / 4, 12);
    expect(summarizeArea([])).toMatchObject({
      assessed: 0,
      shareGoodIToIII: null,
      complianceRate: null,
      cwqi: null,
    });
  });

  it('summarises each district and ranks them by CWQI, best first', () => {
    const d = districtSummaries(a, [
      { code: '330503', name: '南浔区' },
      { code: '330502', name: '吴兴区' },
      { code: '330521', name: '德清县' },
    ]);
    expect(d.map((x) => [x.districtCode, x.cwqiRank, x.shareGoodIToIII, x.shareWorseThanV])).toEqual([
      ['330502', 1, 1, 0],
      ['330503', 2, 0, 0.5],
    ]);
    expect(d[1]).toMatchObject({ sections: 3, assessed: 2, complianceRate: 0.5 });
  });

  it('ranks sections by CWQI with equal CWQIs sharing a rank', () => {
    const twin = ofClass('A2', 'II');
    const r = sectionCwqiRanking([...a, twin]);
    expect(r.map((x) => [x.code, x.rank])).toEqual([
      ['A', 1],
      ['A2', 1],
      ['B', 3],
      ['D', 4],
      ['C', 5],
    ]);
  });
});

describe('river and basin status (2011 method)', () => {
  it.each([
    [0.9, 0, '优'],
    [0.8999, 0, '良好'],
    [0.75, 0.1, '良好'],
    [0.7, 0.19, '轻度污染'],
    [0.7, 0.2, '中度污染'],
    [0.6, 0.39, '中度污染'],
    [0.59, 0.4, '重度污染'],
    [0.6, 0.4, '中度污染'],
  ])('I–III %s and 劣V %s → %s', (good, worst, status) => {
    expect(riverStatusByShares(good, worst).zh).toBe(status);
  });

  it('uses the shares with five or more river sections, item means with fewer, and leaves lakes out', () => {
    const basin = { basin: '苕溪' };
    const list = [
      ofClass('R1', 'II', { ...basin, waterBody: '大河' }),
      ofClass('R2', 'II', { ...basin, waterBody: '大河' }),
      ofClass('R3', 'III', { ...basin, waterBody: '大河' }),
      ofClass('R4', 'IV', { ...basin, waterBody: '小河' }),
      ofClass('R5', '劣V', { ...basin, waterBody: '小河' }),
      ofClass('L1', '劣V', { ...basin, waterBody: '湖', waterType: 'lake' }),
    ];
    const [b] = waterBodyStatuses(list, 'basin');
    expect(b).toMatchObject({
      name: '苕溪',
      sections: 5,
      method: 'share',
      shareGoodIToIII: 0.6,
      shareWorseThanV: 0.2,
    });
    expect(b?.status?.zh).toBe('中度污染');
    const rivers = waterBodyStatuses(list, 'river');
    expect(rivers.map((r) => [r.name, r.method, r.sections])).toEqual([
      ['大河', 'mean', 3],
      ['小河', 'mean', 2],
    ]);
    // 小河: NH3-N (1.4 + 3) / 2 = 2.2 → 劣V by the single-factor method on the means.
    expect(rivers[1]).toMatchObject({ class: '劣V' });
    expect(rivers[0]).toMatchObject({ class: 'III' });
  });
});

describe('regressions', () => {
  it('a mean that lies on a class limit is classed at that limit despite float noise', () => {
    // Three hours of TP 0.2 mg/L sum to 0.6000000000000001; / 3 gives 0.20000000000000004 > 0.2 (class III).
    const sum = 0.2 + 0.2 + 0.2;
    expect(sum / 3).toBeGreaterThan(0.2);
    const daily =
      dailyItemValues([
        {
          siteId: 1,
          parameter: 'w21011',
          interval: 'hour',
          origin: 'device',
          day: D('2026-03-03'),
          flag: 'N',
          sum,
          count: 3,
        },
      ]).get(1) ?? [];
    expect(daily[0]?.value).toBe(0.2);
    expect(assessSection(section('S'), daily, MARCH).class).toBe('III');
    // The period mean over days has the same guard.
    const days3 = days({ tp: [0.2, 0.2, 0.2] });
    expect(assessSection(section('S'), days3, MARCH).class).toBe('III');
  });
});
