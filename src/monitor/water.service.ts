/**
 * Surface-water supervision: section assessment against targets over China-local periods, city
 * and district summaries, river and basin status, manual lab results, and black-odorous water
 * bodies. Decisions are the pure functions of water-assessment.ts and the 2015 guide's grading;
 * this service reads and writes through the store, takes "now" from the clock, and records each
 * entry (lab result, black-odorous sample) in the audit trail in the transaction that stores it.
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import {
  BLACK_ODOR_GRADE_ZH,
  gradeBlackOdorPoint,
  gradeBlackOdorSample,
  gradeBlackOdorWaterBody,
  type BlackOdorGrade,
  type BlackOdorIndicator,
  type BlackOdorSample,
} from '../standards/black-odorous-2015.js';
import {
  DAY_MS,
  chinaDate,
  chinaDateOfDayNumber,
  chinaDayNumber,
  chinaMonthsEndingAt,
  chinaPeriodAt,
  type ChinaPeriod,
  type ChinaPeriodKind,
} from '../standards/china-time.js';
import type { ItemKey } from '../standards/gb3838-2002.js';
import type { BlackOdorousSample } from '../store/black-odorous.repository.js';
import { DuplicateSampleError } from '../store/black-odorous.repository.js';
import type { Store } from '../store/store.js';
import {
  assessSection,
  dailyItemValues,
  districtSummaries,
  sectionCwqiRanking,
  sectionInfoOf,
  summarizeArea,
  waterBodyStatuses,
  type AreaSummary,
  type CwqiRankEntry,
  type DailyItemValue,
  type DailyValueOrigin,
  type DistrictSummary,
  type SectionAssessment,
  type WaterBodyStatus,
  type WaterSectionInfo,
} from './water-assessment.js';
import { WATER_CODES } from './water-codes.js';
import { LabEntryError, checkLabValue, checkSampledOn, labReadings } from './water-lab.js';

/** Most sections read in one assessment (a city has tens; a province thousands → paginate later). */
const MAX_SECTIONS = 1000;
/** Intervals the assessment reads: hourly device values and daily values (device or lab). */
const ASSESSED_INTERVALS = ['hour', 'day'] as const;
/** Default window of black-odorous grading: the last 30 days. */
const BLACK_ODOR_WINDOW_DAYS = 30;

/** A period to assess: a given China-local period, or the current one of a kind (by the clock). */
export type PeriodChoice = ChinaPeriod | ChinaPeriodKind;

/** A window of instants: `from` inclusive, `to` exclusive. */
export interface InstantWindow {
  from: Date;
  to: Date;
}

/** City report of one period. */
export interface WaterCityReport {
  period: ChinaPeriod;
  city: AreaSummary;
  districts: DistrictSummary[];
  ranking: CwqiRankEntry[];
  /** River status per river (water body), river sections only. */
  rivers: WaterBodyStatus[];
  /** Basin status per basin, river sections only. */
  basins: WaterBodyStatus[];
}

/** A section's daily item values (GB 3838 units) in a window. */
export interface SectionSeries {
  section: WaterSectionInfo;
  window: InstantWindow;
  /** Oldest day first. */
  values: { date: string; item: ItemKey; value: number; origin: DailyValueOrigin }[];
}

/** A lab result to enter: values by GB 3838 item key, in the GB 3838-2002 unit. */
export interface LabEntry {
  sectionCode: string;
  /** China-local sampling day, `YYYY-MM-DD`. */
  sampledOn: string;
  values: Readonly<Record<string, unknown>>;
  /** The laboratory, kept in the audit trail. */
  lab?: string | null | undefined;
  /** A note, kept in the audit trail. */
  note?: string | null | undefined;
}

/** Where an entry came from, for its audit entry. */
export interface EntryOrigin {
  /** The API, a CSV file, or the demo loader. */
  via: 'api' | 'csv' | 'demo';
  /** Line of the CSV file. */
  line?: number | undefined;
  /** Client address (API). */
  address?: string | null | undefined;
}

/** What a lab entry stored. */
export interface LabEntryResult {
  section: string;
  sampledOn: string;
  source: string;
  stored: { item: ItemKey; code: string; value: number }[];
}

/** A black-odorous sample's values (units of the 2015 guide); `sampledAt` an instant. */
export interface BlackOdorousSampleValues {
  sampledAt: Date;
  /** Transparency, cm. */
  sd: number;
  /** Dissolved oxygen, mg/L. */
  do: number;
  /** Oxidation-reduction potential, mV. */
  orp: number;
  /** Ammonia nitrogen, mg/L. */
  nh3n: number;
  /** Water depth, cm, when measured. */
  depth: number | null;
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
  latest: BlackOdorousSampleValues | null;
}

/** A black-odorous water body with its grade over a window. */
export interface BlackOdorousBodyView {
  code: string;
  name: string;
  districtCode: string;
  location: string;
  lengthM: number | null;
  demo: boolean;
  /** Null when no point has a sample in the window. */
  grade: BlackOdorGrade | null;
  gradeZh: string | null;
  heavyPointShare: number | null;
  /** Runs of ≥ 3 consecutive heavy points, by point code. */
  heavyStretches: { fromPoint: string; toPoint: string }[];
  points: BlackOdorousPointView[];
}

/** A sample of a water body as listed: its point, its own grade and who entered it. */
export interface BlackOdorousListedSample extends BlackOdorousSampleValues {
  point: string;
  grade: BlackOdorGrade;
  enteredBy: string;
}

/** One water body with the samples of the window. */
export interface BlackOdorousBodyDetail extends BlackOdorousBodyView {
  window: InstantWindow;
  samples: BlackOdorousListedSample[];
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

/** A stored black-odorous sample with its grade. */
export interface EnteredSample extends BlackOdorousSampleValues {
  body: string;
  point: string;
  grade: BlackOdorGrade;
  gradeZh: string;
}

function sampleValues(s: BlackOdorousSample): BlackOdorousSampleValues {
  return { sampledAt: s.sampledAt, sd: s.sd, do: s.do, orp: s.orp, nh3n: s.nh3n, depth: s.depth };
}

function gradingInput(s: BlackOdorousSample): BlackOdorSample {
  return { sd: s.sd, do: s.do, orp: s.orp, nh3n: s.nh3n, ...(s.depth === null ? {} : { depth: s.depth }) };
}

export class WaterService {
  constructor(
    private readonly store: Pick<Store, 'db' | 'sites' | 'districts' | 'water' | 'readings' | 'blackOdorous'>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The current period of a kind (China-local, by the clock). */
  currentPeriod(kind: ChinaPeriodKind): ChinaPeriod {
    return chinaPeriodAt(kind, this.clock.now());
  }

  private periodOf(choice: PeriodChoice): ChinaPeriod {
    return typeof choice === 'string' ? this.currentPeriod(choice) : choice;
  }

  /** Every surface-water section with usable attributes, by code. */
  private async sections(): Promise<WaterSectionInfo[]> {
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

  private async sectionOrThrow(code: string): Promise<WaterSectionInfo> {
    const section = await this.section(code);
    if (section === null) throw new NotFoundError(`surface-water section ${code}`);
    return section;
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
  async assess(choice: PeriodChoice, sections?: readonly WaterSectionInfo[]): Promise<SectionAssessment[]> {
    const period = this.periodOf(choice);
    const list = sections ?? (await this.sections());
    const daily = await this.daily(list, period.from, period.to);
    return list.map((s) => assessSection(s, daily.get(s.siteId) ?? [], period));
  }

  /** Every section assessed over one period, with the period. */
  async assessAll(choice: PeriodChoice): Promise<{ period: ChinaPeriod; items: SectionAssessment[] }> {
    const period = this.periodOf(choice);
    return { period, items: await this.assess(period) };
  }

  /** One section's assessment over a period; `NotFoundError` when there is no such section. */
  async sectionAssessment(code: string, choice: PeriodChoice): Promise<SectionAssessment> {
    const section = await this.sectionOrThrow(code);
    const [a] = await this.assess(choice, [section]);
    if (a === undefined) throw new NotFoundError(`surface-water section ${code}`);
    return a;
  }

  /** City, district, ranking, river and basin results of one period. */
  async cityReport(choice: PeriodChoice): Promise<WaterCityReport> {
    const period = this.periodOf(choice);
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

  /**
   * A section's monthly assessments for the `months` months ending with the current one, oldest
   * first; `NotFoundError` when there is no such section.
   */
  async sectionHistory(
    code: string,
    months: number,
  ): Promise<{ section: WaterSectionInfo; months: SectionAssessment[] }> {
    const section = await this.sectionOrThrow(code);
    const periods = chinaMonthsEndingAt(this.clock.now(), months);
    const first = periods[0];
    const last = periods[periods.length - 1];
    if (first === undefined || last === undefined) return { section, months: [] };
    const daily = (await this.daily([section], first.from, last.to)).get(section.siteId) ?? [];
    return { section, months: periods.map((p) => assessSection(section, daily, p)) };
  }

  /**
   * A section's daily item values (GB 3838 units) of the days that start in the window;
   * `NotFoundError` when there is no such section.
   */
  async sectionSeries(code: string, window: InstantWindow): Promise<SectionSeries> {
    const section = await this.sectionOrThrow(code);
    const daily = (await this.daily([section], window.from, window.to)).get(section.siteId) ?? [];
    const firstDay = chinaDayNumber(window.from);
    return {
      section,
      window,
      values: daily
        .filter((d) => d.day >= firstDay)
        .map((d) => ({ date: chinaDateOfDayNumber(d.day), item: d.item, value: d.value, origin: d.origin })),
    };
  }

  /**
   * Stores a lab result of a section as daily readings (source `lab:<actor>`) and records
   * `water.lab_results_entered` in the same transaction. Throws `LabEntryError` naming the field:
   * unknown section, a sampling day outside 2000-01-01…today, an item or value out of bounds, no
   * item, or an item already entered for that section and day (conflict: correct the stored
   * reading instead) — and then stores nothing.
   */
  async enterLabResults(entry: LabEntry, actor: AuditActor, origin: EntryOrigin): Promise<LabEntryResult> {
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
    const readings = labReadings(section.siteId, dayStart, values, actor.username, now);
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
    const result: LabEntryResult = {
      section: section.code,
      sampledOn: entry.sampledOn,
      source: readings[0]?.source ?? `lab:${actor.username}`,
      stored: values.map((v, i) => ({ item: v.item, code: readings[i]?.parameter ?? '', value: v.value })),
    };
    return this.store.db.transaction().execute(async (trx) => {
      const res = await this.store.readings.insertBatchIn(trx, readings);
      if (res.duplicates.length > 0) {
        throw new LabEntryError(
          'conflict',
          'values',
          `${res.duplicates.map((d) => d.parameter).join(', ')} entered concurrently for ${entry.sampledOn}`,
        );
      }
      await this.audit.record(
        {
          action: 'water.lab_results_entered',
          actor,
          target: { type: 'site', id: result.section },
          details: {
            sampledOn: result.sampledOn,
            source: result.source,
            values: Object.fromEntries(result.stored.map((s) => [s.item, s.value])),
            lab: entry.lab ?? null,
            note: entry.note ?? null,
            via: origin.via,
            ...(origin.line === undefined ? {} : { line: origin.line }),
          },
          address: origin.address,
        },
        trx,
      );
      return result;
    });
  }

  /** The window of black-odorous grading ending now: the last `days` days. */
  private blackOdorousWindow(days = BLACK_ODOR_WINDOW_DAYS): InstantWindow {
    const to = this.clock.now();
    return { from: new Date(to.getTime() - days * DAY_MS), to };
  }

  /** Bodies with points and grades over a window. */
  private async gradeBodies(
    window: InstantWindow,
    filter: { code?: string | undefined; districtCode?: string | undefined },
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
          const graded = mine.length === 0 ? null : gradeBlackOdorPoint(mine.map(gradingInput));
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
            latest: last === undefined ? null : sampleValues(last),
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

  /**
   * Black-odorous water bodies (optionally of one district) with their points, each graded from its
   * samples of the last `days` days (default 30) by the 2015 guide.
   */
  async blackOdorousList(
    filter: { days?: number | undefined; districtCode?: string | undefined } = {},
  ): Promise<{ window: InstantWindow; items: BlackOdorousBodyView[] }> {
    const window = this.blackOdorousWindow(filter.days);
    return { window, items: await this.gradeBodies(window, { districtCode: filter.districtCode }) };
  }

  /**
   * One black-odorous water body graded over the last `days` days (default 30), with every sample
   * of the window, oldest first; `NotFoundError` when there is no such body.
   */
  async blackOdorousBody(code: string, days?: number): Promise<BlackOdorousBodyDetail> {
    const window = this.blackOdorousWindow(days);
    const [body] = await this.gradeBodies(window, { code });
    const stored = await this.store.blackOdorous.getBodyByCode(code);
    if (body === undefined || stored === null) throw new NotFoundError(`black-odorous water body ${code}`);
    const points = await this.store.blackOdorous.listPoints([stored.id]);
    const codeOf = new Map(points.map((p) => [p.id, p.code]));
    const samples = await this.store.blackOdorous.listSamples([...codeOf.keys()], window.from, window.to);
    return {
      ...body,
      window,
      samples: samples.map((s) => ({
        point: codeOf.get(s.pointId) ?? '',
        ...sampleValues(s),
        grade: gradeBlackOdorSample(gradingInput(s)).grade,
        enteredBy: s.enteredBy,
      })),
    };
  }

  /**
   * Stores a black-odorous sample after checking it by the 2015 guide's input rules and records
   * `water.black_odorous_sample_entered` in the same transaction; returns it with its grade.
   * Throws `LabEntryError` naming the field (unknown body or point, a value the guide's grading
   * refuses, a time in the future, a duplicate time at that point) — and then stores nothing.
   */
  async enterBlackOdorousSample(
    entry: BlackOdorousSampleEntry,
    actor: AuditActor,
    origin: EntryOrigin,
  ): Promise<EnteredSample> {
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
    const now = this.clock.now();
    if (entry.sampledAt.getTime() > now.getTime()) {
      throw new LabEntryError(
        'bad-request',
        'sampledAt',
        `${entry.sampledAt.toISOString()} is in the future (today is ${chinaDate(now)})`,
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
      return await this.store.db.transaction().execute(async (trx) => {
        const stored = await repo.addSample(
          {
            pointId: point.id,
            sampledAt: entry.sampledAt,
            sd: entry.sd,
            do: entry.do,
            orp: entry.orp,
            nh3n: entry.nh3n,
            depth: entry.depth ?? null,
            enteredBy: actor.username,
          },
          trx,
        );
        await this.audit.record(
          {
            action: 'water.black_odorous_sample_entered',
            actor,
            target: { type: 'black_odorous_body', id: body.code },
            details: {
              point: point.code,
              sampledAt: stored.sampledAt.toISOString(),
              sd: stored.sd,
              do: stored.do,
              orp: stored.orp,
              nh3n: stored.nh3n,
              depth: stored.depth,
              grade: graded.grade,
              via: origin.via,
            },
            address: origin.address,
          },
          trx,
        );
        return {
          body: body.code,
          point: point.code,
          ...sampleValues(stored),
          grade: graded.grade,
          gradeZh: graded.gradeZh,
        };
      });
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
