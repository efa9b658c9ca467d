/** Data review (数据审核): corrections of readings, which never change the reading itself. */
import type { Correction, CorrectionHistory } from '../monitor/correction.service.js';
import type { App, AppContext } from './app.js';
import { principalOf } from './auth.hook.js';
import { DATA_REVIEW_ROLES } from './auth.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';
import type { CorrectionDto, CorrectionListDto } from './correction.schemas.js';
import {
  CorrectionBodySchema,
  CorrectionListSchema,
  CorrectionSchema,
  ReadingParamsSchema,
} from './correction.schemas.js';

/** A correction body is a value, a flag and a reason. */
const CORRECTION_BODY_LIMIT_BYTES = 8 * 1024;

function correctionDto(c: Correction): CorrectionDto {
  return { ...c, correctedAt: c.correctedAt.toISOString() };
}

function historyDto({ reading, site, corrections }: CorrectionHistory): CorrectionListDto {
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
}

export function registerCorrectionRoutes(app: App, ctx: AppContext): void {
  const { corrections } = ctx.services;

  app.get(
    '/api/v1/readings/:id/corrections',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        summary: 'A reading as received and every correction of it, oldest first, with who and when',
        params: ReadingParamsSchema,
        response: { 200: CorrectionListSchema, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => historyDto(await corrections.history(principalOf(request), request.params.id)),
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
        params: ReadingParamsSchema,
        body: CorrectionBodySchema,
        response: { 201: CorrectionSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const correction = await corrections.correct(
        principalOf(request),
        request.params.id,
        request.body,
        request.ip,
      );
      return reply.status(201).send(correctionDto(correction));
    },
  );
}
