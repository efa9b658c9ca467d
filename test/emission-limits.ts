/** Shared helper of the emission-limit tests (src/standards/emission/): rows as `parameter/averaging → value`. */
import type { EmissionLimit } from '../src/standards/emission/index.js';

/** `{ 'a21026/hour': 35, … }` of the rows, for comparing a lookup with a table of the standard. */
export const values = (rows: readonly EmissionLimit[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [`${r.parameter}/${r.averaging}`, r.value]));
