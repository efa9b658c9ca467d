import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDbUrl, redactUrl } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults (docs/architecture.md §8)', () => {
    const c = loadConfig({}, {});
    expect(c.db).toEqual({ kind: 'sqlite', path: './data/qingshan.db', url: 'sqlite:./data/qingshan.db' });
    expect(c.httpPort).toBe(8080);
    expect(c.hj212Port).toBe(9212);
    expect(c.host).toBe('127.0.0.1');
  });

  it('lets flags win over the environment', () => {
    const env = { QINGSHAN_HTTP_PORT: '9000', QINGSHAN_DB: 'sqlite:/tmp/a.db', QINGSHAN_HOST: '0.0.0.0' };
    const c = loadConfig({ httpPort: '9100' }, env);
    expect(c.httpPort).toBe(9100);
    expect(c.db.kind === 'sqlite' && c.db.path).toBe('/tmp/a.db');
    expect(c.host).toBe('0.0.0.0');
  });

  it.each([
    [{ httpPort: 'eighty' }, {}, /--http-port: "eighty" is not a TCP port/],
    [{}, { QINGSHAN_HJ212_PORT: '70000' }, /QINGSHAN_HJ212_PORT: "70000" is not a TCP port/],
    [{ db: 'mysql://x' }, {}, /--db: "mysql:\/\/x" is not supported; use sqlite:/],
    [{}, { QINGSHAN_DB: 'sqlite:' }, /QINGSHAN_DB: "sqlite:" names no file/],
    [{ host: 'a b' }, {}, /--host: "a b" is not a host/],
    [{ logLevel: 'loud' }, {}, /--log-level: "loud" is not a log level/],
  ])('names the setting and what it accepts for %j %j', (flags, env, message) => {
    expect(() => loadConfig(flags, env)).toThrow(ConfigError);
    expect(() => loadConfig(flags, env)).toThrow(message);
  });

  it('reads a PostgreSQL URL with an optional schema and never echoes its password', () => {
    expect(parseDbUrl('postgres://u@127.0.0.1:5432/test?schema=qs_a')).toMatchObject({
      kind: 'postgres',
      schema: 'qs_a',
    });
    expect(() => parseDbUrl('postgres://u:secret@h/db?schema=Bad-Name')).toThrow(/schema "Bad-Name"/);
    expect(redactUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
    expect(() => parseDbUrl('oracle://u:secret@h/db')).toThrow(/oracle:\/\/u:\*\*\*@h\/db/);
  });
});

describe('packet log retention', () => {
  it('defaults to 30 days and names the setting when wrong', () => {
    expect(loadConfig({}, {}).packetLogDays).toBe(30);
    expect(loadConfig({}, { QINGSHAN_PACKET_LOG_DAYS: '90' }).packetLogDays).toBe(90);
    expect(() => loadConfig({ packetLogDays: '0' }, {})).toThrow(
      /--packet-log-days: "0" is not a number of days/,
    );
  });
});

describe('operations settings', () => {
  it('serves metrics to loopback by default, to a token from the environment, and names a wrong value', () => {
    expect(loadConfig({}, {}).metrics).toEqual({ token: null, loopback: true });
    expect(
      loadConfig({}, { QINGSHAN_METRICS_TOKEN: 'a-token-of-20-chars!', QINGSHAN_METRICS_LOOPBACK: 'false' })
        .metrics,
    ).toEqual({ token: 'a-token-of-20-chars!', loopback: false });
    expect(() => loadConfig({}, { QINGSHAN_METRICS_TOKEN: 'short' })).toThrow(
      /QINGSHAN_METRICS_TOKEN: the metrics token must be 16–256 printable characters/,
    );
    expect(() => loadConfig({}, { QINGSHAN_METRICS_LOOPBACK: 'maybe' })).toThrow(
      /QINGSHAN_METRICS_LOOPBACK: "maybe" is not true or false/,
    );
  });

  it('logs JSON or pretty lines, auto by default', () => {
    expect(loadConfig({}, {}).logFormat).toBe('auto');
    expect(loadConfig({}, { QINGSHAN_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({}, { QINGSHAN_LOG_FORMAT: 'xml' })).toThrow(/QINGSHAN_LOG_FORMAT: "xml"/);
  });
});
