/** GET /api/v1/city: the city, its districts and their boundaries, for the map (public). */
import type { AppContext, App } from './app.js';
import { CitySchema } from './city.schemas.js';

export function registerCityRoutes(app: App, ctx: AppContext): void {
  const { city } = ctx.services;
  app.get(
    '/api/v1/city',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sites'],
        summary: 'The city: name, code, extent, districts and their boundaries (GeoJSON)',
        response: { 200: CitySchema },
      },
    },
    async () => city.overview(),
  );
}
