/** Shape of the health check. */
import { Type } from 'typebox';
import type { Static } from 'typebox';

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  store: Type.Object({
    dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    reachable: Type.Boolean(),
    error: Type.Optional(Type.String()),
  }),
  now: Type.String({ description: 'Server time, ISO 8601 UTC' }),
});
export type HealthDto = Static<typeof HealthSchema>;
