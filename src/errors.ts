/**
 * The one family of domain errors (docs/conventions.md, "Errors"): every error that a person's input
 * or the state of a record can cause carries a stable machine code and the HTTP status it answers
 * with. The HTTP error handler maps this family once; anything else that escapes a handler (a bare
 * RangeError, TypeError, …) is a programming error: logged with its stack and answered with 500.
 *
 * Pure: the calculators in `standards/` and the codec in `hj212/` may throw these too.
 */

/** Stable error codes and the HTTP status each one answers with. */
export const ERROR_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'request-timeout': 408,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  'headers-too-large': 431,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Base of every domain error. Subclasses fix the code (or take one) and may add `details`, which
 * reach the client in the error envelope: never put a secret there.
 */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_STATUS[code];
  }
}

/** Input that cannot be used, naming what is wrong (400). */
export class BadInputError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('bad-request', message, details);
  }
}

/** A thing that does not exist, or that the caller may not see (404). */
export class NotFoundError extends DomainError {
  constructor(what: string, details?: unknown) {
    super('not-found', `${what} not found`, details);
  }
}

/** The caller's role may not do this (403). */
export class ForbiddenError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('forbidden', message, details);
  }
}

/** The record is in a state that does not allow this (409). */
export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
