/** The global search of the dashboard header, scoped to what the caller may see (the search service). */
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { SearchQuerySchema, SearchResultSchema } from './search.schemas.js';

export function registerSearchRoutes(app: App, ctx: AppContext): void {
  const { search, scope } = ctx.services;
  app.get(
    '/api/v1/search',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sites'],
        summary:
          'Enterprises (name, code, credit code), outlets, stations, sections, devices (MN) and case numbers the caller may see',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => ({
      items: await search.search(
        await scope.of(principalOf(request)),
        request.query.q,
        request.query.limit ?? 20,
      ),
    }),
  );
}
