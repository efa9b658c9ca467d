import { BadInputError } from '../errors.js';

/** A page of a longer list. `total` is the count of all matches; `nextCursor` fetches the next page. */
export interface Page<T> {
  items: T[];
  total: number | null;
  nextCursor: string | null;
}

/** Default and maximum page sizes for list endpoints. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Clamps a requested page size into 1..MAX_PAGE_SIZE. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(limit)));
}

/** Encodes a keyset cursor (opaque to clients). */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a keyset cursor; throws a RangeError naming the cursor when it is not one of ours. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === arity &&
      parts.every((p) => typeof p === 'string' || typeof p === 'number')
    ) {
      return parts;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(`cursor "${cursor}" is not a cursor this server issued`);
}
