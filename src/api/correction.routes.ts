import { Type } from 'typebox';
import { DATA_REVIEW_ROLES } from '../auth/access.js';
import type { Principal } from '../auth/access.js';
import { scopeOf, siteInScope } from '../auth/scope.js';
import type { Correction, Site, StoredReading } from '../store/types.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { notFound } from './errors.js';
import { ErrorRefSchema as ErrorRef } from './schemas.js';

/** A correction body is a value, a flag and a reason. */
const CORRECTION_BODY_LIMIT_BYTES = 8 * 1024;

export const CorrectionSchema = Type.Object({
  id: Type.Integer(),
  readingId: Type.Integer(),
  value: Type.Union([Type.Number(), Type.Null()], {
    description: 'Corrected value; null when marked invalid',
  }),
  flag: Type.Union([Type.String(), Type.Null()], { description: 'Corrected HJ 212 data flag' }),
  invalid: Type.Boolean(),
  reason: Type.String(),
  correctedBy: Type.String({ description: 'Username' }),
  correctedAt: Type.String({ description: 'ISO 8601 UTC' }),
});

const OriginalReadingSchema = Type.Object({
  id: Type.Integer(),
  siteCode: Type.String(),
  parameter: Type.String(),
  interval: Type.String(),
  periodStart: Type.String({ description: 'ISO 8601 UTC' }),
  value: Type.Union([Type.Number(), Type.Null()], { description: 'As received; never changed' }),
  valueText: Type.Union([Type.String(), Type.Null()]),
  flag: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  receivedAt: Type.String(),
});

function correctionDto(c: Correction) {
  return { ...c, correctedAt: c.correctedAt.toISOString() };
}

const ReadingParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Reading id' }) });

/** Data review (数据审核): corrections of readings, which never change the reading itself. */
export function registerCorrectionRoutes(app: App, ctx: AppContext): void {
  const { store, audit, clock } = ctx;

  /** The reading and its site when the caller may see them; 404 otherwise (as if absent). */
  async function visibleReading(
    principal: Principal,
    id: number,
  ): Promise<{ reading: StoredReading; site: Site }> {
    const reading = await store.readings.getById(id);
    const site = reading === null ? null : await store.sites.getById(reading.siteId);
    if (reading === null || site === null || !siteInScope(await scopeOf(principal, store), site)) {
      throw notFound(`reading ${id}`);
    }
    return { reading, site };
  }

  app.get(
    '/api/v1/readings/:id/corrections',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        summary: 'A reading as received and every correction of it, oldest first, with who and when',
        params: ReadingParams,
        response: {
          200: Type.Object({ reading: OriginalReadingSchema, items: Type.Array(CorrectionSchema) }),
          401: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => {
      const { reading, site } = await visibleReading(principalOf(request), request.params.id);
      const corrections = await store.corrections.listForReading(reading.id);
      return {
        reading: {
          id: reading.id,
          siteCode: site.code,
          parameter: reading.parameter,
          interval: reading.interval,
          periodStart: reading.periodStart.toISOString(),
          value: reading.value,
          valueText: reading.valueText,
          flag: reading.flag,
          source: reading.source,
          receivedAt: reading.receivedAt.toISOString(),
        },
        items: corrections.map(correctionDto),
      };
    },
  );

  app.post(
    '/api/v1/readings/:id/corrections',
    {
      config: { access: DATA_REVIEW_ROLES },
      bodyLimit: CORRECTION_BODY_LIMIT_BYTES,
      schema: {
        tags: ['readings'],
        summary:
          'Correct a reading or mark it invalid, with a reason (the newest correction is in force; audited)',
        params: ReadingParams,
        body: Type.Object(
          {
            value: Type.Optional(
              Type.Union([Type.Number(), Type.Null()], { description: 'The corrected value' }),
            ),
            flag: Type.Optional(
              Type.String({ pattern: '^[A-Za-z]{1,2}$', description: 'The corrected HJ 212 data flag' }),
            ),
            invalid: Type.Optional(Type.Boolean({ description: 'true marks the reading invalid' })),
            reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (kept for ever)' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: CorrectionSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { reading, site } = await visibleReading(principal, request.params.id);
      const correction = await store.corrections.add({
        readingId: reading.id,
        value: request.body.value,
        flag: request.body.flag,
        invalid: request.body.invalid,
        reason: request.body.reason,
        correctedBy: principal.username,
        correctedAt: clock.now(),
      });
      await audit.record({
        action: 'reading.corrected',
        actor: actorOf(principal),
        target: { type: 'reading', id: reading.id },
        details: {
          correctionId: correction.id,
          siteCode: site.code,
          parameter: reading.parameter,
          interval: reading.interval,
          periodStart: reading.periodStart.toISOString(),
          original: { value: reading.value, flag: reading.flag },
          corrected: { value: correction.value, flag: correction.flag, invalid: correction.invalid },
          reason: correction.reason,
        },
        address: request.ip,
      });
      return reply.status(201).send(correctionDto(correction));
    },
  );
}
