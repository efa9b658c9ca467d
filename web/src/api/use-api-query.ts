import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryValue } from './client';
import { apiFetch } from './client';

/** What a page needs to draw loading, error, empty and data states. */
export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Fetch again (after an action, or when an event says the data changed). */
  reload: () => void;
}

export interface QueryOptions {
  query?: Record<string, QueryValue>;
  /** Poll every this many milliseconds (for values that change without events). */
  refreshMs?: number;
  /** False to wait (e.g. until a selection exists). */
  enabled?: boolean;
}

/**
 * The base of every `use<Thing>Query` hook: GET a path, keep the last good data while refetching,
 * abort on change or unmount.
 */
export function useApiQuery<T>(path: string, options: QueryOptions = {}): QueryState<T> {
  const { query, refreshMs, enabled = true } = options;
  const key = `${path}?${JSON.stringify(query ?? {})}`;
  const [state, setState] = useState<{ key: string; data?: T; error?: Error; loading: boolean }>({
    key,
    loading: enabled,
  });
  const [tick, setTick] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: undefined, loading: true }));
    apiFetch<T>(path, { query: queryRef.current, signal: controller.signal }).then(
      (data) => setState({ key, data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          key,
          data: s.key === key ? s.data : undefined,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [key, path, enabled, tick]);

  useEffect(() => {
    if (!enabled || refreshMs === undefined) return;
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => clearInterval(timer);
  }, [enabled, refreshMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: enabled && (!current || state.loading),
    reload,
  };
}
