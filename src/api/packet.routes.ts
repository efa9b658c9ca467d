import { Type } from 'typebox';
import type { App, AppContext } from './app.js';
import { PageSchema } from './schemas.js';

export const PacketLogSchema = Type.Object({
  id: Type.Integer(),
  receivedAt: Type.String(),
  peer: Type.Union([Type.String(), Type.Null()]),
  mn: Type.Union([Type.String(), Type.Null()]),
  qn: Type.Union([Type.String(), Type.Null()]),
  cn: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  code: Type.Union([Type.String(), Type.Null()], {
    description: 'Stable rejection code, e.g. HJ212_BAD_CRC',
  }),
  reason: Type.Union([Type.String(), Type.Null()]),
  raw: Type.String({ description: 'The frame as received, with PW masked' }),
});

export const IngestStatsSchema = Type.Object({
  connectionsOpen: Type.Integer(),
  connectionsTotal: Type.Integer(),
  connectionsRefused: Type.Integer(),
  packets: Type.Object({ accepted: Type.Integer(), duplicate: Type.Integer(), rejected: Type.Integer() }),
  rejectedByCode: Type.Record(Type.String(), Type.Integer()),
  readingsStored: Type.Integer(),
  answersSent: Type.Integer(),
  commitFailures: Type.Integer(),
});

export function registerPacketRoutes(app: App, deps: AppContext): void {
  const { store } = deps;
  app.get(
    '/api/v1/packets',
    {
      config: { access: ['admin', 'operator'] },
      schema: {
        tags: ['ingest'],
        summary: 'The HJ 212 packet log, newest first: every frame received with its outcome and reason',
        querystring: Type.Object(
          {
            mn: Type.Optional(Type.String({ maxLength: 64 })),
            outcome: Type.Optional(
              Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
            ),
            code: Type.Optional(Type.String({ maxLength: 40 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(PacketLogSchema) },
      },
    },
    async (request) => {
      const page = await store.packets.query(request.query);
      return { ...page, items: page.items.map((e) => ({ ...e, receivedAt: e.receivedAt.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/ingest/stats',
    {
      config: { access: ['admin', 'operator'] },
      schema: {
        tags: ['ingest'],
        summary:
          "This process's HJ 212 listener counters since start (connections, outcomes, rejections by code)",
        response: { 200: IngestStatsSchema, 404: Type.Unsafe({ $ref: 'Error#' }) },
      },
    },
    async (_request, reply) => {
      const stats = deps.ingest?.stats();
      if (stats === undefined)
        return reply
          .status(404)
          .send({ error: { code: 'not-found', message: 'no HJ 212 listener runs in this process' } });
      return stats;
    },
  );
}
