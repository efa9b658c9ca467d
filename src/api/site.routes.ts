import { Type } from 'typebox';
import type { Site } from '../store/types.js';
import type { AppDeps, App } from './app.js';
import { notFound } from './errors.js';
import { DistrictSchema, PageSchema, SiteKindSchema, SiteSchema } from './schemas.js';

const ErrorRef = Type.Unsafe({ $ref: 'Error#' });

/** The API shape of a site. */
export function siteDto(s: Site) {
  return { ...s };
}

export function registerSiteRoutes(app: App, deps: AppDeps): void {
  const { store } = deps;

  app.get(
    '/api/v1/districts',
    {
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
      schema: {
        tags: ['sites'],
        summary: 'Monitored places, filtered by kind and district',
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
      let parentId: number | undefined;
      if (q.parent !== undefined) {
        const parent = await store.sites.getByCode(q.parent);
        if (!parent) throw notFound(`parent site ${q.parent}`);
        parentId = parent.id;
      }
      const page = await store.sites.list({
        kind: q.kind,
        districtCode: q.district,
        parentId,
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, items: page.items.map(siteDto) };
    },
  );

  app.get(
    '/api/v1/sites/:code',
    {
      schema: {
        tags: ['sites'],
        summary: 'One site by its code',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 200: SiteSchema, 404: ErrorRef },
      },
    },
    async (request) => {
      const site = await store.sites.getByCode(request.params.code);
      if (!site) throw notFound(`site ${request.params.code}`);
      return siteDto(site);
    },
  );
}
