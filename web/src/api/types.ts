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
import type { PageSchema } from '@server/api/common.schemas.js';
import type { LimitSchema } from '@server/api/limit.schemas.js';

export type { AlarmDto, AlarmEventDto } from '@server/api/alarm.schemas.js';
export type {
  AirEvaluationDto,
  AirLatestDto,
  AirRankingDto,
  AirRealtimeEntryDto,
  AirSeriesDto,
  AqiViewDto,
} from '@server/api/air.schemas.js';
export type { DeviceDto } from '@server/api/device.schemas.js';
export type { HealthDto } from '@server/api/health.schemas.js';
export type { IngestStatsDto, PacketLogDto } from '@server/api/packet.schemas.js';
export type { ReadingDto, ReadingInterval } from '@server/api/reading.schemas.js';
export type { DistrictDto, SiteDto, SiteKind } from '@server/api/site.schemas.js';
export type { UserDto, UserRole } from '@server/api/user.schemas.js';

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
export type { CityDistrictDto, CityDto } from '@server/api/city.schemas.js';
