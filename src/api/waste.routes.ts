/**
 * Hazardous waste (issue 22, docs/waste.md §9): parties, the directory, manifests and their moves,
 * enterprise waste files (ledger, stock, mass balance), city figures and flows, zero-waste
 * statistics and indicators, settings. Thin: parse, authorise, call the waste service, map.
 * Scoping is the service's: an enterprise its own records and the manifests it is a party to, a
 * district its enterprises, the bureau all.
 */
import type { FastifyRequest } from 'fastify';
import { chinaDate, DAY_MS } from '../standards/china-time.js';
import type {
  ManifestView,
  WasteCaller,
  WasteFile,
  WasteFigures,
  WasteParty,
} from '../waste/waste.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './common.schemas.js';
import {
  CatalogueImportBodySchema,
  CatalogueImportResultSchema,
  CatalogueSchema,
  CreateManifestBodySchema,
  DeclarationBodySchema,
  EnterpriseParamsSchema,
  FacilityBodySchema,
  IndicatorListSchema,
  IndicatorQuerySchema,
  LedgerBodySchema,
  LedgerRecordSchema,
  ManifestListQuerySchema,
  ManifestListSchema,
  ManifestParamsSchema,
  ManifestSchema,
  ManifestTransitionBodySchema,
  PlanBodySchema,
  SetWastePartyBodySchema,
  StatsBodySchema,
  StatsResultSchema,
  WasteFiguresSchema,
  WasteFileSchema,
  WastePartyListSchema,
  WastePartyRoleQuerySchema,
  WastePartySchema,
  WasteSettingsBodySchema,
  WasteSettingsSchema,
  YearQuerySchema,
  type LedgerRecordDto,
  type ManifestDto,
  type WasteFiguresDto,
  type WasteFileDto,
  type WastePartyDto,
} from './waste.schemas.js';

const WASTE_BODY_LIMIT_BYTES = 64 * 1024;
const CATALOGUE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const BUREAU = ['admin', 'supervisor'] as const;
const SUPERVISORS = ['admin', 'supervisor', 'operator', 'district'] as const;

const t = (kg: number): number => kg / 1000;
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function partyDto(p: WasteParty): WastePartyDto {
  return {
    siteCode: p.siteCode,
    siteName: p.siteName,
    districtCode: p.districtCode,
    role: p.role,
    permitNo: p.permitNo,
    vehicles: p.vehicles,
    licenceCodes: p.licenceCodes,
    licenceMethods: p.licenceMethods,
    annualCapacityT: p.annualCapacityKg === null ? null : t(p.annualCapacityKg),
  };
}

export function manifestDto(v: ManifestView): ManifestDto {
  const m = v.manifest;
  const ref = (p: ManifestView['parties']['consignor']) => ({
    code: p.code,
    name: p.name,
    districtCode: p.districtCode,
  });
  return {
    id: m.id,
    number: m.number,
    state: m.state as ManifestDto['state'],
    consignor: ref(v.parties.consignor),
    carrier: ref(v.parties.carrier),
    receiver: ref(v.parties.receiver),
    createdAt: m.createdAt.toISOString(),
    vehicle: m.vehicle,
    pickedUpAt: iso(m.pickedUpAt),
    receiptDueAt: iso(m.receiptDueAt),
    receivedAt: iso(m.receivedAt),
    disposedAt: iso(m.disposedAt),
    method: m.method,
    discrepancies: m.discrepancies,
    items: m.items.map((i) => ({
      line: i.line,
      code: i.code,
      name: i.name,
      form: i.form,
      hazard: i.hazard,
      packaging: i.packaging,
      quantityT: t(i.quantityKg),
      receivedT: i.receivedKg === null ? null : t(i.receivedKg),
      receivedCode: i.receivedCode,
    })),
    totalT: t(m.items.reduce((s, i) => s + i.quantityKg, 0)),
    demo: m.demo,
    callerParties: v.callerParties,
    allowedMoves: v.allowedMoves,
    events: v.events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

function fileDto(f: WasteFile, now: Date): WasteFileDto {
  const facilityCode = (id: number | null) => f.facilities.find((x) => x.id === id)?.code ?? null;
  const ledger = (r: WasteFile['ledger'][number]): LedgerRecordDto => ({
    id: r.id,
    kind: r.kind,
    at: r.at.toISOString(),
    code: r.code,
    quantityT: t(r.quantityKg),
    facility: facilityCode(r.facilityId),
    batch: r.batch,
    container: r.container,
    handler: r.handler,
    manifestId: r.manifestId,
    note: r.note,
    recordedBy: r.recordedBy,
  });
  return {
    site: { code: f.site.code, name: f.site.name, districtCode: f.site.districtCode },
    year: f.year,
    roles: f.roles.map(partyDto),
    tier: f.tier,
    declarationsOwed: f.declarationsOwed,
    declarations: f.declarations.map((d) => ({ ...d, filedAt: d.filedAt.toISOString() })),
    facilities: f.facilities.map((x) => ({
      code: x.code,
      name: x.name,
      capacityT: t(x.capacityKg),
      location: x.location,
      stockT: t(x.stockKg),
    })),
    stock: f.stock.map((s) => ({ code: s.code, facility: facilityCode(s.facilityId), stockT: t(s.kg) })),
    ages: f.ages.map((a) => ({
      code: a.code,
      stockT: t(a.stockKg),
      oldestSince: iso(a.oldestSince),
      days: a.oldestSince === null ? 0 : Math.floor((now.getTime() - a.oldestSince.getTime()) / DAY_MS),
    })),
    plan: f.plan.map((p) => ({ code: p.code, plannedT: t(p.plannedKg), filedAt: p.filedAt.toISOString() })),
    balance: f.balance.map((b) => ({
      code: b.code,
      openingT: t(b.openingKg),
      generatedT: t(b.generatedKg),
      receivedT: t(b.receivedKg),
      returnedT: t(b.returnedKg),
      shippedT: t(b.shippedKg),
      selfUtilisedT: t(b.selfUtilisedKg),
      utilisedT: t(b.utilisedKg),
      disposedT: t(b.disposedKg),
      correctionsT: t(b.correctionsKg),
      expectedClosingT: t(b.expectedClosingKg),
      countedT: b.countedKg === null ? null : t(b.countedKg),
      gapT: b.gapKg === null ? null : t(b.gapKg),
    })),
    ledger: f.ledger.map(ledger),
  };
}

function figuresDto(f: WasteFigures): WasteFiguresDto {
  const row = (r: {
    generatedKg: number;
    transferredKg: number;
    utilisedKg: number;
    disposedKg: number;
  }) => ({
    generatedT: t(r.generatedKg),
    transferredT: t(r.transferredKg),
    utilisedT: t(r.utilisedKg),
    disposedT: t(r.disposedKg),
  });
  return {
    year: f.year,
    byCategory: f.byCategory.map((r) => ({ category: r.category, ...row(r) })),
    byDistrict: f.byDistrict.map((r) => ({ districtCode: r.districtCode, ...row(r) })),
    flows: f.flows.map((x) => ({
      from: x.from,
      to: x.to,
      quantityT: t(x.kg),
      manifests: x.manifests,
      crossDistrict: x.crossDistrict,
    })),
    manifestsByState: f.manifestsByState,
  };
}

export function registerWasteRoutes(app: App, { services }: AppContext): void {
  const { waste, clock } = services;
  const callerOf = (request: FastifyRequest): WasteCaller => {
    const p = principalOf(request);
    return {
      username: p.username,
      role: p.role,
      districtCode: p.districtCode,
      enterpriseSiteId: p.enterpriseSiteId,
      address: request.ip,
    };
  };
  const thisYear = (): number => Number(chinaDate(clock.now()).slice(0, 4));
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef };

  app.get(
    '/api/v1/waste/parties',
    {
      config: { access: 'user' },
      schema: {
        tags: ['waste'],
        summary: 'Waste parties (generators, carriers, receivers) with their codes, permits and licences',
        querystring: WastePartyRoleQuerySchema,
        response: { 200: WastePartyListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => ({ items: (await waste.parties(request.query.role)).map(partyDto) }),
  );
  app.put(
    '/api/v1/waste/parties',
    {
      config: { access: BUREAU },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary:
          'Give an enterprise a waste role (carrier: permit and vehicles; receiver: licence codes, methods, capacity); audited',
        body: SetWastePartyBodySchema,
        response: { 200: WastePartySchema, ...errors },
      },
    },
    async (request) => partyDto(await waste.setParty(callerOf(request), request.body)),
  );
  app.get(
    '/api/v1/waste/catalogue',
    {
      config: { access: 'user' },
      schema: {
        tags: ['waste'],
        summary:
          'The hazardous-waste directory in force today (shipped tagged entries and the imported directory)',
        response: { 200: CatalogueSchema, 401: ErrorRef },
      },
    },
    async () => ({ items: await waste.catalogue() }),
  );
  app.post(
    '/api/v1/waste/catalogue/import',
    {
      config: { access: ['admin'] },
      bodyLimit: CATALOGUE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary:
          'Import the full directory of an edition as CSV (all lines or none; bad lines named); audited',
        body: CatalogueImportBodySchema,
        response: { 200: CatalogueImportResultSchema, ...errors },
      },
    },
    async (request) => waste.importCatalogue(callerOf(request), request.body.edition, request.body.csv),
  );

  app.get(
    '/api/v1/waste/manifests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['waste'],
        summary: 'Transfer manifests the caller may see, newest first',
        querystring: ManifestListQuerySchema,
        response: { 200: ManifestListSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await waste.manifests(callerOf(request), {
        state: q.state,
        site: q.site,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { items: page.items.map(manifestDto), total: page.total };
    },
  );
  app.post(
    '/api/v1/waste/manifests',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary:
          'Fill in a transfer manifest (the caller’s enterprise is the consignor); state draft; audited',
        body: CreateManifestBodySchema,
        response: { 201: ManifestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const m = await waste.createManifest(caller, request.body);
      return reply.status(201).send(manifestDto(await waste.manifest(caller, m.id)));
    },
  );
  app.get(
    '/api/v1/waste/manifests/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['waste'],
        summary: 'One manifest with its timeline and the moves the caller may make',
        params: ManifestParamsSchema,
        response: { 200: ManifestSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => manifestDto(await waste.manifest(callerOf(request), request.params.id)),
  );
  app.post(
    '/api/v1/waste/manifests/:id/transitions',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary:
          'Move a manifest; 409 names the allowed states, 403 when the caller does not hold the step’s party',
        description:
          'Consignor: submitted (checks licence and permit), void (reason; before pickup). Carrier: in_transit (vehicle, pickedUpAt). Receiver: received (received per line), rejected (reason), disposed (method, disposedOn).',
        params: ManifestParamsSchema,
        body: ManifestTransitionBodySchema,
        response: { 200: ManifestSchema, ...errors },
      },
    },
    async (request) =>
      manifestDto(await waste.transition(callerOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/waste/enterprises/:code/file',
    {
      config: { access: 'user' },
      schema: {
        tags: ['waste'],
        summary:
          'An enterprise’s waste file: roles, tier, facilities, stock, storage ages, plan, mass balance, ledger',
        params: EnterpriseParamsSchema,
        querystring: YearQuerySchema,
        response: { 200: WasteFileSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) =>
      fileDto(
        await waste.wasteFile(callerOf(request), request.params.code, request.query.year ?? thisYear()),
        clock.now(),
      ),
  );
  app.post(
    '/api/v1/waste/enterprises/:code/ledger',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary: 'Record a ledger entry of the caller’s own enterprise (per container or package); audited',
        params: EnterpriseParamsSchema,
        body: LedgerBodySchema,
        response: { 201: LedgerRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await waste.recordLedger(callerOf(request), request.params.code, request.body);
      return reply.status(201).send({
        id: r.id,
        kind: r.kind,
        at: r.at.toISOString(),
        code: r.code,
        quantityT: t(r.quantityKg),
        facility: request.body.facility ?? null,
        batch: r.batch,
        container: r.container,
        handler: r.handler,
        manifestId: r.manifestId,
        note: r.note,
        recordedBy: r.recordedBy,
      });
    },
  );
  app.post(
    '/api/v1/waste/enterprises/:code/facilities',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary: 'Add a storage facility to the caller’s own enterprise; audited',
        params: EnterpriseParamsSchema,
        body: FacilityBodySchema,
        response: { 204: NoContentSchema, ...errors },
      },
    },
    async (request, reply) => {
      await waste.addFacility(callerOf(request), request.params.code, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/waste/enterprises/:code/plan',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary: 'File the annual management plan (planned quantities by code; due 31 March); audited',
        params: EnterpriseParamsSchema,
        body: PlanBodySchema,
        response: { 204: NoContentSchema, ...errors },
      },
    },
    async (request, reply) => {
      await waste.filePlan(callerOf(request), request.params.code, request.body.year, request.body.lines);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/waste/enterprises/:code/declarations',
    {
      config: { access: ['enterprise'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary: 'Record a monthly, quarterly or annual declaration as filed; audited',
        params: EnterpriseParamsSchema,
        body: DeclarationBodySchema,
        response: { 204: NoContentSchema, ...errors },
      },
    },
    async (request, reply) => {
      await waste.fileDeclaration(
        callerOf(request),
        request.params.code,
        request.body.kind,
        request.body.period,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/waste/figures',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['waste'],
        summary:
          'City figures of a year: generated, transferred, utilised, disposed by category and district; flows',
        querystring: YearQuerySchema,
        response: { 200: WasteFiguresSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => figuresDto(await waste.figures(callerOf(request), request.query.year ?? thisYear())),
  );
  app.post(
    '/api/v1/waste/stats',
    {
      config: { access: BUREAU },
      bodyLimit: CATALOGUE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary: 'Enter or import monthly zero-waste statistics with targets; audited',
        body: StatsBodySchema,
        response: { 200: StatsResultSchema, ...errors },
      },
    },
    async (request) => ({ entered: await waste.enterStats(callerOf(request), request.body.rows) }),
  );
  app.get(
    '/api/v1/waste/indicators',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['waste'],
        summary: 'Zero-waste indicators of a year ({key, value, unit, target, asOf})',
        querystring: IndicatorQuerySchema,
        response: { 200: IndicatorListSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await waste.indicators(q.year, q.scope ?? 'city', q.code);
      return { items: items.map((i) => ({ ...i, asOf: iso(i.asOf) })) };
    },
  );
  app.get(
    '/api/v1/waste/settings',
    {
      config: { access: BUREAU },
      schema: {
        tags: ['waste'],
        summary: 'Waste settings: storage limits, tolerances, receipt deadline, holiday years loaded',
        response: { 200: WasteSettingsSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => waste.settings(),
  );
  app.put(
    '/api/v1/waste/settings',
    {
      config: { access: ['admin'] },
      bodyLimit: WASTE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['waste'],
        summary:
          'Change waste settings (any subset; holidayYears loads later years’ holiday notices); audited',
        body: WasteSettingsBodySchema,
        response: { 200: WasteSettingsSchema, ...errors },
      },
    },
    async (request) => waste.changeSettings(callerOf(request), request.body),
  );
}
