/**
 * The core data model shared by the store, the services, the API and the web
 * (docs/architecture.md §5). Instants are UTC `Date`s; China-local days are `YYYY-MM-DD` strings.
 */

/** The kinds of monitored place. */
export const SITE_KINDS = ['air_station', 'water_section', 'enterprise', 'outlet', 'micro_sensor'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** Reading intervals: HJ 212 real-time (2011), minute (2051), hour (2061), day (2031). */
export const READING_INTERVALS = ['rt', 'min', 'hour', 'day'] as const;
export type ReadingInterval = (typeof READING_INTERVALS)[number];

/** HJ 212 protocol editions a device may speak. */
export const PROTOCOL_VERSIONS = ['2005', '2017', '2025'] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** GB 3838-2002 water quality classes as targets (劣V is never a target). */
export const WATER_TARGET_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;
export type WaterTargetClass = (typeof WATER_TARGET_CLASSES)[number];

/** The city a Qingshan installation serves (one per database). */
export interface City {
  /** Administrative division code (GB/T 2260), e.g. "330500". */
  code: string;
  name: string;
  nameEn: string;
}

export interface District {
  /** Administrative division code (GB/T 2260), e.g. "330502". */
  code: string;
  name: string;
  nameEn: string;
  /** Code of the division it belongs to (a functional area inside a district); null at the top. */
  parentCode?: string | null;
  /** When it was retired (merged, renamed away); retired districts keep their history. */
  retiredAt?: Date | null;
}

/** A GeoJSON Polygon or MultiPolygon geometry (RFC 7946 §3.1.6–3.1.7), `[lon, lat]` positions. */
export type BoundaryGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A district's boundary as stored. */
export interface DistrictBoundary {
  code: string;
  geometry: BoundaryGeometry;
}

/** Attributes of an air station. */
export interface AirStationAttributes {
  /** Network level: national (国控), provincial (省控) or city (市控). */
  network: 'national' | 'provincial' | 'city';
}

/** Attributes of a surface-water assessment section (断面). */
export interface WaterSectionAttributes {
  waterType: 'river' | 'lake';
  targetClass: WaterTargetClass;
  /** The river or lake the section lies on. */
  waterBody: string;
  /** Basin (流域) for basin-level evaluation. */
  basin: string;
  /** Network level of the section. */
  network: 'national' | 'provincial' | 'city';
  /** Automatic station present (HJ 212 ST=21) or manual sampling only. */
  automatic: boolean;
}

/** Heavy-pollution-weather performance grades (绩效分级). */
export type PerformanceGrade = 'A' | 'B' | 'B-' | 'C' | 'D' | 'none';

/** Attributes of an enterprise. */
export interface EnterpriseAttributes {
  industry: string;
  /** GB/T 4754 industry code. */
  industryCode: string;
  performanceGrade: PerformanceGrade;
  /** Unified social credit code (统一社会信用代码); demo values are marked as such. */
  creditCode: string;
  address: string;
}

/** Attributes of a discharge outlet. */
export interface OutletAttributes {
  medium: 'gas' | 'water';
  /** Emission standard the outlet is judged by, e.g. "GB 13271-2014". */
  emissionStandard: string;
  /** Reference O2 in % for gas outlets whose standard corrects to a reference O2. */
  referenceO2Pct?: number;
  /** HJ 212-2017 parameter codes the outlet's device reports. */
  parameters: string[];
}

export type SiteAttributes =
  | AirStationAttributes
  | WaterSectionAttributes
  | EnterpriseAttributes
  | OutletAttributes
  | Record<string, unknown>;

export interface Site {
  id: number;
  kind: SiteKind;
  code: string;
  name: string;
  districtCode: string;
  longitude: number | null;
  latitude: number | null;
  /** Parent site id (an outlet's enterprise). */
  parentId: number | null;
  attributes: Record<string, unknown>;
  /** True for demo data. */
  demo: boolean;
  /** When it was retired (closed, merged); retired sites keep their history and leave the lists. */
  retiredAt?: Date | null;
}

export interface Device {
  id: number;
  /** HJ 212 device identifier (MN). */
  mn: string;
  siteId: number;
  protocol: ProtocolVersion;
  enabled: boolean;
  lastSeenAt: Date | null;
  /** Allowed peer addresses; empty means any. */
  allowedAddresses: string[];
}

/** A measured value as received. Never changed once stored. */
export interface Reading {
  siteId: number;
  /** HJ 212-2017 parameter code (the canonical name), e.g. "a34004" (PM2.5). */
  parameter: string;
  interval: ReadingInterval;
  /** Start of the period (UTC instant). */
  periodStart: Date;
  /** The value (Rtd or Avg); null when the device sent none. */
  value: number | null;
  /** The value's original decimal text, kept exactly. */
  valueText: string | null;
  min: number | null;
  max: number | null;
  /** Cumulative amount (Cou) for the period. */
  cumulative: number | null;
  /** HJ 212 data flag (N, F, M, S, D, C, T, B, ...). */
  flag: string | null;
  /** Where it came from: "hj212", "http", "mqtt", "csv:<file>", "sim". */
  source: string;
  receivedAt: Date;
}

/** A reading as stored, with its id. */
export interface StoredReading extends Reading {
  id: number;
}

/** A correction to a reading (数据审核): a new value or flag, or a mark of invalidity, with who and why. */
export interface Correction {
  id: number;
  readingId: number;
  /** Corrected value; null with `invalid` true marks the reading invalid. */
  value: number | null;
  flag: string | null;
  invalid: boolean;
  reason: string;
  correctedBy: string;
  correctedAt: Date;
}

/** Outcome of a packet received on the HJ 212 listener. */
export type PacketOutcome = 'accepted' | 'duplicate' | 'rejected';

export interface PacketLogEntry {
  id: number;
  receivedAt: Date;
  peer: string | null;
  mn: string | null;
  qn: string | null;
  cn: string | null;
  outcome: PacketOutcome;
  /** Stable rejection code (HJ212_BAD_CRC, ...) or note. */
  code: string | null;
  reason: string | null;
  /** The raw frame, as text (secrets such as PW are masked before it is stored). */
  raw: string;
}

export const USER_ROLES = ['admin', 'supervisor', 'district', 'enterprise', 'operator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface User {
  id: number;
  username: string;
  role: UserRole;
  districtCode: string | null;
  enterpriseSiteId: number | null;
  enabled: boolean;
  createdAt: Date;
  /** An account made by `qingshan demo`; it cannot log in when the database is run with `serve`. */
  demo: boolean;
}
