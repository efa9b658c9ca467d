/**
 * Surface water (issue 5): section classes against targets, a section's monthly history and item
 * series, city and district summaries with river and basin status, black-odorous water bodies —
 * all public, as the bureau publishes them — and entry of manual lab results and black-odorous
 * samples by supervisors and operators (audited).
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { DATA_REVIEW_ROLES } from '../auth/access.js';
import {
  WATER_PERIOD_KINDS,
  parseWaterPeriod,
  type AreaSummary,
  type SectionAssessment,
  type WaterBodyStatus,
  type WaterPeriod,
  type WaterPeriodKind,
  type WaterSectionInfo,
} from '../monitor/water-assessment.js';
import { LAB_VALUE_BOUNDS, LabEntryError } from '../monitor/water-lab.js';
import { WaterService, type BlackOdorousBodyView } from '../monitor/water.service.js';
import { chinaDate, chinaDayStart, parseTimeAsChina } from '../standards/china-time.js';
import { GB3838_ITEMS, ITEM_KEYS, WATER_CLASSES, type WaterClass } from '../standards/gb3838-2002.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './schemas.js';

/** A lab result or sample body is a few numbers. */
const ENTRY_BODY_LIMIT_BYTES = 8 * 1024;
/** Longest item series one request returns. */
const MAX_SERIES_DAYS = 366;
const DAY_MS = 86_400_000;

const ClassSchema = Type.Unsafe<WaterClass>(
  Type.Union(
    WATER_CLASSES.map((c) => Type.Literal(c)),
    { description: 'GB 3838-2002 class (劣V: worse than V)' },
  ),
);
const NullableClass = Type.Union([ClassSchema, Type.Null()]);
const StatusSchema = Type.Object(
  { zh: Type.String(), en: Type.String(), color: Type.String() },
  { description: 'Status and colour of the 2011 evaluation method' },
);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const MainPollutantSchema = Type.Object({
  item: Type.String(),
  class: ClassSchema,
  multiple: Type.Union([Type.Number(), Type.Null()], { description: 'Exceedance multiple over class III' }),
});
const PeriodSchema = Type.Object({
  kind: Type.String(),
  label: Type.String({ description: '2026-03-15, 2026-03, 2026-Q1 or 2026 (China-local)' }),
  from: Type.String({ description: 'ISO 8601 UTC, inclusive' }),
  to: Type.String({ description: 'ISO 8601 UTC, exclusive' }),
});
const SectionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  waterType: Type.String({ description: 'river or lake' }),
  waterBody: Type.String(),
  basin: Type.String(),
  targetClass: Type.String(),
  automatic: Type.Boolean(),
});
const AssessmentSchema = Type.Object({
  section: SectionSchema,
  class: NullableClass,
  status: Type.Union([StatusSchema, Type.Null()]),
  meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
  mainPollutants: Type.Array(MainPollutantSchema),
  cwqi: NullableNumber,
  cwqiItems: Type.Integer({ description: 'Evaluation items in the CWQI sum; compare equal counts only' }),
  days: Type.Integer({ description: 'Days with data in the period' }),
  latestDay: Type.Union([Type.String(), Type.Null()]),
});
const ItemValueSchema = Type.Object({
  item: Type.String(),
  value: Type.Number({ description: 'Period mean of the daily values, GB 3838-2002 unit' }),
  unit: Type.String(),
  days: Type.Integer(),
  class: NullableClass,
  used: Type.Boolean({ description: 'Sets the section class (the 21 items of the 2011 method)' }),
});
const SectionDetailSchema = Type.Evaluate(
  Type.Intersect([
    AssessmentSchema,
    Type.Object({
      period: PeriodSchema,
      items: Type.Array(ItemValueSchema),
      rejected: Type.Array(Type.Object({ item: Type.String(), reason: Type.String() })),
    }),
  ]),
);
const AreaSchema = Type.Object({
  sections: Type.Integer(),
  assessed: Type.Integer(),
  classCounts: Type.Record(Type.String(), Type.Integer()),
  shareGoodIToIII: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 at class I–III' }),
  shareWorseThanV: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 at 劣V' }),
  targetsMet: Type.Integer(),
  complianceRate: Type.Union([Type.Number(), Type.Null()], { description: 'Fraction 0–1 meeting targets' }),
  cwqi: Type.Union([Type.Number(), Type.Null()], { description: 'Mean section CWQI' }),
});
const DistrictSummarySchema = Type.Evaluate(
  Type.Intersect([
    AreaSchema,
    Type.Object({
      districtCode: Type.String(),
      name: Type.String(),
      cwqiRank: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ]),
);
const BodyStatusSchema = Type.Object({
  name: Type.String(),
  sections: Type.Integer(),
  method: Type.String({ description: 'share (≥ 5 sections) or mean (item means, single factor)' }),
  shareGoodIToIII: NullableNumber,
  shareWorseThanV: NullableNumber,
  class: NullableClass,
  status: Type.Union([StatusSchema, Type.Null()]),
  sectionCodes: Type.Array(Type.String()),
});
const GradeSchema = Type.Union([Type.String({ description: 'none, light or heavy' }), Type.Null()]);
const BlackOdorousSampleSchema = Type.Object({
  sampledAt: Type.String(),
  sd: Type.Number({ description: 'Transparency, cm' }),
  do: Type.Number({ description: 'mg/L' }),
  orp: Type.Number({ description: 'mV' }),
  nh3n: Type.Number({ description: 'mg/L' }),
  depth: NullableNumber,
});
const BlackOdorousBodySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  location: Type.String(),
  lengthM: NullableNumber,
  demo: Type.Boolean(),
  grade: GradeSchema,
  gradeZh: Type.Union([Type.String(), Type.Null()]),
  heavyPointShare: NullableNumber,
  heavyStretches: Type.Array(Type.Object({ fromPoint: Type.String(), toPoint: Type.String() })),
  points: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      seq: Type.Integer(),
      longitude: NullableNumber,
      latitude: NullableNumber,
      samples: Type.Integer(),
      grade: GradeSchema,
      gradeZh: Type.Union([Type.String(), Type.Null()]),
      heavyShare: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
      latest: Type.Union([BlackOdorousSampleSchema, Type.Null()]),
    }),
  ),
});
const WindowSchema = Type.Object({ from: Type.String(), to: Type.String() });

/** GET /water/sections. */
const SectionListSchema = Type.Object({ period: PeriodSchema, items: Type.Array(AssessmentSchema) });
/** GET /water/sections/:code/history. */
const SectionHistorySchema = Type.Object({
  section: SectionSchema,
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      class: NullableClass,
      meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
      cwqi: NullableNumber,
      mainPollutants: Type.Array(MainPollutantSchema),
      days: Type.Integer(),
    }),
  ),
});
/** GET /water/sections/:code/series: daily item values keyed by GB 3838-2002 item. */
const SectionSeriesSchema = Type.Object({
  section: Type.String(),
  from: Type.String(),
  to: Type.String(),
  items: Type.Record(
    Type.String(),
    Type.Object({
      unit: Type.String(),
      values: Type.Array(
        Type.Object({
          date: Type.String(),
          value: Type.Number(),
          origin: Type.String({ description: 'lab, device-day or hourly-mean' }),
        }),
      ),
    }),
  ),
});
/** GET /water/summary. */
const WaterSummarySchema = Type.Object({
  period: PeriodSchema,
  city: AreaSchema,
  districts: Type.Array(DistrictSummarySchema),
  ranking: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      districtCode: Type.String(),
      cwqi: Type.Number(),
      cwqiItems: Type.Integer(),
      class: NullableClass,
    }),
  ),
  rivers: Type.Array(BodyStatusSchema),
  basins: Type.Array(BodyStatusSchema),
});
/** GET /water/black-odorous. */
const BlackOdorousListSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(BlackOdorousBodySchema),
});

/** The responses' static types, shared with the dashboard (web/ imports them via `@server/*`). */
export type WaterPeriodDto = Static<typeof PeriodSchema>;
export type SectionAssessmentDto = Static<typeof AssessmentSchema>;
export type SectionDetailDto = Static<typeof SectionDetailSchema>;
export type SectionListDto = Static<typeof SectionListSchema>;
export type SectionHistoryDto = Static<typeof SectionHistorySchema>;
export type SectionSeriesDto = Static<typeof SectionSeriesSchema>;
export type WaterSummaryDto = Static<typeof WaterSummarySchema>;
export type BlackOdorousBodyDto = Static<typeof BlackOdorousBodySchema>;
export type BlackOdorousListDto = Static<typeof BlackOdorousListSchema>;

const PeriodQuery = Type.Object({
  period: Type.Optional(
    Type.Union(
      WATER_PERIOD_KINDS.map((k) => Type.Literal(k)),
      { description: 'day, month (default), quarter or year' },
    ),
  ),
  at: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Which one: 2026-03-15, 2026-03, 2026-Q1, 2026; default current',
    }),
  ),
});
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

const LabValuesSchema = Type.Object(
  Object.fromEntries(
    ITEM_KEYS.map((k) => [
      k,
      Type.Optional(
        Type.Number({
          minimum: LAB_VALUE_BOUNDS[k][0],
          maximum: LAB_VALUE_BOUNDS[k][1],
          description: `${GB3838_ITEMS[k].nameZh} ${GB3838_ITEMS[k].nameEn}, ${GB3838_ITEMS[k].unit}`,
        }),
      ),
    ]),
  ),
  { minProperties: 1, description: 'Values by GB 3838-2002 item key, in the standard’s units' },
);
const LabBody = Type.Object(
  {
    section: Type.String({ minLength: 1, maxLength: 64, description: 'Section code' }),
    sampledOn: Type.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'China-local sampling day',
    }),
    values: LabValuesSchema,
    lab: Type.Optional(Type.String({ maxLength: 100, description: 'Laboratory, kept in the audit trail' })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
type LabBodyDto = Static<typeof LabBody>;

const SampleBody = Type.Object(
  {
    point: Type.String({ minLength: 1, maxLength: 64, description: 'Sampling point code' }),
    sampledAt: Type.String({ maxLength: 40, description: 'ISO 8601; without an offset, China local time' }),
    sd: Type.Number({ minimum: 0, maximum: 1000, description: 'Transparency, cm' }),
    do: Type.Number({ minimum: 0, maximum: 30, description: 'Dissolved oxygen, mg/L' }),
    orp: Type.Number({ minimum: -1000, maximum: 1000, description: 'Oxidation-reduction potential, mV' }),
    nh3n: Type.Number({ minimum: 0, maximum: 1000, description: 'Ammonia nitrogen, mg/L' }),
    depth: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Water depth, cm' }),
    ),
  },
  { additionalProperties: false },
);

function periodDto(p: WaterPeriod) {
  return { kind: p.kind, label: p.label, from: p.from.toISOString(), to: p.to.toISOString() };
}

function sectionInfoDto(s: WaterSectionInfo) {
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

function sectionDto(a: SectionAssessment) {
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

function detailDto(a: SectionAssessment) {
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

function areaDto(a: AreaSummary) {
  return { ...a, classCounts: { ...a.classCounts } };
}

function bodyStatusDto(b: WaterBodyStatus) {
  return { ...b };
}

function blackOdorousDto(b: BlackOdorousBodyView) {
  const { window: _window, ...rest } = b;
  return {
    ...rest,
    points: b.points.map((p) => ({
      ...p,
      latest: p.latest === null ? null : { ...p.latest, sampledAt: p.latest.sampledAt.toISOString() },
    })),
  };
}

function labError(e: unknown): unknown {
  if (!(e instanceof LabEntryError)) return e;
  return new ApiError(e.reason, e.message, [{ field: `body.${e.field}`, problem: e.message }]);
}

export function registerWaterRoutes(app: App, ctx: AppContext): void {
  const { store, clock, audit } = ctx;
  const water = new WaterService(store, clock);

  function periodOf(q: { period?: WaterPeriodKind | undefined; at?: string | undefined }): WaterPeriod {
    const kind = q.period ?? 'month';
    if (q.at === undefined) return water.currentPeriod(kind);
    try {
      return parseWaterPeriod(kind, q.at);
    } catch (e) {
      throw badRequest(`querystring.at: ${e instanceof Error ? e.message : String(e)}`, [
        { field: 'querystring.at', problem: e instanceof Error ? e.message : String(e) },
      ]);
    }
  }

  async function sectionOr404(code: string) {
    const s = await water.section(code);
    if (s === null) throw notFound(`surface-water section ${code}`);
    return s;
  }

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
        querystring: PeriodQuery,
        response: { 200: SectionListSchema, 400: ErrorRef },
      },
    },
    async (request) => {
      const period = periodOf(request.query);
      const items = await water.assess(period);
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
        params: CodeParams,
        querystring: PeriodQuery,
        response: { 200: SectionDetailSchema, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const section = await sectionOr404(request.params.code);
      const [a] = await water.assess(periodOf(request.query), [section]);
      if (a === undefined) throw notFound(`surface-water section ${request.params.code}`);
      return detailDto(a);
    },
  );

  app.get(
    '/api/v1/water/sections/:code/history',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: "A section's class month by month, ending with the current month",
        params: CodeParams,
        querystring: Type.Object({
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Default 12' })),
        }),
        response: {
          200: SectionHistorySchema,
          400: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const section = await sectionOr404(request.params.code);
      const history = await water.monthlyHistory(section, request.query.months ?? 12);
      return {
        section: sectionInfoDto(section),
        months: history.map((a) => ({
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
        params: CodeParams,
        querystring: Type.Object({
          from: Type.Optional(
            Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Default: 30 days ago' }),
          ),
          to: Type.Optional(
            Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Inclusive; default today' }),
          ),
          item: Type.Optional(
            Type.Union(
              ITEM_KEYS.map((k) => Type.Literal(k)),
              { description: 'Only this item' },
            ),
          ),
        }),
        response: {
          200: SectionSeriesSchema,
          400: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const section = await sectionOr404(request.params.code);
      const q = request.query;
      const day = (text: string, field: string): Date => {
        try {
          return chinaDayStart(text);
        } catch {
          throw badRequest(`querystring.${field}: "${text}" is not a date`, [
            { field: `querystring.${field}`, problem: 'not a date' },
          ]);
        }
      };
      const now = clock.now();
      const toDay = day(q.to ?? chinaDate(now), 'to');
      const to = new Date(toDay.getTime() + DAY_MS);
      const from = q.from === undefined ? new Date(to.getTime() - 30 * DAY_MS) : day(q.from, 'from');
      if (from >= to) throw badRequest('querystring.from: must be on or before to');
      if (to.getTime() - from.getTime() > MAX_SERIES_DAYS * DAY_MS) {
        throw badRequest(`querystring.from: at most ${MAX_SERIES_DAYS} days per request`);
      }
      const series = await water.dailySeries(section, from, to);
      const items: Record<
        string,
        { unit: string; values: { date: string; value: number; origin: string }[] }
      > = {};
      for (const p of series) {
        if (q.item !== undefined && p.item !== q.item) continue;
        const entry = (items[p.item] ??= { unit: GB3838_ITEMS[p.item].unit, values: [] });
        entry.values.push({ date: p.date, value: p.value, origin: p.origin });
      }
      return { section: section.code, from: from.toISOString(), to: to.toISOString(), items };
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
        querystring: PeriodQuery,
        response: {
          200: WaterSummarySchema,
          400: ErrorRef,
        },
      },
    },
    async (request) => {
      const r = await water.cityReport(periodOf(request.query));
      return {
        period: periodDto(r.period),
        city: areaDto(r.city),
        districts: r.districts.map((d) => ({
          ...areaDto(d),
          districtCode: d.districtCode,
          name: d.name,
          cwqiRank: d.cwqiRank,
        })),
        ranking: r.ranking,
        rivers: r.rivers.map(bodyStatusDto),
        basins: r.basins.map(bodyStatusDto),
      };
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
        body: LabBody,
        response: {
          201: Type.Object({
            section: Type.String(),
            sampledOn: Type.String(),
            source: Type.String(),
            stored: Type.Array(
              Type.Object({ item: Type.String(), code: Type.String(), value: Type.Number() }),
            ),
          }),
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body: LabBodyDto = request.body;
      let result;
      try {
        result = await water.enterLabResults(
          { sectionCode: body.section, sampledOn: body.sampledOn, values: body.values },
          principal.username,
        );
      } catch (e) {
        throw labError(e);
      }
      await audit.record({
        action: 'water.lab_results_entered',
        actor: actorOf(principal),
        target: { type: 'site', id: result.section },
        details: {
          sampledOn: result.sampledOn,
          source: result.source,
          values: Object.fromEntries(result.stored.map((s) => [s.item, s.value])),
          lab: body.lab ?? null,
          note: body.note ?? null,
          via: 'api',
        },
        address: request.ip,
      });
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
        querystring: Type.Object({
          days: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 366, description: 'Window ending now; default 30' }),
          ),
          district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        }),
        response: {
          200: BlackOdorousListSchema,
          400: ErrorRef,
        },
      },
    },
    async (request) => {
      const window = water.blackOdorousWindow(request.query.days);
      const bodies = await water.blackOdorousBodies(window, { districtCode: request.query.district });
      return {
        window: { from: window.from.toISOString(), to: window.to.toISOString() },
        items: bodies.map(blackOdorousDto),
      };
    },
  );

  app.get(
    '/api/v1/water/black-odorous/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['water'],
        summary: 'One black-odorous water body with its points, grades and the samples of the window',
        params: CodeParams,
        querystring: Type.Object({
          days: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 366, description: 'Window ending now; default 30' }),
          ),
        }),
        response: {
          200: Type.Evaluate(
            Type.Intersect([
              BlackOdorousBodySchema,
              Type.Object({
                window: WindowSchema,
                samples: Type.Array(
                  Type.Evaluate(
                    Type.Intersect([
                      BlackOdorousSampleSchema,
                      Type.Object({ point: Type.String(), grade: Type.String(), enteredBy: Type.String() }),
                    ]),
                  ),
                ),
              }),
            ]),
          ),
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const window = water.blackOdorousWindow(request.query.days);
      const [body] = await water.blackOdorousBodies(window, { code: request.params.code });
      if (body === undefined) throw notFound(`black-odorous water body ${request.params.code}`);
      const samples = await water.blackOdorousSamples(body.code, window);
      return {
        ...blackOdorousDto(body),
        window: { from: window.from.toISOString(), to: window.to.toISOString() },
        samples: samples.map((s) => ({ ...s, sampledAt: s.sampledAt.toISOString() })),
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
        params: CodeParams,
        body: SampleBody,
        response: {
          201: Type.Evaluate(
            Type.Intersect([
              BlackOdorousSampleSchema,
              Type.Object({
                body: Type.String(),
                point: Type.String(),
                grade: Type.String(),
                gradeZh: Type.String(),
              }),
            ]),
          ),
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const b = request.body;
      let sampledAt: Date;
      try {
        sampledAt = parseTimeAsChina(b.sampledAt);
      } catch (e) {
        throw badRequest(`body.sampledAt: ${e instanceof Error ? e.message : String(e)}`, [
          { field: 'body.sampledAt', problem: 'not an ISO 8601 time' },
        ]);
      }
      let result;
      try {
        result = await water.enterBlackOdorousSample(
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
          principal.username,
        );
      } catch (e) {
        throw labError(e);
      }
      await audit.record({
        action: 'water.black_odorous_sample_entered',
        actor: actorOf(principal),
        target: { type: 'black_odorous_body', id: request.params.code },
        details: {
          point: b.point,
          sampledAt: sampledAt.toISOString(),
          sd: b.sd,
          do: b.do,
          orp: b.orp,
          nh3n: b.nh3n,
          depth: b.depth ?? null,
          grade: result.grade,
        },
        address: request.ip,
      });
      const s = result.sample;
      return reply.status(201).send({
        body: request.params.code,
        point: b.point,
        sampledAt: s.sampledAt.toISOString(),
        sd: s.sd,
        do: s.do,
        orp: s.orp,
        nh3n: s.nh3n,
        depth: s.depth,
        grade: result.grade,
        gradeZh: result.gradeZh,
      });
    },
  );
}
