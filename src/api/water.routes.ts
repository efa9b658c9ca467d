/**
 * Surface water (issue 5): section classes against targets, a section's monthly history and item
 * series, city and district summaries with river and basin status, black-odorous water bodies —
 * all public, as the bureau publishes them — and entry of manual lab results and black-odorous
 * samples by supervisors and operators (audited by the water service).
 */
import { DATA_REVIEW_ROLES } from './auth.schemas.js';
import type { SectionAssessment, WaterSectionInfo } from '../monitor/water-assessment.js';
import type { BlackOdorousBodyView, PeriodChoice } from '../monitor/water.service.js';
import type { ChinaPeriod } from '../standards/china-time.js';
import { DAY_MS, parseChinaPeriod, parseTimeAsChina } from '../standards/china-time.js';
import { GB3838_ITEMS } from '../standards/gb3838-2002.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { badRequest } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import {
  BlackOdorousDetailQuerySchema,
  BlackOdorousDetailSchema,
  BlackOdorousListQuerySchema,
  BlackOdorousListSchema,
  CodeParamsSchema,
  EnteredSampleSchema,
  LabBodySchema,
  LabResultSchema,
  PeriodQuerySchema,
  SampleBodySchema,
  SectionDetailSchema,
  SectionHistoryQuerySchema,
  SectionHistorySchema,
  SectionListSchema,
  SectionSeriesQuerySchema,
  SectionSeriesSchema,
  WaterSummarySchema,
  type BlackOdorousBodyDto,
  type PeriodQuery,
  type SectionAssessmentDto,
  type SectionDetailDto,
  type SectionSeriesDto,
  type WaterPeriodDto,
  type WaterSectionDto,
} from './water.schemas.js';
import { parseWindow } from './window.js';

/** A lab result or sample body is a few numbers. */
const ENTRY_BODY_LIMIT_BYTES = 8 * 1024;
/** Default and longest item series of one request. */
const DEFAULT_SERIES_DAYS = 30;
const MAX_SERIES_DAYS = 366;

/** The period a query names: `at` of kind `period` (default month), else the current one. */
function periodOf(q: PeriodQuery): PeriodChoice {
  const kind = q.period ?? 'month';
  return q.at === undefined ? kind : parseChinaPeriod(kind, q.at, 'querystring.at');
}

function periodDto(p: ChinaPeriod): WaterPeriodDto {
  return { kind: p.kind, label: p.label, from: p.from.toISOString(), to: p.to.toISOString() };
}

function sectionInfoDto(s: WaterSectionInfo): WaterSectionDto {
  return {
    code: s.code,
    name: s.name,
    districtCode: s.districtCode,
    waterType: s.waterType,
    waterBody: s.waterBody,
    basin: s.basin,
    targetClass: s.targetClass,
    automatic: s.automatic,
  };
}

function sectionDto(a: SectionAssessment): SectionAssessmentDto {
  return {
    section: sectionInfoDto(a.section),
    class: a.class,
    status: a.status,
    meetsTarget: a.meetsTarget,
    mainPollutants: a.mainPollutants,
    cwqi: a.cwqi,
    cwqiItems: a.cwqiItems,
    days: a.days,
    latestDay: a.latestDay,
  };
}

function detailDto(a: SectionAssessment): SectionDetailDto {
  return {
    ...sectionDto(a),
    period: periodDto(a.period),
    items: a.items.map((it) => ({
      item: it.item,
      value: it.value,
      unit: GB3838_ITEMS[it.item].unit,
      days: it.days,
      class: it.class,
      used: it.used,
    })),
    rejected: a.rejected,
  };
}

function blackOdorousDto(b: BlackOdorousBodyView): BlackOdorousBodyDto {
  return {
    ...b,
    points: b.points.map((p) => ({
      ...p,
      latest: p.latest === null ? null : { ...p.latest, sampledAt: p.latest.sampledAt.toISOString() },
    })),
  };
}

const windowDto = (w: { from: Date; to: Date }) => ({ from: w.from.toISOString(), to: w.to.toISOString() });

export function registerWaterRoutes(app: App, ctx: AppContext): void {
  const { water, clock } = ctx.services;

  app.get(
    '/api/v1/water/sections',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary:
          'Surface-water sections with their class, target status, main pollutants and CWQI for a period',
        description:
          'Class by GB 3838-2002 and the 2011 evaluation method from the period means of daily values (lab results, device daily values, else hourly means; corrections applied).',
        querystring: PeriodQuerySchema,
        response: { 200: SectionListSchema, 400: ErrorRef },
      },
    },
    async (request) => {
      const { period, items } = await water.assessAll(periodOf(request.query));
      return { period: periodDto(period), items: items.map(sectionDto) };
    },
  );

  app.get(
    '/api/v1/water/sections/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: "One section's assessment for a period, with each item's mean and class",
        params: CodeParamsSchema,
        querystring: PeriodQuerySchema,
        response: { 200: SectionDetailSchema, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => detailDto(await water.sectionAssessment(request.params.code, periodOf(request.query))),
  );

  app.get(
    '/api/v1/water/sections/:code/history',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: "A section's class month by month, ending with the current month",
        params: CodeParamsSchema,
        querystring: SectionHistoryQuerySchema,
        response: { 200: SectionHistorySchema, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const h = await water.sectionHistory(request.params.code, request.query.months ?? 12);
      return {
        section: sectionInfoDto(h.section),
        months: h.months.map((a) => ({
          month: a.period.label,
          class: a.class,
          meetsTarget: a.meetsTarget,
          cwqi: a.cwqi,
          mainPollutants: a.mainPollutants,
          days: a.days,
        })),
      };
    },
  );

  app.get(
    '/api/v1/water/sections/:code/series',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: "A section's daily item values (GB 3838-2002 units) between two China-local days",
        params: CodeParamsSchema,
        querystring: SectionSeriesQuerySchema,
        response: { 200: SectionSeriesSchema, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const window = parseWindow(q, {
        unit: 'date',
        defaultSpanMs: DEFAULT_SERIES_DAYS * DAY_MS,
        maxSpanMs: MAX_SERIES_DAYS * DAY_MS,
        now: clock.now(),
      });
      const series = await water.sectionSeries(request.params.code, window);
      const items: SectionSeriesDto['items'] = {};
      for (const p of series.values) {
        if (q.item !== undefined && p.item !== q.item) continue;
        const entry = (items[p.item] ??= { unit: GB3838_ITEMS[p.item].unit, values: [] });
        entry.values.push({ date: p.date, value: p.value, origin: p.origin });
      }
      return { section: series.section.code, ...windowDto(series.window), items };
    },
  );

  app.get(
    '/api/v1/water/summary',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary:
          'City and district shares at I–III and 劣V, compliance rate, CWQI ranking, river and basin status',
        querystring: PeriodQuerySchema,
        response: { 200: WaterSummarySchema, 400: ErrorRef },
      },
    },
    async (request) => {
      const r = await water.cityReport(periodOf(request.query));
      return { ...r, period: periodDto(r.period) };
    },
  );

  app.post(
    '/api/v1/water/lab-results',
    {
      config: { access: DATA_REVIEW_ROLES },
      bodyLimit: ENTRY_BODY_LIMIT_BYTES,
      schema: {
        tags: ['water'],
        summary:
          'Enter a manual lab result of a section (stored as daily readings, source lab:<user>; audited)',
        description:
          'One value per item and day: a second entry of the same item and day is refused with 409; correct the stored reading instead (POST /api/v1/readings/:id/corrections).',
        body: LabBodySchema,
        response: {
          201: LabResultSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await water.enterLabResults(
        { sectionCode: b.section, sampledOn: b.sampledOn, values: b.values, lab: b.lab, note: b.note },
        actorOf(principalOf(request)),
        { via: 'api', address: request.ip },
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/water/black-odorous',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'Urban black-odorous water bodies with their sampling points and grades (2015 guide)',
        description:
          'Each point is graded from its samples in the window (heavy when one indicator is heavy in ≥ 60 % of them or two in ≥ 30 %); the water body is heavy when ≥ 60 % of its points are.',
        querystring: BlackOdorousListQuerySchema,
        response: { 200: BlackOdorousListSchema, 400: ErrorRef },
      },
    },
    async (request) => {
      const { window, items } = await water.blackOdorousList({
        days: request.query.days,
        districtCode: request.query.district,
      });
      return { window: windowDto(window), items: items.map(blackOdorousDto) };
    },
  );

  app.get(
    '/api/v1/water/black-odorous/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'One black-odorous water body with its points, grades and the samples of the window',
        params: CodeParamsSchema,
        querystring: BlackOdorousDetailQuerySchema,
        response: { 200: BlackOdorousDetailSchema, 404: ErrorRef },
      },
    },
    async (request) => {
      const body = await water.blackOdorousBody(request.params.code, request.query.days);
      return {
        ...blackOdorousDto(body),
        window: windowDto(body.window),
        samples: body.samples.map((s) => ({ ...s, sampledAt: s.sampledAt.toISOString() })),
      };
    },
  );

  app.post(
    '/api/v1/water/black-odorous/:code/samples',
    {
      config: { access: DATA_REVIEW_ROLES },
      bodyLimit: ENTRY_BODY_LIMIT_BYTES,
      schema: {
        tags: ['water'],
        summary: 'Enter a black-odorous sample at a point (SD cm, DO mg/L, ORP mV, NH3-N mg/L; audited)',
        params: CodeParamsSchema,
        body: SampleBodySchema,
        response: {
          201: EnteredSampleSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      let sampledAt: Date;
      try {
        sampledAt = parseTimeAsChina(b.sampledAt);
      } catch (e) {
        throw badRequest(`body.sampledAt: ${e instanceof Error ? e.message : String(e)}`, [
          { field: 'body.sampledAt', problem: 'not an ISO 8601 time' },
        ]);
      }
      const s = await water.enterBlackOdorousSample(
        {
          bodyCode: request.params.code,
          pointCode: b.point,
          sampledAt,
          sd: b.sd,
          do: b.do,
          orp: b.orp,
          nh3n: b.nh3n,
          depth: b.depth,
        },
        actorOf(principalOf(request)),
        { via: 'api', address: request.ip },
      );
      return reply.status(201).send({ ...s, sampledAt: s.sampledAt.toISOString() });
    },
  );
}
