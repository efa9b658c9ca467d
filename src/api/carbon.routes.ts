/**
 * The carbon API (docs/carbon.md §10): energy accounts (enterprise: its own; bureau: all),
 * the factor library and settings, grades, the enterprise carbon file, energy budgets, the two-high
 * screen, dual-control indicators, the public carbon-code page with its QR code, and the carbon
 * calculator of `qingshan calc carbon`.
 */
import QRCode from 'qrcode';
import type { CarbonSettings } from '../carbon/carbon-settings.js';
import { ForbiddenError } from '../errors.js';
import { importEnergyAccountsCsv } from '../ingest/energy-account-import.js';
import { ENERGY_CARRIERS } from '../standards/energy-carriers.js';
import { roundGbt8170ToNumber } from '../standards/gb-t-8170.js';
import { chinaMonth } from '../standards/china-time.js';
import type { App, AppContext } from './app.js';
import { scopedCallerOf } from './auth.hook.js';
import { accountDto, budgetDto, gradeDto } from './carbon.dto.js';
import {
  AccountBodySchema,
  AccountImportBodySchema,
  AccountImportReportSchema,
  AccountListSchema,
  AccountQuerySchema,
  AccountVersionParamsSchema,
  AccountWriteSchema,
  BudgetListSchema,
  CarbonCalcQuerySchema,
  CarbonCalcSchema,
  CarbonSettingsSchema,
  EnterpriseCarbonFileSchema,
  EnterpriseParamsSchema,
  FactorListSchema,
  FactorSchema,
  GradeListSchema,
  GradeQuerySchema,
  IndicatorListSchema,
  IndicatorQuerySchema,
  IssueBudgetsBodySchema,
  IssueBudgetsSchema,
  NewFactorSchema,
  OverviewSchema,
  PublicCarbonCodeSchema,
  TransferBodySchema,
  TwoHighSchema,
  YearQuerySchema,
} from './carbon.schemas.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './common.schemas.js';

const READERS = ['admin', 'supervisor', 'district', 'enterprise'] as const;
const BUREAU = ['admin', 'supervisor'] as const;
const TAGS = ['carbon'];

/** The path of an enterprise's public carbon-code page (the QR code links to it). */
export const carbonCodePagePath = (code: string): string => `/carbon/code/${encodeURIComponent(code)}`;

export function registerCarbonRoutes(app: App, ctx: AppContext): void {
  const { carbon, scope, clock } = ctx.services;
  const thisYear = (): number => Number(chinaMonth(clock.now()).slice(0, 4));

  app.get(
    '/api/v1/calc/carbon',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary:
          'Carbon calculator (GB/T 32150-2015, GB/T 2589-2020, DB33/T 1347-2023): the names of `qingshan calc carbon`',
        description:
          'Quantities by carrier (electricity, green_power, pv_self_use, pv_export MWh; natural_gas 10⁴ Nm³; raw_coal, diesel, gasoline, fuel_oil, lpg t; heat GJ; other_tce tce), ' +
          'value_added 10⁴ CNY, optional sector_intensity t/10⁴ CNY, year; factors from the library under the bureau’s choice, `factor=key=value` overrides.',
        querystring: CarbonCalcQuerySchema,
        response: { 200: CarbonCalcSchema, 400: ErrorRef },
      },
    },
    (request) => {
      const q = request.query;
      const factors: Record<string, string> = {};
      for (const f of q.factor ?? []) {
        const [k = '', v = ''] = f.split('=');
        factors[k] = v;
      }
      const quantities: Record<string, number> = {};
      for (const c of ENERGY_CARRIERS) {
        const v = (q as Record<string, unknown>)[c];
        if (typeof v === 'number') quantities[c] = v;
      }
      return carbon.calc({
        quantities,
        valueAdded: q.value_added,
        sectorIntensity: q.sector_intensity,
        year: q.year,
        factors,
      });
    },
  );

  app.get(
    '/api/v1/carbon/settings',
    {
      config: { access: [...BUREAU] },
      schema: {
        tags: TAGS,
        summary: 'Carbon settings in force',
        response: { 200: CarbonSettingsSchema, 401: ErrorRef },
      },
    },
    () => carbon.settings(),
  );

  app.put(
    '/api/v1/carbon/settings',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary:
          'Replace the carbon settings (factor choice, coverage, tiers, alerts, two-high, targets); audited',
        body: CarbonSettingsSchema,
        response: { 200: CarbonSettingsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      carbon.putSettings(await scopedCallerOf(request, scope), request.body as CarbonSettings),
  );

  app.get(
    '/api/v1/carbon/factors',
    {
      config: { access: 'user' },
      schema: {
        tags: TAGS,
        summary: 'The factor library',
        response: { 200: FactorListSchema, 401: ErrorRef },
      },
    },
    async () => ({
      items: (await carbon.factors()).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    }),
  );

  app.post(
    '/api/v1/carbon/factors',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Add a factor row (never overwrites an older one); audited',
        body: NewFactorSchema,
        response: { 201: FactorSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const f = await carbon.addFactor(await scopedCallerOf(request, scope), request.body);
      return reply.code(201).send({ ...f, createdAt: f.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/carbon/accounts',
    {
      config: { access: [...READERS] },
      schema: {
        tags: TAGS,
        summary: 'An enterprise’s monthly energy accounts in force, with CO2, tce and the factor rows used',
        querystring: AccountQuerySchema,
        response: { 200: AccountListSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const { enterprise, from, to } = request.query;
      const caller = await scopedCallerOf(request, scope);
      return { items: (await carbon.accounts(caller.scope, enterprise, from, to)).map(accountDto) };
    },
  );

  app.post(
    '/api/v1/carbon/accounts',
    {
      config: { access: ['admin', 'supervisor', 'enterprise'] },
      schema: {
        tags: TAGS,
        summary:
          'Enter a month (enterprise: its own); a month that has an account gets a new version with a reason',
        body: AccountBodySchema,
        response: { 200: AccountWriteSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const source = caller.actor.role === 'enterprise' ? 'enterprise' : 'bureau';
      const { view, outcome } = await carbon.recordAccount(caller, request.body, source);
      return { outcome, account: accountDto(view) };
    },
  );

  app.get(
    '/api/v1/carbon/accounts/:code/:month/versions',
    {
      config: { access: [...READERS] },
      schema: {
        tags: TAGS,
        summary: 'Every version of an enterprise’s month (corrections with who and why), oldest first',
        params: AccountVersionParamsSchema,
        response: { 200: AccountListSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const { code, month } = request.params;
      return { items: (await carbon.accountVersions(caller.scope, code, month)).map(accountDto) };
    },
  );

  app.post(
    '/api/v1/carbon/accounts/import',
    {
      config: { access: [...BUREAU] },
      schema: {
        tags: TAGS,
        summary:
          'Import accounts from CSV (e.g. the grid company’s monthly electricity file): stored, replaced, rejected and why',
        body: AccountImportBodySchema,
        response: { 200: AccountImportReportSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      importEnergyAccountsCsv(carbon, await scopedCallerOf(request, scope), request.body.csv),
  );

  app.get(
    '/api/v1/carbon/grades',
    {
      config: { access: [...READERS] },
      schema: {
        tags: TAGS,
        summary:
          'DB33/T 1347-2023 grades of the enterprises the caller may see for a period (default: the latest quarter)',
        querystring: GradeQuerySchema,
        response: { 200: GradeListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const period = request.query.period ?? carbon.latestQuarter();
      return { period, items: (await carbon.grades(caller.scope, period)).map(gradeDto) };
    },
  );

  app.get(
    '/api/v1/carbon/overview',
    {
      config: { access: ['admin', 'supervisor', 'district'] },
      schema: {
        tags: TAGS,
        summary: 'City and district indicators against targets and the grades of the latest quarter',
        querystring: YearQuerySchema,
        response: { 200: OverviewSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const year = request.query.year ?? thisYear();
      const o = await carbon.overview(caller.scope, year);
      return { year, period: o.period, city: o.city, districts: o.districts, grades: o.grades.map(gradeDto) };
    },
  );

  app.get(
    '/api/v1/carbon/enterprises/:code',
    {
      config: { access: [...READERS] },
      schema: {
        tags: TAGS,
        summary:
          'An enterprise’s carbon file: quarterly grade trend, the months of a year, the budget burn-down',
        params: EnterpriseParamsSchema,
        querystring: YearQuerySchema,
        response: { 200: EnterpriseCarbonFileSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const year = request.query.year ?? thisYear();
      const f = await carbon.enterpriseFile(caller.scope, request.params.code, year);
      const e = f.enterprise;
      return {
        code: e.code,
        name: e.name,
        districtCode: e.districtCode,
        industry: e.industry,
        industryCode: e.industryCode,
        year,
        history: f.history.map(gradeDto),
        accounts: f.accounts.map(accountDto),
        budget: f.budget === null ? null : budgetDto(f.budget),
      };
    },
  );

  app.get(
    '/api/v1/carbon/budgets',
    {
      config: { access: [...READERS] },
      schema: {
        tags: TAGS,
        summary: 'Energy budgets of a year: burn-down, projection and alert level',
        querystring: YearQuerySchema,
        response: { 200: BudgetListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const year = request.query.year ?? thisYear();
      return { year, items: (await carbon.budgets(caller.scope, year)).map(budgetDto) };
    },
  );

  app.post(
    '/api/v1/carbon/budgets/issue',
    {
      config: { access: [...BUREAU] },
      schema: {
        tags: TAGS,
        summary:
          'Issue the year’s budgets to covered enterprises that have none (baseline: the previous year); audited',
        body: IssueBudgetsBodySchema,
        response: { 200: IssueBudgetsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => carbon.issueBudgets(await scopedCallerOf(request, scope), request.body.year),
  );

  app.post(
    '/api/v1/carbon/budgets/transfers',
    {
      config: { access: [...BUREAU] },
      schema: {
        tags: TAGS,
        summary: 'Record a transfer of unused budget between two enterprises; audited',
        body: TransferBodySchema,
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      await carbon.transferBudget(await scopedCallerOf(request, scope), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/carbon/two-high',
    {
      config: { access: ['admin', 'supervisor', 'district'] },
      schema: {
        tags: TAGS,
        summary: 'Enterprises in the two-high sectors or at or above the tce threshold',
        querystring: YearQuerySchema,
        response: { 200: TwoHighSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const year = request.query.year ?? thisYear();
      const items = await carbon.twoHigh(caller.scope, year);
      return {
        year,
        items: items.map((i) => ({
          code: i.enterprise.code,
          name: i.enterprise.name,
          districtCode: i.enterprise.districtCode,
          industryCode: i.enterprise.industryCode,
          annualTce: roundGbt8170ToNumber(i.tce, 1),
          sectorFlag: i.sectorFlag,
          sizeFlag: i.sizeFlag,
        })),
      };
    },
  );

  app.get(
    '/api/v1/carbon/indicators',
    {
      config: { access: ['admin', 'supervisor', 'district'] },
      schema: {
        tags: TAGS,
        summary: 'Dual-control indicators of the city or a district for a year, with targets',
        querystring: IndicatorQuerySchema,
        response: { 200: IndicatorListSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      const caller = await scopedCallerOf(request, scope);
      const { year = thisYear(), scope: level = 'city', code = '' } = request.query;
      if (
        caller.scope.kind === 'district' &&
        (level === 'city' ? false : code !== caller.scope.districtCode)
      ) {
        throw new ForbiddenError(
          `indicators of district ${code}: a district officer sees the city and their own district`,
        );
      }
      const items = await carbon.indicators(year, level, code);
      return { items };
    },
  );

  app.get(
    '/api/v1/public/carbon-code/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary:
          'Public carbon-code page of an enterprise: grade, level, intensity, trend (no energy figures)',
        params: EnterpriseParamsSchema,
        response: { 200: PublicCarbonCodeSchema, 404: ErrorRef },
      },
    },
    async (request) => {
      const p = await carbon.publicCode(request.params.code);
      const l = p.latest;
      const r = (x: Parameters<typeof roundGbt8170ToNumber>[0] | null, d: number) =>
        x === null ? null : roundGbt8170ToNumber(x, d);
      return {
        code: p.enterprise.code,
        name: p.enterprise.name,
        industry: p.enterprise.industry,
        period: l?.period ?? null,
        grade: l?.grade ?? null,
        level: l?.level ?? null,
        intensity: r(l?.intensity ?? null, 4),
        k: r(l?.k ?? null, 3),
        trend: p.history.map((h) => ({ period: h.period, grade: h.grade, intensity: r(h.intensity, 4) })),
        pageUrl: carbonCodePagePath(p.enterprise.code),
      };
    },
  );

  app.get(
    '/api/v1/public/carbon-code/:code/qr.svg',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'QR code (SVG) linking to the enterprise’s public carbon-code page',
        params: EnterpriseParamsSchema,
        produces: ['image/svg+xml'],
        response: { 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const p = await carbon.publicCode(request.params.code);
      const url = `${request.protocol}://${request.host}${carbonCodePagePath(p.enterprise.code)}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
    },
  );
}
