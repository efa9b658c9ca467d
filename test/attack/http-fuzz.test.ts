/**
 * Attack suite, HTTP half (docs/security.md §6, §8): every route in the OpenAPI document, as every
 * kind of caller, with hostile numbers, strings, nulls and shapes in its path, query and body. A 5xx
 * anywhere fails; so does an answer outside the one error envelope. Also checks the class rule
 * behind it: every numeric query parameter of every route is bounded in its schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app.js';
import type { AccessFixture, TestStore } from '../helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../helpers.js';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: Schema;
}
interface Schema {
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  $ref?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
  op: Operation;
}

/** Values an attacker tries in every slot. */
const HOSTILE_STRINGS = [
  '9223372036854775807',
  '-9223372036854775809',
  '1e308',
  '-1e308',
  'Infinity',
  'NaN',
  '-1',
  '0',
  '1.5',
  '',
  '%',
  '%E0%A4%A',
  'null',
  '[]',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE sites; --",
  '=HYPERLINK("http://x")',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  'x'.repeat(5000),
] as const;
const HOSTILE_JSON: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 63,
  1.5,
  '',
  'x'.repeat(20_000),
  [],
  {},
  [null],
  { $ref: '#' },
  '<script>alert(1)</script>',
];

/**
 * Routes left out: logout would end the caller's own session; the event stream never ends, so it
 * has its own attack test (test/attack/sse-storm.test.ts).
 */
const SKIP = new Set(['post /api/v1/auth/logout', 'get /api/v1/events']);

let t: TestStore;
let app: App;
let fx: AccessFixture;
let callers: Record<string, Record<string, string>>;
let routes: Route[];

beforeAll(async () => {
  t = await openTestStore();
  fx = await seedAccessFixture(t.store);
  app = await testApp(t.store);
  const all = await loginAll(app);
  callers = { anonymous: {}, admin: all.admin, wuxing: all.wuxing, ent1: all.ent1 };
  const doc = (await app.inject('/api/v1/openapi.json')).json<{
    paths: Record<string, Partial<Record<Method, Operation>>>;
  }>();
  routes = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = ops[method];
      if (op !== undefined && !SKIP.has(`${method} ${path}`)) routes.push({ method, path, op });
    }
  }
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const types = (s: Schema | undefined): string[] => {
  if (s === undefined) return [];
  const own = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  return [...own, ...(s.anyOf ?? []).flatMap(types)];
};
const isNumeric = (s: Schema | undefined) => types(s).some((x) => x === 'integer' || x === 'number');
const bounded = (s: Schema | undefined): boolean => {
  if (s === undefined) return true;
  if (s.anyOf !== undefined) return s.anyOf.every(bounded);
  if (!isNumeric(s)) return true;
  const low = s.minimum !== undefined || s.exclusiveMinimum !== undefined;
  const high = s.maximum !== undefined || s.exclusiveMaximum !== undefined;
  return low && high;
};

/** A plausible value for a path parameter, so that the query and body reach their handlers. */
function pathValue(name: string): string {
  if (/code/i.test(name)) return 'E1';
  if (/mn/i.test(name)) return 'MN-E1';
  if (/username/i.test(name)) return 'wuxing';
  return String(fx.readings.e1);
}

function fill(path: string, override?: { name: string; value: string }): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(override?.name === name ? override.value : pathValue(name)),
  );
}

interface Failure {
  caller: string;
  method: string;
  url: string;
  status: number;
  body: string;
}

let sent = 0;
async function send(caller: string, method: Method, url: string, payload?: unknown): Promise<Failure | null> {
  sent += 1;
  const res = await app.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers: {
      ...callers[caller],
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  const envelopeOk = (() => {
    if (res.statusCode < 400) return true;
    try {
      const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
      return typeof body.error?.code === 'string' && typeof body.error.message === 'string';
    } catch {
      return false;
    }
  })();
  if (res.statusCode >= 500 || !envelopeOk) {
    return { caller, method, url: url.slice(0, 200), status: res.statusCode, body: res.body.slice(0, 300) };
  }
  return null;
}

describe('HTTP fuzz over every route and role (no 5xx, one error envelope)', () => {
  it('bounds every numeric query and path parameter in its schema', () => {
    const unbounded = routes.flatMap((r) =>
      (r.op.parameters ?? [])
        .filter((p) => p.in !== 'header' && !bounded(p.schema))
        .map((p) => `${r.method.toUpperCase()} ${r.path} ?${p.name}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('answers hostile query and path values without a 5xx', { timeout: 300_000 }, async () => {
    const failures: Failure[] = [];
    for (const r of routes) {
      const params = (r.op.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
      for (const caller of ['admin', 'wuxing', 'ent1']) {
        for (const p of params) {
          for (const v of HOSTILE_STRINGS) {
            const url =
              p.in === 'path'
                ? fill(r.path, { name: p.name, value: v })
                : `${fill(r.path)}?${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`;
            const f = await send(caller, r.method, url, r.method === 'get' ? undefined : {});
            if (f !== null) failures.push(f);
          }
        }
      }
    }
    console.log(`query fuzz: ${sent} requests`);
    expect(failures).toEqual([]);
  });

  it('answers hostile bodies and hostile body fields without a 5xx', async () => {
    const failures: Failure[] = [];
    const withBody = routes.filter((r) => r.method !== 'get' && r.op.requestBody !== undefined);
    for (const r of withBody) {
      const schema = r.op.requestBody?.content?.['application/json']?.schema;
      const fields = Object.keys(schema?.properties ?? {});
      for (const caller of ['admin', 'ent1']) {
        for (const body of HOSTILE_JSON) {
          const f = await send(caller, r.method, fill(r.path), body);
          if (f !== null) failures.push(f);
        }
        for (const field of fields) {
          for (const v of HOSTILE_JSON) {
            const f = await send(caller, r.method, fill(r.path), { [field]: v });
            if (f !== null) failures.push(f);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers malformed paths and an over-long query string in the error envelope', async () => {
    const failures: Failure[] = [];
    for (const url of [
      '/api/v1/sites/%E0%A4%A',
      '/api/v1/%',
      `/api/v1/sites?kind=${'x'.repeat(20_000)}`,
      `/api/v1/sites?${'a=1&'.repeat(5_000)}`,
    ]) {
      const f = await send('admin', 'get', url);
      if (f !== null) failures.push(f);
    }
    expect(failures).toEqual([]);
  });
});

describe('over a real socket: what Node refuses before Fastify answers in the envelope too', () => {
  let port = 0;
  async function raw(request: string): Promise<{ status: number; body: string }> {
    if (port === 0) port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
    const { connect } = await import('node:net');
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let got = '';
      socket.on('data', (d: Buffer) => (got += d.toString('utf8')));
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = text.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), body };
  }

  it('answers a query string over the header limit with 431 in the envelope', async () => {
    const res = await raw(`GET /api/v1/sites?kind=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'headers-too-large' } });
  });

  it('answers a malformed request line with 400 in the envelope', async () => {
    const res = await raw('NOT A REQUEST\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'bad-request' } });
  });
});

describe('JSON bodies are validated exactly, not coerced', () => {
  it('refuses a number for a boolean and null for a string, naming the field', async () => {
    const h = { ...callers.admin, 'content-type': 'application/json' };
    const zero = await app.inject({
      method: 'PUT',
      url: '/api/v1/devices/MN-E1/enabled',
      headers: h,
      payload: JSON.stringify({ enabled: 0 }),
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json<{ error: { message: string } }>().error.message).toMatch(
      /body\.enabled: must be boolean/,
    );
    const nul = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: h,
      payload: JSON.stringify({
        username: 'x1',
        password: 'long-enough-pw',
        role: 'enterprise',
        enterprise: null,
      }),
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json<{ error: { message: string } }>().error.message).toMatch(
      /body\.enterprise: must be string/,
    );
  });
});
