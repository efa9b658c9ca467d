import { Type } from 'typebox';
import { scopeOf, siteFilterOf, siteInScope } from '../auth/scope.js';
import type { Site } from '../store/types.js';
import type { AppContext, App } from './app.js';
import { notFound } from './errors.js';
import { DistrictSchema, PageSchema, SiteKindSchema, SiteSchema } from './schemas.js';

const ErrorRef = Type.Unsafe({ $ref: 'Error#' });

/** The API shape of a site. */
export function siteDto(s: Site) {
  return { ...s };
}

export function registerSiteRoutes(app: App, deps: AppContext): void {
  const { store } = deps;

  app.get(
    '/api/v1/districts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sites'],
        summary: "The city's county-level divisions",
        response: { 200: Type.Object({ items: Type.Array(DistrictSchema) }) },
      },
    },
    async () => ({ items: await store.districts.list() }),
  );

  app.get(
    '/api/v1/sites',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sites'],
        summary: 'Monitored places, filtered by kind and district',
        description:
          'Anonymous callers see the published air stations and water sections; a district officer the district; an enterprise user the enterprise and its outlets.',
        querystring: Type.Object(
          {
            kind: Type.Optional(SiteKindSchema),
            district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Division code' })),
            parent: Type.Optional(Type.String({ maxLength: 64, description: 'Code of the parent site' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(SiteSchema), 400: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const scope = await scopeOf(request.principal, store);
      let parentId: number | undefined;
      if (q.parent !== undefined) {
        const parent = await store.sites.getByCode(q.parent);
        if (!parent || !siteInScope(scope, parent)) throw notFound(`parent site ${q.parent}`);
        parentId = parent.id;
      }
      const scoped = await siteFilterOf(scope, store, { kind: q.kind, districtCode: q.district });
      if (scoped === null) return { items: [], total: 0, nextCursor: null };
      const page = await store.sites.list({ ...scoped, parentId, limit: q.limit, offset: q.offset });
      return { ...page, items: page.items.map(siteDto) };
    },
  );

  app.get(
    '/api/v1/sites/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sites'],
        summary: 'One site by its code',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 200: SiteSchema, 404: ErrorRef },
      },
    },
    async (request) => {
      const site = await store.sites.getByCode(request.params.code);
      // Outside the caller's scope reads exactly like absent: no hint that it exists.
      if (!site || !siteInScope(await scopeOf(request.principal, store), site)) {
        throw notFound(`site ${request.params.code}`);
      }
      return siteDto(site);
    },
  );
}
