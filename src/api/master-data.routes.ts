/**
 * Master data for the bureau's administrators: districts and sites created, edited, retired and
 * reinstated (never deleted), each change audited by the city service with the fields before → after.
 * A wrong field is a 400 naming it; a code that is taken is a 409.
 */
import type { District } from '../registry/site.service.js';
import type { MasterSite } from '../registry/city.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import type { MasterDistrictDto, MasterSiteDto } from './master-data.schemas.js';
import {
  DistrictCodeParamsSchema,
  DistrictCreateBodySchema,
  DistrictPatchBodySchema,
  MASTER_DATA_ROLES,
  MasterDistrictListSchema,
  MasterDistrictSchema,
  MasterSiteListSchema,
  MasterSiteParamsSchema,
  MasterSiteQuerySchema,
  MasterSiteSchema,
  SiteCreateBodySchema,
  SitePatchBodySchema,
} from './master-data.schemas.js';

/** Master-data bodies are small: a site with its attributes. */
const MASTER_DATA_BODY_LIMIT_BYTES = 32 * 1024;

function districtDto(d: District): MasterDistrictDto {
  return {
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    parent: d.parentCode ?? null,
    retiredAt: d.retiredAt ? d.retiredAt.toISOString() : null,
  };
}

function siteDto(s: MasterSite): MasterSiteDto {
  return {
    id: s.id,
    kind: s.kind,
    code: s.code,
    name: s.name,
    districtCode: s.districtCode,
    longitude: s.longitude,
    latitude: s.latitude,
    parentCode: s.parentCode,
    attributes: s.attributes,
    demo: s.demo,
    retiredAt: s.retiredAt ? s.retiredAt.toISOString() : null,
  };
}

const WRITE_ERRORS = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef };

export function registerMasterDataRoutes(app: App, ctx: AppContext): void {
  const { city } = ctx.services;

  app.get(
    '/api/v1/master-data/districts',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Every district with its parent, retired ones too (admin)',
        response: { 200: MasterDistrictListSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => ({ items: (await city.allDistricts()).map(districtDto) }),
  );

  app.get(
    '/api/v1/master-data/sites',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Sites of a kind, searched by code or name, retired ones when asked (admin)',
        querystring: MasterSiteQuerySchema,
        response: { 200: MasterSiteListSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => ({ items: (await city.listSites(request.query)).map(siteDto) }),
  );

  app.post(
    '/api/v1/districts',
    {
      config: { access: MASTER_DATA_ROLES },
      bodyLimit: MASTER_DATA_BODY_LIMIT_BYTES,
      schema: {
        tags: ['sites'],
        summary: 'Create a district (audited)',
        body: DistrictCreateBodySchema,
        response: { 201: MasterDistrictSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      const d = await city.createDistrict(actor, request.body, request.ip);
      return reply.status(201).send(districtDto(d));
    },
  );

  app.patch(
    '/api/v1/districts/:code',
    {
      config: { access: MASTER_DATA_ROLES },
      bodyLimit: MASTER_DATA_BODY_LIMIT_BYTES,
      schema: {
        tags: ['sites'],
        summary: "Edit a district's names or parent (audited with the changed fields)",
        params: DistrictCodeParamsSchema,
        body: DistrictPatchBodySchema,
        response: { 200: MasterDistrictSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return districtDto(await city.updateDistrict(actor, request.params.code, request.body, request.ip));
    },
  );

  app.post(
    '/api/v1/districts/:code/retire',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Retire a district without sites in service (it keeps its history; audited)',
        params: DistrictCodeParamsSchema,
        response: { 200: MasterDistrictSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return districtDto(await city.retireDistrict(actor, request.params.code, request.ip));
    },
  );

  app.post(
    '/api/v1/districts/:code/reinstate',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Return a retired district to service (audited)',
        params: DistrictCodeParamsSchema,
        response: { 200: MasterDistrictSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return districtDto(await city.reinstateDistrict(actor, request.params.code, request.ip));
    },
  );

  app.post(
    '/api/v1/sites',
    {
      config: { access: MASTER_DATA_ROLES },
      bodyLimit: MASTER_DATA_BODY_LIMIT_BYTES,
      schema: {
        tags: ['sites'],
        summary: 'Create an air station, water section, enterprise or outlet (audited)',
        body: SiteCreateBodySchema,
        response: { 201: MasterSiteSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      const s = await city.createSite(actor, request.body, request.ip);
      return reply.status(201).send(siteDto(s));
    },
  );

  app.patch(
    '/api/v1/sites/:code',
    {
      config: { access: MASTER_DATA_ROLES },
      bodyLimit: MASTER_DATA_BODY_LIMIT_BYTES,
      schema: {
        tags: ['sites'],
        summary: 'Edit a site; attributes are merged over the stored ones (audited with the changed fields)',
        params: MasterSiteParamsSchema,
        body: SitePatchBodySchema,
        response: { 200: MasterSiteSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return siteDto(await city.updateSite(actor, request.params.code, request.body, request.ip));
    },
  );

  app.post(
    '/api/v1/sites/:code/retire',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Retire a site (it leaves the lists and keeps its readings, alarms and cases; audited)',
        params: MasterSiteParamsSchema,
        response: { 200: MasterSiteSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return siteDto(await city.retireSite(actor, request.params.code, request.ip));
    },
  );

  app.post(
    '/api/v1/sites/:code/reinstate',
    {
      config: { access: MASTER_DATA_ROLES },
      schema: {
        tags: ['sites'],
        summary: 'Return a retired site to service (audited)',
        params: MasterSiteParamsSchema,
        response: { 200: MasterSiteSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return siteDto(await city.reinstateSite(actor, request.params.code, request.ip));
    },
  );
}
