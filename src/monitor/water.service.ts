/**
 * Surface-water supervision: section assessment against targets over China-local periods, city
 * and district summaries, river and basin status, manual lab results, and black-odorous water
 * bodies. Decisions are the pure functions of water-assessment.ts and the 2015 guide's grading;
 * this service reads and writes through the store and takes "now" from the clock.
 */
import type { Clock } from '../clock.js';
import { chinaDate } from '../standards/china-time.js';
import type { ItemKey } from '../standards/gb3838-2002.js';
import {
  BLACK_ODOR_GRADE_ZH,
  gradeBlackOdorPoint,
  gradeBlackOdorSample,
  gradeBlackOdorWaterBody,
  type BlackOdorGrade,
  type BlackOdorIndicator,
  type BlackOdorSample,
} from '../standards/black-odorous-2015.js';
import type { Store } from '../store/store.js';
import type { BlackOdorousSample } from '../store/water-body.repository.js';
import { DuplicateSampleError } from '../store/water-body.repository.js';
import {
  assessSection,
  chinaDayNumber,
  dailyItemValues,
  dayOfNumber,
  districtSummaries,
  monthsEndingAt,
  sectionCwqiRanking,
  sectionInfoOf,
  summarizeArea,
  waterBodyStatuses,
  waterPeriodAt,
  type AreaSummary,
  type CwqiRankEntry,
  type DailyItemValue,
  type DistrictSummary,
  type SectionAssessment,
  type WaterBodyStatus,
  type WaterPeriod,
  type WaterPeriodKind,
  type WaterSectionInfo,
} from './water-assessment.js';
import { WATER_CODES } from './water-codes.js';
import { LabEntryError, checkLabValue, checkSampledOn, labReadings } from './water-lab.js';

/** Most sections read in one assessment (a city has tens; a province thousands → paginate later). */
const MAX_SECTIONS = 1000;
/** Intervals the assessment reads: hourly device values and daily values (device or lab). */
const ASSESSED_INTERVALS = ['hour', 'day'] as const;
/** Default window of black-odorous grading: the last 30 days. */
export const BLACK_ODOR_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** City report of one period. */
export interface WaterCityReport {
  period: WaterPeriod;
  city: AreaSummary;
  districts: DistrictSummary[];
  ranking: CwqiRankEntry[];
  /** River status per river (water body), river sections only. */
  rivers: WaterBodyStatus[];
  /** Basin status per basin, river sections only. */
  basins: WaterBodyStatus[];
}

/** A lab result to enter: values by GB 3838 item key, in the GB 3838-2002 unit. */
export interface LabEntry {
  sectionCode: string;
  /** China-local sampling day, `YYYY-MM-DD`. */
  sampledOn: string;
  values: Readonly<Record<string, unknown>>;
}

/** What a lab entry stored. */
export interface LabEntryResult {
  section: string;
  sampledOn: string;
  source: string;
  stored: { item: ItemKey; code: string; value: number }[];
}

/** A sampling point with its grade over the window. */
export interface BlackOdorousPointView {
  code: string;
  name: string;
  seq: number;
  longitude: number | null;
  latitude: number | null;
  samples: number;
  grade: BlackOdorGrade | null;
  gradeZh: string | null;
  heavyShare: Record<BlackOdorIndicator, number> | null;
  latest: { sampledAt: Date; sd: number; do: number; orp: number; nh3n: number; depth: number | null } | null;
}

/** A black-odorous water body with its grade over the window. */
export interface BlackOdorousBodyView {
  code: string;
  name: string;
  districtCode: string;
  location: string;
  lengthM: number | null;
  demo: boolean;
  window: { from: Date; to: Date };
  /** Null when no point has a sample in the window. */
  grade: BlackOdorGrade | null;
  gradeZh: string | null;
  heavyPointShare: number | null;
  /** Runs of ≥ 3 consecutive heavy points, by point code. */
  heavyStretches: { fromPoint: string; toPoint: string }[];
  points: BlackOdorousPointView[];
}

/** A black-odorous sample to enter (units of the 2015 guide). */
export interface BlackOdorousSampleEntry {
  bodyCode: string;
  pointCode: string;
  sampledAt: Date;
  sd: number;
  do: number;
  orp: number;
  nh3n: number;
  depth?: number | undefined;
}

export class WaterService {
  constructor(
    private readonly store: Pick<Store, 'sites' | 'districts' | 'water' | 'readings' | 'blackOdorous'>,
    private readonly clock: Clock,
  ) {}

  /** The current period of a kind (China-local, by the clock). */
  currentPeriod(kind: WaterPeriodKind): WaterPeriod {
    return waterPeriodAt(kind, this.clock.now());
  }

  /** Every surface-water section with usable attributes, by code. */
  async sections(): Promise<WaterSectionInfo[]> {
    const page = await this.store.sites.list({ kind: 'water_section', limit: MAX_SECTIONS });
    return page.items.flatMap((s) => {
      const info = sectionInfoOf(s);
      return info === null ? [] : [info];
    });
  }

  /** One section by code; null when there is none (or it is not a water section). */
  async section(code: string): Promise<WaterSectionInfo | null> {
    const site = await this.store.sites.getByCode(code);
    return site === null ? null : sectionInfoOf(site);
  }

  private async daily(
    sections: readonly WaterSectionInfo[],
    from: Date,
    to: Date,
  ): Promise<Map<number, DailyItemValue[]>> {
    const sums = await this.store.water.daySums({
      siteIds: sections.map((s) => s.siteId),
      parameters: WATER_CODES,
      intervals: ASSESSED_INTERVALS,
      from,
      to,
    });
    return dailyItemValues(sums);
  }

  /** Assesses sections (default: all) over one period. */
  async assess(period: WaterPeriod, sections?: readonly WaterSectionInfo[]): Promise<SectionAssessment[]> {
    const list = sections ?? (await this.sections());
    const daily = await this.daily(list, period.from, period.to);
    return list.map((s) => assessSection(s, daily.get(s.siteId) ?? [], period));
  }

  /** City, district, ranking, river and basin results of one period. */
  async cityReport(period: WaterPeriod): Promise<WaterCityReport> {
    const assessments = await this.assess(period);
    const districts = await this.store.districts.list();
    return {
      period,
      city: summarizeArea(assessments),
      districts: districtSummaries(assessments, districts),
      ranking: sectionCwqiRanking(assessments),
      rivers: waterBodyStatuses(assessments, 'river'),
      basins: waterBodyStatuses(assessments, 'basin'),
    };
  }

  /** A section's monthly assessments for the `months` months ending with the current one, oldest first. */
  async monthlyHistory(section: WaterSectionInfo, months: number): Promise<SectionAssessment[]> {
    const periods = monthsEndingAt(this.clock.now(), months);
    const first = periods[0];
    const last = periods[periods.length - 1];
    if (first === undefined || last === undefined) return [];
    const daily = (await this.daily([section], first.from, last.to)).get(section.siteId) ?? [];
    return periods.map((p) => assessSection(section, daily, p));
  }

  /** A section's daily item values (GB 3838 units) with `from ≤ day < to`. */
  async dailySeries(
    section: WaterSectionInfo,
    from: Date,
    to: Date,
  ): Promise<{ date: string; item: ItemKey; value: number; origin: DailyItemValue['origin'] }[]> {
    const daily = (await this.daily([section], from, to)).get(section.siteId) ?? [];
    const firstDay = chinaDayNumber(from);
    return daily
      .filter((d) => d.day >= firstDay)
      .map((d) => ({ date: dayOfNumber(d.day), item: d.item, value: d.value, origin: d.origin }));
  }

  /**
   * Stores a lab result of a section. Throws `LabEntryError` naming the field: unknown section,
   * a sampling day outside 2000-01-01…today, an item or value out of bounds, no item, or an item
   * already entered for that section and day (conflict: correct the stored reading instead).
   */
  async enterLabResults(entry: LabEntry, username: string): Promise<LabEntryResult> {
    const section = await this.section(entry.sectionCode);
    if (section === null) {
      throw new LabEntryError(
        'not-found',
        'section',
        `no surface-water section has code "${entry.sectionCode}"`,
      );
    }
    const now = this.clock.now();
    const dayStart = checkSampledOn(entry.sampledOn, now);
    const values = Object.entries(entry.values)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([item, v]) => checkLabValue(item, v));
    if (values.length === 0) {
      throw new LabEntryError('bad-request', 'values', 'give at least one item value');
    }
    const readings = labReadings(section.siteId, dayStart, values, username, now);
    const existing = await this.store.water.existingDayParameters(
      section.siteId,
      dayStart,
      readings.map((r) => r.parameter),
    );
    if (existing.length > 0) {
      const items = values
        .filter((_, i) => existing.includes(readings[i]?.parameter ?? ''))
        .map((v) => v.item);
      throw new LabEntryError(
        'conflict',
        `values.${items[0] ?? ''}`,
        `section ${section.code} already has a daily value of ${items.join(', ')} on ${entry.sampledOn}; correct that reading instead`,
      );
    }
    const res = await this.store.readings.insertBatch(readings);
    if (res.duplicates.length > 0) {
      throw new LabEntryError(
        'conflict',
        'values',
        `${res.duplicates.map((d) => d.parameter).join(', ')} entered concurrently for ${entry.sampledOn}`,
      );
    }
    return {
      section: section.code,
      sampledOn: entry.sampledOn,
      source: readings[0]?.source ?? `lab:${username}`,
      stored: values.map((v, i) => ({ item: v.item, code: readings[i]?.parameter ?? '', value: v.value })),
    };
  }

  /** The window of black-odorous grading ending now: the last `days` days. */
  blackOdorousWindow(days = BLACK_ODOR_WINDOW_DAYS): { from: Date; to: Date } {
    const to = this.clock.now();
    return { from: new Date(to.getTime() - days * DAY_MS), to };
  }

  /** Black-odorous water bodies (optionally one, by code) with points and grades over a window. */
  async blackOdorousBodies(
    window: { from: Date; to: Date },
    filter: { code?: string | undefined; districtCode?: string | undefined } = {},
  ): Promise<BlackOdorousBodyView[]> {
    const repo = this.store.blackOdorous;
    let bodies = await repo.listBodies({ districtCode: filter.districtCode });
    if (filter.code !== undefined) bodies = bodies.filter((b) => b.code === filter.code);
    const points = await repo.listPoints(bodies.map((b) => b.id));
    const samples = await repo.listSamples(
      points.map((p) => p.id),
      window.from,
      window.to,
    );
    const byPoint = new Map<number, BlackOdorousSample[]>();
    for (const s of samples) byPoint.set(s.pointId, [...(byPoint.get(s.pointId) ?? []), s]);
    return bodies.map((body) => {
      const pointViews: BlackOdorousPointView[] = points
        .filter((p) => p.bodyId === body.id)
        .map((p) => {
          const mine = byPoint.get(p.id) ?? [];
          const last = mine[mine.length - 1];
          const graded =
            mine.length === 0
              ? null
              : gradeBlackOdorPoint(
                  mine.map((s): BlackOdorSample => ({
                    sd: s.sd,
                    do: s.do,
                    orp: s.orp,
                    nh3n: s.nh3n,
                    ...(s.depth === null ? {} : { depth: s.depth }),
                  })),
                );
          return {
            code: p.code,
            name: p.name,
            seq: p.seq,
            longitude: p.longitude,
            latitude: p.latitude,
            samples: mine.length,
            grade: graded?.grade ?? null,
            gradeZh: graded?.gradeZh ?? null,
            heavyShare: graded?.heavyShare ?? null,
            latest:
              last === undefined
                ? null
                : {
                    sampledAt: last.sampledAt,
                    sd: last.sd,
                    do: last.do,
                    orp: last.orp,
                    nh3n: last.nh3n,
                    depth: last.depth,
                  },
          };
        });
      const gradedPoints = pointViews.filter((p) => p.grade !== null);
      const bodyGrade =
        gradedPoints.length === 0
          ? null
          : gradeBlackOdorWaterBody(gradedPoints.map((p) => p.grade as BlackOdorGrade));
      return {
        code: body.code,
        name: body.name,
        districtCode: body.districtCode,
        location: body.location,
        lengthM: body.lengthM,
        demo: body.demo,
        window,
        grade: bodyGrade?.grade ?? null,
        gradeZh: bodyGrade === null ? null : BLACK_ODOR_GRADE_ZH[bodyGrade.grade],
        heavyPointShare: bodyGrade?.heavyPointShare ?? null,
        heavyStretches: (bodyGrade?.heavyStretches ?? []).map((s) => ({
          fromPoint: gradedPoints[s.fromPoint]?.code ?? '',
          toPoint: gradedPoints[s.toPoint]?.code ?? '',
        })),
        points: pointViews,
      };
    });
  }

  /** Every sample of a water body in the window, oldest first, with the point code and its grade. */
  async blackOdorousSamples(
    bodyCode: string,
    window: { from: Date; to: Date },
  ): Promise<
    {
      point: string;
      sampledAt: Date;
      sd: number;
      do: number;
      orp: number;
      nh3n: number;
      depth: number | null;
      grade: BlackOdorGrade;
      enteredBy: string;
    }[]
  > {
    const repo = this.store.blackOdorous;
    const body = await repo.getBodyByCode(bodyCode);
    if (body === null) return [];
    const points = await repo.listPoints([body.id]);
    const codeOf = new Map(points.map((p) => [p.id, p.code]));
    const samples = await repo.listSamples([...codeOf.keys()], window.from, window.to);
    return samples.map((s) => ({
      point: codeOf.get(s.pointId) ?? '',
      sampledAt: s.sampledAt,
      sd: s.sd,
      do: s.do,
      orp: s.orp,
      nh3n: s.nh3n,
      depth: s.depth,
      grade: gradeBlackOdorSample({
        sd: s.sd,
        do: s.do,
        orp: s.orp,
        nh3n: s.nh3n,
        ...(s.depth === null ? {} : { depth: s.depth }),
      }).grade,
      enteredBy: s.enteredBy,
    }));
  }

  /**
   * Stores a black-odorous sample after checking it by the 2015 guide's input rules; returns it
   * with its grade. Throws `LabEntryError` naming the field (unknown body or point, a value the
   * guide's grading refuses, a time in the future, a duplicate time at that point).
   */
  async enterBlackOdorousSample(
    entry: BlackOdorousSampleEntry,
    username: string,
  ): Promise<{ sample: BlackOdorousSample; grade: BlackOdorGrade; gradeZh: string }> {
    const repo = this.store.blackOdorous;
    const body = await repo.getBodyByCode(entry.bodyCode);
    if (body === null)
      throw new LabEntryError('not-found', 'code', `no black-odorous water body "${entry.bodyCode}"`);
    const point = (await repo.listPoints([body.id])).find((p) => p.code === entry.pointCode);
    if (point === undefined) {
      throw new LabEntryError(
        'not-found',
        'point',
        `water body ${body.code} has no sampling point "${entry.pointCode}"`,
      );
    }
    if (entry.sampledAt.getTime() > this.clock.now().getTime()) {
      throw new LabEntryError(
        'bad-request',
        'sampledAt',
        `${entry.sampledAt.toISOString()} is in the future (today is ${chinaDate(this.clock.now())})`,
      );
    }
    const sample: BlackOdorSample = {
      sd: entry.sd,
      do: entry.do,
      orp: entry.orp,
      nh3n: entry.nh3n,
      ...(entry.depth === undefined ? {} : { depth: entry.depth }),
    };
    let graded;
    try {
      graded = gradeBlackOdorSample(sample);
    } catch (e) {
      const field =
        typeof (e as { item?: unknown }).item === 'string' ? (e as { item: string }).item : 'sample';
      throw new LabEntryError('bad-request', field, e instanceof Error ? e.message : String(e));
    }
    try {
      const stored = await repo.addSample({
        pointId: point.id,
        sampledAt: entry.sampledAt,
        sd: entry.sd,
        do: entry.do,
        orp: entry.orp,
        nh3n: entry.nh3n,
        depth: entry.depth ?? null,
        enteredBy: username,
      });
      return { sample: stored, grade: graded.grade, gradeZh: graded.gradeZh };
    } catch (e) {
      if (e instanceof DuplicateSampleError) {
        throw new LabEntryError(
          'conflict',
          'sampledAt',
          `point ${point.code} of ${body.code} already has a sample at ${entry.sampledAt.toISOString()}`,
        );
      }
      throw e;
    }
  }
}
