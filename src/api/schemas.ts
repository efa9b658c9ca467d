/**
 * The shared shapes that route files of other domains still import from here. Each domain's
 * shapes live in `src/api/<domain>.schemas.ts`, the shared ones in `common.schemas.ts`; import
 * from those.
 */
export { ErrorRefSchema, ErrorSchema, PageSchema } from './common.schemas.js';
