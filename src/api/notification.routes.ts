/**
 * Notifications for the current user (issue 9): the notices to the user's audience — the bureau,
 * the user's district, or the user's enterprise — newest first.
 */
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { notificationDto } from './case.dto.js';
import { NotificationPageSchema, NotificationQuerySchema } from './notification.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

export function registerNotificationRoutes(app: App, ctx: AppContext): void {
  const { cases } = ctx.services;

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary:
          'Notices to you: assignments, escalations (warning, 挂牌督办, 约谈), failed acceptance, reopened cases, extension requests and decisions',
        querystring: NotificationQuerySchema,
        response: { 200: NotificationPageSchema, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request) => {
      const { since, caseId, limit, cursor } = request.query;
      const page = await cases.notices(principalOf(request), {
        since: since === undefined ? undefined : new Date(since),
        caseId,
        limit,
        cursor,
      });
      return { ...page, items: page.items.map(notificationDto) };
    },
  );
}
