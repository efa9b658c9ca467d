/**
 * Operations: GET /api/v1/ready (readiness, 503 when not ready) and GET /metrics (Prometheus; only
 * to the configured token or to loopback callers, docs/operations.md §5).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { MetricsAccess } from '../config/config.js';
import { ForbiddenError } from '../errors.js';
import type { App, AppContext } from './app.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import { MetricsTextSchema, ReadinessSchema } from './ops.schemas.js';

/** Loopback addresses, IPv4-mapped ones included. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether this caller may scrape /metrics; the socket's address, never a forwarded header. */
export function mayScrape(request: FastifyRequest, access: MetricsAccess): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (access.token !== null && m?.[1] !== undefined && sameSecret(m[1], access.token)) return true;
  return access.loopback && isLoopback(request.socket.remoteAddress);
}

export function registerOpsRoutes(app: App, ctx: AppContext): void {
  const { readiness, metrics } = ctx.services;
  const access = ctx.metricsAccess ?? { token: null, loopback: true };

  app.get(
    '/api/v1/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether this process should get traffic: store, schema, HJ 212 listener, queues',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (_request, reply) => {
      const report = await readiness.report(ctx.ingest);
      return reply.status(report.ready ? 200 : 503).send(report);
    },
  );

  app.get(
    '/metrics',
    {
      // Public to the login check; the handler admits only the metrics token or loopback.
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (the metrics token, or loopback callers only)',
        response: { 200: MetricsTextSchema, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      if (!mayScrape(request, access)) {
        throw new ForbiddenError(
          access.token === null
            ? 'metrics are served to loopback callers only'
            : 'send Authorization: Bearer <QINGSHAN_METRICS_TOKEN> to read the metrics',
        );
      }
      const { contentType, text } = await metrics.scrape();
      return reply.type(contentType).send(text);
    },
  );
}
