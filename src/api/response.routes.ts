/**
 * The heavy-pollution weather response (docs/response.md): alerts and their transitions, the
 * obligations of an alert with their hourly evidence, figures, grades, own lists (一厂一策), rule
 * tables, templates and forecasts. Thin: parse, authorise, call the response service, map.
 */
import type { AlertView, EnterpriseGrade, ObligationView } from '../response/response.service.js';
import type { Site } from '../registry/site.service.js';
import type { App, AppContext } from './app.js';
import { scopedCallerOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import type { AlertDto, GradeDto, ObligationDto } from './response.schemas.js';
import {
  AlertCreatedSchema,
  AlertCreateSchema,
  AlertFiguresSchema,
  AlertIdParamsSchema,
  AlertListQuerySchema,
  AlertListSchema,
  AlertRulesSchema,
  AlertSchema,
  AlertTransitionSchema,
  BuiltinForecastSchema,
  CountSchema,
  CsvBodySchema,
  EnterpriseCodeParamsSchema,
  EnterpriseResponseSchema,
  ForecastInputSchema,
  GradeInputSchema,
  GradeListSchema,
  ObligationListSchema,
  PlanRowInputSchema,
  PlanRowParamsSchema,
  PlanSchema,
  ProposalQuerySchema,
  ProposalSchema,
  RulesPutSchema,
  TemplatesPutSchema,
  TemplatesSchema,
  YearFiguresSchema,
  YearQuerySchema,
} from './response.schemas.js';

const BUREAU = ['admin', 'supervisor'] as const;
const FIGURES = ['admin', 'supervisor', 'operator', 'district'] as const;
const FORECASTERS = ['admin', 'supervisor', 'operator'] as const;
const TAGS = ['response'];

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function enterpriseRef(s: Site) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    districtCode: s.districtCode,
    longitude: s.longitude,
    latitude: s.latitude,
  };
}

export function alertDto(a: AlertView): AlertDto {
  return {
    id: a.id,
    level: a.level as AlertDto['level'],
    state: a.state as AlertDto['state'],
    region: a.regionCode,
    regionName: a.regionName,
    startsAt: a.startsAt.toISOString(),
    endsAt: iso(a.endsAt),
    liftedAt: iso(a.liftedAt),
    basis: a.basis,
    rulesVersion: a.rulesVersion,
    judgedTo: iso(a.judgedTo),
    createdBy: a.createdBy,
    demo: a.demo,
    history: a.history.map((e) => ({
      kind: e.kind,
      level: e.level as AlertDto['level'],
      at: e.at.toISOString(),
      actor: e.actor,
      note: e.note,
    })),
  };
}

function obligationDto(o: ObligationView & { alertId?: number }, alertId: number): ObligationDto {
  return {
    id: o.id,
    alertId: o.alertId ?? alertId,
    enterprise: enterpriseRef(o.enterprise),
    grade: o.grade as ObligationDto['grade'],
    industry: o.industry,
    protectedBasis: o.protectedBasis,
    measures: o.measure,
    baselineKgPerDay: o.baselineKgPerDay,
    expectedCut: o.expectedCutKgPerDay,
    achievedCutKg: o.achievedCutKg,
    status: o.status,
    alarmId: o.alarmId,
    evidence: o.evidence.map((e) => ({
      hour: new Date(e.hour).toISOString(),
      level: e.level,
      verdict: e.verdict,
      reasons: e.reasons,
      actualKg: e.actualKg,
      baselineKg: e.baselineKg,
      allowedKg: e.allowedKg,
      flowM3h: e.flowM3h,
      baselineFlowM3h: e.baselineFlowM3h,
      allowedFlowM3h: e.allowedFlowM3h ?? null,
    })),
  };
}

function gradeDto(g: EnterpriseGrade): GradeDto {
  return {
    enterprise: enterpriseRef(g.site),
    grade: g.grade,
    industry: g.industry,
    gradedOn: g.gradedOn,
    reviewDue: g.reviewDue,
    evidence: g.evidence,
    protectedBasis: g.protectedBasis,
    source: g.source,
    recordedAt: g.recordedAt.toISOString(),
    recordedBy: g.recordedBy,
  };
}

export function registerResponseRoutes(app: App, ctx: AppContext): void {
  const { response, scope } = ctx.services;

  app.get(
    '/api/v1/response/alerts',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'Heavy-pollution alerts, newest first (active or lifted)',
        querystring: AlertListQuerySchema,
        response: { 200: AlertListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => ({
      items: (await response.alerts(request.query.state, request.query.limit ?? 100)).map(alertDto),
    }),
  );

  app.post(
    '/api/v1/response/alerts',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary:
          'Issue an alert: obligations for every graded enterprise of the region; hours already past are judged at once',
        body: AlertCreateSchema,
        response: { 201: AlertCreatedSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const a = await response.issue(await scopedCallerOf(request, scope), {
        level: b.level,
        region: b.region,
        startsAt: new Date(b.startsAt),
        endsAt: b.endsAt === undefined || b.endsAt === null ? null : new Date(b.endsAt),
        basis: b.basis,
      });
      return reply
        .code(201)
        .send({ id: a.id, level: a.level as AlertDto['level'], state: a.state as AlertDto['state'] });
    },
  );

  app.get(
    '/api/v1/response/alerts/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'One alert with its history',
        params: AlertIdParamsSchema,
        response: { 200: AlertSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => alertDto(await response.alert(request.params.id)),
  );

  app.post(
    '/api/v1/response/alerts/:id/transitions',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary: 'Upgrade, downgrade or lift an alert (lifting follows the rule table)',
        params: AlertIdParamsSchema,
        body: AlertTransitionSchema,
        response: {
          200: AlertSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (request) =>
      alertDto(
        await response.transition(
          await scopedCallerOf(request, scope),
          request.params.id,
          request.body.to,
          request.body.level,
          request.body.note ?? '',
        ),
      ),
  );

  app.get(
    '/api/v1/response/alerts/:id/obligations',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'The obligations of an alert with their hourly evidence (an enterprise sees only its own)',
        params: AlertIdParamsSchema,
        response: { 200: ObligationListSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const items = await response.obligations(caller.scope, request.params.id);
      return { items: items.map((o) => obligationDto(o, request.params.id)) };
    },
  );

  app.get(
    '/api/v1/response/alerts/:id/figures',
    {
      config: { access: FIGURES },
      schema: {
        tags: TAGS,
        summary: 'Expected vs achieved cut by pollutant and district, compliance rate, non-compliant list',
        params: AlertIdParamsSchema,
        response: { 200: AlertFiguresSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const f = await response.figures(caller.scope, request.params.id);
      return { ...f, level: f.level as AlertDto['level'] };
    },
  );

  app.get(
    '/api/v1/response/figures/year',
    {
      config: { access: FIGURES },
      schema: {
        tags: TAGS,
        summary: 'A year: alerts by level, days of daily AQI > 150 by district (target none), by season',
        querystring: YearQuerySchema,
        response: { 200: YearFiguresSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => response.yearFigures(request.query.year),
  );

  app.get(
    '/api/v1/response/grades',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'Performance grades in force of the enterprises you may see',
        response: { 200: GradeListSchema, 401: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      return { items: (await response.grades(caller.scope)).map(gradeDto) };
    },
  );

  app.get(
    '/api/v1/response/grades/:code/history',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: "An enterprise's grade history, oldest first",
        params: EnterpriseCodeParamsSchema,
        response: { 200: GradeListSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      return { items: (await response.gradeHistory(caller.scope, request.params.code)).map(gradeDto) };
    },
  );

  app.put(
    '/api/v1/response/grades/:code',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary:
          "Set an enterprise's grade (a new history row), with its industry, review date, evidence and protection",
        params: EnterpriseCodeParamsSchema,
        body: GradeInputSchema,
        response: { 200: CountSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      const b = request.body;
      const count = await response.setGrades(
        await scopedCallerOf(request, scope),
        [
          {
            code: request.params.code,
            grade: b.grade,
            industry: b.industry,
            gradedOn: b.gradedOn,
            reviewDue: b.reviewDue ?? null,
            evidence: b.evidence,
            protectedBasis: b.protectedBasis ?? null,
          },
        ],
        'bureau',
      );
      return { count };
    },
  );

  app.post(
    '/api/v1/response/grades/import',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary:
          'Import grades from CSV (header code,grade,industry,gradedOn,reviewDue,evidence,protectedBasis); all rows or none',
        body: CsvBodySchema,
        response: { 200: CountSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => ({
      count: await response.importGradesCsv(await scopedCallerOf(request, scope), request.body.csv),
    }),
  );

  app.get(
    '/api/v1/response/enterprises/:code',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary:
          "An enterprise's response view: grade, measures per level, active alerts, its obligations and evidence",
        params: EnterpriseCodeParamsSchema,
        response: { 200: EnterpriseResponseSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const plan = await response.plan(caller.scope, request.params.code);
      const [alerts, obligations] = await Promise.all([
        response.alerts('active'),
        response.obligationsOfEnterprise(caller.scope, request.params.code),
      ]);
      return {
        plan: { grade: plan.grade === null ? null : gradeDto(plan.grade), measures: plan.measures },
        activeAlerts: alerts.map(alertDto),
        obligations: obligations.map((o) => obligationDto(o, o.alertId)),
      };
    },
  );

  app.get(
    '/api/v1/response/enterprises/:code/plan',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: "An enterprise's own list (一厂一策): its measure at each level",
        params: EnterpriseCodeParamsSchema,
        response: { 200: PlanSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const plan = await response.plan(caller.scope, request.params.code);
      return { grade: plan.grade === null ? null : gradeDto(plan.grade), measures: plan.measures };
    },
  );

  app.put(
    '/api/v1/response/enterprises/:code/plan/:level',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary: "Set one level of an enterprise's own list (wins over the templates)",
        params: PlanRowParamsSchema,
        body: PlanRowInputSchema,
        response: { 200: PlanSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      await response.setPlanRow(caller, request.params.code, {
        level: request.params.level,
        ...request.body,
      });
      const plan = await response.plan(caller.scope, request.params.code);
      return { grade: plan.grade === null ? null : gradeDto(plan.grade), measures: plan.measures };
    },
  );

  app.get(
    '/api/v1/response/rules',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'The alert rule table in force (triggers, lifting, cut targets, with evidence tags)',
        response: { 200: AlertRulesSchema, 401: ErrorRef },
      },
    },
    async () => response.rules(),
  );

  app.put(
    '/api/v1/response/rules',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary: 'Store a new version of the alert rule table (from its validFrom)',
        body: RulesPutSchema,
        response: { 200: AlertRulesSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      response.setRules(await scopedCallerOf(request, scope), request.body.rules, request.body.note),
  );

  app.get(
    '/api/v1/response/templates',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'The measure templates in force (industry × grade × level)',
        response: { 200: TemplatesSchema, 401: ErrorRef },
      },
    },
    async () => response.templates(),
  );

  app.put(
    '/api/v1/response/templates',
    {
      config: { access: BUREAU },
      schema: {
        tags: TAGS,
        summary: 'Store a new version of the measure templates',
        body: TemplatesPutSchema,
        response: { 200: TemplatesSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      await response.setTemplates(await scopedCallerOf(request, scope), request.body);
      return response.templates();
    },
  );

  app.post(
    '/api/v1/response/forecasts',
    {
      config: { access: FORECASTERS },
      schema: {
        tags: TAGS,
        summary: 'Store forecast daily AQI of the city or districts',
        body: ForecastInputSchema,
        response: { 200: CountSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => ({
      count: await response.addForecasts(
        await scopedCallerOf(request, scope),
        request.body.items.map((f) => ({ ...f, primaryPollutant: f.primaryPollutant ?? null })),
        'api',
      ),
    }),
  );

  app.post(
    '/api/v1/response/forecasts/import',
    {
      config: { access: FORECASTERS },
      schema: {
        tags: TAGS,
        summary: 'Import forecasts from CSV (header region,date,aqi,primaryPollutant)',
        body: CsvBodySchema,
        response: { 200: CountSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => ({
      count: await response.importForecastCsv(await scopedCallerOf(request, scope), request.body.csv),
    }),
  );

  app.post(
    '/api/v1/response/forecasts/builtin',
    {
      config: { access: FORECASTERS },
      schema: {
        tags: TAGS,
        summary: "Run the built-in persistence-plus-trend forecast from the platform's own daily AQI",
        body: BuiltinForecastSchema,
        response: { 200: CountSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => ({
      count: (
        await response.builtinForecast(
          await scopedCallerOf(request, scope),
          request.body.region,
          request.body.days ?? 3,
        )
      ).length,
    }),
  );

  app.get(
    '/api/v1/response/proposal',
    {
      config: { access: FIGURES },
      schema: {
        tags: TAGS,
        summary:
          "A region's forecast from today, the alert level it calls for and whether lifting is allowed",
        querystring: ProposalQuerySchema,
        response: { 200: ProposalSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => response.proposal(request.query.region),
  );
}
