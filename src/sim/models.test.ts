import { describe, expect, it } from 'vitest';
import { AIR_STATION_PARAMETERS, DEMO_CITY, WATER_SECTION_PARAMETERS } from './demo-city.js';
import type { ModelSite, SiteSample } from './models.js';
import {
  GB3838_CLASS_LIMITS_MG_L,
  NO_ANOMALIES,
  SiteModel,
  createPrng,
  periodStart,
  systemCodeOf,
} from './models.js';
import { demoCitySimDevices } from './simulator.js';
import { HOUR_MS, MINUTE_MS } from '../standards/china-time.js';

/** 2026-01-05 00:00 China time. */
const WINTER = Date.UTC(2026, 0, 4, 16);

const AIR: ModelSite = { kind: 'air_station', code: 'HZ-AIR-01', parameters: AIR_STATION_PARAMETERS };
const SECTION: ModelSite = {
  kind: 'water_section',
  code: 'HZ-W-01',
  parameters: WATER_SECTION_PARAMETERS,
  targetClass: 'II',
  waterType: 'river',
};
const BOILER: ModelSite = {
  kind: 'outlet',
  code: 'HZ-E-002-G1',
  parameters: ['a34013', 'a21026', 'a21002', 'a19001', 'a01012', 'a01013', 'a01011', 'a00000', 'a01014'],
  medium: 'gas',
  emissionStandard: 'GB 13271-2014',
  referenceO2Pct: 3.5,
};
const SEWAGE: ModelSite = {
  kind: 'outlet',
  code: 'HZ-E-004-W1',
  parameters: ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'],
  medium: 'water',
  emissionStandard: 'DB33/2169-2018',
};

function hours(count: number, from = WINTER): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(from + i * HOUR_MS));
}

function avg(sample: SiteSample, code: string, suffix = 'Avg'): number {
  const m = sample.measurements.find((x) => x.code === code);
  const v = m?.values[suffix];
  if (v === undefined) throw new Error(`no ${code}-${suffix}`);
  return Number(v);
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('value models', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const at = new Date(WINTER + 9 * HOUR_MS);
    for (const site of [AIR, SECTION, BOILER, SEWAGE]) {
      for (const interval of ['rt', 'min', 'hour', 'day'] as const) {
        const a = new SiteModel(site, { seed: 7 }).sample(interval, at);
        const b = new SiteModel(site, { seed: 7 }).sample(interval, at);
        expect(b).toEqual(a);
      }
    }
    const one = new SiteModel(AIR, { seed: 1, anomalies: NO_ANOMALIES }).sample('hour', new Date(WINTER));
    const two = new SiteModel(AIR, { seed: 2, anomalies: NO_ANOMALIES }).sample('hour', new Date(WINTER));
    expect(two.measurements).not.toEqual(one.measurements);
  });

  it('give the packet suffixes each interval needs, with Zs values for a reference-O2 outlet', () => {
    const m = new SiteModel(BOILER, { anomalies: NO_ANOMALIES });
    const rt = m.sample('rt', new Date(WINTER));
    expect(Object.keys(rt.measurements[0]?.values ?? {})).toEqual(['Rtd', 'ZsRtd']);
    expect(rt.measurements.every((x) => x.flag === 'N')).toBe(true);
    const hour = m.sample('hour', new Date(WINTER));
    expect(Object.keys(hour.measurements.find((x) => x.code === 'a21026')?.values ?? {})).toEqual([
      'Min',
      'Avg',
      'Max',
      'ZsMin',
      'ZsAvg',
      'ZsMax',
      'Cou',
    ]);
    expect(Object.keys(hour.measurements.find((x) => x.code === 'a19001')?.values ?? {})).toEqual([
      'Min',
      'Avg',
      'Max',
    ]);
    expect(Object.keys(hour.measurements.find((x) => x.code === 'a00000')?.values ?? {})).toContain('Cou');
    for (const x of hour.measurements) {
      expect(Number(x.values.Min)).toBeLessThanOrEqual(Number(x.values.Avg));
      expect(Number(x.values.Avg)).toBeLessThanOrEqual(Number(x.values.Max));
      for (const v of Object.values(x.values)) expect(String(v)).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  it('keep air stations in plausible Huzhou ranges', () => {
    const m = new SiteModel(AIR, { anomalies: NO_ANOMALIES });
    const samples = hours(24 * 120, Date.UTC(2025, 9, 1)).map((t) => m.sample('hour', t));
    const ranges: Record<string, [number, number, number, number]> = {
      // code: [min, max, mean low, mean high]
      a34004: [2, 200, 18, 50],
      a34002: [4, 350, 30, 85],
      a21026: [1, 40, 3, 12],
      a21004: [2, 150, 15, 50],
      a21005: [0.1, 3, 0.4, 1.2],
      a05024: [1, 260, 25, 80],
    };
    for (const [code, [lo, hi, meanLo, meanHi]] of Object.entries(ranges)) {
      const xs = samples.map((s) => avg(s, code));
      expect(Math.min(...xs), code).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs), code).toBeLessThanOrEqual(hi);
      expect(mean(xs), code).toBeGreaterThanOrEqual(meanLo);
      expect(mean(xs), code).toBeLessThanOrEqual(meanHi);
    }
    for (const s of samples) expect(avg(s, 'a34002')).toBeGreaterThanOrEqual(avg(s, 'a34004'));
  });

  it('peak PM in the morning and evening and O3 in the afternoon (China time)', () => {
    const m = new SiteModel(AIR, { anomalies: NO_ANOMALIES });
    const byHour = (code: string, localHour: number): number =>
      mean(
        Array.from({ length: 90 }, (_, d) =>
          avg(m.sample('hour', new Date(WINTER + d * 24 * HOUR_MS + localHour * HOUR_MS)), code),
        ),
      );
    for (const code of ['a34004', 'a34002', 'a21004']) {
      const morning = byHour(code, 8);
      const evening = byHour(code, 20);
      const night = byHour(code, 3);
      const afternoon = byHour(code, 14);
      expect(morning, code).toBeGreaterThan(night);
      expect(morning, code).toBeGreaterThan(afternoon);
      expect(evening, code).toBeGreaterThan(night);
      expect(evening, code).toBeGreaterThan(afternoon);
    }
    const o3 = Array.from({ length: 24 }, (_, h) => byHour('a05024', h));
    const peak = o3.indexOf(Math.max(...o3));
    expect(peak).toBeGreaterThanOrEqual(13);
    expect(peak).toBeLessThanOrEqual(17);
    expect(Math.max(...o3)).toBeGreaterThan(2 * (o3[6] ?? 0));
  });

  it('keep water sections around their target class, DO above its minimum', () => {
    for (const targetClass of ['II', 'III'] as const) {
      const m = new SiteModel({ ...SECTION, targetClass }, { anomalies: NO_ANOMALIES });
      const samples = hours(24 * 365, Date.UTC(2025, 0, 1)).filter((_, i) => i % 7 === 0);
      const L = GB3838_CLASS_LIMITS_MG_L;
      for (const s of samples.map((t) => m.sample('hour', t))) {
        expect(avg(s, 'w01001')).toBeGreaterThanOrEqual(6.5);
        expect(avg(s, 'w01001')).toBeLessThanOrEqual(8.8);
        expect(avg(s, 'w01009')).toBeGreaterThan(L.do[targetClass]);
        expect(avg(s, 'w01009')).toBeLessThan(14);
        expect(avg(s, 'w01019')).toBeLessThanOrEqual(L.codmn[targetClass]);
        expect(avg(s, 'w21003')).toBeLessThanOrEqual(L.nh3n[targetClass]);
        expect(avg(s, 'w21011')).toBeLessThanOrEqual(L.tpRiver[targetClass]);
        expect(avg(s, 'w01010')).toBeGreaterThan(2);
        expect(avg(s, 'w01010')).toBeLessThan(34);
      }
      const nh3 = samples.map((t) => avg(m.sample('hour', t), 'w21003'));
      expect(mean(nh3) / L.nh3n[targetClass]).toBeGreaterThan(0.35);
      expect(mean(nh3) / L.nh3n[targetClass]).toBeLessThan(0.85);
    }
    const m = new SiteModel(SECTION, { anomalies: NO_ANOMALIES });
    const july = mean(hours(24 * 10, Date.UTC(2025, 6, 10)).map((t) => avg(m.sample('hour', t), 'w01010')));
    const january = mean(
      hours(24 * 10, Date.UTC(2025, 0, 10)).map((t) => avg(m.sample('hour', t), 'w01010')),
    );
    expect(july).toBeGreaterThan(january + 12);
  });

  it('keep outlets below their standard outside exceedance episodes, with consistent flue conditions', () => {
    const gas = new SiteModel(BOILER, { anomalies: NO_ANOMALIES });
    for (const t of hours(24 * 60)) {
      const s = gas.sample('hour', t);
      expect(avg(s, 'a21026', 'ZsMax')).toBeLessThanOrEqual(50);
      expect(avg(s, 'a21002', 'ZsMax')).toBeLessThanOrEqual(150);
      expect(avg(s, 'a34013', 'ZsMax')).toBeLessThanOrEqual(20);
      expect(avg(s, 'a19001')).toBeGreaterThan(2);
      expect(avg(s, 'a19001')).toBeLessThan(10);
      expect(avg(s, 'a01012')).toBeGreaterThan(90);
      expect(avg(s, 'a01012')).toBeLessThan(150);
      expect(avg(s, 'a01011')).toBeGreaterThan(4);
      expect(avg(s, 'a01011')).toBeLessThan(20);
      // a00000 in m³/s (HJ 212-2017 Table B.2): 5,000–100,000 m³/h.
      const flow = avg(s, 'a00000');
      expect(flow).toBeGreaterThan(5_000 / 3600);
      expect(flow).toBeLessThan(100_000 / 3600);
      // One hour's volume is the hour's mean flow × 3600 s; the mass is concentration × volume.
      expect(avg(s, 'a00000', 'Cou') / (flow * 3600)).toBeCloseTo(1, 1);
      expect(avg(s, 'a21026', 'Cou')).toBeCloseTo((avg(s, 'a21026') * flow * 3600) / 1e6, 1);
    }
    const water = new SiteModel(SEWAGE, { anomalies: NO_ANOMALIES });
    for (const t of hours(24 * 30)) {
      const s = water.sample('hour', t);
      expect(avg(s, 'w01018', 'Max')).toBeLessThanOrEqual(40);
      expect(avg(s, 'w21003', 'Max')).toBeLessThanOrEqual(2);
      expect(avg(s, 'w21011', 'Max')).toBeLessThanOrEqual(0.3);
      expect(avg(s, 'w01001')).toBeGreaterThan(6);
      expect(avg(s, 'w01001')).toBeLessThan(9);
      expect(avg(s, 'w00000')).toBeGreaterThan(100);
      expect(avg(s, 'w00000')).toBeLessThan(800);
      // L/s × 3600 s / 1000 = m³ in the hour.
      expect(avg(s, 'w00000', 'Cou')).toBeCloseTo((avg(s, 'w00000') * 3600) / 1000, -1);
    }
  });

  it('models every demo-city device', () => {
    const devices = demoCitySimDevices(DEMO_CITY);
    expect(devices).toHaveLength(DEMO_CITY.devices.length);
    for (const d of devices) {
      const s = new SiteModel(d.site, { anomalies: NO_ANOMALIES }).sample('min', new Date(WINTER));
      expect(s.measurements.map((m) => m.code)).toEqual(d.site.parameters);
      expect(['21', '22', '31', '32']).toContain(systemCodeOf(d.site));
    }
  });
});

describe('injected anomalies', () => {
  const RATE = 0.05;

  it('exceed the limit in short episodes at about the configured rate', () => {
    const m = new SiteModel(BOILER, { seed: 3, anomalies: { ...NO_ANOMALIES, exceedance: RATE } });
    const samples = hours(24 * 200).map((t) => m.sample('hour', t));
    const flagged = samples.map((s) =>
      s.anomalies.some((a) => a.code === 'a21026' && a.kind === 'exceedance'),
    );
    const share = flagged.filter(Boolean).length / flagged.length;
    expect(share).toBeGreaterThan(RATE * 0.6);
    expect(share).toBeLessThan(RATE * 1.5);
    samples.forEach((s, i) => {
      if (flagged[i] === true) expect(avg(s, 'a21026', 'ZsAvg')).toBeGreaterThan(50);
    });
    // Episodes last 1–3 hours.
    let run = 0;
    let longest = 0;
    for (const f of flagged) {
      run = f ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(6);
  });

  it('flat-line a value: the same value repeated', () => {
    const m = new SiteModel(SEWAGE, { seed: 5, anomalies: { ...NO_ANOMALIES, flatLine: 0.1 } });
    const minutes = Array.from({ length: 24 * 60 * 3 }, (_, i) => new Date(WINTER + i * MINUTE_MS));
    const cod = minutes.map(
      (t) => m.sample('min', t).measurements.find((x) => x.code === 'w01018')?.values.Avg,
    );
    let longestRepeat = 0;
    let run = 1;
    for (let i = 1; i < cod.length; i++) {
      run = cod[i] === cod[i - 1] ? run + 1 : 1;
      longestRepeat = Math.max(longestRepeat, run);
    }
    expect(longestRepeat).toBeGreaterThanOrEqual(60);
    const normal = new SiteModel(SEWAGE, { seed: 5, anomalies: NO_ANOMALIES });
    const plain = minutes.slice(0, 600).map((t) => normal.sample('min', t).measurements[0]?.values.Avg);
    let plainRun = 1;
    let plainLongest = 1;
    for (let i = 1; i < plain.length; i++) {
      plainRun = plain[i] === plain[i - 1] ? plainRun + 1 : 1;
      plainLongest = Math.max(plainLongest, plainRun);
    }
    expect(plainLongest).toBeLessThan(10);
  });

  it('zero values, flags M/C/D and offline spells at about their rates', () => {
    const m = new SiteModel(BOILER, {
      seed: 11,
      anomalies: { ...NO_ANOMALIES, zero: 0.02, offline: 0.05, flags: { M: 0.03, C: 0.02, D: 0.01 } },
    });
    const times = Array.from({ length: 20_000 }, (_, i) => new Date(WINTER + i * 30_000));
    let offline = 0;
    let zero = 0;
    let values = 0;
    const flags: Record<string, number> = { N: 0, M: 0, C: 0, D: 0 };
    for (const t of times) {
      const s = m.sample('rt', t);
      if (s.offline) {
        offline += 1;
        expect(s.measurements).toEqual([]);
        continue;
      }
      for (const x of s.measurements) {
        values += 1;
        flags[x.flag ?? 'N'] = (flags[x.flag ?? 'N'] ?? 0) + 1;
      }
      zero += s.measurements.filter((x) => x.code === 'a21026' && x.values.Rtd === '0.00').length;
    }
    const online = times.length - offline;
    expect(offline / times.length).toBeGreaterThan(0.02);
    expect(offline / times.length).toBeLessThan(0.09);
    expect(zero / online).toBeGreaterThan(0.01);
    expect(zero / online).toBeLessThan(0.03);
    expect((flags.M ?? 0) / values).toBeCloseTo(0.03, 2);
    expect((flags.C ?? 0) / values).toBeCloseTo(0.02, 2);
    expect((flags.D ?? 0) / values).toBeCloseTo(0.01, 2);
    expect(new SiteModel(BOILER, { anomalies: { offline: 0.05 } }).rates.zero).toBeGreaterThan(0);
  });

  it('refuses a rate outside [0, 1], naming it', () => {
    expect(() => new SiteModel(AIR, { anomalies: { zero: 2 } })).toThrow(/zero=2/);
    expect(() => new SiteModel(AIR, { anomalies: { flags: { M: -1 } } })).toThrow(/M=-1/);
  });
});

describe('helpers', () => {
  it('start periods in China local time', () => {
    const at = new Date('2026-03-15T17:42:31.250Z'); // 01:42:31 on 16 March, China time
    expect(periodStart('min', at).toISOString()).toBe('2026-03-15T17:42:00.000Z');
    expect(periodStart('hour', at).toISOString()).toBe('2026-03-15T17:00:00.000Z');
    expect(periodStart('day', at).toISOString()).toBe('2026-03-15T16:00:00.000Z');
  });

  it('has a seeded PRNG that repeats its sequence', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
