/** Shapes of the operations routes: readiness (GET /api/v1/ready). */
import { Type } from 'typebox';
import type { Static } from 'typebox';

export const ReadinessSchema = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Array(
    Type.Object({
      name: Type.Union([
        Type.Literal('store'),
        Type.Literal('migrations'),
        Type.Literal('ingest'),
        Type.Literal('ingest_queue'),
        Type.Literal('alarm_lag'),
      ]),
      ok: Type.Boolean(),
      detail: Type.String(),
    }),
  ),
});
export type ReadinessDto = Static<typeof ReadinessSchema>;

export const MetricsTextSchema = Type.String({ description: 'Prometheus text exposition format 0.0.4' });
