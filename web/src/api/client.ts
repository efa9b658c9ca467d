/**
 * The one way the web talks to `/api/v1`: bearer token from the session, JSON in and out, and the
 * server's error envelope turned into an `ApiRequestError` with its stable code.
 */

/** Where the session token is kept (localStorage: shared by the tabs of the browser). */
export const TOKEN_KEY = 'qingshan.token';

/**
 * The session token lives in localStorage, so a new tab is logged in too; it lasts as long as the
 * server's session (which expires by itself), and a logout or a 401 in one tab removes it for all
 * of them (AuthContext listens to the `storage` event).
 */
export const tokenStore = {
  get(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string | null): void {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  },
};

/** An answer other than 2xx, carrying the envelope's code (`not-found`, `forbidden`…). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const listeners = new Set<() => void>();
/** Called when the server says the token is no longer good (401), so the app can log out. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parseEnvelope(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = body.error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

export type QueryValue = string | number | boolean | undefined | null;

/** `/api/v1` + path + the defined query parameters. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export function authHeaders(): Record<string, string> {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Calls the API; resolves with the parsed JSON body (undefined for 204), rejects with ApiRequestError. */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(apiUrl(path, init.query), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const envelope = parseEnvelope(body);
    if (res.status === 401 && tokenStore.get() !== null && path !== '/auth/login') {
      for (const l of listeners) l();
    }
    throw new ApiRequestError(
      res.status,
      envelope?.code ?? `http-${res.status}`,
      envelope?.message ?? (res.statusText || `HTTP ${res.status}`),
    );
  }
  return body as T;
}

async function failure(res: Response): Promise<ApiRequestError> {
  const body: unknown = await res.json().catch(() => null);
  const envelope = parseEnvelope(body);
  if (res.status === 401 && tokenStore.get() !== null) for (const l of listeners) l();
  return new ApiRequestError(
    res.status,
    envelope?.code ?? `http-${res.status}`,
    envelope?.message ?? (res.statusText || `HTTP ${res.status}`),
  );
}

/**
 * Sends a file as the raw request body (`application/octet-stream`), as the evidence upload expects;
 * resolves with the parsed JSON answer.
 */
export async function apiUpload<T>(path: string, file: Blob, query?: Record<string, QueryValue>): Promise<T> {
  const res = await fetch(apiUrl(path, query), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream', ...authHeaders() },
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/**
 * Downloads a protected file: fetched with the bearer token (a plain link would carry none), then
 * saved through a temporary object URL under the given name.
 */
export async function apiDownload(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { headers: authHeaders() });
  if (!res.ok) throw await failure(res);
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}
