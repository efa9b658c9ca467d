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
 * after the last id it sent: woken at once by this process's alarm service, and by one shared check
 * per second for changes made by another process.
 *
 * Bounded so that no client can stall the process (docs/security.md §4): a resume replays at most
 * {@link SSE_LIMITS}.replayEvents events (older ones are announced by a `replay.truncated` event: read
 * them from `GET /alarms`), in small pages with the event loop free between them; each user may hold
 * a few streams and the process a bounded number; a reader that does not keep up is dropped rather
 * than buffered without limit.
 * Alert changes of the heavy-pollution response are sent as `event: response.alert` (no id) to the
 * callers they concern.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { AlarmEventKind, SitedAlarmEvent } from '../alarms/alarm.service.js';
import { alarmDto, alarmEventDto } from './alarm.dto.js';
import type { AlarmStreamData } from './alarm.schemas.js';
import { AlarmStreamQuerySchema } from './alarm.schemas.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { ApiError } from './errors.js';
import { TooManyAttemptsError } from '../auth/auth.service.js';

/**
 * One page of events at a time in the whole process, each in its own turn of the event loop: a
 * storm of replays then costs every other request (health, HJ 212 acks) at most one page's wait,
 * instead of a page of every stream per turn.
 */
class PageTurns {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  async take(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.busy = false;
    // the next page starts in a later turn of the event loop, after the I/O that waited
    else setImmediate(next);
  }
}

/** The data of a `replay.truncated` event: the resume asked for more history than is replayed. */
interface ReplayTruncated {
  askedAfter: number;
  resumedAfter: number;
  skipped: number;
}

/** How often the process looks for changes made by other processes, ms. */
const POLL_MS = 1000;
/** Events read per query (the event loop is free between two pages). */
const BATCH = 100;

/** The bounds of the event stream (docs/security.md §4). */
export interface SseLimits {
  replayEvents: number;
  perUser: number;
  total: number;
  bufferBytes: number;
  drainMs: number;
}

/** The default bounds of the event stream (docs/security.md §4). */
export const SSE_LIMITS: SseLimits = {
  /** Most events a resume (`Last-Event-ID`, `?after=`) replays; older ones are skipped and announced. */
  replayEvents: 500,
  /** Open streams of one user in this process; one more is refused with 429. */
  perUser: 5,
  /** Open streams in this process; one more is refused with 503. */
  total: 500,
  /** Bytes a stream may have waiting for its reader before it is dropped. */
  bufferBytes: 1024 * 1024,
  /** How long a stream may wait for its reader to drain, ms, before it is dropped. */
  drainMs: 30_000,
};

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
  const limits: SseLimits = { ...SSE_LIMITS, ...ctx.sseLimits };
  const open = new Set<ServerResponse>();
  const perUser = new Map<number, number>();
  const turns = new PageTurns();

  // One check per process for events another process appended, instead of one query per stream.
  let newest: number | null = null;
  let checking = false;
  const poll = setInterval(() => {
    if (open.size === 0 || checking) return;
    checking = true;
    alarms
      .lastEventId()
      .then((last) => {
        if (newest !== null && last > newest) signal.notify();
        newest = last;
      })
      .catch((err: unknown) => app.log.error({ err }, 'alarm event stream: cannot read the newest event'))
      .finally(() => (checking = false));
  }, POLL_MS);
  poll.unref();

  // An SSE response never ends by itself: end them all when the app closes.
  app.addHook('preClose', (done) => {
    clearInterval(poll);
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
          429: ErrorRef,
          503: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const userId = principal?.userId ?? 0;
      if ((perUser.get(userId) ?? 0) >= limits.perUser) {
        throw new TooManyAttemptsError(
          `at most ${limits.perUser} event streams per user are open at once; close one first`,
        );
      }
      if (open.size >= limits.total) {
        throw new ApiError('unavailable', 'too many event streams are open; try again shortly');
      }
      const siteIds = await scope.siteIds(await scope.of(principal));
      const last = await alarms.lastEventId();
      const asked = lastEventIdOf(request.headers['last-event-id']) ?? request.query.after ?? last;
      let cursor = Math.max(asked, last - limits.replayEvents);
      const skipped = cursor - asked;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 5000\n: connected after event ${cursor}\n\n`);
      if (skipped > 0) {
        const truncated: ReplayTruncated = { askedAfter: asked, resumedAfter: cursor, skipped };
        res.write(`event: replay.truncated\ndata: ${JSON.stringify(truncated)}\n\n`);
      }
      open.add(res);
      perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
      metrics.sseClients.inc();

      let closed = false;
      let busy = false;
      let again = false;
      /** Writes a page; false when the reader has fallen too far behind and the stream was dropped. */
      const write = (events: readonly SitedAlarmEvent[]): boolean => {
        for (const { event: e, site } of events) {
          const data: AlarmStreamData = {
            kind: e.kind,
            event: alarmEventDto(e),
            alarm: alarmDto({ alarm: e.alarm, site }),
          };
          res.write(`id: ${e.id}\nevent: ${sseEventName(e.kind)}\ndata: ${JSON.stringify(data)}\n\n`);
          cursor = e.id;
        }
        if (res.writableLength > limits.bufferBytes) {
          drop('its reader has more than the buffer limit waiting');
          return false;
        }
        return true;
      };
      /** Waits until the reader has taken what was written; false when it dropped the stream. */
      const drained = async (): Promise<boolean> => {
        if (!res.writableNeedDrain) return true;
        const timer = AbortSignal.timeout(limits.drainMs);
        try {
          await once(res, 'drain', { signal: timer });
          return true;
        } catch {
          drop(`its reader did not take its events within ${limits.drainMs / 1000} s`);
          return false;
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
              await turns.take();
              let events: readonly SitedAlarmEvent[];
              let kept: boolean;
              try {
                events = closed ? [] : await alarms.eventsAfter(cursor, BATCH, siteIds);
                kept = events.length === 0 || write(events);
              } finally {
                turns.give();
              }
              if (events.length === 0 || !kept || !(await drained())) return;
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
      // Heavy-pollution alert changes (docs/response.md §6): no id (not resumable), to the bureau and
      // districts, and to an enterprise when it is listed under the alert.
      const unsubscribeResponse = ctx.services.responseSignal.subscribe((e) => {
        if (closed) return;
        if (
          siteIds !== undefined &&
          !e.siteIds.some((id) => siteIds.includes(id)) &&
          principal.role === 'enterprise'
        )
          return;
        const { siteIds: _listed, ...data } = e;
        res.write(`event: response.alert\ndata: ${JSON.stringify(data)}\n\n`);
      });
      const beat = setInterval(() => res.write(': heartbeat\n\n'), (request.query.heartbeat ?? 15) * 1000);
      const stop = (): void => {
        if (closed) return;
        closed = true;
        metrics.sseClients.dec();
        unsubscribe();
        unsubscribeResponse();
        clearInterval(beat);
        open.delete(res);
        const n = (perUser.get(userId) ?? 1) - 1;
        if (n > 0) perUser.set(userId, n);
        else perUser.delete(userId);
      };
      const drop = (why: string): void => {
        request.log.warn(
          { event: 'sse.slow_reader_dropped', userId, cursor },
          `event stream dropped: ${why}`,
        );
        stop();
        res.destroy();
      };
      res.on('close', stop);
      request.raw.on('close', stop);
      void pump();
    },
  );
}
