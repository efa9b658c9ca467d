/**
 * `GET /api/v1/events`: server-sent events of alarm changes for dashboards, scoped like the REST
 * routes (a district officer sees the changes of the own district, an enterprise user those of the
 * own outlets).
 *
 * Each change is one event: `id:` the alarm event's id (send it back as `Last-Event-ID` to resume
 * without loss), `event:` `alarm.opened`, `alarm.updated`, `alarm.acknowledged`, `alarm.closed`
 * (handled, auto-resolved, and the closings of before migration 0008), `alarm.cleared` (the
 * condition ended) or `alarm.explanation` (submitted or rejected), `data:` `{"kind", "event", "alarm"}` as JSON. A `: heartbeat` comment
 * keeps proxies from closing an idle stream. The stream reads the append-only `alarm_events` table
 * after the last id it sent: woken at once by this process's alarm service, and polled every
 * second for changes made by another process.
 */
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { AlarmEventKind, SitedAlarmEvent } from '../alarms/alarm.service.js';
import { alarmDto, alarmEventDto } from './alarm.dto.js';
import type { AlarmStreamData } from './alarm.schemas.js';
import { AlarmStreamQuerySchema } from './alarm.schemas.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

/** How often a stream looks for changes made by other processes, ms. */
const POLL_MS = 1000;
/** Events read per query. */
const BATCH = 500;

/** The SSE event name of an alarm event kind. */
function sseEventName(kind: AlarmEventKind): string {
  switch (kind) {
    case 'opened':
      return 'alarm.opened';
    case 'updated':
      return 'alarm.updated';
    case 'acknowledged':
      return 'alarm.acknowledged';
    case 'closed':
    case 'auto-closed':
    case 'handled':
    case 'auto-resolved':
      return 'alarm.closed';
    case 'cleared':
      return 'alarm.cleared';
    case 'explanation-submitted':
    case 'explanation-rejected':
    case 'evidence-added':
      return 'alarm.explanation';
    default: {
      const impossible: never = kind;
      throw new Error(`unknown alarm event kind ${String(impossible)}`);
    }
  }
}

function lastEventIdOf(header: string | string[] | undefined): number | null {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || !/^\d{1,15}$/.test(v.trim())) return null;
  return Number(v.trim());
}

export function registerEventRoutes(app: App, ctx: AppContext): void {
  const { alarms, alarmSignal: signal, scope, metrics } = ctx.services;
  const open = new Set<ServerResponse>();

  // An SSE response never ends by itself: end them all when the app closes.
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });

  app.get(
    '/api/v1/events',
    {
      config: { access: 'user' },
      schema: {
        tags: ['alarms'],
        summary:
          'Server-sent events of alarm changes (alarm.opened, alarm.updated, alarm.acknowledged, alarm.closed = handled, alarm.cleared, alarm.explanation), scoped to the caller; resume with Last-Event-ID',
        querystring: AlarmStreamQuerySchema,
        response: {
          200: Type.String({ description: 'text/event-stream' }),
          401: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const siteIds = await scope.siteIds(await scope.of(principalOf(request)));
      let cursor =
        lastEventIdOf(request.headers['last-event-id']) ??
        request.query.after ??
        (await alarms.lastEventId());

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 5000\n: connected after event ${cursor}\n\n`);
      open.add(res);
      metrics.sseClients.inc();

      let closed = false;
      let busy = false;
      let again = false;
      const write = (events: readonly SitedAlarmEvent[]): void => {
        for (const { event: e, site } of events) {
          const data: AlarmStreamData = {
            kind: e.kind,
            event: alarmEventDto(e),
            alarm: alarmDto({ alarm: e.alarm, site }),
          };
          res.write(`id: ${e.id}\nevent: ${sseEventName(e.kind)}\ndata: ${JSON.stringify(data)}\n\n`);
          cursor = e.id;
        }
      };
      const pump = async (): Promise<void> => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            for (;;) {
              if (closed) return;
              const events = await alarms.eventsAfter(cursor, BATCH, siteIds);
              if (events.length === 0) break;
              write(events);
              if (events.length < BATCH) break;
            }
          } while (again && !closed);
        } catch (err) {
          request.log.error({ err }, 'alarm event stream failed to read');
        } finally {
          busy = false;
        }
      };
      const unsubscribe = signal.subscribe(() => void pump());
      const poll = setInterval(() => void pump(), POLL_MS);
      const beat = setInterval(() => res.write(': heartbeat\n\n'), (request.query.heartbeat ?? 15) * 1000);
      const stop = (): void => {
        if (closed) return;
        closed = true;
        metrics.sseClients.dec();
        unsubscribe();
        clearInterval(poll);
        clearInterval(beat);
        open.delete(res);
      };
      res.on('close', stop);
      request.raw.on('close', stop);
      void pump();
    },
  );
}
