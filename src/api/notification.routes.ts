/**
 * Notifications for the current user (issue 9): the notices to the user's audience — the bureau,
 * the user's district, or the user's enterprise — newest first.
 */
import { Type } from 'typebox';
import { audiencesOf } from '../cases/case-scope.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { NotificationSchema, notificationDto } from './case.schemas.js';
import { ErrorRefSchema as ErrorRef, PageSchema } from './schemas.js';

export function registerNotificationRoutes(app: App, ctx: AppContext): void {
  const { store } = ctx;

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary:
          'Notices to you: assignments, escalations (warning, 挂牌督办, 约谈), failed acceptance, reopened cases, extension requests and decisions',
        querystring: Type.Object(
          {
            since: Type.Optional(
              Type.String({ format: 'date-time', description: 'Only notices at or after' }),
            ),
            caseId: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(NotificationSchema), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await store.notifications.list({
        audiences: audiencesOf(principalOf(request)),
        since: q.since === undefined ? undefined : new Date(q.since),
        caseId: q.caseId,
        limit: q.limit,
        cursor: q.cursor,
      });
      return { ...page, items: page.items.map(notificationDto) };
    },
  );
}
