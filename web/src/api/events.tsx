/**
 * Live updates: one server-sent-event stream from GET /api/v1/events per tab, read with fetch (an
 * EventSource cannot send the bearer header), reconnecting with back-off. Pages subscribe by event
 * type and refetch what the event changed.
 */
import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { apiUrl, authHeaders } from './client';

/** One server-sent event: its `event:` name and its parsed `data:` JSON (or text). */
export interface LiveEvent {
  type: string;
  id: string | null;
  data: unknown;
}

export type StreamStatus = 'connecting' | 'live' | 'unavailable';

type Listener = (event: LiveEvent) => void;

interface EventsApi {
  status: StreamStatus;
  /** When the stream of a logged-in tab was lost (null while live, connecting first or logged out). */
  downSince: Date | null;
  subscribe(listener: Listener): () => void;
}

const EventsContext = createContext<EventsApi | null>(null);

/** Splits an SSE byte stream into events (WHATWG HTML §9.2.6, without `retry:`). */
export function parseSseChunk(buffer: string): { events: LiveEvent[]; rest: string } {
  const events: LiveEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let type = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) continue;
    const text = data.join('\n');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    events.push({ type, id, data: parsed });
  }
  return { events, rest };
}

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** Holds the stream while `enabled` (a logged-in user); pages read it with {@link useLiveEvents}. */
export function EventsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [downSince, setDownSince] = useState<Date | null>(null);
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (!enabled) {
      setStatus('unavailable');
      setDownSince(null);
      return;
    }
    let stopped = false;
    let controller = new AbortController();
    let retryMs = RETRY_MIN_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const connect = async (): Promise<void> => {
      controller = new AbortController();
      setStatus('connecting');
      try {
        const res = await fetch(apiUrl('/events'), {
          headers: { accept: 'text/event-stream', ...authHeaders() },
          signal: controller.signal,
        });
        if (!res.ok || res.body === null) throw new Error(`events: HTTP ${res.status}`);
        setStatus('live');
        setDownSince(null);
        retryMs = RETRY_MIN_MS;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseSseChunk(buffer + value);
          buffer = parsed.rest;
          for (const event of parsed.events) for (const l of listeners.current) l(event);
        }
      } catch {
        // Reconnect below: a closed or missing stream is retried with back-off.
      }
      if (stopped) return;
      setStatus('unavailable');
      // The first loss counts: what the page shows is no newer than that moment.
      setDownSince((since) => since ?? new Date());
      timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [enabled]);

  const api = useRef<EventsApi>({
    status,
    downSince,
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  api.current = { ...api.current, status, downSince };
  return <EventsContext.Provider value={api.current}>{children}</EventsContext.Provider>;
}

export function useStreamStatus(): StreamStatus {
  return useContext(EventsContext)?.status ?? 'unavailable';
}

/**
 * Since when the data on screen may be stale: the moment the live stream of a logged-in tab was
 * lost, or null while it is live (and for the public, who have no stream).
 */
export function useStaleSince(): Date | null {
  return useContext(EventsContext)?.downSince ?? null;
}

/**
 * Calls `onEvent` for each live event whose type starts with one of `prefixes` (e.g. `alarm`
 * matches `alarm.opened` and `alarm.closed`).
 */
export function useLiveEvents(prefixes: readonly string[], onEvent: (event: LiveEvent) => void): void {
  const ctx = useContext(EventsContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = prefixes.join('|');
  useEffect(() => {
    if (ctx === null) return;
    const wanted = key.split('|');
    return ctx.subscribe((event) => {
      if (wanted.some((p) => event.type.startsWith(p))) handler.current(event);
    });
  }, [ctx, key]);
}
