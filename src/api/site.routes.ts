/** The city's districts and monitored places, scoped to what the caller may see. */
import type { Site } from '../registry/site.service.js';
import type { AppContext, App } from './app.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import type { SiteDto } from './site.schemas.js';
import {
  DistrictListSchema,
  SiteCodeParamsSchema,
  SiteListQuerySchema,
  SitePageSchema,
  SiteSchema,
} from './site.schemas.js';

function siteDto(s: Site): SiteDto {
  return { ...s };
}

export function registerSiteRoutes(app: App, ctx: AppContext): void {
  const { sites } = ctx.services;

  app.get(
    '/api/v1/districts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sites'],
        summary: "The city's county-level divisions",
        response: { 200: DistrictListSchema },
      },
    },
    async () => ({ items: await sites.districts() }),
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
        querystring: SiteListQuerySchema,
        response: { 200: SitePageSchema, 400: ErrorRef },
      },
    },
    async (request) => {
      const page = await sites.list(request.principal, request.query);
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
        params: SiteCodeParamsSchema,
        response: { 200: SiteSchema, 404: ErrorRef },
      },
    },
    // Outside the caller's scope reads exactly like absent: no hint that it exists.
    async (request) => siteDto(await sites.get(request.principal, request.params.code)),
  );
}
