/**
 * How requests are validated against their TypeBox schemas (docs/security.md §6, §8). Path, query
 * and headers arrive as text and are coerced to the schema's types; a JSON body is taken exactly as
 * sent, so `{"enabled": 0}` or `{"enterprise": null}` is refused naming the field instead of
 * becoming `false` or `""`. Ajv skips `minimum`/`maximum` for a non-finite number, so `?offset=Infinity`
 * or a body's `1e400` would pass every bound: any non-finite number is refused here, naming its field.
 */
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const AJV_OPTIONS = {
  useDefaults: true,
  removeAdditional: false,
  allErrors: true,
  addUsedSchema: false,
} as const;

/** The JSON pointer of the first non-finite number in a value, or null when there is none. */
export function nonFinitePath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const found = nonFinitePath(inner, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

type Validator = ValidateFunction & { schemaEnv?: unknown };

/** An Ajv validator that also refuses non-finite numbers, in Ajv's own error shape. */
function finiteOnly(validate: Validator): Validator {
  const wrapped = ((data: unknown, ctx?: unknown) => {
    const ok = (validate as (d: unknown, c?: unknown) => boolean)(data, ctx);
    if (!ok) {
      wrapped.errors = validate.errors ?? null;
      return false;
    }
    const at = nonFinitePath(data);
    if (at !== null) {
      const problem: ErrorObject = {
        instancePath: at,
        schemaPath: '#/finite',
        keyword: 'finite',
        params: {},
        message: 'must be a finite number',
      };
      wrapped.errors = [problem];
      return false;
    }
    wrapped.errors = null;
    return true;
  }) as Validator;
  // Fastify passes the parent object only to a function that looks like Ajv's, so that coercion
  // of a whole request part still works.
  wrapped.schemaEnv = validate.schemaEnv;
  return wrapped;
}

/** The validator compiler of the app: coercing for text parts, exact for JSON bodies. */
export function requestValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const addFormats = ajvFormats.default;
  const coercing = addFormats(new Ajv({ ...AJV_OPTIONS, coerceTypes: 'array' }));
  const exact = addFormats(new Ajv({ ...AJV_OPTIONS, coerceTypes: false }));
  return ({ schema, httpPart }) =>
    finiteOnly((httpPart === 'body' ? exact : coercing).compile(schema as AnySchema) as Validator);
}
