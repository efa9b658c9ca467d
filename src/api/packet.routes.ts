/** The HJ 212 packet log and this process's listener counters. */
import { DomainError } from '../errors.js';
import type { PacketLogEntry } from '../ingest/packet-log.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { PACKET_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import type { PacketLogDto } from './packet.schemas.js';
import { IngestStatsSchema, PacketLogPageSchema, PacketLogQuerySchema } from './packet.schemas.js';

function packetLogDto(e: PacketLogEntry): PacketLogDto {
  return { ...e, receivedAt: e.receivedAt.toISOString() };
}

export function registerPacketRoutes(app: App, ctx: AppContext): void {
  const { packets } = ctx.services;
  app.get(
    '/api/v1/packets',
    {
      config: { access: PACKET_ROLES },
      schema: {
        tags: ['ingest'],
        summary: 'The HJ 212 packet log, newest first: every frame received with its outcome and reason',
        querystring: PacketLogQuerySchema,
        response: { 200: PacketLogPageSchema },
      },
    },
    async (request) => {
      const page = await packets.query(principalOf(request), request.query);
      return { ...page, items: page.items.map(packetLogDto) };
    },
  );

  app.get(
    '/api/v1/ingest/stats',
    {
      config: { access: PACKET_ROLES },
      schema: {
        tags: ['ingest'],
        summary:
          "This process's HJ 212 listener counters since start (connections, outcomes, rejections by code)",
        response: { 200: IngestStatsSchema, 404: ErrorRef },
      },
    },
    () => {
      const stats = ctx.ingest?.stats();
      if (stats === undefined) throw new DomainError('not-found', 'no HJ 212 listener runs in this process');
      return stats;
    },
  );
}
