/** The case API's vocabularies are the case module's own lists, word for word and in order. */
import { describe, expect, it } from 'vitest';
import type { TSchema } from 'typebox';
import { FIGURE_DIMENSIONS } from '../cases/case-figures.js';
import {
  CASE_CATEGORIES,
  CASE_SOURCES,
  CASE_STATES,
  CASE_SUBJECT_TYPES,
  ESCALATION_LEVELS,
} from '../cases/case-machine.js';
import {
  CaseCategorySchema,
  CaseSourceSchema,
  CaseStateSchema,
  CaseSubjectTypeSchema,
  EscalationSchema,
  FigureDimensionSchema,
} from './case.schemas.js';

/** The literals of a union of literals, in order. */
function literalsOf(schema: TSchema): unknown[] {
  return (schema as unknown as { anyOf: { const: unknown }[] }).anyOf.map((s) => s.const);
}

describe('case API vocabularies', () => {
  it.each([
    ['states', CaseStateSchema, CASE_STATES],
    ['sources', CaseSourceSchema, CASE_SOURCES],
    ['categories', CaseCategorySchema, CASE_CATEGORIES],
    ['subject types', CaseSubjectTypeSchema, CASE_SUBJECT_TYPES],
    ['escalation levels', EscalationSchema, ESCALATION_LEVELS],
    ['figure dimensions', FigureDimensionSchema, FIGURE_DIMENSIONS],
  ] as const)('%s', (_name, schema, values) => {
    expect(literalsOf(schema)).toEqual([...values]);
  });
});
