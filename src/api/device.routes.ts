import { Type } from 'typebox';
import type { App, AppContext } from './app.js';

/** A device counts as online when it was heard from within this window. */
export const DEVICE_ONLINE_WINDOW_MS = 10 * 60_000;

export const DeviceSchema = Type.Object({
  mn: Type.String(),
  siteCode: Type.String(),
  siteKind: Type.String(),
  protocol: Type.String({ description: 'HJ 212 edition: 2005, 2017 or 2025' }),
  enabled: Type.Boolean(),
  online: Type.Boolean({ description: 'Heard from within the last 10 minutes' }),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  allowedAddresses: Type.Array(Type.String()),
});

export function registerDeviceRoutes(app: App, deps: AppContext): void {
  const { store, clock } = deps;
  app.get(
    '/api/v1/devices',
    {
      config: { access: ['admin', 'supervisor', 'operator'] },
      schema: {
        tags: ['ingest'],
        summary: 'HJ 212 devices with online state and last packet time (passwords are never returned)',
        querystring: Type.Object(
          {
            site: Type.Optional(Type.String({ maxLength: 64 })),
            online: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(DeviceSchema),
            total: Type.Integer(),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const now = clock.now().getTime();
      let devices = await store.devices.list();
      if (q.site !== undefined) devices = devices.filter((d) => d.siteCode === q.site);
      const all = devices.map((d) => ({
        mn: d.mn,
        siteCode: d.siteCode,
        siteKind: d.siteKind,
        protocol: d.protocol,
        enabled: d.enabled,
        online: d.lastSeenAt !== null && now - d.lastSeenAt.getTime() <= DEVICE_ONLINE_WINDOW_MS,
        lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
        allowedAddresses: d.allowedAddresses,
      }));
      const filtered = q.online === undefined ? all : all.filter((d) => d.online === q.online);
      const offset = q.offset ?? 0;
      const limit = q.limit ?? 100;
      const items = filtered.slice(offset, offset + limit);
      return {
        items,
        total: filtered.length,
        nextCursor: offset + items.length < filtered.length ? String(offset + items.length) : null,
      };
    },
  );
}
