/**
 * The API's shapes, inferred on the server from its TypeBox schemas and only re-exported here:
 * the web never redefines what the server sends.
 */
import type { Static } from 'typebox';
import type {
  AttachmentSchema,
  CaseDetailSchema,
  CaseSchema,
  ExtensionDecisionBodySchema,
  ExtensionRequestBodySchema,
  FiguresSchema,
  TransitionBodySchema,
} from '@server/api/case.schemas.js';
import type { DeviceSchema } from '@server/api/device.routes.js';
import type { LimitSchema } from '@server/api/limit.schemas.js';
import type { IngestStatsSchema, PacketLogSchema } from '@server/api/packet.routes.js';
import type { ReadingSchema } from '@server/api/reading.routes.js';
import type { PageSchema } from '@server/api/schemas.js';

export type { AlarmDto, AlarmEventDto } from '@server/api/alarm.schemas.js';
export type { DistrictDto, HealthDto, SiteDto, UserDto } from '@server/api/schemas.js';
export type { UserRole, SiteKind, ReadingInterval } from '@server/store/types.js';

export type ReadingDto = Static<typeof ReadingSchema>;
export type DeviceDto = Static<typeof DeviceSchema>;
export type PacketLogDto = Static<typeof PacketLogSchema>;
export type IngestStatsDto = Static<typeof IngestStatsSchema>;

/** A page of items as every list endpoint returns it (`PageSchema` on the server). */
export type Page<T> = Omit<Static<ReturnType<typeof PageSchema>>, 'items'> & { items: T[] };

export type CaseDto = Static<typeof CaseSchema>;
export type CaseDetailDto = Static<typeof CaseDetailSchema>;
export type CaseFiguresDto = Static<typeof FiguresSchema>;
export type CaseTransitionBody = Static<typeof TransitionBodySchema>;
export type AttachmentDto = Static<typeof AttachmentSchema>;
export type ExtensionRequestBody = Static<typeof ExtensionRequestBodySchema>;
export type ExtensionDecisionBody = Static<typeof ExtensionDecisionBodySchema>;

/** One emission-limit row of an outlet (`LimitSchema`). */
export type LimitDto = Static<typeof LimitSchema>;
