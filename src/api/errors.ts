/**
 * The one error envelope of the HTTP API (docs/conventions.md §6): `{ "error": { "code", "message", "details"? } }`
 * with the status that fits (400 bad input, 401 not logged in, 403 not allowed, 404, 409 wrong state).
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../errors.js';
import { DomainError, ERROR_STATUS } from '../errors.js';

export type { ErrorCode } from '../errors.js';
export const ERROR_CODES = ERROR_STATUS;

/** An error a route handler throws to answer with the envelope: a domain error of the HTTP edge. */
export class ApiError extends DomainError {}

export const notFound = (what: string): ApiError => new ApiError('not-found', `${what} not found`);
export const badRequest = (message: string, details?: unknown): ApiError =>
  new ApiError('bad-request', message, details);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** One field that failed validation, named as the client sent it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

function fieldProblems(err: FastifyError): FieldProblem[] {
  const where = err.validationContext ?? 'request';
  return (err.validation ?? []).map((v) => {
    const missing =
      v.keyword === 'required' && typeof v.params.missingProperty === 'string'
        ? `/${v.params.missingProperty}`
        : '';
    const path = `${v.instancePath}${missing}`.replace(/^\//, '').replace(/\//g, '.');
    return { field: path === '' ? where : `${where}.${path}`, problem: v.message ?? v.keyword };
  });
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 408:
      return 'request-timeout';
    case 413:
      return 'payload-too-large';
    case 431:
      return 'headers-too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'too-many-requests';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'bad-request';
  }
}

/** Installs the error and not-found handlers that answer every failure with the envelope. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, request, reply) => {
    if (err instanceof DomainError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const problems = fieldProblems(fe);
      const summary = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
      return reply.status(400).send(errorBody('bad-request', `invalid input — ${summary}`, problems));
    }
    // Fastify's own errors (body too large, bad JSON, …) carry their status; anything else that
    // reaches here without one is a programming error: a 500 with its stack in the log.
    const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply
        .status(status)
        .send(errorBody(codeForStatus(status), 'internal error; see the server log'));
    }
    return reply.status(status).send(errorBody(codeForStatus(status), err.message));
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send(errorBody('not-found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (a header or request line over
 * the size limit, a malformed request, a timeout) in the error envelope, then closes the connection.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'request line or headers too large (the query string counts): shorten them'
      : status === 408
        ? 'request not completed in time'
        : 'malformed HTTP request';
  const body = JSON.stringify(errorBody(codeForStatus(status), message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
