/** Shapes of HJ 212 devices (data loggers): the list with online state, and their credentials. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { OFFSET_MAX, PageSchema } from './common.schemas.js';

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
export type DeviceDto = Static<typeof DeviceSchema>;

export const DevicePageSchema = Type.Object({
  ...PageSchema(DeviceSchema).properties,
  total: Type.Integer(),
});
export type DevicePageDto = Static<typeof DevicePageSchema>;

export const DeviceListQuerySchema = Type.Object(
  {
    site: Type.Optional(Type.String({ maxLength: 64 })),
    online: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: OFFSET_MAX })),
  },
  { additionalProperties: false },
);
export type DeviceListQuery = Static<typeof DeviceListQuerySchema>;

/** Most peer addresses one device may be bound to. */
const MAX_ALLOWED_ADDRESSES = 64;

export const MnParamsSchema = Type.Object({
  mn: Type.String({ minLength: 1, maxLength: 64, description: 'HJ 212 MN' }),
});

/** A device's credentials and binding, as changed by an admin (never with its password). */
export const DeviceAccessSchema = Type.Object({
  mn: Type.String(),
  siteCode: Type.String(),
  enabled: Type.Boolean(),
  allowedAddresses: Type.Array(Type.String(), { description: 'Peer addresses allowed; empty means any' }),
});
export type DeviceAccessDto = Static<typeof DeviceAccessSchema>;

export const DevicePasswordBodySchema = Type.Object(
  {
    password: Type.String({
      pattern: '^[\\x21-\\x7e]{1,32}$',
      description: '1–32 printable ASCII characters, as the data logger sends it',
    }),
  },
  { additionalProperties: false },
);
export type DevicePasswordBody = Static<typeof DevicePasswordBodySchema>;

export const AllowedAddressesBodySchema = Type.Object(
  {
    addresses: Type.Array(Type.String({ minLength: 2, maxLength: 45 }), {
      maxItems: MAX_ALLOWED_ADDRESSES,
      description: 'IPv4 or IPv6 addresses',
    }),
  },
  { additionalProperties: false },
);
export type AllowedAddressesBody = Static<typeof AllowedAddressesBodySchema>;

export const DeviceEnabledBodySchema = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false },
);
export type DeviceEnabledBody = Static<typeof DeviceEnabledBodySchema>;

/** `GET /devices/export`: the filters of the device list, the file format and the user's language. */
export const DeviceExportQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: 'Text in the MN or site code' })),
    online: Type.Optional(Type.Boolean()),
    format: Type.Optional(
      Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'default csv' }),
    ),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'default zh' })),
  },
  { additionalProperties: false },
);
export type DeviceExportQuery = Static<typeof DeviceExportQuerySchema>;
