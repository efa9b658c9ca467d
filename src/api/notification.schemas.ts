/**
 * Request and response schemas of the notification API (issue 9): the notices the case loop sends
 * to the bureau, a district or an enterprise. Imports only TypeBox and the API's common schemas.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ID_MAX, PageSchema } from './common.schemas.js';

export const NotificationQuerySchema = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Only notices at or after' })),
    caseId: Type.Optional(Type.Integer({ minimum: 1, maximum: ID_MAX })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuerySchema>;

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String({
    description:
      'case.opened, case.assigned, case.self_checked, case.acceptance_failed, case.reopened, case.closed, case.extension_requested, case.extension_approved, case.extension_rejected, case.escalated.<level>',
  }),
  audience: Type.String({ description: 'bureau, district:<code> or enterprise:<site id>' }),
  messageZh: Type.String(),
  messageEn: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601 UTC' }),
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const NotificationPageSchema = PageSchema(NotificationSchema);
export type NotificationPageDto = Static<typeof NotificationPageSchema>;
