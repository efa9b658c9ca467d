/** The device list: HJ 212 data loggers with online state and last packet time. */
import type { DeviceState } from '../registry/device.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { READING_ROLES } from './auth.schemas.js';
import type { DeviceDto } from './device.schemas.js';
import { attachmentDisposition } from '../reports/table-export.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { DeviceExportQuerySchema, DeviceListQuerySchema, DevicePageSchema } from './device.schemas.js';

function deviceDto(d: DeviceState): DeviceDto {
  return {
    mn: d.mn,
    siteCode: d.siteCode,
    siteKind: d.siteKind,
    protocol: d.protocol,
    enabled: d.enabled,
    online: d.online,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    allowedAddresses: d.allowedAddresses,
  };
}

export function registerDeviceRoutes(app: App, ctx: AppContext): void {
  const { devices } = ctx.services;
  app.get(
    '/api/v1/devices',
    {
      config: { access: READING_ROLES },
      schema: {
        tags: ['ingest'],
        summary: 'HJ 212 devices with online state and last packet time (passwords are never returned)',
        querystring: DeviceListQuerySchema,
        response: { 200: DevicePageSchema },
      },
    },
    async (request) => {
      const page = await devices.list(principalOf(request), request.query);
      return { ...page, items: page.items.map(deviceDto) };
    },
  );

  app.get(
    '/api/v1/devices/export',
    {
      config: { access: READING_ROLES },
      schema: {
        tags: ['ingest'],
        summary: 'The device list (filtered by MN or site text and online state) as CSV or XLSX',
        querystring: DeviceExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const file = await devices.exportList(
        { principal: principalOf(request), address: request.ip },
        { q: q.q, online: q.online },
        q.format ?? 'csv',
        q.lang ?? 'zh',
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .send(file.body);
    },
  );
}
