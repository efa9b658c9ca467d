/**
 * Typed configuration, read once at start-up: command-line flags win over environment variables,
 * which win over defaults (docs/architecture.md §8). Nothing else in Qingshan reads `process.env`.
 */

/** Where the store lives: an SQLite file (or `:memory:`) or a PostgreSQL server. */
export type DbLocation =
  { kind: 'sqlite'; path: string; url: string } | { kind: 'postgres'; url: string; schema: string | null };

export interface Config {
  db: DbLocation;
  httpPort: number;
  hj212Port: number;
  host: string;
  logLevel: LogLevel;
  /** Days the HJ 212 packet log is kept before it is pruned. */
  packetLogDays: number;
  /** Who may scrape GET /metrics (docs/operations.md §5). */
  metrics: MetricsAccess;
  /** Log lines: JSON, pretty, or auto (pretty when stdout is a terminal, JSON otherwise). */
  logFormat: LogFormat;
}

/**
 * GET /metrics answers a caller that sends `Authorization: Bearer <token>` (when a token is set),
 * or one connecting from a loopback address (when `loopback`); nobody else.
 */
export interface MetricsAccess {
  token: string | null;
  loopback: boolean;
}

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Flags as given on the command line (commander's camel-cased option names). */
export interface ConfigFlags {
  db?: string | undefined;
  httpPort?: string | undefined;
  hj212Port?: string | undefined;
  host?: string | undefined;
  logLevel?: string | undefined;
  packetLogDays?: string | undefined;
}

export const DEFAULT_DB_URL = 'sqlite:./data/qingshan.db';

/** A setting with a wrong value; the message names the setting and what it accepts. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

interface Source {
  value: string;
  setting: string;
}

function pick(
  flag: string | undefined,
  flagName: string,
  env: string | undefined,
  envName: string,
): Source | null {
  if (flag !== undefined) return { value: flag, setting: flagName };
  if (env !== undefined && env !== '') return { value: env, setting: envName };
  return null;
}

/** Parses a database URL: `sqlite:<path>`, `sqlite::memory:`, or `postgres://…` / `postgresql://…`. */
export function parseDbUrl(url: string, setting = '--db'): DbLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new ConfigError(setting, `"${url}" names no file; use sqlite:./data/qingshan.db`);
    return { kind: 'sqlite', path, url };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(setting, `"${redactUrl(url)}" is not a valid URL`);
    }
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ConfigError(setting, `schema "${schema}" must be lower-case letters, digits and _`);
    }
    return { kind: 'postgres', url, schema };
  }
  throw new ConfigError(
    setting,
    `"${redactUrl(url)}" is not supported; use sqlite:<file> (e.g. ${DEFAULT_DB_URL}) or postgres://user@host:5432/db`,
  );
}

/** A URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function parsePort(src: Source | null, fallback: number): number {
  if (src === null) return fallback;
  const n = Number(src.value);
  if (!/^\d+$/.test(src.value.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(
      src.setting,
      `"${src.value}" is not a TCP port; use a whole number 0–65535 (0 = any free)`,
    );
  }
  return n;
}

function parseHost(src: Source | null): string {
  if (src === null) return '127.0.0.1';
  const host = src.value.trim();
  if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) {
    throw new ConfigError(
      src.setting,
      `"${src.value}" is not a host name or address; e.g. 127.0.0.1 or 0.0.0.0`,
    );
  }
  return host;
}

function parseDays(src: Source | null, fallback: number): number {
  if (src === null) return fallback;
  const n = Number(src.value);
  if (!/^\d+$/.test(src.value.trim()) || n < 1 || n > 3650) {
    throw new ConfigError(src.setting, `"${src.value}" is not a number of days; use a whole number 1–3650`);
  }
  return n;
}

function parseMetricsToken(src: Source | null): string | null {
  if (src === null) return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(src.value)) {
    throw new ConfigError(
      src.setting,
      'the metrics token must be 16–256 printable characters without spaces',
    );
  }
  return src.value;
}

function parseBoolean(src: Source | null, fallback: boolean): boolean {
  if (src === null) return fallback;
  const v = src.value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  throw new ConfigError(src.setting, `"${src.value}" is not true or false`);
}

function parseLogFormat(src: Source | null): LogFormat {
  if (src === null) return 'auto';
  const format = LOG_FORMATS.find((f) => f === src.value);
  if (format === undefined) {
    throw new ConfigError(
      src.setting,
      `"${src.value}" is not a log format; use one of ${LOG_FORMATS.join(', ')}`,
    );
  }
  return format;
}

function parseLogLevel(src: Source | null): LogLevel {
  if (src === null) return 'info';
  const level = LOG_LEVELS.find((l) => l === src.value);
  if (level === undefined) {
    throw new ConfigError(
      src.setting,
      `"${src.value}" is not a log level; use one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  return level;
}

/** Builds the configuration from flags and environment. Throws `ConfigError` on a wrong value. */
export function loadConfig(flags: ConfigFlags, env: Readonly<Record<string, string | undefined>>): Config {
  const dbSrc = pick(flags.db, '--db', env.QINGSHAN_DB, 'QINGSHAN_DB');
  return {
    db: parseDbUrl(dbSrc?.value ?? DEFAULT_DB_URL, dbSrc?.setting ?? '--db'),
    httpPort: parsePort(
      pick(flags.httpPort, '--http-port', env.QINGSHAN_HTTP_PORT, 'QINGSHAN_HTTP_PORT'),
      8080,
    ),
    hj212Port: parsePort(
      pick(flags.hj212Port, '--hj212-port', env.QINGSHAN_HJ212_PORT, 'QINGSHAN_HJ212_PORT'),
      9212,
    ),
    host: parseHost(pick(flags.host, '--host', env.QINGSHAN_HOST, 'QINGSHAN_HOST')),
    logLevel: parseLogLevel(
      pick(flags.logLevel, '--log-level', env.QINGSHAN_LOG_LEVEL, 'QINGSHAN_LOG_LEVEL'),
    ),
    packetLogDays: parseDays(
      pick(
        flags.packetLogDays,
        '--packet-log-days',
        env.QINGSHAN_PACKET_LOG_DAYS,
        'QINGSHAN_PACKET_LOG_DAYS',
      ),
      30,
    ),
    // The token only from the environment: a flag would show it in `ps` to every local user.
    metrics: {
      token: parseMetricsToken(pick(undefined, '', env.QINGSHAN_METRICS_TOKEN, 'QINGSHAN_METRICS_TOKEN')),
      loopback: parseBoolean(
        pick(undefined, '', env.QINGSHAN_METRICS_LOOPBACK, 'QINGSHAN_METRICS_LOOPBACK'),
        true,
      ),
    },
    logFormat: parseLogFormat(pick(undefined, '', env.QINGSHAN_LOG_FORMAT, 'QINGSHAN_LOG_FORMAT')),
  };
}
