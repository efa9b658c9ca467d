/** Shapes of the HJ 212 packet log and the listener's counters. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, PageSchema, literalUnion } from './common.schemas.js';

/** What became of a packet received on the HJ 212 listener. */
export const PACKET_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
export type PacketOutcome = (typeof PACKET_OUTCOMES)[number];

export const PacketOutcomeSchema = literalUnion(PACKET_OUTCOMES, 'What became of the packet');

export const PacketLogSchema = Type.Object({
  id: Type.Integer(),
  receivedAt: InstantSchema,
  peer: Type.Union([Type.String(), Type.Null()]),
  mn: Type.Union([Type.String(), Type.Null()]),
  qn: Type.Union([Type.String(), Type.Null()]),
  cn: Type.Union([Type.String(), Type.Null()]),
  outcome: PacketOutcomeSchema,
  code: Type.Union([Type.String(), Type.Null()], {
    description: 'Stable rejection code, e.g. HJ212_BAD_CRC',
  }),
  reason: Type.Union([Type.String(), Type.Null()]),
  raw: Type.String({ description: 'The frame as received, with PW masked' }),
});
export type PacketLogDto = Static<typeof PacketLogSchema>;

export const PacketLogPageSchema = PageSchema(PacketLogSchema);

export const PacketLogQuerySchema = Type.Object(
  {
    mn: Type.Optional(Type.String({ maxLength: 64 })),
    outcome: Type.Optional(PacketOutcomeSchema),
    code: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PacketLogQuery = Static<typeof PacketLogQuerySchema>;

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
export type IngestStatsDto = Static<typeof IngestStatsSchema>;
