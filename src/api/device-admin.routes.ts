import { isIP } from 'node:net';
import { Type } from 'typebox';
import { DEVICE_ADMIN_ROLES } from '../auth/access.js';
import type { DeviceWithSite } from '../store/device.repository.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { badRequest, notFound } from './errors.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './schemas.js';

/** Device credential bodies are tiny; a list of addresses is the largest. */
const DEVICE_BODY_LIMIT_BYTES = 16 * 1024;
/** Most peer addresses one device may be bound to. */
const MAX_ALLOWED_ADDRESSES = 64;

const MnParams = Type.Object({ mn: Type.String({ minLength: 1, maxLength: 64, description: 'HJ 212 MN' }) });

const DeviceAccessSchema = Type.Object({
  mn: Type.String(),
  siteCode: Type.String(),
  enabled: Type.Boolean(),
  allowedAddresses: Type.Array(Type.String(), { description: 'Peer addresses allowed; empty means any' }),
});

function deviceAccessDto(d: DeviceWithSite) {
  return { mn: d.mn, siteCode: d.siteCode, enabled: d.enabled, allowedAddresses: d.allowedAddresses };
}

/**
 * Device credentials for admins and operators: the HJ 212 password (stored as a hash, never
 * returned or logged), the peer addresses a device may connect from, and enabling it. Audited.
 */
export function registerDeviceAdminRoutes(app: App, ctx: AppContext): void {
  const { store, audit } = ctx;

  async function existing(mn: string): Promise<DeviceWithSite> {
    const device = await store.devices.getByMn(mn);
    if (!device) throw notFound(`device ${mn}`);
    return device;
  }

  app.put(
    '/api/v1/devices/:mn/password',
    {
      config: { access: DEVICE_ADMIN_ROLES },
      bodyLimit: DEVICE_BODY_LIMIT_BYTES,
      schema: {
        tags: ['ingest'],
        summary: "Set a device's HJ 212 password (PW); stored only as a hash (audited)",
        params: MnParams,
        body: Type.Object(
          {
            password: Type.String({
              pattern: '^[\\x21-\\x7e]{1,32}$',
              description: '1–32 printable ASCII characters, as the data logger sends it',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const device = await existing(request.params.mn);
      await store.devices.setPassword(device.mn, request.body.password);
      await audit.record({
        action: 'device.password_changed',
        actor: actorOf(principal),
        target: { type: 'device', id: device.mn },
        details: { siteCode: device.siteCode },
        address: request.ip,
      });
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
        params: MnParams,
        body: Type.Object(
          {
            addresses: Type.Array(Type.String({ minLength: 2, maxLength: 45 }), {
              maxItems: MAX_ALLOWED_ADDRESSES,
              description: 'IPv4 or IPv6 addresses',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: DeviceAccessSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const addresses = [...new Set(request.body.addresses.map((a) => a.trim()))];
      const wrong = addresses.filter((a) => isIP(a) === 0);
      if (wrong.length > 0) {
        throw badRequest(
          `addresses: ${wrong.map((a) => JSON.stringify(a)).join(', ')} not an IPv4 or IPv6 address`,
          wrong.map((a) => ({ field: 'body.addresses', problem: `${a} is not an IP address` })),
        );
      }
      const before = await existing(request.params.mn);
      await store.devices.setAllowedAddresses(before.mn, addresses);
      await audit.record({
        action: 'device.addresses_changed',
        actor: actorOf(principal),
        target: { type: 'device', id: before.mn },
        details: { from: before.allowedAddresses, to: addresses },
        address: request.ip,
      });
      return deviceAccessDto({ ...before, allowedAddresses: addresses });
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
        params: MnParams,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: DeviceAccessSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = await existing(request.params.mn);
      const { enabled } = request.body;
      if (enabled !== before.enabled) {
        await store.devices.setEnabled(before.mn, enabled);
        await audit.record({
          action: 'device.enabled_changed',
          actor: actorOf(principal),
          target: { type: 'device', id: before.mn },
          details: { from: before.enabled, to: enabled },
          address: request.ip,
        });
      }
      return deviceAccessDto({ ...before, enabled });
    },
  );
}
