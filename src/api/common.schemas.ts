/**
 * Shapes every domain's API shares, defined once with TypeBox: the error envelope, pages, the
 * empty answer of a 204 and typed unions of literals. Like every `*.schemas.ts` file this one
 * imports only `typebox` (and `src/standards/`), so the web can import it.
 */
import { Type } from 'typebox';
import type { TSchema } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. bad-request, not-found' }),
      message: Type.String({ description: 'What went wrong, naming the field where one is wrong' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'The error envelope' },
);

/** The shared error envelope, by reference. */
export const ErrorRefSchema = Type.Unsafe({ $ref: 'Error#' });

/**
 * The largest id a path, query or body may name: ids are 32-bit integers in PostgreSQL, so a larger
 * one is refused by the schema (400) instead of reaching the database (docs/security.md §6).
 */
export const ID_MAX = 2_147_483_647;

/** The largest list offset accepted; deeper pages are reached by narrowing the filter. */
export const OFFSET_MAX = 1_000_000;

/** A page of items with the total and the cursor of the next page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Union([Type.Integer(), Type.Null()]),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page',
    }),
  });
}

/** The response of a 204: no body. */
export const NoContentSchema = Type.Null({ description: 'Done; no body' });

/** An instant in a response: ISO 8601 UTC. */
export const InstantSchema = Type.String({ description: 'ISO 8601 UTC' });

/**
 * A union of string literals, typed as the union (TypeBox infers `never` for a union over a
 * mapped array, hence `Unsafe`).
 */
export function literalUnion<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );
}
