/**
 * Device credentials for admins and operators: the HJ 212 password (stored as a hash, never
 * returned or logged), the peer addresses a device may connect from, and enabling it. Audited by
 * the device service.
 */
import type { DeviceWithSite } from '../registry/device.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { DEVICE_ADMIN_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './common.schemas.js';
import type { DeviceAccessDto } from './device.schemas.js';
import {
  AllowedAddressesBodySchema,
  DeviceAccessSchema,
  DeviceEnabledBodySchema,
  DevicePasswordBodySchema,
  MnParamsSchema,
} from './device.schemas.js';

/** Device credential bodies are tiny; a list of addresses is the largest. */
const DEVICE_BODY_LIMIT_BYTES = 16 * 1024;

function deviceAccessDto(d: DeviceWithSite): DeviceAccessDto {
  return { mn: d.mn, siteCode: d.siteCode, enabled: d.enabled, allowedAddresses: d.allowedAddresses };
}

export function registerDeviceAdminRoutes(app: App, ctx: AppContext): void {
  const { devices } = ctx.services;

  app.put(
    '/api/v1/devices/:mn/password',
    {
      config: { access: DEVICE_ADMIN_ROLES },
      bodyLimit: DEVICE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['ingest'],
        summary: "Set a device's HJ 212 password (PW); stored only as a hash (audited)",
        params: MnParamsSchema,
        body: DevicePasswordBodySchema,
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const actor = actorOf(principalOf(request));
      await devices.setPassword(actor, request.params.mn, request.body.password, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/devices/:mn/allowed-addresses',
    {
      config: { access: DEVICE_ADMIN_ROLES },
      bodyLimit: DEVICE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['ingest'],
        summary: 'Set the peer addresses a device may connect from; an empty list allows any (audited)',
        params: MnParamsSchema,
        body: AllowedAddressesBodySchema,
        response: { 200: DeviceAccessSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      const device = await devices.setAllowedAddresses(
        actor,
        request.params.mn,
        request.body.addresses,
        request.ip,
      );
      return deviceAccessDto(device);
    },
  );

  app.put(
    '/api/v1/devices/:mn/enabled',
    {
      config: { access: DEVICE_ADMIN_ROLES },
      bodyLimit: DEVICE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['ingest'],
        summary: 'Enable or disable a device (a disabled device is refused at login; audited)',
        params: MnParamsSchema,
        body: DeviceEnabledBodySchema,
        response: { 200: DeviceAccessSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const actor = actorOf(principalOf(request));
      return deviceAccessDto(
        await devices.setEnabled(actor, request.params.mn, request.body.enabled, request.ip),
      );
    },
  );
}
