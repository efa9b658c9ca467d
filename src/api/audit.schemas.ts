/** Shapes of the audit trail: its entries, the filter of the list, and the check of the chain. */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, PageSchema, literalUnion } from './common.schemas.js';

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ description: 'Position in the chain: 1, 2, 3, … without gaps' }),
  at: InstantSchema,
  actor: Type.Union([Type.String(), Type.Null()], { description: 'Username; null for anonymous or system' }),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Facts of the action; their keys depend on the action (never a password or token)',
  }),
  address: Type.Union([Type.String(), Type.Null()]),
  prevHash: Type.String(),
  hash: Type.String({ description: 'SHA-256 hex of prevHash followed by the canonical JSON of the entry' }),
});
export type AuditEntryDto = Static<typeof AuditEntrySchema>;

export const AuditPageSchema = PageSchema(AuditEntrySchema);

/**
 * The filter of the audit list over the audited actions. The list of actions is the audit
 * service's (`AUDIT_ACTIONS`, which every module extends), passed in by the route, so that this
 * file names no action twice.
 */
export function auditQuerySchema<A extends string>(actions: readonly A[]) {
  return Type.Object(
    {
      action: Type.Optional(literalUnion(actions, 'An audited action')),
      actor: Type.Optional(Type.String({ maxLength: 64, description: 'Username' })),
      targetType: Type.Optional(Type.String({ maxLength: 64 })),
      targetId: Type.Optional(Type.String({ maxLength: 128 })),
      from: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive, ISO 8601' })),
      to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive, ISO 8601' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      cursor: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  );
}

export const ChainCheckSchema = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer({ description: 'Entries that checked out' }),
  brokenSeq: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
  headHash: Type.Optional(Type.String()),
});
export type ChainCheckDto = Static<typeof ChainCheckSchema>;
